import { AppError } from "@/lib/errors";
import { db } from "../db";

/**
 * Housekeeping run by scheduled workflows. System tasks: they take no actor,
 * and no person can call them through the app.
 */

export const STALE_SESSION_RETENTION_DAYS = 30;

export interface StaleSessionsDeleted {
  deleted: number;
  /** Sessions that ended before this instant were deleted (ISO 8601). */
  endedBefore: string;
}

/**
 * Deletes device sessions that expired, or were revoked, more than
 * `retentionDays` ago. Recent ones stay, so "Sessions and devices" can still
 * show a device that was just signed out.
 */
export async function deleteStaleSessions(
  input: { now?: Date; retentionDays?: number } = {},
): Promise<StaleSessionsDeleted> {
  const retentionDays = input.retentionDays ?? STALE_SESSION_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new AppError("invalid", "Keep ended sessions for at least 1 whole day.");
  }
  const now = input.now ?? new Date();
  const endedBefore = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const { count } = await db().session.deleteMany({
    where: { OR: [{ expires: { lt: endedBefore } }, { revokedAt: { lt: endedBefore } }] },
  });
  return { deleted: count, endedBefore: endedBefore.toISOString() };
}

export const WORKFLOW_RETENTION_DAYS = { completed: 7, ended: 30, events: 7 } as const;

export interface WorkflowHistoryPruned {
  runs: number;
  events: number;
  /** Completed runs that finished before this instant were deleted (ISO 8601). */
  completedBefore: string;
  /** Failed and cancelled runs that finished before this instant were deleted (ISO 8601). */
  endedBefore: string;
}

/**
 * Deletes the embedded executor's history: completed runs after a week (the
 * every-minute reminder dispatch alone makes 10,000 a week), failed and
 * cancelled ones after 30 days so there is time to look into them, and events
 * that were fanned out over a week ago. Steps and waiters go with their runs.
 * Runs that have not ended are never touched.
 */
export async function pruneWorkflowHistory(input: { now?: Date } = {}): Promise<WorkflowHistoryPruned> {
  const now = (input.now ?? new Date()).getTime();
  const daysAgo = (days: number) => new Date(now - days * 24 * 60 * 60 * 1000);
  const completedBefore = daysAgo(WORKFLOW_RETENTION_DAYS.completed);
  const endedBefore = daysAgo(WORKFLOW_RETENTION_DAYS.ended);
  const runs = await db().workflowRun.deleteMany({
    where: {
      OR: [
        { status: "completed", finishedAt: { lt: completedBefore } },
        { status: { in: ["failed", "cancelled"] }, finishedAt: { lt: endedBefore } },
      ],
    },
  });
  const events = await db().workflowEvent.deleteMany({
    where: { processedAt: { lt: daysAgo(WORKFLOW_RETENTION_DAYS.events) } },
  });
  return { runs: runs.count, events: events.count, completedBefore: completedBefore.toISOString(), endedBefore: endedBefore.toISOString() };
}
