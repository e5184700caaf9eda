import { generateText, Output, streamText } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { countTokens, startOpenAICompatibleServer, type OpenAICompatibleServer } from "@/tests/fixtures/openai-compatible-server";
import { buildTutorPrompt } from "./prompts/tutor";
import { describeProviderError } from "./provider-errors";
import { resolveModel, type ResolvedModel } from "./registry";

/**
 * The OpenAI-compatible path end to end: registry -> @ai-sdk/openai chat
 * model -> real HTTP to a local server speaking Chat Completions
 * (tests/fixtures/openai-compatible-server.ts) -> provider-error mapping.
 */

let server: OpenAICompatibleServer;
const answer = "A while loop stops when its condition becomes false, so change the condition inside the loop.";

beforeAll(async () => {
  server = await startOpenAICompatibleServer({
    models: ["llama3.2", "grader"],
    answer: (request) =>
      request.response_format?.type === "json_schema" ? JSON.stringify({ score: 3, feedback: "Clear and correct." }) : answer,
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

function local(extra: { AI_MODEL?: string; OPENAI_API_KEY?: string; AI_GRADING_MODEL?: string } = {}): ResolvedModel {
  return resolveModel("tutor", { OPENAI_BASE_URL: server.baseURL, AI_MODEL: "llama3.2", ...extra });
}

/** Runs a stream to its end and returns the error it reported, mapped. */
async function streamError(model: ResolvedModel, maxRetries?: number): Promise<{ error: AppError; transient: boolean; kind: string }> {
  let reported: unknown;
  const result = streamText({ model: model.model, prompt: "Hi", maxRetries, onError: ({ error }) => void (reported = error) });
  for await (const part of result.stream) {
    if (part.type === "error") reported ??= part.error;
  }
  expect(reported).toBeDefined();
  return describeProviderError(reported, model);
}

describe("an OpenAI-compatible server through the registry", () => {
  it("streams the answer over SSE with token usage, sending the tutor prompt as the system message", async () => {
    const model = local();
    const { system } = buildTutorPrompt({ course: { title: "P" }, lesson: { title: "Loops", body: "A while loop repeats." } });
    const deltas: string[] = [];
    const result = streamText({ model: model.model, instructions: system, prompt: "How do I stop a while loop?" });
    for await (const delta of result.textStream) deltas.push(delta);

    expect(deltas.join("")).toBe(answer);
    expect(deltas.length).toBe(countTokens(answer));
    const usage = await result.totalUsage;
    expect(usage.outputTokens).toBe(countTokens(answer));
    expect(usage.inputTokens).toBe(countTokens(system) + countTokens("How do I stop a while loop?"));
    expect(usage.totalTokens).toBe(usage.inputTokens! + usage.outputTokens!);
    expect(await result.finishReason).toBe("stop");

    const [request] = server.received;
    expect(request!.path).toBe("/v1/chat/completions");
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.body).toMatchObject({ model: "llama3.2", stream: true, stream_options: { include_usage: true } });
    expect(request!.body!.messages[0]).toEqual({ role: "system", content: system });
    expect(request!.body!.messages.at(-1)).toEqual({ role: "user", content: "How do I stop a while loop?" });
  });

  it("answers generateText from a JSON completion, and sends the key when one is set", async () => {
    const model = local({ OPENAI_API_KEY: "sk-local" });
    const result = await generateText({ model: model.model, prompt: "one two three" });
    expect(result.text).toBe(answer);
    expect(result.usage).toMatchObject({ inputTokens: 3, outputTokens: countTokens(answer) });
    expect(server.received[0]!.headers.authorization).toBe("Bearer sk-local");
    expect(server.received[0]!.body!.stream).toBeFalsy();
  });

  it("returns structured output for grading through response_format json_schema", async () => {
    const grading = resolveModel("grading", { OPENAI_BASE_URL: server.baseURL, AI_MODEL: "llama3.2", AI_GRADING_MODEL: "grader" });
    const { output } = await generateText({
      model: grading.model,
      output: Output.object({ schema: z.object({ score: z.number(), feedback: z.string() }) }),
      prompt: "Grade it.",
    });
    expect(output).toEqual({ score: 3, feedback: "Clear and correct." });
    expect(server.received[0]!.body).toMatchObject({ model: "grader", response_format: { type: "json_schema" } });
  });

  it("retries a 429 (honouring Retry-After) and then answers", async () => {
    server.fail({ status: 429, headers: { "retry-after": "0" } });
    const result = await generateText({ model: local().model, prompt: "Hi" });
    expect(result.text).toBe(answer);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it("turns a 429 that outlasts the retries into a 'busy, try again' AppError", async () => {
    const limited = { status: 429, headers: { "retry-after": "0" } };
    server.fail(limited, limited, limited);
    const error = await generateText({ model: local().model, prompt: "Hi" }).catch((e: unknown) => e);
    expect(server.chatRequests()).toHaveLength(3);
    const mapped = describeProviderError(error, local());
    expect(mapped).toMatchObject({ kind: "rate_limited", transient: true });
    expect(mapped.error).toBeInstanceOf(AppError);
    expect(mapped.error.code).toBe("rate_limited");
    expect(mapped.error.retryAfter).toBe(1);
    expect(mapped.error.message).toBe(`The AI server at ${server.baseURL} is busy (rate limit reached); try again in a minute.`);
  });

  it("maps a 401 to 'refused the API key' without retrying", async () => {
    const guarded = await startOpenAICompatibleServer({ apiKey: "right-key" });
    try {
      const model = resolveModel("tutor", { OPENAI_BASE_URL: guarded.baseURL, AI_MODEL: "m", OPENAI_API_KEY: "wrong-key" });
      const error = await generateText({ model: model.model, prompt: "Hi" }).catch((e: unknown) => e);
      expect(guarded.chatRequests()).toHaveLength(1);
      const mapped = describeProviderError(error, model);
      expect(mapped).toMatchObject({ kind: "auth", transient: false });
      expect(mapped.error.code).toBe("invalid");
      expect(mapped.error.message).toMatch(/refused the API key: check OPENAI_API_KEY/);
      // The same through a stream.
      const streamed = await streamError(model);
      expect(streamed.kind).toBe("auth");
    } finally {
      await guarded.close();
    }
  });

  it("maps a 500 to a transient 'had a problem' error, from streamText too", async () => {
    server.fail({ status: 500 });
    const mapped = await streamError(local(), 0);
    expect(mapped).toMatchObject({ kind: "server_error", transient: true });
    expect(mapped.error.code).toBe("rate_limited");
    expect(mapped.error.message).toMatch(/had a problem \(HTTP 500\); try again in a minute/);
  });

  it("names the missing model and OPENAI_BASE_URL on a 404", async () => {
    const model = local({ AI_MODEL: "llama9" });
    const error = await generateText({ model: model.model, prompt: "Hi" }).catch((e: unknown) => e);
    const mapped = describeProviderError(error, model);
    expect(mapped).toMatchObject({ kind: "model_not_found", transient: false });
    expect(mapped.error.message).toBe(
      `The model llama9 does not exist at OPENAI_BASE_URL (${server.baseURL}): check AI_MODEL (for Ollama, run \`ollama pull llama9\`) and that the URL is the API root, usually ending in /v1.`,
    );
  });

  it("maps an error event inside a started stream", async () => {
    server.fail({ streamError: { message: "The model crashed mid-answer.", type: "server_error" }, after: 2 });
    let reported: unknown;
    const result = streamText({ model: local().model, prompt: "Hi", onError: ({ error }) => void (reported = error) });
    let text = "";
    for await (const part of result.stream) if (part.type === "text-delta") text += part.text;
    expect(text.split(/\s+/).filter(Boolean)).toHaveLength(2);
    const mapped = describeProviderError(reported, local());
    // The SDK infers HTTP 500 from OpenAI's error type "server_error".
    expect(mapped).toMatchObject({ kind: "server_error", transient: true });
    expect(mapped.error.message).toBe(`The AI server at ${server.baseURL} had a problem (HTTP 500); try again in a minute.`);
  });

  it("says the server cannot be reached when nothing listens at OPENAI_BASE_URL", async () => {
    const gone = await startOpenAICompatibleServer();
    const baseURL = gone.baseURL;
    await gone.close();
    const model = resolveModel("tutor", { OPENAI_BASE_URL: baseURL, AI_MODEL: "m" });
    const error = await generateText({ model: model.model, prompt: "Hi", maxRetries: 0 }).catch((e: unknown) => e);
    const mapped = describeProviderError(error, model);
    expect(mapped).toMatchObject({ kind: "network", transient: true });
    expect(mapped.error.message).toBe(
      `Lyceum could not reach the AI server at OPENAI_BASE_URL (${baseURL}): check that it is running and the URL is right; try again in a minute.`,
    );
  });
});
