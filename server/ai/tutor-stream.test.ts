import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";
import { APICallError, JSONParseError } from "ai";
import { MockLanguageModelV4, simulateReadableStream } from "ai/test";
import { describe, expect, it } from "vitest";
import { createOfflineModel } from "./offline-model";
import { buildTutorPrompt } from "./prompts/tutor";
import { emptyReplyMessage, stoppedMessage, streamTutorReply, type TutorModel, type TutorReply, type TutorUIMessageChunk } from "./tutor-stream";

const usage = (input: number, output: number): LanguageModelV4Usage => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

function parts(deltas: string[], options: { modelId?: string; end?: LanguageModelV4StreamPart[] } = {}): LanguageModelV4StreamPart[] {
  return [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: "resp-1", modelId: options.modelId ?? "mock-tutor-2026-01", timestamp: new Date(0) },
    { type: "text-start", id: "t" },
    ...deltas.map((delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "t", delta })),
    { type: "text-end", id: "t" },
    ...(options.end ?? [{ type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usage(120, 14) }]),
  ];
}

function mockModel(stream: () => ReadableStream<LanguageModelV4StreamPart>, id = "mock-tutor"): TutorModel & { mock: MockLanguageModelV4 } {
  const mock = new MockLanguageModelV4({ modelId: id, doStream: async () => ({ stream: stream() }) });
  return { model: mock, id, provider: "openai", mock };
}

