import { randomUUID } from "node:crypto";
import { db } from "../db";
import type { EngineContext } from "./context";
import { nextCronTime } from "./cron";
import { createRun } from "./store";

/**
 * Cron triggers. Each (function, cron) has a row holding its next fire time;
 * the worker that locks a due row starts the run and moves the time on, so a
 * cron fires once however many workers run. After downtime a missed schedule
 * fires once, then continues from now (Inngest does not backfill).
 */

function scheduleId(functionId: string, cron: string): string {
  return `${functionId} ${cron}`;
}

function knownScheduleIds(ctx: EngineContext): string[] {
  return [...ctx.registry.functions.values()].flatMap((fn) => fn.crons.map((cron) => scheduleId(fn.id, cron)));
}

/**
 * Adds a row for every cron trigger of the synced app and keeps the next fire
 * time of existing ones. A row whose cron left the code is never fired again
 * (only crons the worker serves are); it is kept, since another app's or a
 * newer deploy's worker may still serve it.
 */
export async function syncSchedules(ctx: EngineContext): Promise<void> {
  const now = ctx.clock.now();
  for (const fn of ctx.registry.functions.values()) {
    for (const cron of fn.crons) {
      let nextFireAt: Date;
      try {
        nextFireAt = nextCronTime(cron, now);
      } catch (error) {
        ctx.log.error(`Function ${fn.id}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      await db().workflowSchedule.upsert({
        where: { id: scheduleId(fn.id, cron) },
        create: { id: scheduleId(fn.id, cron), functionId: fn.id, cron, nextFireAt, updatedAt: now },
        update: {},
      });
    }
  }
}

/** Starts the runs of due schedules; returns how many fired. */
export async function fireSchedules(ctx: EngineContext, limit = 20): Promise<number> {
  return db().$transaction(async (tx) => {
    const now = ctx.clock.now();
    const due = await tx.$queryRaw<{ id: string; functionId: string; cron: string }[]>`
      SELECT "id", "functionId", "cron" FROM "WorkflowSchedule"
       WHERE "nextFireAt" <= ${now} AND "id" = ANY(${knownScheduleIds(ctx)})
       ORDER BY "nextFireAt"
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
    for (const schedule of due) {
      const fn = ctx.registry.functions.get(schedule.functionId);
      if (!fn) continue;
      const id = randomUUID();
      const payload = { id, name: "inngest/scheduled.timer", data: { cron: schedule.cron }, ts: now.getTime() };
      await tx.workflowEvent.create({ data: { id, name: payload.name, payload, receivedAt: now, processedAt: now } });
      await createRun(tx, ctx, fn, { id, payload });
      await tx.workflowSchedule.update({ where: { id: schedule.id }, data: { nextFireAt: nextCronTime(schedule.cron, now), updatedAt: now } });
    }
    return due.length;
  });
}
