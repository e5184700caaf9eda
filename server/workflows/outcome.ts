import { randomUUID } from "node:crypto";
import { db } from "../db";
import type { EngineContext, Tx } from "./context";
import { parseRetryAfter, resolveWakeTime } from "./duration";
import { checkExpression } from "./expression";
import { isJsonObject, stringArray, toJson, type JsonValue } from "./json";
import { toWorkflowError, type CallOutcome, type Op, type WorkflowError } from "./protocol";
import { completeRun, createRun, failRun } from "./store";

/**
 * Applies one call's answer to the run, as an Inngest server would: memoise
 * step results, schedule retries, park sleeps, waits and invokes, finish the
 * run. Runs in one transaction, and only while this worker still holds the
 * lease, so an answer that arrives after the lease was lost changes nothing.
 */

/** What the worker does next with the run. */
export type Next = "continue" | "parked" | "done" | "lost";

interface LockedRun {
  id: string;
  functionId: string;
  status: string;
  leasedBy: string | null;
  attempt: number;
  maxAttempts: number;
  event: JsonValue;
  plannedSteps: JsonValue;
  disableImmediateExecution: boolean;
  nextRunAt: Date | null;
  parentRunId: string | null;
  parentStepId: string | null;
}

const pendingOps = ["Sleep", "WaitForEvent", "InvokeFunction"];

function stepName(op: Op): string {
  return op.displayName ?? op.name ?? op.id;
}

function optString(op: Op, key: string): string | undefined {
  const value = op.opts?.[key];
  return typeof value === "string" && value ? value : undefined;
}

/** Records a step that is waiting on the executor (sleep, event, invoked run); a step already known stays as it is. */
async function addPendingStep(tx: Tx, ctx: EngineContext, run: LockedRun, op: Op, wakeAt: Date | null): Promise<boolean> {
  const existing = await tx.workflowStep.findUnique({ where: { runId_hashedId: { runId: run.id, hashedId: op.id } }, select: { id: true } });
  if (existing) return false;
  await tx.workflowStep.create({
    data: { runId: run.id, hashedId: op.id, name: stepName(op), op: op.op, wakeAt, startedAt: ctx.clock.now() },
  });
  return true;
}

async function memoise(tx: Tx, ctx: EngineContext, run: LockedRun, op: Op, result: { data: JsonValue } | { error: WorkflowError }): Promise<void> {
  const now = ctx.clock.now();
  const existing = await tx.workflowStep.findUnique({
    where: { runId_hashedId: { runId: run.id, hashedId: op.id } },
    select: { finishedAt: true },
  });
  if (existing?.finishedAt) return;
  const error = "error" in result ? { ...result.error } : undefined;
  await tx.workflowStep.upsert({
    where: { runId_hashedId: { runId: run.id, hashedId: op.id } },
    create: { runId: run.id, hashedId: op.id, name: stepName(op), op: "StepRun", result, error, attempts: 1, startedAt: now, finishedAt: now },
    update: { result, ...(error ? { error } : {}), attempts: { increment: 1 }, finishedAt: now },
  });
  await tx.$executeRaw`UPDATE "WorkflowRun" SET "stack" = "stack" || to_jsonb(${op.id}::text) WHERE "id" = ${run.id}`;
}

async function retryOrFail(tx: Tx, ctx: EngineContext, run: LockedRun, error: WorkflowError, retryAfter?: string): Promise<Next> {
  const now = ctx.clock.now();
  const attempt = run.attempt + 1;
  if (attempt >= run.maxAttempts) {
    await failRun(tx, ctx, run, error);
    return "done";
  }
  const at = parseRetryAfter(retryAfter ?? null, now) ?? new Date(now.getTime() + ctx.backoff(attempt));
  await tx.workflowRun.update({
    where: { id: run.id },
    data: { status: "queued", attempt, nextRunAt: at, error: { ...error }, leasedBy: null, leaseUntil: null },
  });
  return "parked";
}

