import { streamText, type ModelMessage, type UIMessageChunk } from "ai";
import { AppError } from "@/lib/errors";
import { tutorStoppedMessage, type TutorMessageMetadata } from "@/lib/schemas/tutor";
import { describeProviderError } from "./provider-errors";
import type { ResolvedModel } from "./registry";

/**
 * One tutor reply: the AI SDK's streamText turned into a UI message stream
 * for `useChat`, plus a record of how the turn went for the transcript and
 * the token meter. Framework-free; the service saves, the route serves.
 *
 * The model is read by this module, not by the HTTP response: the client
 * reading slowly (or not at all) never holds up the model, and the outcome
 * is settled (saved by `onSettled`) before the stream's last chunk, so a
 * client that sees "finish" and reloads the transcript finds the reply.
 *
 * When the client goes away (Stop, a closed tab) the model call is aborted
 * rather than left running unseen, and what it had written so far is still
 * settled, marked as stopped.
 */

export type TutorReplyOutcome = "complete" | "stopped" | "failed";

export interface TutorReply {
  outcome: TutorReplyOutcome;
  /** What the model wrote (all of it, or up to the failure or stop). */
  text: string;
  /** The model that answered as the provider names it, else the registry's id. */
  modelId: string;
  /** Known only when the model finished; null after a failure or a stop. */
  inputTokens: number | null;
  outputTokens: number | null;
  /** From the call to the end of the reply. */
  latencyMs: number;
  /** From the call to the first text; null when no text came. */
  firstTokenMs: number | null;
  /** For "failed" and "stopped": the message the learner is shown. */
  error: AppError | null;
  /** For "failed": whether trying again later may help. */
  transient: boolean;
}

export type TutorModel = Pick<ResolvedModel, "model" | "id" | "provider" | "baseURL">;

export interface StreamTutorReplyOptions {
  model: TutorModel;
  /** The system prompt (prompts/tutor.ts). */
  instructions: string;
  /** The conversation so far, ending with the learner's new message. */
  messages: ModelMessage[];
  /** The id the assistant message gets on the client (and in storage). */
  messageId: string;
  /** Aborts the model call, e.g. the HTTP request's signal. */
  abortSignal?: AbortSignal;
  /** Retries of failures before the first chunk (the AI SDK's; default 2). */
  maxRetries?: number;
  /** The whole reply must finish within this; default 2 minutes. */
  timeoutMs?: number;
  /** Milliseconds, for latency; default performance.now. */
  now?: () => number;
  /** Saves the turn; runs once, before the stream ends. Its failure is logged, not shown as the model's. */
  onSettled: (reply: TutorReply) => Promise<TutorMessageMetadata | void>;
}

export const tutorReplyTimeoutMs = 120_000;
export const stoppedMessage = tutorStoppedMessage;
export const emptyReplyMessage = (modelId: string) => `The AI model ${modelId} returned an empty answer; try asking again, perhaps in other words.`;

export type TutorUIMessageChunk = UIMessageChunk<TutorMessageMetadata>;

export interface TutorReplyStream {
  /** UI message chunks for `createUIMessageStreamResponse`. */
  stream: ReadableStream<TutorUIMessageChunk>;
  /** Resolves once the turn is settled (saved), whether or not anyone reads `stream`. */
  settled: Promise<TutorReply>;
}

export function streamTutorReply(options: StreamTutorReplyOptions): TutorReplyStream {
  const now = options.now ?? (() => performance.now());
  const abort = new AbortController();
  const external = options.abortSignal;
  if (external?.aborted) abort.abort(external.reason);
  else external?.addEventListener("abort", () => abort.abort(external.reason), { once: true });

  let out: ReadableStreamDefaultController<TutorUIMessageChunk> | undefined;
  let open = true;
  const stream = new ReadableStream<TutorUIMessageChunk>({
    start(controller) {
      out = controller;
    },
    cancel(reason) {
      open = false;
      abort.abort(reason);
    },
  });
  const emit = (chunk: TutorUIMessageChunk) => {
    if (!open || !out) return;
    try {
      out.enqueue(chunk);
    } catch {
      open = false;
    }
  };
  const close = () => {
    if (!open || !out) return;
    open = false;
    try {
      out.close();
    } catch {
      // Already closed by a cancel.
    }
  };

  const settled = (async (): Promise<TutorReply> => {
    emit({ type: "start", messageId: options.messageId, messageMetadata: { model: options.model.id } });
    const reply = await runModel(options, abort.signal, now, (delta, first) => {
      if (first) emit({ type: "text-start", id: "text" });
      emit({ type: "text-delta", id: "text", delta });
    });
    if (reply.text) emit({ type: "text-end", id: "text" });

    let metadata: TutorMessageMetadata = { model: reply.modelId, latencyMs: reply.latencyMs };
    try {
      metadata = { ...metadata, ...((await options.onSettled(reply)) ?? {}) };
    } catch (error) {
      console.error("[tutor] The reply could not be saved.", error);
    }

    if (reply.outcome === "failed" && reply.error) {
      emit({ type: "error", errorText: reply.error.message });
    } else if (reply.outcome === "complete") {
      emit({ type: "finish", finishReason: "stop", messageMetadata: metadata });
    }
    close();
    return reply;
  })();

  return { stream, settled };
}

async function runModel(
  options: StreamTutorReplyOptions,
  signal: AbortSignal,
  now: () => number,
  onText: (delta: string, first: boolean) => void,
): Promise<TutorReply> {
  const { model } = options;
  const started = now();
  let text = "";
  let firstTokenMs: number | null = null;
  let modelId = model.id;
  let usage: { inputTokens: number | undefined; outputTokens: number | undefined } | null = null;
  let failure: unknown;
  let hasFailure = false;

  const fail = (error: unknown) => {
    if (hasFailure) return;
    hasFailure = true;
    failure = error;
  };

  try {
    const result = streamText({
      model: model.model,
      instructions: options.instructions,
      messages: options.messages,
      abortSignal: signal,
      maxRetries: options.maxRetries,
      timeout: options.timeoutMs ?? tutorReplyTimeoutMs,
      // Errors arrive as stream parts below; this only stops the SDK logging them a second time.
      onError: () => undefined,
    });
    for await (const part of result.stream) {
      if (part.type === "text-delta") {
        if (!part.text) continue;
        const first = firstTokenMs === null;
        if (first) firstTokenMs = Math.round(now() - started);
        text += part.text;
        onText(part.text, first);
      } else if (part.type === "finish-step") {
        if (part.response.modelId) modelId = part.response.modelId;
      } else if (part.type === "finish") {
        usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
      } else if (part.type === "error") {
        fail(part.error);
      }
    }
  } catch (error) {
    if (!signal.aborted) fail(error);
  }

  const latencyMs = Math.round(now() - started);
  const base = { text, modelId, latencyMs, firstTokenMs };

  if (signal.aborted) {
    return { ...base, outcome: "stopped", inputTokens: null, outputTokens: null, error: new AppError("invalid", stoppedMessage), transient: false };
  }
  if (hasFailure) {
    const described = describeProviderError(failure, model);
    return { ...base, outcome: "failed", inputTokens: null, outputTokens: null, error: described.error, transient: described.transient };
  }
  const tokens = { inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 };
  if (!text.trim()) {
    // The provider billed the call, so its tokens are kept even though there is no answer to show.
    return { ...base, ...tokens, outcome: "failed", error: new AppError("rate_limited", emptyReplyMessage(model.id), { retryAfter: 1 }), transient: true };
  }
  return { ...base, ...tokens, outcome: "complete", error: null, transient: false };
}
