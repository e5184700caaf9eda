import { z } from "zod";

/**
 * The lesson tutor's inputs: the chat route's body, and the tRPC inputs for
 * the transcript. The client sends only the new message; the server owns the
 * history, so nothing here carries earlier turns.
 */

export const maxTutorMessageLength = 4000;
/** Messages per page of the transcript. */
export const tutorHistoryPageSize = 50;

const idSchema = (what: string) =>
  z
    .string({ error: `Choose a ${what}.` })
    .trim()
    .min(1, `Choose a ${what}.`)
    .max(100, `This ${what} id is not valid.`);

export const tutorTargetSchema = z.object({
  cohortId: idSchema("cohort"),
  itemId: idSchema("lesson"),
});
export type TutorTarget = z.infer<typeof tutorTargetSchema>;

export const tutorMessageTextSchema = z
  .string({ error: "Write a message to the tutor." })
  .trim()
  .min(1, "Write a message to the tutor.")
  .max(maxTutorMessageLength, `Keep your message to ${maxTutorMessageLength.toLocaleString("en")} characters or fewer.`);

/** POST /api/tutor */
export const tutorMessageInputSchema = tutorTargetSchema.extend({ message: tutorMessageTextSchema });
export type TutorMessageInput = z.infer<typeof tutorMessageInputSchema>;

export const tutorHistoryInputSchema = tutorTargetSchema.extend({
  /** Messages before this seq (for "show earlier"); default: the latest page. */
  beforeSeq: z.number().int().min(1).optional(),
});
export type TutorHistoryInput = z.infer<typeof tutorHistoryInputSchema>;

/** What a reply stopped by the learner (or a closed tab) is marked with, on the server and in the open chat alike. */
export const tutorStoppedMessage = "The answer was stopped before it finished.";

export const tutorRoles = ["user", "assistant"] as const;
export type TutorRole = (typeof tutorRoles)[number];

/**
 * What the chat stream attaches to an assistant message (UIMessage metadata)
 * and what a restored message carries: which model answered, and how the
 * turn ended when it did not end well.
 */
export interface TutorMessageMetadata {
  seq?: number;
  model?: string;
  /** Set when the reply failed or was stopped: what the learner is told. */
  error?: string;
  latencyMs?: number;
  createdAt?: string;
}
