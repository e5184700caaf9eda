import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import {
  activeRunStatuses,
  cancelWorkflowRunSchema,
  getWorkflowRunSchema,
  isActiveRunStatus,
  listWorkflowRunsSchema,
  retryableRunStatuses,
  retryWorkflowRunSchema,
  workflowRunStatuses,
  workflowRunStatusLabels,
  type ListWorkflowRunsInput,
  type WorkflowRunRefInput,
  type WorkflowRunStatus,
} from "@/lib/schemas/workflows";
import type { Prisma } from "../generated/prisma/client";
import type { Actor, MaybeActor } from "../auth/actor";
import { can, requireActor } from "../auth/permissions";
import { db } from "../db";
import { systemClock, type Clock } from "../workflows/clock";
import { rerunRun } from "../workflows/control";
import { isJsonObject, type JsonValue } from "../workflows/json";
import { workflowMode, type WorkflowMode } from "../workflows/mode";
import { cancelRunInTx } from "../workflows/store";
import { recordAudit, type AuditJson, type Page } from "./audit";

/**
 * The system admin's view of the embedded executor's runs (server/workflows):
 * list, inspect, cancel and start again. Runs belong to no organisation, so
 * only system admins may see or touch them; each change is audited.
 */

export interface WorkflowErrorDTO {
  name: string;
  message: string;
  stack: string | null;
}

export interface WorkflowRunSummaryDTO {
  id: string;
  functionId: string;
  status: WorkflowRunStatus;
  /** The triggering event's name ("mail/send.requested", "inngest/scheduled.timer"). */
  eventName: string | null;
  /** Attempt of the current step, 0-based; back to 0 after each step that finishes. */
  attempt: number;
  maxAttempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** From start (or creation, if never started) to finish; null while the run is active. */
  durationMs: number | null;
  /** Set while a queued run waits out a retry backoff: when the next attempt starts. */
  retryAt: Date | null;
  /** The error that ended the run, or the last failed attempt while it retries. */
  error: WorkflowErrorDTO | null;
  parentRunId: string | null;
}

export type WorkflowStepStatus = "completed" | "failed" | "running" | "retrying" | "sleeping" | "waiting" | "invoking" | "stopped";

export interface WorkflowStepDTO {
  id: string;
  name: string;
  /** StepRun, Sleep, WaitForEvent or InvokeFunction. */
  op: string;
  status: WorkflowStepStatus;
  attempts: number;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  /** Sleep end, or the timeout of a wait or an invoke. */
  wakeAt: Date | null;
  /** What the step returned (its memoised data); null when it failed or has not finished. */
  output: JsonValue | null;
  /** The error it ended with, or its last failed attempt while it retries. */
  error: WorkflowErrorDTO | null;
}

export interface WorkflowRunDetailDTO extends WorkflowRunSummaryDTO {
  event: {
    id: string | null;
    name: string | null;
    /** When the executor received it; null for events it made itself (cron ticks, reruns of old runs). */
    receivedAt: Date | null;
    /** The event as Inngest defines it: { id, name, data, ts }. */
    payload: JsonValue;
  };
  /** What the function returned, once completed. */
  output: JsonValue | null;
  idempotencyKey: string | null;
  steps: WorkflowStepDTO[];
  /** Runs this one started with step.invoke. */
  childRunIds: string[];
  canCancel: boolean;
  canRetry: boolean;
  /** The retry starts the waiting attempt now instead of a new run. */
  retryStartsWaitingAttempt: boolean;
}

export interface WorkflowRunsOverviewDTO {
  /** Who runs workflows here: "inngest" means the runs live in the Inngest dashboard, not in these tables. */
  mode: WorkflowMode;
  total: number;
  counts: Record<WorkflowRunStatus, number>;
  /** Functions that have runs, with how many, most runs first. */
  functions: { functionId: string; runs: number }[];
  /** Cron triggers the embedded executor fires, soonest first (empty with an Inngest server). */
  schedules: { functionId: string; cron: string; nextFireAt: Date }[];
}

