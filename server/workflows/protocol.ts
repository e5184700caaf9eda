import { z } from "zod";
import { canonicalJson, isJsonObject, toJson, type JsonObject, type JsonValue } from "./json";
import { signatureHeader } from "./signing";

/**
 * The Inngest SDK protocol as an Inngest server speaks it
 * (inngest/inngest docs/SDK_SPEC.md): an in-band sync (PUT) that returns the
 * app's function configuration, and call requests (POST ?fnId&stepId) whose
 * 206 answers list the next operations.
 */

/** The serve handler: the same one /api/inngest exports, called in-process, or a fetch to that route. */
export type ServeHandler = (request: Request) => Promise<Response>;

export type WorkflowError = {
  name: string;
  message: string;
  stack?: string;
};

/** Memoised step results as the SDK expects them in `steps`. */
export type StepResult = { data: JsonValue } | { error: WorkflowError };

// ---------------------------------------------------------------------------
// Sync: the function configuration

const concurrencyOption = z.looseObject({
  limit: z.number().int().nonnegative(),
  key: z.string().optional(),
  scope: z.enum(["fn", "env", "account"]).optional(),
});

const functionConfigSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z
    .array(z.union([z.looseObject({ event: z.string().min(1), expression: z.string().optional() }), z.looseObject({ cron: z.string().min(1) })]))
    .default([]),
  steps: z.record(z.string(), z.looseObject({ retries: z.looseObject({ attempts: z.number().int().nonnegative().optional() }).optional() })).default({}),
  idempotency: z.string().optional(),
  concurrency: z.union([z.number().int().nonnegative(), concurrencyOption, z.array(concurrencyOption)]).optional(),
  cancel: z.array(z.looseObject({ event: z.string().min(1), if: z.string().optional(), timeout: z.string().optional() })).optional(),
});

const syncResponseSchema = z.looseObject({ app_id: z.string(), functions: z.array(functionConfigSchema) });

/** Options the SDK reports that the embedded executor does not implement; a function using them still runs, without them. */
const unsupportedOptions = ["batchEvents", "rateLimit", "throttle", "debounce", "priority", "timeouts", "singleton"] as const;

export interface ConcurrencyLimit {
  limit: number;
  key?: string;
  scope: "fn" | "env" | "account";
}

export interface RegisteredFunction {
  /** Composite id, "<app>-<function>". */
  id: string;
  name: string;
  events: { event: string; expression?: string }[];
  crons: string[];
  /** retries + 1, as the SDK counts attempts. */
  maxAttempts: number;
  idempotency?: string;
  concurrency: ConcurrencyLimit[];
  cancel: { event: string; if?: string; timeout?: string }[];
  unsupported: string[];
}

export interface AppRegistry {
  appId: string;
  functions: Map<string, RegisteredFunction>;
}

/** The SDK's default: 3 retries, 4 attempts. */
const defaultRetries = 3;

export function toRegisteredFunction(raw: z.infer<typeof functionConfigSchema>): RegisteredFunction {
  const concurrency = raw.concurrency === undefined ? [] : typeof raw.concurrency === "number" ? [{ limit: raw.concurrency }] : [raw.concurrency].flat();
  const retries = Object.values(raw.steps)[0]?.retries?.attempts ?? defaultRetries;
  return {
    id: raw.id,
    name: raw.name ?? raw.id,
    events: raw.triggers.flatMap((t) =>
      typeof t.event === "string" ? [{ event: t.event, ...(typeof t.expression === "string" && t.expression ? { expression: t.expression } : {}) }] : [],
    ),
    crons: raw.triggers.flatMap((t) => (typeof t.cron === "string" ? [t.cron] : [])),
    maxAttempts: retries + 1,
    ...(raw.idempotency ? { idempotency: raw.idempotency } : {}),
    concurrency: concurrency.filter((c) => c.limit > 0).map((c) => ({ limit: c.limit, ...(c.key ? { key: c.key } : {}), scope: c.scope ?? "fn" })),
    cancel: (raw.cancel ?? []).map((c) => ({ event: c.event, ...(c.if ? { if: c.if } : {}), ...(c.timeout ? { timeout: c.timeout } : {}) })),
    unsupported: unsupportedOptions.filter((key) => raw[key] !== undefined && raw[key] !== null),
  };
}

