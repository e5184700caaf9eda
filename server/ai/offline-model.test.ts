import { generateText, Output, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { AiModelRequiredError, createOfflineModel, keywords, rankPassages, splitIntoChunks, splitPassages } from "./offline-model";
import { buildTutorPrompt } from "./prompts/tutor";
import { toAppError } from "./provider-errors";

const lessonBody = [
  "# Loops",
  "",
  "A `for` loop repeats a block a fixed number of times. It has an initialiser, a condition and an update.",
  "",
  "## While loops",
  "",
  "A `while` loop repeats as long as its condition stays true; forgetting to change the condition makes an infinite loop.",
  "",
  "## Breaking out",
  "",
  "The `break` statement leaves the innermost loop at once; `continue` skips to the next iteration.",
].join("\n");

const { system } = buildTutorPrompt({
  course: { title: "Programming 101" },
  lesson: { title: "Loops", body: lessonBody },
  quizQuestions: [{ prompt: "How many times does for (i = 0; i < 3; i++) run?" }],
});

describe("the offline model through the AI SDK", () => {
  it("streams an answer in several chunks that cites the matching lesson passage and says how to connect a model", async () => {
    const result = streamText({
      model: createOfflineModel({ chunkSize: 16 }),
      instructions: system,
      prompt: "How do I stop an infinite while loop?",
    });
    const chunks: string[] = [];
    for await (const delta of result.textStream) chunks.push(delta);
    const text = chunks.join("");

    expect(chunks.length).toBeGreaterThan(10);
    expect(text).toMatch(/^\*\*No AI model is connected\*\*/);
    expect(text).toContain("From **Loops** › While loops:");
    expect(text).toContain("> A `while` loop repeats as long as its condition stays true");
    expect(text).toContain("OPENAI_API_KEY");
    expect(text).toContain("OPENAI_BASE_URL");
    // The best passage comes first.
    expect(text.match(/^From .*$/m)?.[0]).toBe("From **Loops** › While loops:");
    // Quiz questions live in the prompt but are never quoted back.
    expect(text).not.toContain("i < 3");

    expect(await result.text).toBe(text);
    expect(await result.finishReason).toBe("stop");
    const usage = await result.totalUsage;
    expect(usage.inputTokens).toBe(0);
    expect(usage.outputTokens).toBe(0);
    const response = await result.response;
    expect(response.modelId).toBe("offline");
  });

  it("answers generateText the same way, from the last user message of a conversation", async () => {
    const { text } = await generateText({
      model: createOfflineModel(),
      instructions: system,
      messages: [
        { role: "user", content: "What is a for loop?" },
        { role: "assistant", content: "…" },
        { role: "user", content: "And what does break do?" },
      ],
    });
    expect(text.match(/^From .*$/m)?.[0]).toBe("From **Loops** › Breaking out:");
    expect(text).toContain("No AI model is connected");
  });

  it("lists what the lesson covers when nothing matches, and says so when there is no lesson", async () => {
    const nothing = await generateText({ model: createOfflineModel(), instructions: system, prompt: "Tell me about quantum gravity" });
    expect(nothing.text).toContain("No passage of the lesson matches");
    expect(nothing.text).toContain("The lesson **Loops** covers: Loops, While loops, Breaking out.");

    const noLesson = await generateText({ model: createOfflineModel(), prompt: "What is a loop?" });
    expect(noLesson.text).toContain("no lesson material attached");
    expect(noLesson.text).toContain("OPENAI_BASE_URL");
  });

  it("refuses structured output (grading) with a clear error instead of inventing scores", async () => {
    const call = generateText({
      model: createOfflineModel(),
      output: Output.object({ schema: z.object({ score: z.number(), feedback: z.string() }) }),
      prompt: "Grade this answer against the rubric.",
    });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiModelRequiredError);
    expect(isAppError(error) && error.code).toBe("invalid");
    expect((error as Error).message).toMatch(/AI grading\) needs an AI model, and none is connected.*OPENAI_API_KEY/);
    // The provider-error mapping passes it through unchanged.
    expect(toAppError(error, { id: "offline", provider: "offline" })).toBe(error);
  });

  it("stops streaming when the request is aborted", async () => {
    const controller = new AbortController();
    const result = streamText({
      model: createOfflineModel({ chunkSize: 4, chunkDelayMs: 5 }),
      instructions: system,
      prompt: "What is a for loop?",
      abortSignal: controller.signal,
    });
    let received = 0;
    const parts: string[] = [];
    for await (const part of result.stream) {
      parts.push(part.type);
      if (part.type === "text-delta" && ++received === 3) controller.abort();
    }
    expect(received).toBeLessThan(10);
    expect(parts).toContain("abort");
  });
});

describe("passage ranking", () => {
  it("splits a lesson into paragraphs with their heading, keeping code blocks whole", () => {
    const passages = splitPassages("L", "# A\n\npara one\n\n```\ncode\n\nmore code\n```\n\n## B\n\npara two");
    expect(passages).toEqual([
      { lesson: "L", section: "A", text: "para one" },
      { lesson: "L", section: "A", text: "```\ncode\n\nmore code\n```" },
      { lesson: "L", section: "B", text: "para two" },
    ]);
  });

  it("ranks by shared keywords, favouring rare words", () => {
    const passages = splitPassages("L", lessonBody);
    const ranked = rankPassages(passages, "what does continue do in a loop");
    expect(ranked[0]!.section).toBe("Breaking out");
    expect(rankPassages(passages, "the and of")).toEqual([]);
    expect(keywords("Loops and the Variables")).toEqual(["loop", "variable"]);
  });

  it("chunks text at word boundaries without losing characters", () => {
    const text = "one two  three\nfour";
    const chunks = splitIntoChunks(text, 5);
    expect(chunks.join("")).toBe(text);
    expect(chunks.every((c) => !/^\s/.test(c) || c.trim() === "")).toBe(true);
  });
});
