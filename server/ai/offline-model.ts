import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { AppError } from "@/lib/errors";
import { headings, readLessonBlocks } from "./prompts/tutor";

/**
 * The model Lyceum uses when no AI model is connected (no OPENAI_API_KEY or
 * OPENAI_BASE_URL). A real AI SDK language model (spec v4), so the tutor
 * route, `useChat` and the transcripts work the same with it, but it never
 * pretends to be a model: every answer says so up front, points to the
 * passages of the lesson (from the `<lesson>` block of the tutor prompt) that
 * share the most words with the question, and says how to connect a model.
 *
 * Structured output (rubric grading, AI drafts) cannot be faked without
 * inventing scores, so a call with a JSON response format throws
 * `AiModelRequiredError` instead.
 */

export const offlineModelId = "offline";
export const offlineProviderId = "lyceum.offline";

export const connectModelHint =
  "To get real answers, an administrator can connect a model: set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL (with AI_MODEL) for an OpenAI-compatible server such as Ollama, vLLM or OpenRouter, then restart Lyceum.";

/** Thrown for calls that need a real model (structured output such as grading). */
export class AiModelRequiredError extends AppError {
  constructor(what = "This needs") {
    super(
      "invalid",
      `${what} an AI model, and none is connected. Set OPENAI_API_KEY, or OPENAI_BASE_URL and AI_MODEL for an OpenAI-compatible server (Ollama, vLLM, OpenRouter), then restart Lyceum.`,
    );
    this.name = "AiModelRequiredError";
  }
}

export function isAiModelRequiredError(error: unknown): error is AiModelRequiredError {
  return error instanceof AiModelRequiredError;
}

export interface OfflineModelOptions {
  /** Pause between streamed chunks, so the UI shows streaming (e2e, demos). Default 0. */
  chunkDelayMs?: number;
  /** Characters per streamed chunk, roughly (cut at word boundaries). Default 24. */
  chunkSize?: number;
}

export function createOfflineModel(options: OfflineModelOptions = {}): LanguageModelV4 {
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  const chunkSize = Math.max(1, options.chunkSize ?? 24);

  function answer(call: LanguageModelV4CallOptions): string {
    if (call.responseFormat?.type === "json") {
      throw new AiModelRequiredError("A structured answer (such as AI grading) needs");
    }
    return offlineAnswer(call.prompt);
  }

  return {
    specificationVersion: "v4",
    provider: offlineProviderId,
    modelId: offlineModelId,
    supportedUrls: {},

    async doGenerate(call): Promise<LanguageModelV4GenerateResult> {
      const text = answer(call);
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: noUsage(),
        response: { id: responseId(), modelId: offlineModelId, timestamp: new Date() },
        warnings: [],
      };
    },

    async doStream(call): Promise<LanguageModelV4StreamResult> {
      const text = answer(call);
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", id: responseId(), modelId: offlineModelId, timestamp: new Date() },
        { type: "text-start", id: "0" },
        ...splitIntoChunks(text, chunkSize).map((delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "0", delta })),
        { type: "text-end", id: "0" },
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: noUsage() },
      ];
      const signal = call.abortSignal;
      let index = 0;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async pull(controller) {
          if (signal?.aborted) {
            controller.error(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
            return;
          }
          const part = parts[index++];
          if (!part) {
            controller.close();
            return;
          }
          if (chunkDelayMs > 0 && part.type === "text-delta") await sleep(chunkDelayMs);
          controller.enqueue(part);
        },
      });
      return { stream };
    },
  };
}

/** No model ran, so nothing is metered: zero, not "unknown". */
function noUsage(): LanguageModelV4Usage {
  return {
    inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 0, text: 0, reasoning: 0 },
  };
}