export interface RetryResultDTO {
  /** The run that will now execute: a new one for an ended run, the same one for a run waiting out a backoff. */
  runId: string;
  kind: "rerun" | "retry_now";
}

interface ClockOption {
  clock?: Clock;
}

// ---------------------------------------------------------------------------
// Access

function assertSystemAdmin(actor: MaybeActor, action: "read" | "update"): asserts actor is Actor {
  requireActor(actor);
  if (can(actor, action, "WorkflowRun", {})) return;
  throw new AppError(
    "forbidden",
    action === "read"
      ? "Only system admins can see workflow runs: they cover the whole instance, not one organisation."
      : "Only system admins can cancel or retry workflow runs.",
  );
}

const runNotFound = "This workflow run was not found. It may have been removed; go back to the list of runs.";

// ---------------------------------------------------------------------------
// Reading rows

const summarySelect = {
  id: true,
  functionId: true,
  status: true,
  event: true,
  attempt: true,
  maxAttempts: true,
  nextRunAt: true,
  leasedBy: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  parentRunId: true,
} satisfies Prisma.WorkflowRunSelect;

type SummaryRow = Prisma.WorkflowRunGetPayload<{ select: typeof summarySelect }>;

function text(value: JsonValue | undefined): string | null {
  return typeof value === "string" && value ? value : null;
}

function errorOf(value: unknown): WorkflowErrorDTO | null {
  if (!isJsonObject(value)) return null;
  const message = text(value.message) ?? text(value.error) ?? "The step failed without a message.";
  return { name: text(value.name) ?? "Error", message, stack: text(value.stack) };
}

function elapsed(from: Date | null, to: Date | null): number | null {
  return from && to ? Math.max(0, to.getTime() - from.getTime()) : null;
}

/** A queued run that already failed an attempt and is parked until its next one. */
function waitingForRetry(row: Pick<SummaryRow, "status" | "attempt" | "nextRunAt" | "leasedBy">, now: Date): boolean {
  return row.status === "queued" && row.attempt > 0 && row.leasedBy === null && row.nextRunAt !== null && row.nextRunAt > now;
}

function toSummary(row: SummaryRow, now: Date): WorkflowRunSummaryDTO {
  const event = isJsonObject(row.event) ? row.event : {};
  return {
    id: row.id,
    functionId: row.functionId,
    status: row.status,
    eventName: text(event.name),
    attempt: row.attempt,
    maxAttempts: row.maxAttempts,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    durationMs: elapsed(row.startedAt ?? row.createdAt, row.finishedAt),
    retryAt: waitingForRetry(row, now) ? row.nextRunAt : null,
    error: errorOf(row.error),
    parentRunId: row.parentRunId,
  };
}

interface StepRow {
  id: string;
  name: string;
  op: string;
  result: JsonValue | null;
  error: JsonValue | null;
  attempts: number;
  wakeAt: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
}

const pendingStatusOf: Record<string, WorkflowStepStatus> = { Sleep: "sleeping", WaitForEvent: "waiting", InvokeFunction: "invoking" };

function toStep(row: StepRow, runActive: boolean): WorkflowStepDTO {
  const result = isJsonObject(row.result) ? row.result : null;
  const failedWith = result && "error" in result ? errorOf(result.error) : null;
  let status: WorkflowStepStatus;
  if (row.finishedAt) status = failedWith ? "failed" : "completed";
  else if (!runActive) status = "stopped";
  else status = pendingStatusOf[row.op] ?? (row.error ? "retrying" : "running");
  return {
    id: row.id,
    name: row.name,
    op: row.op,
    status,
    attempts: row.attempts,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    durationMs: elapsed(row.startedAt, row.finishedAt),
    wakeAt: row.wakeAt,
    output: result && !failedWith && "data" in result ? (result.data ?? null) : null,
    error: failedWith ?? errorOf(row.error),
  };
}

// ---------------------------------------------------------------------------
// Queries

