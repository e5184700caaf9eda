import { db } from "../db";
import type { EngineContext } from "./context";
import { isJsonObject, stringArray } from "./json";
import { extendLease, releaseLease } from "./lease";
import { applyOutcome, type Next } from "./outcome";
import { callRequest, readCallResponse, toWorkflowError, type CallOutcome, type StepResult } from "./protocol";
import { resolveStep } from "./store";

/**
 * Drives one leased run: call the function through the serve handler with
 * every memoised step, apply the answer, and call again while there is more
 * to do now. Stops when the run parks (sleep, wait, retry backoff), ends, the
 * lease is lost, or `signal` asks the worker to stop, in which case the run
 * is handed back between two calls, never in the middle of one.
 */
export interface DriveOptions {
  signal?: AbortSignal;
  maxCalls?: number;
}

/** Gives pending steps whose time has come their result: a sleep ends, a wait or an invoke times out. */
async function expireDueSteps(ctx: EngineContext, runId: string): Promise<void> {
  const now = ctx.clock.now();
  const due = await db().workflowStep.findMany({
    where: { runId, finishedAt: null, wakeAt: { lte: now }, op: { in: ["Sleep", "WaitForEvent", "InvokeFunction"] } },
    select: { hashedId: true, op: true, name: true },
    orderBy: { wakeAt: "asc" },
  });
  for (const step of due) {
    await db().$transaction(async (tx) => {
      let result: StepResult = { data: null };
      if (step.op === "WaitForEvent") {
        const { count } = await tx.workflowWaiter.deleteMany({ where: { runId, hashedId: step.hashedId } });
        if (count === 0) return; // an event got there first
      } else if (step.op === "InvokeFunction") {
        result = { error: { name: "InngestInvokeTimeoutError", message: `step.invoke "${step.name}" timed out before the invoked function finished.` } };
      }
      await resolveStep(tx, ctx, runId, step.hashedId, result);
    });
  }
}

async function callOnce(ctx: EngineContext, runId: string): Promise<{ next: Next } | null> {
  await expireDueSteps(ctx, runId);
  const run = await db().workflowRun.findUnique({
    where: { id: runId },
    select: {
      status: true,
      leasedBy: true,
      functionId: true,
      event: true,
      attempt: true,
      maxAttempts: true,
      stack: true,
      plannedSteps: true,
      disableImmediateExecution: true,
      steps: { select: { hashedId: true, result: true, attempts: true, finishedAt: true } },
    },
  });
  if (!run || run.status !== "running" || run.leasedBy !== ctx.workerId) return null;
  const steps: Record<string, StepResult> = {};
  for (const step of run.steps) {
    if (!step.finishedAt) continue;
    if (isJsonObject(step.result) && ("data" in step.result || "error" in step.result)) steps[step.hashedId] = step.result as StepResult;
  }
  const stepId = stringArray(run.plannedSteps)[0] ?? "step";
  // A parallel step is told its own attempt number: its siblings may have succeeded since it last failed.
  const plannedStep = stepId === "step" ? undefined : run.steps.find((s) => s.hashedId === stepId && !s.finishedAt);
  const attempt = plannedStep ? plannedStep.attempts : run.attempt;
  const request = callRequest(
    ctx.serveUrl,
    {
      functionId: run.functionId,
      stepId,
      event: isJsonObject(run.event) ? run.event : {},
      steps,
      runId,
      attempt,
      maxAttempts: run.maxAttempts,
      disableImmediateExecution: run.disableImmediateExecution,
      stack: stringArray(run.stack).filter((id) => id in steps),
    },
    ctx.signingKey,
  );
  // Keep the lease while the function runs; a worker that dies stops renewing it.
  const heartbeat = setInterval(() => {
    extendLease(ctx, runId).catch((error) => ctx.log.error(`Could not extend the lease of run ${runId}`, error));
  }, Math.max(1000, Math.floor(ctx.leaseMs / 3)));
  heartbeat.unref();
  let outcome: CallOutcome;
  try {
    outcome = await readCallResponse(await ctx.handler(request));
  } catch (error) {
    outcome = { kind: "error", retriable: true, error: toWorkflowError(error) };
  } finally {
    clearInterval(heartbeat);
  }
  try {
    return { next: await applyOutcome(ctx, runId, stepId, outcome) };
  } catch (error) {
    // Record the failure as a retriable error so a run whose answer cannot be
    // stored ends after its retries instead of repeating its steps forever.
    ctx.log.error(`Could not store the answer for run ${runId}; counting it as a failed attempt.`, error);
    return { next: await applyOutcome(ctx, runId, stepId, { kind: "error", retriable: true, error: toWorkflowError(error) }) };
  }
}

export async function driveRun(ctx: EngineContext, runId: string, options: DriveOptions = {}): Promise<void> {
  const maxCalls = options.maxCalls ?? 50;
  for (let calls = 0; calls < maxCalls; calls++) {
    const result = await callOnce(ctx, runId);
    if (!result || result.next !== "continue") return;
    if (options.signal?.aborted) break;
  }
  // Stopping, or this run had its share of calls: hand it back, due at once.
  await releaseLease(ctx, runId);
}
