import { z } from "zod";

/**
 * Inputs of the workflow-runs service (the system admin's view of the
 * embedded executor's runs), and the status vocabulary the page shows.
 */

/** Mirrors the WorkflowRunStatus enum of prisma/schema.prisma. */
export const workflowRunStatuses = ["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled"] as const;
export type WorkflowRunStatus = (typeof workflowRunStatuses)[number];

/** A run in one of these may still change: it can be cancelled, and the page keeps refreshing it. */
export const activeRunStatuses = ["queued", "running", "sleeping", "waiting"] as const satisfies readonly WorkflowRunStatus[];
/** A run that ended this way can be started again with the same event. */
export const retryableRunStatuses = ["failed", "cancelled"] as const satisfies readonly WorkflowRunStatus[];

export function isActiveRunStatus(status: WorkflowRunStatus): boolean {
  return (activeRunStatuses as readonly WorkflowRunStatus[]).includes(status);
}

export const workflowRunStatusLabels: Record<WorkflowRunStatus, string> = {
  queued: "Queued",
  running: "Running",
  sleeping: "Sleeping",
  waiting: "Waiting for an event",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const workflowRunStatusSchema = z.enum(workflowRunStatuses, {
  error: `Choose a status: ${workflowRunStatuses.join(", ")}.`,
});

export const maxWorkflowRunsPage = 100;

export const workflowRunIdSchema = z
  .string({ error: "Choose a workflow run." })
  .trim()
  .min(1, "Choose a workflow run.")
  .max(64, "That workflow run id is not valid.");

export const listWorkflowRunsSchema = z.object({
  status: workflowRunStatusSchema.optional(),
  functionId: z.string().trim().min(1, "Choose a function.").max(200, "That function id is not valid.").optional(),
  cursor: z.string().max(64, "This page link is not valid; start from the first page.").optional(),
  take: z
    .number({ error: "Page size must be a number." })
    .int("Page size must be a whole number.")
    .min(1, "Page size must be at least 1.")
    .max(maxWorkflowRunsPage, `Page size can be at most ${maxWorkflowRunsPage}.`)
    .default(50),
});
export type ListWorkflowRunsInput = z.input<typeof listWorkflowRunsSchema>;

export const workflowRunRefSchema = z.object({ runId: workflowRunIdSchema });
export type WorkflowRunRefInput = z.input<typeof workflowRunRefSchema>;

export const getWorkflowRunSchema = workflowRunRefSchema;
export const cancelWorkflowRunSchema = workflowRunRefSchema;
export const retryWorkflowRunSchema = workflowRunRefSchema;
