import { db } from "../db";
import { systemClock, type Clock } from "./clock";
import { cancelRunInTx } from "./store";

/**
 * Operations on runs for people (the admin page, scripts). Permission checks
 * belong to the service that calls them.
 */

/** Cancels a run that has not ended: waits are dropped, a parent's step.invoke gets an error. False if it had ended. */
export async function cancelRun(runId: string, options: { reason?: string; clock?: Clock } = {}): Promise<boolean> {
  const clock = options.clock ?? systemClock;
  return db().$transaction(async (tx) => {
    const run = await tx.workflowRun.findUnique({
      where: { id: runId },
      select: { id: true, functionId: true, event: true, status: true, parentRunId: true, parentStepId: true },
    });
    if (!run || ["completed", "failed", "cancelled"].includes(run.status)) return false;
    await cancelRunInTx(tx, { clock }, run, options.reason ?? "Cancelled by an administrator.");
    return true;
  });
}

/** Starts a new run of the same function with the same event (Inngest's "rerun"). Returns the new run's id. */
export async function rerunRun(runId: string, options: { clock?: Clock } = {}): Promise<string> {
  const now = (options.clock ?? systemClock).now();
  const run = await db().workflowRun.findUnique({
    where: { id: runId },
    select: { functionId: true, event: true, eventIds: true, maxAttempts: true, concurrencyKeys: true },
  });
  if (!run) throw new Error(`No workflow run ${runId}.`);
  const created = await db().workflowRun.create({
    data: {
      functionId: run.functionId,
      status: "queued",
      event: run.event ?? {},
      eventIds: run.eventIds ?? [],
      maxAttempts: run.maxAttempts,
      concurrencyKeys: run.concurrencyKeys ?? [],
      nextRunAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
  return created.id;
}