async function handleOps(tx: Tx, ctx: EngineContext, run: LockedRun, stepId: string, ops: Op[]): Promise<Next> {
  const now = ctx.clock.now();
  let planned = stringArray(run.plannedSteps);
  let progressed = false;
  const disableImmediateExecution = run.disableImmediateExecution || ops.length > 1;
  for (const op of ops) {
    switch (op.op) {
      case "StepRun":
        await memoise(tx, ctx, run, op, { data: toJson(op.data) });
        planned = planned.filter((id) => id !== op.id);
        progressed = true;
        break;
      case "StepFailed":
        await memoise(tx, ctx, run, op, { error: toWorkflowError(op.error) });
        planned = planned.filter((id) => id !== op.id);
        progressed = true;
        break;
      case "StepError": {
        const error = toWorkflowError(op.error);
        // Each step counts its own attempts (parallel steps fail independently); run.attempt mirrors the step being retried.
        const failedBefore = (await tx.workflowStep.findUnique({
          where: { runId_hashedId: { runId: run.id, hashedId: op.id } },
          select: { attempts: true },
        }))?.attempts ?? 0;
        const attempt = Math.max(run.attempt, failedBefore);
        if (attempt + 1 >= run.maxAttempts) {
          // Out of attempts (the SDK normally says StepFailed itself): the function gets the error.
          await memoise(tx, ctx, run, op, { error });
          planned = planned.filter((id) => id !== op.id);
          progressed = true;
          break;
        }
        await tx.workflowStep.upsert({
          where: { runId_hashedId: { runId: run.id, hashedId: op.id } },
          create: { runId: run.id, hashedId: op.id, name: stepName(op), op: "StepRun", error: { ...error }, attempts: 1, startedAt: now },
          update: { error: { ...error }, attempts: { increment: 1 } },
        });
        const others = planned.filter((id) => id !== op.id);
        if (stepId !== "step" && others.length > 0) {
          // Other parallel steps are waiting: they run now, and this one is retried after them, as Inngest
          // retries a parallel step without holding up its siblings.
          await tx.workflowRun.update({
            where: { id: run.id },
            data: { plannedSteps: [...others, op.id], disableImmediateExecution, error: { ...error }, nextRunAt: null },
          });
          return "continue";
        }
        // A planned step is retried by calling it again; an immediately executed one by calling "step".
        await tx.workflowRun.update({ where: { id: run.id }, data: { plannedSteps: planned, disableImmediateExecution } });
        return retryOrFail(tx, ctx, { ...run, attempt }, error);
      }
      case "StepPlanned":
        if (!planned.includes(op.id)) planned.push(op.id);
        break;
      case "Sleep": {
        const spec = optString(op, "duration") ?? op.name ?? "";
        let wakeAt: Date;
        try {
          wakeAt = resolveWakeTime(spec, now);
        } catch (error) {
          await failRun(tx, ctx, run, toWorkflowError(error));
          return "done";
        }
        await addPendingStep(tx, ctx, run, op, wakeAt);
        break;
      }
      case "WaitForEvent": {
        const eventName = optString(op, "event") ?? op.name ?? "";
        const expression = optString(op, "if");
        let expiresAt: Date;
        try {
          expiresAt = resolveWakeTime(optString(op, "timeout") ?? "", now);
          if (expression) checkExpression(expression);
        } catch (error) {
          await failRun(tx, ctx, run, toWorkflowError(error));
          return "done";
        }
        if (await addPendingStep(tx, ctx, run, op, expiresAt)) {
          await tx.workflowWaiter.create({ data: { runId: run.id, hashedId: op.id, event: eventName, expression: expression ?? null, expiresAt, createdAt: now } });
        }
        break;
      }
      case "InvokeFunction": {
        const functionId = optString(op, "function_id") ?? "";
        const timeout = optString(op, "timeout");
        let wakeAt: Date | null;
        try {
          wakeAt = timeout ? resolveWakeTime(timeout, now) : null;
        } catch (error) {
          await failRun(tx, ctx, run, toWorkflowError(error));
          return "done";
        }
        if (!(await addPendingStep(tx, ctx, run, op, wakeAt))) break;
        const fn = ctx.registry.functions.get(functionId);
        if (!fn) {
          await memoise(tx, ctx, run, op, { error: { name: "FunctionNotFound", message: `step.invoke: no function "${functionId}" in app "${ctx.registry.appId}".` } });
          progressed = true;
          break;
        }
        const payload = isJsonObject(op.opts?.payload) ? op.opts.payload : {};
        const id = randomUUID();
        const event = toJson({ ...payload, id, name: "inngest/function.invoked", data: isJsonObject(payload.data) ? payload.data : {}, ts: now.getTime() });
        if (isJsonObject(event)) {
          await tx.workflowEvent.create({ data: { id, name: "inngest/function.invoked", payload: event, receivedAt: now, processedAt: now } });
          await createRun(tx, ctx, fn, { id, payload: event }, { runId: run.id, stepId: op.id });
        }
        break;
      }
      case "RunComplete":
        await completeRun(tx, ctx, run, toJson(op.data));
        return "done";
      default:
        await failRun(tx, ctx, run, {
          name: "UnsupportedOperation",
          message: `The function used "${op.op}" (step "${stepName(op)}"), which the embedded executor does not support. Configure an Inngest server to use it.`,
        });
        return "done";
    }
  }
  if (stepId !== "step" && !ops.some((op) => op.id === stepId)) planned = planned.filter((id) => id !== stepId);
  const base = { plannedSteps: planned, disableImmediateExecution, ...(progressed ? { attempt: 0 } : {}) };
  if (progressed || planned.length > 0) {
    await tx.workflowRun.update({ where: { id: run.id }, data: { ...base, nextRunAt: null } });
    return "continue";
  }
  // Nothing to run now: park until a step resolves. A resolution that came in
  // during the call already set nextRunAt, so the run is due again at once.
  const pending = await tx.workflowStep.findMany({
    where: { runId: run.id, finishedAt: null, op: { in: pendingOps } },
    select: { op: true, wakeAt: true },
  });
  if (run.nextRunAt || pending.length === 0) {
    await tx.workflowRun.update({ where: { id: run.id }, data: { ...base, status: "queued", nextRunAt: run.nextRunAt ?? now, leasedBy: null, leaseUntil: null } });
    return "parked";
  }
  const deadlines = pending.flatMap((p) => (p.wakeAt ? [p.wakeAt.getTime()] : []));
  await tx.workflowRun.update({
    where: { id: run.id },
    data: {
      ...base,
      status: pending.some((p) => p.op === "Sleep") ? "sleeping" : "waiting",
      nextRunAt: deadlines.length ? new Date(Math.min(...deadlines)) : null,
      leasedBy: null,
      leaseUntil: null,
    },
  });
  return "parked";
}

export async function applyOutcome(ctx: EngineContext, runId: string, stepId: string, outcome: CallOutcome): Promise<Next> {
  return db().$transaction(async (tx) => {
    const [run] = await tx.$queryRaw<LockedRun[]>`
      SELECT "id", "functionId", "status"::text AS "status", "leasedBy", "attempt", "maxAttempts", "event", "plannedSteps",
             "disableImmediateExecution", "nextRunAt", "parentRunId", "parentStepId"
        FROM "WorkflowRun" WHERE "id" = ${runId} FOR UPDATE`;
    if (!run || run.status !== "running" || run.leasedBy !== ctx.workerId) return "lost";
    switch (outcome.kind) {
      case "complete":
        await completeRun(tx, ctx, run, outcome.data);
        return "done";
      case "error":
        if (!outcome.retriable) {
          await failRun(tx, ctx, run, outcome.error);
          return "done";
        }
        return retryOrFail(tx, ctx, run, outcome.error, outcome.retryAt);
      case "ops":
        return handleOps(tx, ctx, run, stepId, outcome.ops);
    }
  });
}
