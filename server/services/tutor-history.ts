import type { ModelMessage } from "ai";
import { estimateTokens } from "../ai/prompts/tutor";

/**
 * Which earlier turns the tutor model is shown. The transcript is the
 * server's (never the client's copy); of it, the newest messages that fit a
 * token budget go in, so a long conversation costs a bounded prompt and the
 * model keeps the most recent context. The learner's new question always
 * goes in, whatever its size (its length is capped by the input schema).
 */

/** The most history the model is sent, in estimated tokens and in messages. */
export const historyTokenBudget = 4000;
export const maxHistoryMessages = 24;

export interface StoredTurn {
  role: string;
  content: string;
}

/** Newest-first turns to the oldest-first slice that fits `budget`; empty turns (a failure before any text) are skipped. */
export function selectHistory<T extends StoredTurn>(newestFirst: readonly T[], budget = historyTokenBudget): T[] {
  const kept: T[] = [];
  let used = 0;
  for (const turn of newestFirst) {
    if (!turn.content) continue;
    const cost = estimateTokens(turn.content);
    if (kept.length > 0 && used + cost > budget) break;
    kept.push(turn);
    used += cost;
  }
  return kept.reverse();
}

export function toModelMessages(turns: readonly StoredTurn[]): ModelMessage[] {
  return turns.map((t): ModelMessage => (t.role === "user" ? { role: "user", content: t.content } : { role: "assistant", content: t.content }));
}
