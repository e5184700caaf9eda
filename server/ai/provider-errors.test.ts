import { APICallError, JSONParseError, LoadAPIKeyError, NoObjectGeneratedError, RetryError, StreamProviderError } from "ai";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { AiModelRequiredError } from "./offline-model";
import { describeProviderError, isTransientProviderError, toAppError, type FailedModel } from "./provider-errors";

const openai: FailedModel = { id: "gpt-5.4-mini", provider: "openai" };
const ollama: FailedModel = { id: "llama3.2", provider: "openai-compatible", baseURL: "http://localhost:11434/v1" };

function apiError(statusCode: number | undefined, body: unknown = undefined, extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {}) {
  const data = body;
  const message = typeof body === "object" && body && "error" in body ? String((body as { error: { message: string } }).error.message) : "failed";
  return new APICallError({ message, url: "https://api.openai.com/v1/responses", requestBodyValues: {}, statusCode, data, ...extra });
}

const openAIError = (message: string, code: string | null = null, type = "invalid_request_error") => ({ error: { message, type, param: null, code } });

describe("describeProviderError", () => {
  it("401: the provider refused the key, not transient", () => {
    const d = describeProviderError(apiError(401, openAIError("Incorrect API key provided", "invalid_api_key")), openai);
    expect(d).toMatchObject({ kind: "auth", transient: false });
    expect(d.error.code).toBe("invalid");
    expect(d.error.message).toBe("The AI provider refused the API key: check OPENAI_API_KEY.");
    expect(toAppError(apiError(401), ollama).message).toMatch(/at OPENAI_BASE_URL \(http:\/\/localhost:11434\/v1\) refused the API key.*leave it unset/);
  });

  it("403: access refused for the model", () => {
    const d = describeProviderError(apiError(403), openai);
    expect(d).toMatchObject({ kind: "forbidden", transient: false });
    expect(d.error.message).toMatch(/refused access to the model gpt-5.4-mini/);
  });

  it("404: the model does not exist (OpenAI or the compatible server)", () => {
    expect(toAppError(apiError(404, openAIError("The model `gpt-9` does not exist", "model_not_found")), { ...openai, id: "gpt-9" }).message).toBe(
      "The model gpt-9 does not exist at OpenAI, or this API key has no access to it: check AI_MODEL.",
    );
    expect(toAppError(apiError(404), ollama).message).toMatch(/^The model llama3.2 does not exist at OPENAI_BASE_URL \(http:\/\/localhost:11434\/v1\)/);
  });

  it("429: busy and transient, with the provider's Retry-After; but no quota is not transient", () => {
    const d = describeProviderError(apiError(429, openAIError("Rate limit reached", "rate_limit_exceeded"), { responseHeaders: { "retry-after": "20" } }), openai);
    expect(d).toMatchObject({ kind: "rate_limited", transient: true });
    expect(d.error.code).toBe("rate_limited");
    expect(d.error.retryAfter).toBe(20);
    expect(d.error.message).toBe("The AI provider (OpenAI) is busy (rate limit reached); try again in a minute.");
    expect(describeProviderError(apiError(429, undefined, { responseHeaders: { "retry-after-ms": "1500" } }), openai).error.retryAfter).toBe(2);
    expect(describeProviderError(apiError(429), openai).error.retryAfter).toBe(60);

    // OpenAI answers 429 "insufficient_quota" when the account has no credits: waiting will not help.
    const quota = describeProviderError(apiError(429, openAIError("You exceeded your current quota", "insufficient_quota", "insufficient_quota")), openai);
    expect(quota).toMatchObject({ kind: "credits", transient: false });
    expect(quota.error.code).toBe("quota_exceeded");
    expect(describeProviderError(apiError(402), ollama).kind).toBe("credits");
  });

  it("5xx: transient; 503 is 'overloaded', 504 a timeout", () => {
    expect(describeProviderError(apiError(500), openai)).toMatchObject({ kind: "server_error", transient: true });
    expect(describeProviderError(apiError(502), openai).error.message).toMatch(/had a problem \(HTTP 502\); try again in a minute/);
    expect(describeProviderError(apiError(503), openai)).toMatchObject({ kind: "overloaded", transient: true });
    expect(describeProviderError(apiError(504), openai)).toMatchObject({ kind: "timeout", transient: true });
  });

  it("400: context too long gets its own message; others quote the provider", () => {
    const long = apiError(400, openAIError("This model's maximum context length is 128000 tokens.", "context_length_exceeded"));
    expect(describeProviderError(long, openai)).toMatchObject({ kind: "context_too_long", transient: false });
    expect(toAppError(long, openai).message).toMatch(/too long for the model gpt-5.4-mini: start a new chat/);
    const bad = toAppError(apiError(400, openAIError("Unsupported parameter: 'temperature'")), openai);
    expect(bad.message).toBe("The AI provider (OpenAI) rejected the request for the model gpt-5.4-mini: Unsupported parameter: 'temperature'.");
  });

  it("network failures: transient, pointing at OPENAI_BASE_URL", () => {
    const refused = new APICallError({ message: "Cannot connect to API: connect ECONNREFUSED", url: "x", requestBodyValues: {}, isRetryable: true });
    const d = describeProviderError(refused, ollama);
    expect(d).toMatchObject({ kind: "network", transient: true });
    expect(d.error.message).toMatch(/could not reach the AI server at OPENAI_BASE_URL \(http:\/\/localhost:11434\/v1\)/);
  });

  it("unwraps RetryError to the last error and keeps the SDK error as the cause", () => {
    const last = apiError(429);
    const retry = new RetryError({ message: "Failed after 3 attempts", reason: "maxRetriesExceeded", errors: [apiError(429), apiError(429), last] });
    const d = describeProviderError(retry, openai);
    expect(d.kind).toBe("rate_limited");
    expect(d.error.cause).toBe(retry);
    expect(isTransientProviderError(retry, openai)).toBe(true);
  });

  it("stream errors with and without a status", () => {
    expect(describeProviderError(new StreamProviderError({ message: "overloaded", statusCode: 529, isRetryable: true }), openai).kind).toBe("overloaded");
    const d = describeProviderError(new StreamProviderError({ message: "boom", isRetryable: true }), ollama);
    expect(d).toMatchObject({ kind: "server_error", transient: true });
    expect(d.error.message).toMatch(/reported a problem \(boom\)/);
    expect(describeProviderError(new StreamProviderError({ message: "nope", isRetryable: false }), ollama).transient).toBe(false);
  });

  it("malformed structured output: nothing saved, worth another try", () => {
    const noObject = new NoObjectGeneratedError({
      message: "No object generated: could not parse the response.",
      text: "{ score: ",
      response: { id: "r", timestamp: new Date(), modelId: "gpt-5.4-mini" },
      usage: {
        inputTokens: 1,
        outputTokens: 1,
        totalTokens: 2,
        inputTokenDetails: { noCacheTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
        outputTokenDetails: { textTokens: 1, reasoningTokens: 0 },
      },
      finishReason: "stop",
    });
    const d = describeProviderError(noObject, openai);
    expect(d).toMatchObject({ kind: "malformed_output", transient: true });
    expect(d.error.code).toBe("invalid");
    expect(d.error.message).toMatch(/could not read, so nothing was saved/);
    expect(describeProviderError(new JSONParseError({ text: "{", cause: new Error("x") }), openai).kind).toBe("malformed_output");
  });

  it("a missing key, the offline refusal, AppErrors and the unknown", () => {
    expect(toAppError(new LoadAPIKeyError({ message: "OpenAI API key is missing." }), openai).message).toBe(
      "No API key is set for the AI provider: set OPENAI_API_KEY.",
    );
    const offline = new AiModelRequiredError("AI grading needs");
    expect(describeProviderError(offline, { id: "offline", provider: "offline" })).toEqual({ kind: "offline", transient: false, error: offline });
    const own = new AppError("forbidden", "No.");
    expect(toAppError(own, openai)).toBe(own);
    const timeout = new DOMException("Step timeout of 10ms exceeded", "TimeoutError");
    expect(describeProviderError(timeout, openai)).toMatchObject({ kind: "timeout", transient: true });
    const weird = describeProviderError(new Error("socket hang up"), openai);
    expect(weird).toMatchObject({ kind: "unknown", transient: false });
    expect(weird.error.message).toBe("The AI model gpt-5.4-mini failed unexpectedly: socket hang up.");
  });
});
