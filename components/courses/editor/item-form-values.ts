import type { ItemContent } from "@/lib/schemas/course-content";
import type { Question, QuestionKind } from "@/lib/schemas/courses";
import { zonedParts, zonedTimeToUtc } from "@/lib/time-zone";

/**
 * The item editor's form state and its conversions: dates typed in the
 * author's time zone to ISO instants and back, number fields that may be
 * empty, and new questions of each kind with ids of their own.
 */

export interface ItemFormValues {
  title: string;
  /** Numbers the author cleared are NaN, so validation says what to enter. */
  content: ItemContent;
  /** A datetime-local value ("2026-03-01T09:30") in the author's zone, or "". */
  publishAt: string;
  /** Whole days as typed, or "" to follow the drip order. */
  unlockOffsetDays: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as a datetime-local value on the wall clock of `timeZone`. */
export function toLocalInput(instant: Date | string | null, timeZone: string): string {
  if (instant === null) return "";
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return "";
  const p = zonedParts(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A datetime-local value in `timeZone` as an ISO instant; null when empty.
 * Anything unreadable is returned as typed, so the schema reports it.
 */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(trimmed);
  if (!match) return trimmed;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  try {
    return zonedTimeToUtc({ year, month, day, hour, minute }, timeZone).toISOString();
  } catch {
    return trimmed;
  }
}

/** "" -> null; anything else a number (NaN when it is not one, for the schema to report). */
export function optionalNumber(value: string): number | null {
  return value.trim() === "" ? null : Number(value);
}

/** "" -> NaN (the schema says the field needs a number). */
export function requiredNumber(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

/** A number for an <input type="number">: "" for NaN and null. */
export function numberInput(value: number | null): string {
  return value === null || Number.isNaN(value) ? "" : String(value);
}

export function formValuesOf(item: { title: string; content: ItemContent; publishAt: Date | null; unlockOffsetDays: number | null }, timeZone: string): ItemFormValues {
  return {
    title: item.title,
    content: item.content,
    publishAt: toLocalInput(item.publishAt, timeZone),
    unlockOffsetDays: item.unlockOffsetDays === null ? "" : String(item.unlockOffsetDays),
  };
}

/** Blank lines in a short answer's accepted answers are where the author pressed Enter, not answers. */
export function cleanContent(content: ItemContent): ItemContent {
  if (content.kind !== "quiz") return content;
  return {
    ...content,
    questions: content.questions.map((q) =>
      q.kind === "short_answer" ? { ...q, answerKey: { acceptedAnswers: q.answerKey.acceptedAnswers.filter((a) => a.trim() !== "") } } : q,
    ),
  };
}

/** The updateItem input for the form as it stands. */
export function updateInputOf(itemId: string, values: ItemFormValues, timeZone: string, baseDraftUpdatedAt: Date) {
  return {
    itemId,
    title: values.title,
    content: cleanContent(values.content),
    publishAt: fromLocalInput(values.publishAt, timeZone),
    unlockOffsetDays: optionalNumber(values.unlockOffsetDays),
    baseDraftUpdatedAt: baseDraftUpdatedAt.toISOString(),
  };
}

/** An id not in `taken`: `<prefix><n>` with the smallest free n from 1. */
export function freeId(prefix: string, taken: readonly string[]): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export const questionKindLabels: Record<QuestionKind, string> = {
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  short_answer: "Short answer",
  subjective: "Written answer (AI-graded with a rubric)",
  code: "Code",
};

/** A blank question of `kind`; its empty fields fail validation with messages that say what to fill in. */
export function newQuestion(kind: QuestionKind, takenIds: readonly string[]): Question {
  const base = { id: freeId("q", takenIds), prompt: "", points: 1 };
  switch (kind) {
    case "single_choice":
      return { ...base, kind, choices: [{ id: "a", text: "" }, { id: "b", text: "" }], answerKey: { correctChoiceIds: [] } };
    case "multiple_choice":
      return { ...base, kind, choices: [{ id: "a", text: "" }, { id: "b", text: "" }], partialCredit: false, answerKey: { correctChoiceIds: [] } };
    case "short_answer":
      return { ...base, kind, options: { caseSensitive: false, numericTolerance: null }, answerKey: { acceptedAnswers: [] } };
    case "subjective":
      return { ...base, kind, points: 4, rubric: { criteria: [{ id: "c1", title: "", description: "", min: 0, max: 4, pass: 2 }] }, graderNotes: null };
    case "code":
      return { ...base, kind, language: "python", starterCode: "", referenceTests: null };
  }
}

/** The next choice id: a, b, c … z, then c27, c28 … */
export function nextChoiceId(taken: readonly string[]): string {
  const letter = "abcdefghijklmnopqrstuvwxyz".split("").find((l) => !taken.includes(l));
  return letter ?? freeId("c", taken);
}

/** Moves entry `index` of a list by `direction`, or returns the list as it is at either end. */
export function moveEntry<T>(list: readonly T[], index: number, direction: -1 | 1): T[] {
  const target = index + direction;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [entry] = next.splice(index, 1);
  if (entry !== undefined) next.splice(target, 0, entry);
  return next;
}
