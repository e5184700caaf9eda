import type { WorkflowRunStatus } from "@/lib/schemas/workflows";

/**
 * The inputs the workflow pages prefetch and their client components then
 * ask for, built in one place so the query keys match and the data hydrates.
 */

export const workflowRunsPageSize = 25;

export function workflowRunsListInput(filters: { status?: WorkflowRunStatus; functionId?: string } = {}) {
  return {
    take: workflowRunsPageSize,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.functionId ? { functionId: filters.functionId } : {}),
  };
}

export function workflowRunInput(runId: string) {
  return { runId };
}

/** How often an open page asks again while runs may still change. */
export const activeRefreshMs = 3000;
