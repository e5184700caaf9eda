import { z } from "zod";
import { questionSchema, type Question } from "./courses";

/**
 * The content of each kind of course item, as stored in CourseItem.content
 * (the draft) and CourseItem.publishedContent (what learners see). One schema
 * per kind feeds the editor forms, the tRPC inputs, the seed and the services.
 */

export const courseItemKinds = ["lesson", "quiz", "assignment", "ai_activity"] as const;
export type CourseItemKind = (typeof courseItemKinds)[number];

/** Kinds teachers can create today; AI activities arrive with teacher-built tools (issue: tools). */
export const authorableItemKinds = ["lesson", "quiz", "assignment"] as const satisfies readonly CourseItemKind[];
export type AuthorableItemKind = (typeof authorableItemKinds)[number];

export const itemKindLabels: Record<CourseItemKind, string> = {
  lesson: "Lesson",
  quiz: "Quiz",
  assignment: "Assignment",
  ai_activity: "AI activity",
};

export const maxLessonMarkdownLength = 200_000;
export const maxQuestionsPerQuiz = 100;

export const itemTitleSchema = z
  .string({ error: "Give the item a title." })
  .trim()
  .min(1, "Give the item a title.")
  .max(200, "Keep the title to 200 characters or fewer.");

const markdownSchema = (what: string) =>
  z
    .string({ error: `Write the ${what}.` })
    .max(maxLessonMarkdownLength, `Keep the ${what} under ${maxLessonMarkdownLength.toLocaleString("en")} characters.`);

export const lessonContentSchema = z.object({
  kind: z.literal("lesson"),
  markdown: markdownSchema("lesson").default(""),
});
export type LessonContent = z.infer<typeof lessonContentSchema>;

export const quizModes = ["practice", "exam"] as const;
export type QuizMode = (typeof quizModes)[number];

const isoInstant = z.iso.datetime({ offset: true, error: "Give the time as an ISO 8601 date-time." });

export const quizContentSchema = z
  .object({
    kind: z.literal("quiz"),
    /** Shown above the questions. */
    instructions: markdownSchema("instructions").default(""),
    /** Practice: feedback at once, retries, AI coaching. Exam: limits enforced, feedback hidden until released. */
    mode: z.enum(quizModes, { error: 'Choose "practice" or "exam".' }).default("practice"),
    /** Attempts allowed per learner; null = unlimited (practice). */
    attemptLimit: z
      .number({ error: "The attempt limit is a whole number." })
      .int("The attempt limit is a whole number.")
      .min(1, "Allow at least 1 attempt.")
      .max(100, "Allow at most 100 attempts.")
      .nullish()
      .transform((v) => v ?? null),
    /** Minutes from starting an attempt to its deadline; null = no limit. */
    timeLimitMinutes: z
      .number({ error: "The time limit is a whole number of minutes." })
      .int("The time limit is a whole number of minutes.")
      .min(1, "The time limit is at least 1 minute.")
      .max(24 * 60, "The time limit is at most 24 hours.")
      .nullish()
      .transform((v) => v ?? null),
    /** Exam window: attempts may start only between these instants (null = open-ended). */
    opensAt: isoInstant.nullish().transform((v) => v ?? null),
    closesAt: isoInstant.nullish().transform((v) => v ?? null),
    /** Percentage of points needed to pass. */
    passPercent: z
      .number({ error: "The pass mark is a percentage." })
      .min(0, "The pass mark is between 0 and 100%.")
      .max(100, "The pass mark is between 0 and 100%.")
      .default(60),
    questions: z
      .array(questionSchema)
      .max(maxQuestionsPerQuiz, `Use at most ${maxQuestionsPerQuiz} questions in one quiz.`)
      .default([]),
  })
  .superRefine((quiz, ctx) => {
    const seen = new Set<string>();
    quiz.questions.forEach((q: Question, index) => {
      if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: ["questions", index, "id"], message: `Two questions share the id "${q.id}": give each its own.` });
      seen.add(q.id);
    });
    if (quiz.opensAt && quiz.closesAt && Date.parse(quiz.closesAt) <= Date.parse(quiz.opensAt)) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "The exam must close after it opens." });
    }
  });
export type QuizContent = z.infer<typeof quizContentSchema>;

export const submissionTypes = ["text", "file", "text_or_file"] as const;
export type SubmissionType = (typeof submissionTypes)[number];

export const assignmentContentSchema = z.object({
  kind: z.literal("assignment"),
  instructions: markdownSchema("instructions").default(""),
  /** What a learner hands in. */
  submission: z.enum(submissionTypes, { error: 'Choose "text", "file" or "text_or_file".' }).default("text_or_file"),
  maxPoints: z
    .number({ error: "Points are a whole number." })
    .int("Points are a whole number.")
    .min(1, "An assignment is worth at least 1 point.")
    .max(1000, "An assignment is worth at most 1000 points.")
    .default(10),
});
export type AssignmentContent = z.infer<typeof assignmentContentSchema>;

/** Placeholder until teacher-built AI tools land: never shown to learners. */
export const aiActivityContentSchema = z.object({
  kind: z.literal("ai_activity"),
  instructions: markdownSchema("instructions").default(""),
});
export type AiActivityContent = z.infer<typeof aiActivityContentSchema>;

export const itemContentSchema = z.discriminatedUnion("kind", [lessonContentSchema, quizContentSchema, assignmentContentSchema, aiActivityContentSchema], {
  error: "Choose an item type: lesson, quiz or assignment.",
});
export type ItemContent = z.infer<typeof itemContentSchema>;
export type ItemContentInput = z.input<typeof itemContentSchema>;

/** Empty content for a new item of a kind. */
export function emptyContent(kind: CourseItemKind): ItemContent {
  return itemContentSchema.parse({ kind });
}

/** Stored JSON back to typed content; a row that fails is a bug, so this throws. */
export function readItemContent(json: unknown): ItemContent {
  return itemContentSchema.parse(json);
}
