import type { AnswerOutcome } from "@/lib/courses/answers";
import type { LearnerQuestion } from "@/lib/courses/questions";
import type { Answer } from "@/lib/schemas/courses";

/** The answers being written in the browser, and what is sent when the attempt is handed in. */

export type DraftAnswers = Record<string, Answer>;

/** Whether a question has something worth sending; unanswered questions score 0. */
export function isAnswered(question: LearnerQuestion, answer: Answer | undefined): boolean {
  if (!answer || answer.kind !== question.kind) return false;
  switch (answer.kind) {
    case "single_choice":
      return answer.choiceId !== "";
    case "multiple_choice":
      return answer.choiceIds.length > 0;
    case "short_answer":
    case "subjective":
      return answer.text.trim() !== "";
    case "code":
      return answer.code.trim() !== "";
  }
}

/** The answers to send: one per answered question, in question order. */
export function submission(questions: readonly LearnerQuestion[], answers: DraftAnswers): { questionId: string; answer: Answer }[] {
  return questions.flatMap((q) => {
    const answer = answers[q.id];
    return answer && isAnswered(q, answer) ? [{ questionId: q.id, answer }] : [];
  });
}

/** "2", "2 and 5", "2, 4 and 5". */
export function listNumbers(numbers: readonly number[]): string {
  if (numbers.length <= 1) return numbers.join("");
  return `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
}

/** Code questions start from the saved draft, else the starter code. */
export function initialAnswers(questions: readonly LearnerQuestion[], codeDrafts: Record<string, string>, saved: DraftAnswers): DraftAnswers {
  const out: DraftAnswers = {};
  for (const q of questions) {
    const kept = saved[q.id];
    if (q.kind === "code") out[q.id] = { kind: "code", code: codeDrafts[q.id] ?? q.starterCode };
    else if (kept && kept.kind === q.kind) out[q.id] = kept;
  }
  return out;
}

const storageKey = (attemptId: string) => `lyceum:attempt:${attemptId}`;

/** Answers other than code (which the server keeps) survive a reload through localStorage. */
export function loadLocalAnswers(attemptId: string): DraftAnswers {
  try {
    const raw = window.localStorage.getItem(storageKey(attemptId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === "object" ? (parsed as DraftAnswers) : {};
  } catch {
    return {};
  }
}

export function saveLocalAnswers(attemptId: string, answers: DraftAnswers): void {
  try {
    const withoutCode = Object.fromEntries(Object.entries(answers).filter(([, a]) => a.kind !== "code"));
    window.localStorage.setItem(storageKey(attemptId), JSON.stringify(withoutCode));
  } catch {
    // Private browsing or a full quota: answers then live only in the page.
  }
}

export function clearLocalAnswers(attemptId: string): void {
  try {
    window.localStorage.removeItem(storageKey(attemptId));
  } catch {
    // Nothing to clear.
  }
}

export const outcomeLabels: Record<AnswerOutcome, string> = {
  correct: "Correct",
  partially_correct: "Partly correct",
  incorrect: "Not correct",
  empty: "Not answered",
  not_a_number: "Not a number",
  needs_review: "Waiting for review",
};

/** One sentence saying why an answer got its result. */
export function outcomeExplanation(outcome: AnswerOutcome, kind: LearnerQuestion["kind"]): string {
  switch (outcome) {
    case "correct":
      return "Full marks for this answer.";
    case "partially_correct":
      return "Some of your choices were right; wrong picks cost points.";
    case "incorrect":
      return kind === "multiple_choice" ? "Your choices were not the right set." : kind === "short_answer" ? "Your answer did not match an accepted answer." : "This answer earned no points.";
    case "empty":
      return "No answer was given, so it scored 0.";
    case "not_a_number":
      return "This question expects a number, such as 3.5.";
    case "needs_review":
      return "A person will score this answer.";
  }
}
