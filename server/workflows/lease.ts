import { db } from "../db";
import type { EngineContext } from "./context";
import { stringArray, type JsonValue } from "./json";
import { lockKey } from "./store";

/**
 * Hands due runs to this worker. `FOR UPDATE SKIP LOCKED` keeps two workers
 * from taking the same run; the lease (leasedBy, leaseUntil) keeps it theirs
 * while they call the function, and a worker that dies simply lets the lease
 * run out, after which any worker takes the run again where it stopped.
 * Concurrency limits count runs holding a live lease, per key, under an
 * advisory lock so workers decide one at a time. A worker takes only runs of
 * functions it serves: a run of a function it does not know waits for a worker
 * that does (another app, or newer code during a deploy).
 */
export async function leaseRuns(ctx: EngineContext, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  return db().$transaction(async (tx) => {
    const now = ctx.clock.now();
    const leaseUntil = new Date(now.getTime() + ctx.leaseMs);
    const candidates = await tx.$queryRaw<{ id: string; functionId: string; concurrencyKeys: JsonValue }[]>`
      SELECT "id", "functionId", "concurrencyKeys" FROM "WorkflowRun"
       WHERE "functionId" = ANY(${[...ctx.registry.functions.keys()]})
         AND (("status" IN ('queued', 'sleeping', 'waiting') AND "nextRunAt" <= ${now})
              OR ("status" = 'running' AND "leaseUntil" < ${now}))
       ORDER BY "nextRunAt" ASC NULLS FIRST
       LIMIT ${limit * 4}
       FOR UPDATE SKIP LOCKED`;
    const leased: string[] = [];
    for (const run of candidates) {
      if (leased.length >= limit) break;
      const fn = ctx.registry.functions.get(run.functionId);
      if (!fn) continue;
      const keys = stringArray(run.concurrencyKeys);
      let full = false;
      for (const [i, limitOf] of fn.concurrency.entries()) {
        const key = keys[i];
        if (!key) continue;
        await lockKey(tx, `wf-concurrency:${key}`);
        const [row] = await tx.$queryRaw<{ running: bigint }[]>`
          SELECT count(*) AS "running" FROM "WorkflowRun"
           WHERE "status" = 'running' AND "leaseUntil" > ${now} AND "concurrencyKeys" ? ${key}`;
        if (Number(row?.running ?? 0) >= limitOf.limit) {
          full = true;
          break;
        }
      }
      if (full) continue;
      await tx.$executeRaw`
        UPDATE "WorkflowRun"
           SET "status" = 'running', "leasedBy" = ${ctx.workerId}, "leaseUntil" = ${leaseUntil},
               "nextRunAt" = NULL, "startedAt" = COALESCE("startedAt", ${now}), "updatedAt" = ${now}
         WHERE "id" = ${run.id}`;
      leased.push(run.id);
    }
    return leased;
  });
}

/** Keeps this worker's lease alive while a call takes long. */
export async function extendLease(ctx: EngineContext, runId: string): Promise<boolean> {
  const now = ctx.clock.now();
  const { count } = await db().workflowRun.updateMany({
    where: { id: runId, status: "running", leasedBy: ctx.workerId },
    data: { leaseUntil: new Date(now.getTime() + ctx.leaseMs) },
  });
  return count === 1;
}

/** Gives a run back (the worker is stopping): due again at once for any worker. */
export async function releaseLease(ctx: EngineContext, runId: string): Promise<void> {
  const now = ctx.clock.now();
  await db().workflowRun.updateMany({
    where: { id: runId, status: "running", leasedBy: ctx.workerId },
    data: { status: "queued", leasedBy: null, leaseUntil: null, nextRunAt: now },
  });
}
