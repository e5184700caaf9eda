import { APICallError, type UIMessage } from "ai";
import type { TutorMessageMetadata } from "@/lib/schemas/tutor";
import type { TutorMessageDTO } from "@/server/services/tutor";

/** A chat message as `useChat` holds it, with what the server says about the turn. */
export type TutorUIMessage = UIMessage<TutorMessageMetadata>;

/** The stored transcript as `useChat` messages (one text part each; a failed turn may have none). */
export function toUIMessages(rows: readonly TutorMessageDTO[]): TutorUIMessage[] {
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    parts: row.content ? [{ type: "text", text: row.content }] : [],
    metadata: {
      seq: row.seq,
      model: row.model ?? undefined,
      error: row.error ?? undefined,
      latencyMs: row.latencyMs ?? undefined,
      createdAt: row.createdAt.toISOString(),
    },
  }));
}

export function messageText(message: Pick<UIMessage, "parts">): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

export interface ChatFailure {
  message: string;
  /**
   * Whether the server kept the turn (it answered, then the model failed) or
   * refused the message before saving it (validation, rate limit, network).
   */
  saved: boolean;
}

const fallback = "The tutor could not answer. Check your connection and try again.";

/** What went wrong, in the server's words: route refusals arrive as `{ error }` JSON in an APICallError, model failures as the streamed text. */
export function describeChatFailure(error: Error): ChatFailure {
  if (APICallError.isInstance(error)) return { message: serverMessage(error.responseBody ?? error.message), saved: false };
  if (error.name === "TypeError" || error.name === "AbortError") return { message: fallback, saved: false };
  return { message: error.message.trim() || fallback, saved: true };
}

function serverMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "error" in parsed && typeof parsed.error === "string" && parsed.error.trim()) return parsed.error;
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  return fallback;
}

/**
 * Marks the turn that just failed or was stopped, the way the server saved
 * it: the assistant message after the last question gets the error, and when
 * no text came at all an empty assistant message carries it.
 */
export function markLastTurn(messages: readonly TutorUIMessage[], error: string, newId: () => string): TutorUIMessage[] {
  const last = messages.at(-1);
  if (!last) return [...messages];
  if (last.role === "assistant") {
    return [...messages.slice(0, -1), { ...last, metadata: { ...last.metadata, error } }];
  }
  return [...messages, { id: newId(), role: "assistant", parts: [], metadata: { error } }];
}

/** Drops the question the server never saved (it refused it), to put its text back in the box. */
export function withoutUnsavedQuestion(messages: readonly TutorUIMessage[]): { messages: TutorUIMessage[]; text: string | null } {
  const last = messages.at(-1);
  if (last?.role !== "user") return { messages: [...messages], text: null };
  return { messages: messages.slice(0, -1), text: messageText(last) };
}

export const starterPrompts = [
  "Explain this lesson in simpler words",
  "Give me a practice question",
  "What should I remember from this?",
] as const;