export function signedRequest(url: URL, method: "PUT" | "POST", body: unknown, signingKey: string, headers: Record<string, string> = {}): Request {
  const text = canonicalJson(body);
  return new Request(url, {
    method,
    body: text,
    headers: {
      // As over HTTP; some serve adapters build the URL from it.
      host: url.host,
      "content-type": "application/json",
      "x-inngest-signature": signatureHeader(text, signingKey),
      "x-inngest-server-kind": "cloud",
      ...headers,
    },
  });
}

/** In-band sync: the handler answers with the app's functions, as it would to an Inngest server. */
export async function syncApp(handler: ServeHandler, serveUrl: URL, signingKey: string): Promise<AppRegistry> {
  const response = await handler(signedRequest(serveUrl, "PUT", { url: serveUrl.href }, signingKey, { "x-inngest-sync-kind": "in_band" }));
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`The serve handler refused the sync (${response.status}): ${text.slice(0, 300)}. Is its client built with embeddedClientOptions()?`);
  }
  const parsed = syncResponseSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`The serve handler's sync answer is not an in-band sync: ${parsed.error.message}`);
  return {
    appId: parsed.data.app_id,
    functions: new Map(parsed.data.functions.map((f) => [f.id, toRegisteredFunction(f)])),
  };
}

// ---------------------------------------------------------------------------
// Calls

export interface CallInput {
  functionId: string;
  /** "step" to let the SDK choose, or a planned step's hashed id. */
  stepId: string;
  event: JsonObject;
  steps: Record<string, StepResult>;
  runId: string;
  attempt: number;
  maxAttempts: number;
  disableImmediateExecution: boolean;
  stack: string[];
}

export function callRequest(serveUrl: URL, input: CallInput, signingKey: string): Request {
  const url = new URL(serveUrl);
  url.searchParams.set("fnId", input.functionId);
  url.searchParams.set("stepId", input.stepId);
  const body = {
    event: input.event,
    events: [input.event],
    steps: input.steps,
    ctx: {
      run_id: input.runId,
      attempt: input.attempt,
      max_attempts: input.maxAttempts,
      disable_immediate_execution: input.disableImmediateExecution,
      use_api: false,
      stack: { stack: input.stack, current: input.stack.length },
    },
  };
  return signedRequest(url, "POST", body, signingKey);
}

const opSchema = z.looseObject({
  id: z.string().min(1),
  op: z.string().min(1),
  name: z.string().optional(),
  displayName: z.string().optional(),
  opts: z.record(z.string(), z.unknown()).nullish(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
});
export type Op = z.infer<typeof opSchema>;

export type CallOutcome =
  | { kind: "ops"; ops: Op[] }
  | { kind: "complete"; data: JsonValue }
  | { kind: "error"; error: WorkflowError; retriable: boolean; retryAt?: string };

export function toWorkflowError(value: unknown, fallback = "Unknown error"): WorkflowError {
  if (value instanceof Error) return { name: value.name, message: value.message, ...(value.stack ? { stack: value.stack } : {}) };
  if (isJsonObject(toJson(value))) {
    const v = value as Record<string, unknown>;
    const message = typeof v.message === "string" ? v.message : typeof v.error === "string" ? v.error : fallback;
    return {
      name: typeof v.name === "string" && v.name ? v.name : "Error",
      message,
      ...(typeof v.stack === "string" && v.stack ? { stack: v.stack } : {}),
    };
  }
  return { name: "Error", message: typeof value === "string" ? value : fallback };
}

/** What a call's answer means, per SDK_SPEC 4.4.3 and 5.1. */
export async function readCallResponse(response: Response): Promise<CallOutcome> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { message: text.slice(0, 500) };
  }
  if (response.status === 206) {
    const ops = z.array(opSchema).safeParse(Array.isArray(body) ? body : [body]);
    if (ops.success) return { kind: "ops", ops: ops.data };
    return { kind: "error", retriable: true, error: { name: "ProtocolError", message: `Unreadable 206 answer from the serve handler: ${ops.error.message}` } };
  }
  if (response.status === 200) return { kind: "complete", data: toJson(body) };
  const noRetry = response.headers.get("x-inngest-no-retry") === "true";
  const retryAt = response.headers.get("retry-after") ?? undefined;
  const error = toWorkflowError(body, `The serve handler answered ${response.status}.`);
  return { kind: "error", error, retriable: !noRetry, ...(retryAt ? { retryAt } : {}) };
}