/** Runs newest first, optionally of one status and one function. */
export async function listWorkflowRuns(
  actor: MaybeActor,
  input: ListWorkflowRunsInput,
  options: ClockOption = {},
): Promise<Page<WorkflowRunSummaryDTO>> {
  assertSystemAdmin(actor, "read");
  const { status, functionId, cursor, take } = parseInput(listWorkflowRunsSchema, input);
  const now = (options.clock ?? systemClock).now();
  const rows = await db().workflowRun.findMany({
    where: { ...(status ? { status } : {}), ...(functionId ? { functionId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: summarySelect,
  });
  const items = rows.slice(0, take).map((row) => toSummary(row, now));
  return { items, nextCursor: rows.length > take ? (items[items.length - 1]?.id ?? null) : null };
}

/** Counts per status and the functions that have runs, for the page header and the filters. */
export async function workflowRunsOverview(actor: MaybeActor): Promise<WorkflowRunsOverviewDTO> {
  assertSystemAdmin(actor, "read");
  const [byStatus, byFunction, schedules] = await Promise.all([
    db().workflowRun.groupBy({ by: ["status"], _count: { _all: true } }),
    db().workflowRun.groupBy({ by: ["functionId"], _count: { _all: true } }),
    db().workflowSchedule.findMany({ orderBy: { nextFireAt: "asc" }, take: 50, select: { functionId: true, cron: true, nextFireAt: true } }),
  ]);
  const counts = Object.fromEntries(workflowRunStatuses.map((s) => [s, 0])) as Record<WorkflowRunStatus, number>;
  for (const row of byStatus) counts[row.status] = row._count._all;
  const functions = byFunction
    .map((row) => ({ functionId: row.functionId, runs: row._count._all }))
    .sort((a, b) => b.runs - a.runs || a.functionId.localeCompare(b.functionId));
  return {
    mode: workflowMode().mode,
    total: Object.values(counts).reduce((sum, n) => sum + n, 0),
    counts,
    functions,
    schedules,
  };
}

/** One run with its steps in the order they started, its triggering event and what it returned or failed with. */
export async function getWorkflowRun(actor: MaybeActor, input: WorkflowRunRefInput, options: ClockOption = {}): Promise<WorkflowRunDetailDTO> {
  assertSystemAdmin(actor, "read");
  const { runId } = parseInput(getWorkflowRunSchema, input);
  const now = (options.clock ?? systemClock).now();
  const row = await db().workflowRun.findUnique({
    where: { id: runId },
    select: {
      ...summarySelect,
      eventIds: true,
      output: true,
      idempotencyKey: true,
      steps: {
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        select: { id: true, name: true, op: true, result: true, error: true, attempts: true, wakeAt: true, startedAt: true, finishedAt: true },
      },
    },
  });
  if (!row) throw new AppError("not_found", runNotFound);
  const payload = isJsonObject(row.event) ? row.event : {};
  const eventId = text(payload.id) ?? (Array.isArray(row.eventIds) ? text(row.eventIds[0]) : null);
  const [stored, children] = await Promise.all([
    eventId ? db().workflowEvent.findUnique({ where: { id: eventId }, select: { receivedAt: true } }) : null,
    db().workflowRun.findMany({ where: { parentRunId: row.id }, orderBy: { createdAt: "asc" }, select: { id: true }, take: 50 }),
  ]);
  const summary = toSummary(row, now);
  const active = isActiveRunStatus(row.status);
  const retryNow = waitingForRetry(row, now);
  const output = isJsonObject(row.output) && "data" in row.output ? (row.output.data ?? null) : null;
  return {
    ...summary,
    event: { id: eventId, name: summary.eventName, receivedAt: stored?.receivedAt ?? null, payload: row.event },
    output,
    idempotencyKey: row.idempotencyKey,
    steps: row.steps.map((step) => toStep(step, active)),
    childRunIds: children.map((c) => c.id),
    canCancel: active,
    canRetry: (retryableRunStatuses as readonly WorkflowRunStatus[]).includes(row.status) || retryNow,
    retryStartsWaitingAttempt: retryNow,
  };
}

// ---------------------------------------------------------------------------
// Changes

function auditData(run: { functionId: string; status: WorkflowRunStatus }, extra: Record<string, AuditJson> = {}): Record<string, AuditJson> {
  return { functionId: run.functionId, status: run.status, ...extra };
}

/**
 * Cancels a run that has not ended: its sleeps and waits are dropped and it
 * never resumes; a call in flight finishes but its answer is discarded.
 */
export async function cancelWorkflowRun(actor: MaybeActor, input: WorkflowRunRefInput, options: ClockOption = {}): Promise<WorkflowRunSummaryDTO> {
  assertSystemAdmin(actor, "update");
  const { runId } = parseInput(cancelWorkflowRunSchema, input);
  const clock = options.clock ?? systemClock;
  return db().$transaction(async (tx) => {
    const run = await tx.workflowRun.findUnique({
      where: { id: runId },
      select: { id: true, functionId: true, status: true, event: true, parentRunId: true, parentStepId: true },
    });
    if (!run) throw new AppError("not_found", runNotFound);
    if (!isActiveRunStatus(run.status)) {
      throw new AppError(
        "conflict",
        `This run has already ended (${workflowRunStatusLabels[run.status].toLowerCase()}), so there is nothing to cancel.`,
      );
    }
    await cancelRunInTx(tx, { clock }, run, `Cancelled by a system admin.`);
    const after = await tx.workflowRun.findUniqueOrThrow({ where: { id: runId }, select: summarySelect });
    // The run ended on its own between the read and the update.
    if (after.status !== "cancelled") {
      throw new AppError("conflict", `This run ended (${workflowRunStatusLabels[after.status].toLowerCase()}) before it could be cancelled.`);
    }
    await recordAudit(tx, {
      orgId: null,
      actorId: actor.userId,
      action: "workflow_run.cancelled",
      targetType: "WorkflowRun",
      targetId: run.id,
      data: auditData(run),
    });
    return toSummary(after, clock.now());
  });
}

/**
 * Runs a failed or cancelled run again: a new run of the same function with
 * the same event (Inngest's "rerun"; steps run afresh). A run waiting out a
 * retry backoff instead gets its next attempt now.
 */
export async function retryWorkflowRun(actor: MaybeActor, input: WorkflowRunRefInput, options: ClockOption = {}): Promise<RetryResultDTO> {
  assertSystemAdmin(actor, "update");
  const { runId } = parseInput(retryWorkflowRunSchema, input);
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const run = await db().workflowRun.findUnique({ where: { id: runId }, select: summarySelect });
  if (!run) throw new AppError("not_found", runNotFound);

  if (waitingForRetry(run, now)) {
    return db().$transaction(async (tx) => {
      // Only while it is still parked: a worker that took it meanwhile is already retrying.
      const { count } = await tx.workflowRun.updateMany({
        where: { id: run.id, status: "queued", leasedBy: null, attempt: { gt: 0 } },
        data: { nextRunAt: now },
      });
      if (count === 0) throw new AppError("conflict", "This run has just started its next attempt. Refresh to see how it went.");
      await recordAudit(tx, {
        orgId: null,
        actorId: actor.userId,
        action: "workflow_run.retried",
        targetType: "WorkflowRun",
        targetId: run.id,
        data: auditData(run, { attempt: run.attempt, kind: "retry_now" }),
      });
      return { runId: run.id, kind: "retry_now" as const };
    });
  }

  if (!(retryableRunStatuses as readonly WorkflowRunStatus[]).includes(run.status)) {
    throw new AppError(
      "conflict",
      run.status === "completed"
        ? "This run completed, so there is nothing to retry."
        : (activeRunStatuses as readonly WorkflowRunStatus[]).includes(run.status)
          ? `This run is still ${workflowRunStatusLabels[run.status].toLowerCase()}. Wait for it to end, or cancel it first and then retry.`
          : "Only failed or cancelled runs can be retried.",
    );
  }
  const newRunId = await rerunRun(run.id, { clock });
  // rerunRun writes with its own client, so the audit row follows it rather than sharing its transaction.
  await recordAudit(db(), {
    orgId: null,
    actorId: actor.userId,
    action: "workflow_run.retried",
    targetType: "WorkflowRun",
    targetId: run.id,
    data: auditData(run, { newRunId, kind: "rerun" }),
  });
  return { runId: newRunId, kind: "rerun" };
}
