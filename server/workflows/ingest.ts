import { db } from "../db";
import type { EngineContext, Tx } from "./context";
import { parseTimeString } from "./duration";
import { expressionMatches } from "./expression";
import { isJsonObject, type JsonObject, type JsonValue } from "./json";
import { cancelRunInTx, createRun, resolveStep } from "./store";

/**
 * Fans out stored events, each exactly once (the row lock with SKIP LOCKED
 * lets several workers share the queue): start the runs the event triggers,
 * resume runs whose step.waitForEvent it matches, cancel runs whose cancelOn
 * it matches.
 */

/** Trigger names may end in a wildcard: "app/user.*". */
export function eventNameMatches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

function matches(ctx: EngineContext, expression: string | undefined, vars: Record<string, JsonValue>): boolean {
  if (!expression) return true;
  try {
    return expressionMatches(expression, vars);
  } catch (error) {
    ctx.log.error(error instanceof Error ? error.message : String(error));
    return false;
  }
}

async function fanOut(tx: Tx, ctx: EngineContext, event: { id: string; name: string; payload: JsonObject }): Promise<void> {
  const now = ctx.clock.now();
  for (const fn of ctx.registry.functions.values()) {
    if (fn.events.some((t) => eventNameMatches(t.event, event.name) && matches(ctx, t.expression, { event: event.payload }))) {
      await createRun(tx, ctx, fn, event);
    }
    for (const cancel of fn.cancel.filter((c) => eventNameMatches(c.event, event.name))) {
      const window = cancel.timeout ? parseTimeString(cancel.timeout) : undefined;
      const candidates = await tx.workflowRun.findMany({
        where: {
          functionId: fn.id,
          status: { in: ["queued", "running", "sleeping", "waiting"] },
          ...(window !== undefined ? { createdAt: { gte: new Date(now.getTime() - window) } } : {}),
        },
        select: { id: true, functionId: true, event: true, parentRunId: true, parentStepId: true },
      });
      for (const run of candidates) {
        if (matches(ctx, cancel.if, { event: run.event, async: event.payload })) {
          await cancelRunInTx(tx, ctx, run, `Cancelled by event "${event.name}" (${event.id}).`);
        }
      }
    }
  }
  const waiters = await tx.workflowWaiter.findMany({
    where: { event: event.name, expiresAt: { gt: now } },
    select: { id: true, runId: true, hashedId: true, expression: true, run: { select: { event: true } } },
  });
  for (const waiter of waiters) {
    if (!matches(ctx, waiter.expression ?? undefined, { event: waiter.run.event, async: event.payload })) continue;
    // Deleting the waiter is the claim: a timeout or another event may race for it.
    const { count } = await tx.workflowWaiter.deleteMany({ where: { id: waiter.id } });
    if (count === 1) await resolveStep(tx, ctx, waiter.runId, waiter.hashedId, { data: event.payload });
  }
}

/** Handles up to `limit` unprocessed events; returns how many. */
export async function ingestEvents(ctx: EngineContext, limit = 50): Promise<number> {
  return db().$transaction(async (tx) => {
    const events = await tx.$queryRaw<{ id: string; name: string; payload: JsonValue }[]>`
      SELECT "id", "name", "payload" FROM "WorkflowEvent"
       WHERE "processedAt" IS NULL
       ORDER BY "receivedAt", "id"
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
    for (const event of events) {
      if (isJsonObject(event.payload)) await fanOut(tx, ctx, { id: event.id, name: event.name, payload: event.payload });
    }
    if (events.length) {
      await tx.workflowEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { processedAt: ctx.clock.now() } });
    }
    return events.length;
  });
}
