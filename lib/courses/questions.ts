import type { Choice, CodeLanguage, Question, RubricCriterion } from "../schemas/courses";

/**
 * What a learner's browser receives for a question: everything needed to
 * answer it, nothing that gives the answer away. Built by listing the fields
 * to keep (not by deleting the secret ones), so a field added to a question
 * later stays server-side until someone decides learners may see it.
 *
 * Kept: prompt, points, choices (in the teacher's order), whether several
 * choices may be right, the rubric's criteria with their score ranges and
 * pass marks (learners are told how they will be judged), the code language
 * and starter code. Dropped: answer keys, accepted answers and matching
 * options, grader notes, reference tests.
 */
export type LearnerQuestion =
  | { id: string; kind: "single_choice"; prompt: string; points: number; choices: Choice[] }
  | { id: string; kind: "multiple_choice"; prompt: string; points: number; choices: Choice[] }
  | { id: string; kind: "short_answer"; prompt: string; points: number }
  | { id: string; kind: "subjective"; prompt: string; points: number; rubric: { criteria: RubricCriterion[] } }
  | { id: string; kind: "code"; prompt: string; points: number; language: CodeLanguage; starterCode: string };

export function learnerViewOf(question: Question): LearnerQuestion {
  const { id, prompt, points } = question;
  switch (question.kind) {
    case "single_choice":
    case "multiple_choice":
      return { id, kind: question.kind, prompt, points, choices: question.choices.map((c) => ({ id: c.id, text: c.text })) };
    case "short_answer":
      return { id, kind: "short_answer", prompt, points };
    case "subjective":
      return {
        id,
        kind: "subjective",
        prompt,
        points,
        rubric: {
          criteria: question.rubric.criteria.map((c) => ({ id: c.id, title: c.title, description: c.description, min: c.min, max: c.max, pass: c.pass })),
        },
      };
    case "code":
      return { id, kind: "code", prompt, points, language: question.language, starterCode: question.starterCode };
  }
}
