import { randomUUID } from "node:crypto";
import type { EngineContext, Tx } from "./context";
import { evaluateExpression } from "./expression";
import { isJsonObject, type JsonObject, type JsonValue } from "./json";
import type { RegisteredFunction, StepResult, WorkflowError } from "./protocol";

/** The parts of the engine context each operation uses, so callers outside a worker can pass just a clock. */
type Timed = Pick<EngineContext, "clock">;
type Logged = Pick<EngineContext, "clock" | "log">;

/**
 * The state changes every part of the executor shares, each inside the
 * caller's transaction: start a run, give a pending step its result and wake
 * its run, and end a run (which answers a parent's step.invoke).
 */

/** Inngest keeps an idempotency key for 24 hours. */
const idempotencyWindowMs = 24 * 60 * 60 * 1000;

function keyText(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Serialises decisions about one key across workers until the transaction ends. */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export interface NewRunEvent {
  id: string;
  payload: JsonObject;
}

/** Starts a run of `fn` for `event`, unless its idempotency key already started one in the last 24 hours. */
export async function createRun(
  tx: Tx,
  ctx: Logged,
  fn: RegisteredFunction,
  event: NewRunEvent,
  parent?: { runId: string; stepId: string },
): Promise<string | null> {
  const now = ctx.clock.now();
  const vars = { event: event.payload };
  let idempotencyKey: string | undefined;
  if (fn.idempotency) {
    idempotencyKey = keyText(safeEvaluate(ctx, fn.idempotency, vars));
    if (idempotencyKey !== undefined) {
      await lockKey(tx, `wf-idempotency:${fn.id}:${idempotencyKey}`);
      const seen = await tx.workflowRun.findFirst({
        where: { functionId: fn.id, idempotencyKey, createdAt: { gt: new Date(now.getTime() - idempotencyWindowMs) } },
        select: { id: true },
      });
      if (seen) return null;
    }
  }
  const concurrencyKeys = fn.concurrency.map((limit) => {
    const key = limit.key ? (keyText(safeEvaluate(ctx, limit.key, vars)) ?? "") : "*";
    return limit.scope === "fn" ? `fn:${fn.id}:${key}` : `${limit.scope}:${key}`;
  });
  const run = await tx.workflowRun.create({
    data: {
      functionId: fn.id,
      status: "queued",
      eventIds: [event.id],
      event: event.payload,
      maxAttempts: fn.maxAttempts,
      nextRunAt: now,
      concurrencyKeys,
      idempotencyKey: idempotencyKey ?? null,
      parentRunId: parent?.runId ?? null,
      parentStepId: parent?.stepId ?? null,
      createdAt: now,
    },
    select: { id: true },
  });
  return run.id;
}

export function safeEvaluate(ctx: Pick<EngineContext, "log">, expression: string, vars: Record<string, JsonValue>): JsonValue | undefined {
  try {
    return evaluateExpression(expression, vars);
  } catch (error) {
    ctx.log.error(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

/**
 * Gives a pending step its result (an event arrived, a wait or invoke timed
 * out, an invoked run ended) and makes its run due. False when the step had
 * already finished, so two resolutions never both count.
 */
export async function resolveStep(tx: Tx, ctx: Timed, runId: string, hashedId: string, result: StepResult): Promise<boolean> {
  const now = ctx.clock.now();
  const { count } = await tx.workflowStep.updateMany({
    where: { runId, hashedId, finishedAt: null },
    data: { result, finishedAt: now },
  });
  if (count === 0) return false;
  // A running run keeps its status; the worker sees nextRunAt set and calls again.
  await tx.$executeRaw`
    UPDATE "WorkflowRun"
       SET "stack" = "stack" || to_jsonb(${hashedId}::text),
           "nextRunAt" = ${now},
           "status" = CASE WHEN "status" IN ('sleeping', 'waiting') THEN 'queued'::"WorkflowRunStatus" ELSE "status" END,
           "updatedAt" = ${now}
     WHERE "id" = ${runId} AND "status" NOT IN ('completed', 'failed', 'cancelled')`;
  return true;
}

interface EndingRun {
  id: string;
  functionId: string;
  event: JsonValue;
  parentRunId: string | null;
  parentStepId: string | null;
}

async function answerParent(tx: Tx, ctx: Timed, run: EndingRun, result: StepResult): Promise<void> {
  if (run.parentRunId && run.parentStepId) await resolveStep(tx, ctx, run.parentRunId, run.parentStepId, result);
}

export async function completeRun(tx: Tx, ctx: Timed, run: EndingRun, data: JsonValue): Promise<void> {
  const now = ctx.clock.now();
  await tx.workflowRun.update({
    where: { id: run.id },
    data: { status: "completed", output: { data }, finishedAt: now, leasedBy: null, leaseUntil: null, nextRunAt: null, plannedSteps: [] },
  });
  await tx.workflowWaiter.deleteMany({ where: { runId: run.id } });
  await answerParent(tx, ctx, run, { data });
}

/** Fails the run; functions with onFailure hear about it through `inngest/function.failed`, as on an Inngest server. */
export async function failRun(tx: Tx, ctx: Pick<EngineContext, "clock" | "registry">, run: EndingRun, error: WorkflowError): Promise<void> {
  const now = ctx.clock.now();
  await tx.workflowRun.update({
    where: { id: run.id },
    data: { status: "failed", error: { ...error }, finishedAt: now, leasedBy: null, leaseUntil: null, nextRunAt: null, plannedSteps: [] },
  });
  await tx.workflowWaiter.deleteMany({ where: { runId: run.id } });
  await answerParent(tx, ctx, run, { error });
  const someoneListens = [...ctx.registry.functions.values()].some((f) => f.events.some((e) => e.event === "inngest/function.failed"));
  if (someoneListens) {
    const id = randomUUID();
    await tx.workflowEvent.create({
      data: {
        id,
        name: "inngest/function.failed",
        receivedAt: now,
        payload: {
          id,
          name: "inngest/function.failed",
          ts: now.getTime(),
          data: { function_id: run.functionId, run_id: run.id, error: { ...error }, event: isJsonObject(run.event) ? run.event : {} },
        },
      },
    });
  }
}

export async function cancelRunInTx(tx: Tx, ctx: Timed, run: EndingRun, reason: string): Promise<void> {
  const now = ctx.clock.now();
  const error: WorkflowError = { name: "RunCancelled", message: reason };
  const { count } = await tx.workflowRun.updateMany({
    where: { id: run.id, status: { notIn: ["completed", "failed", "cancelled"] } },
    data: { status: "cancelled", error: { ...error }, finishedAt: now, leasedBy: null, leaseUntil: null, nextRunAt: null, plannedSteps: [] },
  });
  if (count === 0) return;
  await tx.workflowWaiter.deleteMany({ where: { runId: run.id } });
  await answerParent(tx, ctx, run, { error });
}
