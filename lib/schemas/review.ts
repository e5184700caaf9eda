import { z } from "zod";
import { pageCursorSchema, pageTakeSchema } from "./paging";

/**
 * The cohort dashboard and the review queue: what teachers and facilitators
 * ask for (filters, pages) and what reviewers send (points, comments,
 * feedback). One schema per call feeds the tRPC input, the review forms and
 * the services.
 */

export const dashboardPageSize = 50;
export const reviewPageSize = 20;
export const maxReviewCommentLength = 2000;
export const maxSubmissionFeedbackLength = 5000;

const idSchema = (what: string) =>
  z
    .string({ error: `Choose ${what}.` })
    .trim()
    .min(1, `Choose ${what}.`)
    .max(100, `That ${what.replace(/^(a|an|the) /, "")} was not found. Refresh the page.`);

const cursorSchema = pageCursorSchema.nullish();

// ---------------------------------------------------------------------------
// Dashboard

export const dashboardFilters = ["all", "at_risk", "inactive", "failing"] as const;
export type DashboardFilter = (typeof dashboardFilters)[number];

export const dashboardFilterLabels: Record<DashboardFilter, string> = {
  all: "All",
  at_risk: "At risk",
  inactive: "Inactive",
  failing: "Failing",
};

export const cohortDashboardSchema = z.object({
  cohortId: idSchema("a cohort"),
  cursor: cursorSchema,
  filter: z.enum(dashboardFilters, { error: `Choose a filter: ${dashboardFilters.join(", ")}.` }).default("all"),
  /** Part of a learner's name or email. */
  search: z
    .string()
    .trim()
    .max(200, "Keep the search to 200 characters or fewer.")
    .nullish()
    .transform((v) => v ?? ""),
  take: pageTakeSchema.default(dashboardPageSize),
});
export type CohortDashboardInput = z.input<typeof cohortDashboardSchema>;

export const cohortIdInputSchema = z.object({ cohortId: idSchema("a cohort") });
export type CohortIdInput = z.input<typeof cohortIdInputSchema>;

// ---------------------------------------------------------------------------
// Review queue

/**
 * needs_review: answers a person must score (the AI could not, code answers)
 * and assignment submissions waiting; ai_graded: AI rubric scores to confirm
 * or override; all: both; reviewed: what reviewers already scored, newest first.
 */
export const reviewStatuses = ["needs_review", "ai_graded", "all", "reviewed"] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  needs_review: "Needs review",
  ai_graded: "AI-graded",
  all: "All waiting",
  reviewed: "Reviewed",
};

export const reviewQueueSchema = z.object({
  cohortId: idSchema("a cohort"),
  cursor: cursorSchema,
  status: z.enum(reviewStatuses, { error: `Choose a status: ${reviewStatuses.join(", ")}.` }).default("needs_review"),
  itemId: z
    .string()
    .trim()
    .max(100, "That item was not found. Refresh the page.")
    .nullish()
    .transform((v) => (v ? v : null)),
  take: pageTakeSchema.default(reviewPageSize),
});
export type ReviewQueueInput = z.input<typeof reviewQueueSchema>;

/** Empty text means "no comment". */
const commentSchema = (max: number, what: string) =>
  z
    .string({ error: `Write the ${what} as text.` })
    .trim()
    .max(max, `Keep the ${what} to ${max.toLocaleString("en")} characters or fewer.`)
    .nullish()
    .transform((v) => (v ? v : null));

const pointsSchema = z
  .number({ error: "Give the points as a number." })
  .finite("Give the points as a number.")
  .min(0, "Points cannot be negative.")
  .max(10_000, "That is more points than any question is worth.")
  // Two decimals are enough for half and quarter points; more is noise from a slider or a typo.
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "Use at most two decimals, like 2.5.");

export const overrideAnswerSchema = z.object({
  answerId: idSchema("an answer"),
  points: pointsSchema,
  comment: commentSchema(maxReviewCommentLength, "comment"),
});
export type OverrideAnswerInput = z.input<typeof overrideAnswerSchema>;

export const confirmAnswerSchema = z.object({ answerId: idSchema("an answer") });
export type ConfirmAnswerInput = z.input<typeof confirmAnswerSchema>;

export const reviewSubmissionSchema = z.object({
  submissionId: idSchema("a submission"),
  score: pointsSchema,
  feedback: commentSchema(maxSubmissionFeedbackLength, "feedback"),
});
export type ReviewSubmissionInput = z.input<typeof reviewSubmissionSchema>;

export const releaseFeedbackSchema = z.object({
  cohortId: idSchema("a cohort"),
  itemId: idSchema("an exam"),
});
export type ReleaseFeedbackInput = z.input<typeof releaseFeedbackSchema>;
