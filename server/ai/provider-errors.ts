import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoContentGeneratedError,
  NoObjectGeneratedError,
  NoOutputGeneratedError,
  RetryError,
  StreamProviderError,
  TypeValidationError,
} from "ai";
import { AppError, isAppError } from "@/lib/errors";
import { isAiModelRequiredError } from "./offline-model";
import type { ResolvedModel } from "./registry";

/**
 * Turns what the AI SDK throws (or puts in a stream's error part) into one
 * AppError with a message a person can act on, plus whether trying again
 * later may help.
 *
 * What is already retried before an error gets here: the AI SDK's
 * `maxRetries` (default 2, exponential backoff from 2 s, honouring
 * Retry-After / retry-after-ms up to 60 s) retries every APICallError with
 * `isRetryable`: HTTP 408, 409, 429 and 5xx, and network failures (connection
 * refused or reset). That covers `generateText` and the start of `streamText`.
 * An error event inside a stream that has already started is retried only
 * when the call sets `streamRetries`. Everything else (401, 403, 404, 400,
 * malformed structured output) is not retried: the SDK fails at once.
 *
 * `transient: true` means a later attempt may succeed without changing the
 * configuration; workflow steps may retry those, and the UI says "try again".
 *
 * Transient failures use the AppError code `rate_limited` (HTTP 429, with
 * `retryAfter`), the only code that tells every edge "try again later";
 * configuration problems use `invalid`, an exhausted account `quota_exceeded`.
 */

export type ProviderFailure =
  | "offline"
  | "missing_key"
  | "auth"
  | "forbidden"
  | "credits"
  | "model_not_found"
  | "rate_limited"
  | "overloaded"
  | "server_error"
  | "network"
  | "timeout"
  | "aborted"
  | "context_too_long"
  | "bad_request"
  | "bad_response"
  | "malformed_output"
  | "unknown";

export interface ProviderErrorDescription {
  kind: ProviderFailure;
  transient: boolean;
  error: AppError;
}

/** Which model failed; a ResolvedModel from the registry fits. */
export type FailedModel = Pick<ResolvedModel, "id" | "provider" | "baseURL">;

const busyRetryAfterSeconds = 60;
const failureRetryAfterSeconds = 30;

export function describeProviderError(error: unknown, model: FailedModel): ProviderErrorDescription {
  const original = error;
  const inner = unwrap(error);
  const described = describe(inner, model);
  // Keep the SDK error for logs; the message is what people see.
  if (described.error !== inner && described.error.cause === undefined) described.error.cause = original;
  return described;
}

export function toAppError(error: unknown, model: FailedModel): AppError {
  return describeProviderError(error, model).error;
}

export function isTransientProviderError(error: unknown, model: FailedModel): boolean {
  return describeProviderError(error, model).transient;
}

/** RetryError and NoOutputGeneratedError wrap the error that matters. */
function unwrap(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (RetryError.isInstance(current)) current = current.lastError;
    else if (NoOutputGeneratedError.isInstance(current) && current.cause !== undefined) current = current.cause;
    else break;
  }
  return current;
}