function responseId(): string {
  return `offline-${crypto.randomUUID()}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Chunks of about `size` characters that end after whitespace, so words arrive whole. */
export function splitIntoChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const piece of text.match(/\S+\s*|\s+/g) ?? []) {
    current += piece;
    if (current.length >= size) {
      chunks.push(current);
      current = "";
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

// ---------------------------------------------------------------------------
// The answer

const maxPassages = 3;
const maxPassageChars = 420;

export function offlineAnswer(prompt: LanguageModelV4Prompt): string {
  const system = prompt
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const question = lastUserText(prompt);
  const lessons = readLessonBlocks(system);

  const lines: string[] = [
    "**No AI model is connected**, so this is not an AI answer: Lyceum can only point you to the parts of the lesson that match your question.",
  ];

  if (lessons.length === 0) {
    lines.push("", "There is no lesson material attached to this chat, so there is nothing to point to.");
  } else {
    const passages = lessons.flatMap((l) => splitPassages(l.title, l.body));
    const ranked = question ? rankPassages(passages, question).slice(0, maxPassages) : [];
    if (ranked.length > 0) {
      lines.push("", "These passages of the lesson share the most words with your question:");
      for (const p of ranked) {
        lines.push("", `From **${p.lesson}**${p.section ? ` › ${p.section}` : ""}:`, "", quote(clipPassage(p.text)));
      }
    } else {
      const outline = lessons.flatMap((l) => headings(l.body).map((h) => h.trim()));
      lines.push(
        "",
        question
          ? "No passage of the lesson matches the words of your question."
          : "Ask a question about the lesson and Lyceum will point you to the matching passages.",
      );
      if (outline.length > 0) {
        lines.push("", `The lesson **${lessons[0]!.title}** covers: ${outline.slice(0, 12).join(", ")}.`);
      }
    }
  }

  lines.push("", connectModelHint);
  return lines.join("\n");
}

function lastUserText(prompt: LanguageModelV4Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const message = prompt[i]!;
    if (message.role !== "user") continue;
    return message.content
      .flatMap((part) => (part.type === "text" ? [part.text] : []))
      .join(" ")
      .trim();
  }
  return "";
}

export interface Passage {
  lesson: string;
  /** The nearest heading above the passage. */
  section?: string;
  text: string;
}

/** Paragraphs (and whole code blocks) of a lesson, each with its heading. */
export function splitPassages(lesson: string, markdown: string): Passage[] {
  const passages: Passage[] = [];
  let section: string | undefined;
  let buffer: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    const text = buffer.join("\n").trim();
    if (text) passages.push({ lesson, section, text });
    buffer = [];
  };
  for (const line of markdown.replace(/\r\n/g, "\n").split("\n")) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === null || line.trim().startsWith(fence))) {
      fence = fence === null ? f : null;
      buffer.push(line);
      continue;
    }
    if (fence !== null) {
      buffer.push(line);
      continue;
    }
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      section = heading[1];
      continue;
    }
    if (line.trim() === "") flush();
    else buffer.push(line);
  }
  flush();
  return passages;
}

const stopWords = new Set(
  (
    "a an and are as at be but by can could did do does for from had has have how i if in into is it its me my " +
    "no not of on or our so than that the their them then there these they this to was we were what when where " +
    "which who why will with would you your about explain tell please mean means use used using work works"
  ).split(" "),
);

/** Lower-case words of 3+ letters without stop words, with a plural "s" dropped. */
export function keywords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [])
    .filter((w) => w.length >= 3 && !stopWords.has(w))
    .map((w) => (w.length > 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
}

/**
 * Passages sharing words with the question, best first. Each distinct
 * question word counts once per passage, weighted by how rare it is across
 * the lesson (so "variable" in a lesson about variables counts less than
 * "const"); a word in the section heading counts half again. Passages
 * scoring under a third of the best are dropped.
 */
export function rankPassages(passages: readonly Passage[], question: string): Passage[] {
  const wanted = [...new Set(keywords(question))];
  if (wanted.length === 0) return [];
  const bags = passages.map((p) => ({ passage: p, words: new Set(keywords(p.text)), heading: new Set(keywords(p.section ?? "")) }));
  const rarity = new Map(
    wanted.map((w) => [w, Math.log(1 + bags.length / (1 + bags.filter((b) => b.words.has(w) || b.heading.has(w)).length))]),
  );
  const scored = bags
    .map((b, index) => {
      let score = 0;
      for (const w of wanted) {
        const weight = rarity.get(w) ?? 0;
        if (b.words.has(w)) score += weight;
        if (b.heading.has(w)) score += weight / 2;
      }
      return { passage: b.passage, score, index };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  // Passages far behind the best one are noise (one common word in passing).
  const best = scored[0]?.score ?? 0;
  return scored.filter((s) => s.score >= best / 3).map((s) => s.passage);
}

function clipPassage(text: string): string {
  if (text.length <= maxPassageChars) return text;
  const cut = text.slice(0, maxPassageChars);
  const atSpace = cut.lastIndexOf(" ");
  let clipped = `${(atSpace > maxPassageChars / 2 ? cut.slice(0, atSpace) : cut).trimEnd()} …`;
  // A cut code block would swallow the rest of the answer in the UI.
  if ((clipped.match(/^\s{0,3}(`{3,}|~{3,})/gm) ?? []).length % 2 === 1) clipped += "\n```";
  return clipped;
}

function quote(text: string): string {
  return text
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}
