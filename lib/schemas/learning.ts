import { z } from "zod";
import { answerSchema, maxCodeLength } from "./courses";
import { idOf } from "./ids";

/**
 * What a learner's browser may send while learning: which cohort and item it
 * is about, the answers of an attempt, code drafts and assignment texts.
 * Scores, completion and outcomes are never part of any of these: zod drops
 * unknown keys, so a client that adds `score` or `passed` sends nothing.
 */

export const maxAssignmentTextLength = 50_000;

const cohortId = idOf("a cohort");
const itemId = idOf("an item");
const attemptId = idOf("an attempt");
const questionId = idOf("a question");

/** "View as learner": teachers and facilitators see the learner's page, and nothing is saved. */
const preview = z.boolean({ error: "preview is true or false." }).default(false);

export const courseHomeInputSchema = z.object({ cohortId, preview });
export type CourseHomeInput = z.input<typeof courseHomeInputSchema>;

export const learnerItemInputSchema = z.object({ cohortId, itemId, preview });
export type LearnerItemInput = z.input<typeof learnerItemInputSchema>;

export const startAttemptInputSchema = z.object({ cohortId, itemId });
export type StartAttemptInput = z.input<typeof startAttemptInputSchema>;

export const attemptIdInputSchema = z.object({ attemptId });
export type AttemptIdInput = z.input<typeof attemptIdInputSchema>;

export const saveCodeDraftInputSchema = z.object({
  cohortId,
  itemId,
  questionId,
  code: z.string({ error: "Send the code as text." }).max(maxCodeLength, `Keep your code under ${maxCodeLength.toLocaleString("en")} characters.`),
});
export type SaveCodeDraftInput = z.input<typeof saveCodeDraftInputSchema>;

export const submittedAnswerSchema = z.object({ questionId, answer: answerSchema });
export type SubmittedAnswer = z.infer<typeof submittedAnswerSchema>;

export const submitAttemptInputSchema = z.object({
  attemptId,
  answers: z
    .array(submittedAnswerSchema, { error: "Send the answers as a list." })
    .max(200, "An attempt has at most 200 answers.")
    .superRefine((answers, ctx) => {
      const seen = new Set<string>();
      for (const a of answers) {
        if (seen.has(a.questionId)) ctx.addIssue({ code: "custom", message: `Question "${a.questionId}" was answered twice. Reload the page and submit again.` });
        seen.add(a.questionId);
      }
    }),
});
export type SubmitAttemptInput = z.input<typeof submitAttemptInputSchema>;

const assignmentText = z
  .string({ error: "Write your answer as text." })
  .max(maxAssignmentTextLength, `Keep your answer to ${maxAssignmentTextLength.toLocaleString("en")} characters or fewer.`);

/** A submission typed in the page (a file comes through POST /api/submissions instead). */
export const submitAssignmentInputSchema = z.object({ cohortId, itemId, text: assignmentText });
export type SubmitAssignmentInput = z.input<typeof submitAssignmentInputSchema>;

/** The text fields of the multipart upload; the file itself is checked by server/storage's checkUpload. */
export const assignmentUploadFieldsSchema = z.object({
  cohortId,
  itemId,
  text: assignmentText
    .nullish()
    .transform((v) => (v && v.trim() ? v : null)),
});
export type AssignmentUploadFields = z.infer<typeof assignmentUploadFieldsSchema>;

export const submissionIdInputSchema = z.object({ submissionId: idOf("a submission") });
export type SubmissionIdInput = z.input<typeof submissionIdInputSchema>;

/** Seconds after an attempt's deadline that a submission still counts: the network is not instant. */
export const submitGraceSeconds = 30;