function describe(error: unknown, model: FailedModel): ProviderErrorDescription {
  if (isAiModelRequiredError(error)) return { kind: "offline", transient: false, error };
  if (isAppError(error)) return { kind: "unknown", transient: error.code === "rate_limited", error };

  const where = providerName(model);

  if (LoadAPIKeyError.isInstance(error)) {
    return configuration("missing_key", "No API key is set for the AI provider: set OPENAI_API_KEY.");
  }

  if (APICallError.isInstance(error) || StreamProviderError.isInstance(error)) {
    const status = error.statusCode;
    const details = providerDetails(error);
    const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;

    if (status === undefined && APICallError.isInstance(error) && error.isRetryable) {
      return transient(
        "network",
        model.provider === "openai-compatible"
          ? `Lyceum could not reach the AI server at OPENAI_BASE_URL (${model.baseURL}): check that it is running and the URL is right; try again in a minute.`
          : `Lyceum could not reach ${where}: check the server's network connection; try again in a minute.`,
        failureRetryAfterSeconds,
      );
    }
    if (status === 401) {
      return configuration(
        "auth",
        model.provider === "openai-compatible"
          ? `The AI server at OPENAI_BASE_URL (${model.baseURL}) refused the API key: check OPENAI_API_KEY (leave it unset for servers that need no key, such as a local Ollama).`
          : "The AI provider refused the API key: check OPENAI_API_KEY.",
      );
    }
    if (status === 402 || details.code === "insufficient_quota") {
      return {
        kind: "credits",
        transient: false,
        error: new AppError(
          "quota_exceeded",
          `The AI provider account behind OPENAI_API_KEY has run out of credits or quota: add credits with ${where}, or use another key.`,
        ),
      };
    }
    if (status === 403) {
      return configuration(
        "forbidden",
        `${capitalise(where)} refused access to the model ${model.id} for this API key: check the key's permissions (OPENAI_API_KEY) or choose another model (AI_MODEL).`,
      );
    }
    if (status === 404) {
      return configuration(
        "model_not_found",
        model.provider === "openai-compatible"
          ? `The model ${model.id} does not exist at OPENAI_BASE_URL (${model.baseURL}): check AI_MODEL (for Ollama, run \`ollama pull ${model.id}\`) and that the URL is the API root, usually ending in /v1.`
          : `The model ${model.id} does not exist at OpenAI, or this API key has no access to it: check AI_MODEL.`,
      );
    }
    if (status === 413 || details.code === "context_length_exceeded" || /context length|context window|maximum context|too many tokens/i.test(details.message)) {
      return configuration("context_too_long", `The conversation is too long for the model ${model.id}: start a new chat, or use a model with a larger context.`);
    }
    if (status === 429) {
      return transient("rate_limited", `${capitalise(where)} is busy (rate limit reached); try again in a minute.`, retryAfterSeconds(headers) ?? busyRetryAfterSeconds);
    }
    if (status === 503 || status === 529) {
      return transient("overloaded", `${capitalise(where)} is overloaded; try again in a minute.`, retryAfterSeconds(headers) ?? busyRetryAfterSeconds);
    }
    if (status === 408 || status === 504) {
      return transient("timeout", `${capitalise(where)} took too long to answer; try again in a minute.`, failureRetryAfterSeconds);
    }
    if ((status !== undefined && status >= 500) || status === 409) {
      return transient("server_error", `${capitalise(where)} had a problem (HTTP ${status}); try again in a minute.`, failureRetryAfterSeconds);
    }
    if (status !== undefined && status >= 400) {
      return configuration(
        "bad_request",
        `${capitalise(where)} rejected the request for the model ${model.id}${details.message ? `: ${clip(details.message, 200)}` : ` (HTTP ${status})`}.`,
      );
    }
    if (error.isRetryable) {
      return transient("server_error", `${capitalise(where)} reported a problem${details.message ? ` (${clip(details.message, 200)})` : ""}; try again in a minute.`, failureRetryAfterSeconds);
    }
    return configuration("unknown", `${capitalise(where)} failed${details.message ? `: ${clip(details.message, 200)}` : ""}.`);
  }

  if (NoObjectGeneratedError.isInstance(error) || TypeValidationError.isInstance(error) || JSONParseError.isInstance(error)) {
    return {
      kind: "malformed_output",
      // The same model often gets it right on a second try; the SDK does not retry this itself.
      transient: true,
      error: new AppError(
        "invalid",
        `The AI model ${model.id} answered in a form Lyceum could not read, so nothing was saved: try again, or use a more capable model (AI_GRADING_MODEL or AI_MODEL).`,
      ),
    };
  }

  if (NoContentGeneratedError.isInstance(error)) {
    return transient("bad_response", `The AI model ${model.id} returned an empty answer; try again in a minute.`, failureRetryAfterSeconds);
  }

  if (InvalidResponseDataError.isInstance(error) || EmptyResponseBodyError.isInstance(error)) {
    return configuration(
      "bad_response",
      model.provider === "openai-compatible"
        ? `The AI server at OPENAI_BASE_URL (${model.baseURL}) sent an answer Lyceum could not read: check that it speaks the OpenAI Chat Completions API (POST /chat/completions).`
        : `${capitalise(where)} sent an answer Lyceum could not read; try again later.`,
    );
  }

  if (error instanceof Error && error.name === "TimeoutError") {
    return transient("timeout", `${capitalise(where)} took too long to answer; try again in a minute.`, failureRetryAfterSeconds);
  }
  if (error instanceof Error && error.name === "AbortError") {
    return configuration("aborted", "The answer was stopped before it finished.");
  }

  const message = error instanceof Error ? error.message : String(error);
  return configuration("unknown", `The AI model ${model.id} failed unexpectedly${message ? `: ${clip(message, 200)}` : ""}.`);
}

function configuration(kind: ProviderFailure, message: string): ProviderErrorDescription {
  return { kind, transient: false, error: new AppError("invalid", message) };
}

function transient(kind: ProviderFailure, message: string, retryAfter: number): ProviderErrorDescription {
  return { kind, transient: true, error: new AppError("rate_limited", message, { retryAfter }) };
}

function providerName(model: FailedModel): string {
  if (model.provider === "openai-compatible") return `the AI server at ${model.baseURL ?? "OPENAI_BASE_URL"}`;
  if (model.provider === "openai") return "the AI provider (OpenAI)";
  return "the AI provider";
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The provider's own message and code, from an OpenAI-style `{ error: { message, code } }` body. */
function providerDetails(error: APICallError | StreamProviderError): { message: string; code?: string } {
  if (StreamProviderError.isInstance(error)) {
    return { message: error.message, code: error.code === undefined ? undefined : String(error.code) };
  }
  const data = error.data;
  if (typeof data === "object" && data !== null && "error" in data) {
    const inner = (data as { error: unknown }).error;
    if (typeof inner === "object" && inner !== null) {
      const { message, code } = inner as { message?: unknown; code?: unknown };
      return {
        message: typeof message === "string" ? message : error.message,
        code: typeof code === "string" || typeof code === "number" ? String(code) : undefined,
      };
    }
  }
  return { message: error.message };
}

function retryAfterSeconds(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers["retry-after-ms"] ?? "");
  if (Number.isFinite(ms) && ms >= 0) return Math.max(1, Math.ceil(ms / 1000));
  const raw = headers["retry-after"];
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(raw);
  if (Number.isFinite(date)) return Math.max(1, Math.ceil((date - Date.now()) / 1000));
  return undefined;
}