async function readAll(stream: ReadableStream<TutorUIMessageChunk>): Promise<TutorUIMessageChunk[]> {
  const chunks: TutorUIMessageChunk[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  return chunks;
}

/** A clock that moves 10 ms every time it is read. */
function tickingClock() {
  let t = 0;
  return () => (t += 10);
}

const { system } = buildTutorPrompt({ course: { title: "Astronomy" }, lesson: { title: "The Sun", body: "The Sun is a star." } });
const question = [{ role: "user" as const, content: [{ type: "text" as const, text: "What is the Sun?" }] }];

describe("streamTutorReply", () => {
  it("streams the model's text as UI message chunks and settles the turn with usage before finishing", async () => {
    const model = mockModel(() => simulateReadableStream({ chunks: parts(["The Sun ", "is a ", "star."]) }));
    const settledWith: TutorReply[] = [];
    const { stream, settled } = streamTutorReply({
      model,
      instructions: system,
      messages: question,
      messageId: "msg-1",
      now: tickingClock(),
      onSettled: async (reply) => {
        settledWith.push(reply);
        return { seq: 2 };
      },
    });
    const chunks = await readAll(stream);

    expect(chunks).toEqual([
      { type: "start", messageId: "msg-1", messageMetadata: { model: "mock-tutor" } },
      { type: "text-start", id: "text" },
      { type: "text-delta", id: "text", delta: "The Sun " },
      { type: "text-delta", id: "text", delta: "is a " },
      { type: "text-delta", id: "text", delta: "star." },
      { type: "text-end", id: "text" },
      // The seq comes from onSettled: the reply was saved before the client hears "finish".
      { type: "finish", finishReason: "stop", messageMetadata: { model: "mock-tutor-2026-01", latencyMs: expect.any(Number), seq: 2 } },
    ]);
    const reply = await settled;
    expect(settledWith).toEqual([reply]);
    expect(reply).toMatchObject({
      outcome: "complete",
      text: "The Sun is a star.",
      modelId: "mock-tutor-2026-01",
      inputTokens: 120,
      outputTokens: 14,
      error: null,
    });
    expect(reply.firstTokenMs).toBeGreaterThan(0);
    expect(reply.latencyMs).toBeGreaterThan(reply.firstTokenMs!);

    // The model got the tutor prompt as its system message and the learner's question.
    const call = model.mock.doStreamCalls[0]!;
    expect(call.prompt[0]).toEqual({ role: "system", content: system });
    expect(call.prompt.at(-1)).toMatchObject({ role: "user", content: [{ type: "text", text: "What is the Sun?" }] });
  });

  it("settles the turn even when nobody reads the stream", async () => {
    const model = mockModel(() => simulateReadableStream({ chunks: parts(["Hello."]) }));
    const { settled } = streamTutorReply({ model, instructions: system, messages: question, messageId: "m", onSettled: async () => undefined });
    await expect(settled).resolves.toMatchObject({ outcome: "complete", text: "Hello." });
  });

  it("turns a provider failure before the first chunk into a clear message, without tokens", async () => {
    const mock = new MockLanguageModelV4({
      modelId: "llama3.2",
      doStream: async () => {
        throw new APICallError({
          message: "model not found",
          url: "http://127.0.0.1:11434/v1/chat/completions",
          requestBodyValues: {},
          statusCode: 404,
          responseBody: '{"error":{"message":"model not found"}}',
          isRetryable: false,
        });
      },
    });
    const model: TutorModel = { model: mock, id: "llama3.2", provider: "openai-compatible", baseURL: "http://127.0.0.1:11434/v1" };
    const { stream, settled } = streamTutorReply({ model, instructions: system, messages: question, messageId: "m", maxRetries: 0, onSettled: async () => undefined });
    const chunks = await readAll(stream);
    const reply = await settled;

    expect(reply).toMatchObject({ outcome: "failed", text: "", inputTokens: null, outputTokens: null, transient: false });
    expect(reply.error?.message).toBe(
      "The model llama3.2 does not exist at OPENAI_BASE_URL (http://127.0.0.1:11434/v1): check AI_MODEL (for Ollama, run `ollama pull llama3.2`) and that the URL is the API root, usually ending in /v1.",
    );
    expect(chunks.map((c) => c.type)).toEqual(["start", "error"]);
    expect(chunks.at(-1)).toEqual({ type: "error", errorText: reply.error?.message });
  });

  it("keeps the text written before a stream breaks, and reports the break", async () => {
    const model = mockModel(() =>
      simulateReadableStream({
        chunks: parts(["The Sun ", "is"], { end: [{ type: "error", error: { message: "upstream closed", code: 500 } }] }),
      }),
    );
    const { stream, settled } = streamTutorReply({ model, instructions: system, messages: question, messageId: "m", onSettled: async () => undefined });
    const chunks = await readAll(stream);
    const reply = await settled;
    expect(reply.outcome).toBe("failed");
    expect(reply.text).toBe("The Sun is");
    expect(reply.inputTokens).toBeNull();
    expect(reply).toMatchObject({ transient: true });
    expect(reply.error?.message).toBe("The AI provider (OpenAI) had a problem (HTTP 500); try again in a minute.");
    expect(chunks.map((c) => c.type)).toEqual(["start", "text-start", "text-delta", "text-delta", "text-end", "error"]);
  });

  it("reports malformed model output as an answer Lyceum could not read", async () => {
    const model = mockModel(() =>
      simulateReadableStream({
        chunks: parts(["Half"], { end: [{ type: "error", error: new JSONParseError({ text: "{not json", cause: new Error("Unexpected token") }) }] }),
      }),
    );
    const { stream, settled } = streamTutorReply({ model, instructions: system, messages: question, messageId: "m", onSettled: async () => undefined });
    await readAll(stream);
    const reply = await settled;
    expect(reply).toMatchObject({ outcome: "failed", transient: true, inputTokens: null });
    expect(reply.error?.message).toMatch(/^The AI model mock-tutor answered in a form Lyceum could not read/);
  });

  it("treats a reply without text as failed, keeping the tokens the provider billed", async () => {
    const model = mockModel(() => simulateReadableStream({ chunks: parts([]) }));
    const { stream, settled } = streamTutorReply({ model, instructions: system, messages: question, messageId: "m", onSettled: async () => undefined });
    const chunks = await readAll(stream);
    const reply = await settled;
    expect(reply).toMatchObject({ outcome: "failed", inputTokens: 120, outputTokens: 14 });
    expect(reply.error?.message).toBe(emptyReplyMessage("mock-tutor"));
    expect(chunks.at(-1)).toEqual({ type: "error", errorText: emptyReplyMessage("mock-tutor") });
  });

  it("stops the model when the client cancels, and settles what was written as stopped", async () => {
    let modelSignal: AbortSignal | undefined;
    const mock = new MockLanguageModelV4({
      modelId: "slow",
      doStream: async ({ abortSignal }) => {
        modelSignal = abortSignal;
        return { stream: simulateReadableStream({ chunks: parts(["one ", "two ", "three ", "four ", "five"]), chunkDelayInMs: 20 }) };
      },
    });
    const settledWith: TutorReply[] = [];
    const { stream, settled } = streamTutorReply({
      model: { model: mock, id: "slow", provider: "openai" },
      instructions: system,
      messages: question,
      messageId: "m",
      onSettled: async (reply) => void settledWith.push(reply),
    });
    const reader = stream.getReader();
    const seen: TutorUIMessageChunk[] = [];
    while (!seen.some((c) => c.type === "text-delta")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen.push(value);
    }
    await reader.cancel("Stop pressed");
    const reply = await settled;

    expect(modelSignal?.aborted).toBe(true);
    expect(reply).toMatchObject({ outcome: "stopped", inputTokens: null, outputTokens: null });
    expect(reply.error?.message).toBe(stoppedMessage);
    expect(reply.text.startsWith("one")).toBe(true);
    expect(reply.text).not.toContain("five");
    expect(settledWith).toEqual([reply]);
  });

  it("stops when the request's own signal aborts", async () => {
    const request = new AbortController();
    const model = mockModel(() => simulateReadableStream({ chunks: parts(["a ", "b ", "c"]), chunkDelayInMs: 30 }));
    const { stream, settled } = streamTutorReply({ model, instructions: system, messages: question, messageId: "m", abortSignal: request.signal, onSettled: async () => undefined });
    void readAll(stream).catch(() => undefined);
    setTimeout(() => request.abort(), 40);
    await expect(settled).resolves.toMatchObject({ outcome: "stopped" });
  });

  it("answers with the offline model, which points to the lesson and costs nothing", async () => {
    const model: TutorModel = { model: createOfflineModel(), id: "offline", provider: "offline" };
    const { stream, settled } = streamTutorReply({ model, instructions: system, messages: question, messageId: "m", onSettled: async () => undefined });
    const chunks = await readAll(stream);
    const reply = await settled;
    expect(reply).toMatchObject({ outcome: "complete", inputTokens: 0, outputTokens: 0 });
    expect(reply.text).toMatch(/No AI model is connected/);
    expect(reply.text).toMatch(/The Sun is a star\./);
    expect(chunks.filter((c) => c.type === "text-delta").length).toBeGreaterThan(1);
  });

  it("does not fail the stream when saving fails; the reply still finishes", async () => {
    const model = mockModel(() => simulateReadableStream({ chunks: parts(["Fine."]) }));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const { stream, settled } = streamTutorReply({
        model,
        instructions: system,
        messages: question,
        messageId: "m",
        onSettled: async () => {
          throw new Error("database down");
        },
      });
      const chunks = await readAll(stream);
      await settled;
      expect(chunks.at(-1)?.type).toBe("finish");
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
