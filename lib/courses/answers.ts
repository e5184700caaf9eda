import { AppError } from "../errors";
import {
  parseNumberLoose,
  type Answer,
  type MultipleChoiceQuestion,
  type Question,
  type ShortAnswerOptions,
  type ShortAnswerQuestion,
  type SingleChoiceQuestion,
} from "../schemas/courses";

/**
 * Server-side checks of learner answers against a question's hidden key.
 * Every score a learner ever sees comes from here (or, for subjective
 * answers, from lib/courses/rubric.ts): the client only sends what was
 * chosen or typed.
 */

export { parseNumberLoose };

/** Why an answer got its score; the UI turns it into words. */
export type AnswerOutcome = "correct" | "partially_correct" | "incorrect" | "empty" | "not_a_number" | "needs_review";

export interface AnswerScore {
  questionId: string;
  kind: Question["kind"];
  outcome: AnswerOutcome;
  /** 0..1 of the question's points; null while a person or the AI grader has yet to score it. */
  fraction: number | null;
  /** fraction x points, to two decimals; null with fraction. */
  points: number | null;
  maxPoints: number;
}

/** Characters dropped from the end of a short answer: sentence punctuation only, so "C#" and "C++" survive. */
const trailingPunctuation = /[\s.,;:!?\u2026\u3002\uff01\uff1f\u3001]+$/u;

/**
 * The comparable form of a short answer: Unicode NFKC (full-width letters,
 * ligatures and compatibility digits become their plain forms), trimmed,
 * runs of whitespace collapsed to one space, trailing sentence punctuation
 * removed, and case folded unless the question is case-sensitive. Folding is
 * upper-then-lower, which also equates "ß" with "ss" and "ς" with "σ".
 */
export function normaliseShortAnswer(text: string, options: { caseSensitive: boolean }): string {
  let s = text.normalize("NFKC").replace(/\s+/gu, " ").trim();
  s = s.replace(trailingPunctuation, "");
  return options.caseSensitive ? s : s.toUpperCase().toLowerCase();
}

/** |a - b| <= tolerance, with room for binary rounding (0.1 + 0.2 vs 0.3). */
export function withinTolerance(value: number, expected: number, tolerance: number): boolean {
  const slack = 1e-9 * Math.max(1, Math.abs(expected));
  return Math.abs(value - expected) <= tolerance + slack;
}

/**
 * A short answer against the accepted answers. With a numeric tolerance the
 * answer must be a number (else "not_a_number", so the learner is told to
 * type one) within the tolerance of one accepted answer. Without one, the
 * normalised texts must be equal, or both read as the same number ("3,5" for
 * "3.5", "1e3" for "1000").
 */
export function checkShortAnswer(answerText: string, acceptedAnswers: readonly string[], options: ShortAnswerOptions): AnswerOutcome {
  if (normaliseShortAnswer(answerText, { caseSensitive: true }) === "") return "empty";
  const given = parseNumberLoose(answerText);
  if (options.numericTolerance !== null) {
    if (given === null) return "not_a_number";
    const tolerance = options.numericTolerance;
    return acceptedAnswers.some((a) => {
      const expected = parseNumberLoose(a);
      return expected !== null && withinTolerance(given, expected, tolerance);
    })
      ? "correct"
      : "incorrect";
  }
  const normalised = normaliseShortAnswer(answerText, options);
  const matches = acceptedAnswers.some((a) => {
    if (normaliseShortAnswer(a, options) === normalised) return true;
    const expected = parseNumberLoose(a);
    return given !== null && expected !== null && given === expected;
  });
  return matches ? "correct" : "incorrect";
}

function assertKnownChoices(question: SingleChoiceQuestion | MultipleChoiceQuestion, ids: readonly string[]): void {
  const known = new Set(question.choices.map((c) => c.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError("invalid", "That choice is not part of this question any more. Reload the question and answer again.");
  }
}

/** 1 for the right choice, 0 otherwise. */
export function scoreSingleChoice(question: SingleChoiceQuestion, choiceId: string): { fraction: number; outcome: AnswerOutcome } {
  assertKnownChoices(question, [choiceId]);
  const correct = question.answerKey.correctChoiceIds.includes(choiceId);
  return { fraction: correct ? 1 : 0, outcome: correct ? "correct" : "incorrect" };
}

/**
 * Multiple choice. Without partial credit: 1 only for exactly the set of
 * correct choices. With partial credit: (right picks - wrong picks) / number
 * of correct choices, never below 0, so ticking every box earns nothing
 * unless every box is right.
 */
export function scoreMultipleChoice(question: MultipleChoiceQuestion, choiceIds: readonly string[]): { fraction: number; outcome: AnswerOutcome } {
  assertKnownChoices(question, choiceIds);
  const picked = new Set(choiceIds);
  if (picked.size === 0) return { fraction: 0, outcome: "empty" };
  const correct = new Set(question.answerKey.correctChoiceIds);
  const hits = [...picked].filter((id) => correct.has(id)).length;
  const wrong = picked.size - hits;
  if (hits === correct.size && wrong === 0) return { fraction: 1, outcome: "correct" };
  if (!question.partialCredit) return { fraction: 0, outcome: "incorrect" };
  const fraction = Math.max(0, (hits - wrong) / correct.size);
  return { fraction, outcome: fraction > 0 ? "partially_correct" : "incorrect" };
}

export function scoreShortAnswer(question: ShortAnswerQuestion, text: string): { fraction: number; outcome: AnswerOutcome } {
  const outcome = checkShortAnswer(text, question.answerKey.acceptedAnswers, question.options);
  return { fraction: outcome === "correct" ? 1 : 0, outcome };
}

const kindLabels: Record<Question["kind"], string> = {
  single_choice: "single-choice",
  multiple_choice: "multiple-choice",
  short_answer: "short-answer",
  subjective: "written-answer",
  code: "code",
};

const roundPoints = (n: number) => Math.round(n * 100) / 100;

/**
 * The score of one answer to one question. Choice and short-answer questions
 * are scored here and now; subjective answers go to the AI grader (or a
 * person) and code to a reviewer, so they come back "needs_review" with no
 * score yet. An answer of another kind than its question is refused.
 */
export function scoreAnswer(question: Question, answer: Answer): AnswerScore {
  if (answer.kind !== question.kind) {
    throw new AppError("invalid", `This answer is for another kind of question than this ${kindLabels[question.kind]} one. Reload the page and answer again.`);
  }
  const result =
    question.kind === "single_choice" && answer.kind === "single_choice"
      ? scoreSingleChoice(question, answer.choiceId)
      : question.kind === "multiple_choice" && answer.kind === "multiple_choice"
        ? scoreMultipleChoice(question, answer.choiceIds)
        : question.kind === "short_answer" && answer.kind === "short_answer"
          ? scoreShortAnswer(question, answer.text)
          : null;
  const base = { questionId: question.id, kind: question.kind, maxPoints: question.points };
  if (result === null) return { ...base, outcome: "needs_review", fraction: null, points: null };
  return { ...base, outcome: result.outcome, fraction: result.fraction, points: roundPoints(result.fraction * question.points) };
}
