import { dateTimeFormat } from "@/lib/intl";
import { randomInt } from "node:crypto";
import { inngest } from "@/inngest/client";
import { scheduleRunRequested } from "@/inngest/events";
import { AppError, isAppError } from "@/lib/errors";
import type { ScheduleInput, ScheduleOutput, ScheduleProgress } from "@/lib/scheduling";
import { analyseDraft, markManualChanges, withoutMeetings, type DraftProblem } from "@/lib/scheduling/draft";
import {
  runIdInputSchema,
  saveDraftSchema,
  startRunSchema,
  type DraftGroupData,
  type RunIdInput,
  type SaveDraftInput,
  type ScheduleProgressData,
  type ScheduleRunStatusName,
  type StartRunInput,
  type StoredDraft,
} from "@/lib/schemas/scheduling";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import { requireManagedCohort } from "../courses/cohorts";
import { requireCohortStaff } from "../courses/review";
import { runSchedulerThread } from "./scheduler-thread";
import { refreshStaleAvailability } from "./stale-availability";
import {
  activeRunStatuses,
  draftParamsOf,
  loadSchedulingCohort,
  loadSchedulingPeople,
  readDraft,
  readParams,
  readProgress,
  scheduleParamsOf,
  schedulePeopleOf,
  staleRunMs,
  type Client,
  type SchedulingPerson,
} from "./shared";

/**
 * Scheduling runs. An admin starts one (startRun): a ScheduleRun row holds
 * the parameters and seed, and the schedule-cohort workflow does the work in
 * named steps (prepareRun, runScheduler, finishRun), writing progress as it
 * goes. The result becomes the run's draft, which the admin edits (saveDraft)
 * before publishing it (publish.ts).
 *
 * "Keep my changes": the groups the admin changed by hand in the latest
 * draft stay as they are; everyone else is scheduled around them (their
 * members leave the input, their facilitators' limits drop, and the
 * facilitators' kept meeting times leave their availability so they never
 * get two meetings at once), then both are merged into the new draft.
 */

export interface RunDTO {
  id: string;
  cohortId: string;
  status: ScheduleRunStatusName;
  keepManualChanges: boolean;
  progress: ScheduleProgressData | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  publishedAt: Date | null;
  createdByName: string | null;
}

const runSelect = {
  id: true,
  cohortId: true,
  status: true,
  keepManualChanges: true,
  progress: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  publishedAt: true,
  createdBy: { select: { name: true } },
} satisfies Prisma.ScheduleRunSelect;

export function runDTO(row: Prisma.ScheduleRunGetPayload<{ select: typeof runSelect }>): RunDTO {
  return {
    id: row.id,
    cohortId: row.cohortId,
    status: row.status,
    keepManualChanges: row.keepManualChanges,
    progress: readProgress(row.progress),
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    publishedAt: row.publishedAt,
    createdByName: row.createdBy?.name ?? null,
  };
}
export { runSelect };

export const noAvailabilityMessage =
  "Nobody has given their availability yet, so there is no one to schedule. Share the cohort's availability page with its members, and run scheduling once some have answered.";
const stoppedMessage = "This run stopped without finishing (the server may have restarted). Run scheduling again.";

function formatTime(date: Date): string {
  return dateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(date);
}

/** The newest run that holds a draft the admin can work on (and keep changes from). */
export async function latestDraftRun(cohortId: string, client: Client = db()) {
  return client.scheduleRun.findFirst({
    where: { cohortId, status: { in: [...draftEditableStatuses] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, draft: true },
  });
}

export async function startRun(actor: MaybeActor, input: StartRunInput): Promise<RunDTO> {
  const { cohortId, keepManualChanges } = parseInput(startRunSchema, input);
  const cohort = await requireManagedCohort(actor, cohortId);
  const now = await appNow();
  const run = await db().$transaction(async (tx) => {
    // One run at a time per cohort: the row lock makes two clicks at once queue here.
    await tx.$queryRaw`SELECT id FROM "Cohort" WHERE id = ${cohort.id} FOR UPDATE`;
    const active = await tx.scheduleRun.findFirst({
      where: { cohortId: cohort.id, status: { in: [...activeRunStatuses] } },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true },
    });
    if (active && now.getTime() - active.createdAt.getTime() < staleRunMs) {
      throw new AppError(
        "conflict",
        `Scheduling is already running for this cohort (started at ${formatTime(active.createdAt)} UTC). Wait for it to finish, then run it again if you need to.`,
      );
    }
    await tx.scheduleRun.updateMany({
      where: { cohortId: cohort.id, status: { in: [...activeRunStatuses] }, createdAt: { lt: new Date(now.getTime() - staleRunMs) } },
      data: { status: "failed", error: stoppedMessage, finishedAt: now },
    });
    const [settings, people] = await Promise.all([loadSchedulingCohort(cohort.id, tx), tx.cohortAvailability.count({ where: { cohortId: cohort.id, user: { cohortMemberships: { some: { cohortId: cohort.id } } } } })]);
    if (people === 0) throw new AppError("conflict", noAvailabilityMessage);
    const base = keepManualChanges ? await latestDraftRun(cohort.id, tx) : null;
    if (keepManualChanges && !base) {
      throw new AppError("conflict", "There are no changes to keep: no earlier run has groups yet. Run scheduling without “Keep my changes”.");
    }
    const params = scheduleParamsOf(settings, randomInt(0, 2 ** 31 - 1));
    const created = await tx.scheduleRun.create({
      data: { cohortId: cohort.id, createdById: cohort.actor.userId, status: "queued", params, keepManualChanges, baseRunId: base?.id ?? null },
      select: runSelect,
    });
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: cohort.actor.userId,
      action: "scheduling.run_started",
      targetType: "Cohort",
      targetId: cohort.id,
      data: { cohortName: cohort.name, runId: created.id, people, keepManualChanges, params: { ...params } },
    });
    return created;
  });
  try {
    await inngest.send(scheduleRunRequested.create({ runId: run.id, cohortId: cohort.id }));
  } catch (error) {
    await failRun(run.id, "The scheduling job could not be queued. Try again in a moment.");
    throw error;
  }
  return runDTO(run);
}

/** One run, for the progress bar; any of the cohort's staff may watch it. */
export async function getRun(actor: MaybeActor, input: RunIdInput): Promise<RunDTO> {
  const { runId } = parseInput(runIdInputSchema, input);
  const row = await db().scheduleRun.findUnique({ where: { id: runId }, select: runSelect });
  if (!row) throw new AppError("not_found", "This scheduling run was not found. Reload the page.");
  // The cohort check answers not_found to outsiders, so run ids reveal nothing.
  await requireCohortStaff(actor, row.cohortId);
  return runDTO(row);
}

// ---------------------------------------------------------------------------
// The workflow's steps (inngest/functions/schedule-cohort.ts). No actor: the
// run was authorised when it was created.

export interface PreparedRun {
  input: ScheduleInput;
  /** Groups kept from the base draft, as they were. */
  kept: DraftGroupData[];
}

/**
 * Marks the run running and builds the scheduler's input. Null when the run
 * is no longer queued or running (a duplicate event, or it already finished).
 */
export async function prepareRun(runId: string): Promise<PreparedRun | null> {
  const now = await appNow();
  const run = await db().scheduleRun.findUnique({ where: { id: runId }, select: { id: true, cohortId: true, status: true, params: true, keepManualChanges: true, baseRunId: true } });
  if (!run || (run.status !== "queued" && run.status !== "running")) return null;
  const params = readParams(run.params);
  if (!params) throw new AppError("invalid", "This run's settings could not be read. Run scheduling again.");
  await db().scheduleRun.update({
    where: { id: run.id },
    data: { status: "running", startedAt: now, progress: { phase: "prepare", fraction: 0, placed: 0, bestPlaced: 0, upperBound: 0, elapsedMs: 0 } },
  });
  // Times saved before the meeting dates last changed are read again from what people painted.
  await refreshStaleAvailability(run.cohortId);
  const people = await loadSchedulingPeople(run.cohortId);
  if (people.length === 0) throw new AppError("conflict", noAvailabilityMessage);

  let kept: DraftGroupData[] = [];
  if (run.keepManualChanges && run.baseRunId) {
    const base = await db().scheduleRun.findUnique({ where: { id: run.baseRunId }, select: { draft: true } });
    const known = new Set(people.map((p) => p.id));
    kept = (readDraft(base?.draft ?? null)?.groups ?? [])
      .filter((g) => g.manual)
      .map((g) => ({ ...g, memberIds: g.memberIds.filter((id) => known.has(id)) }))
      .filter((g) => g.memberIds.length > 0);
  }
  const input: ScheduleInput = { params, people: schedulePeopleOf(aroundKeptGroups(people, kept, params.meeting_length)) };
  return { input, kept };
}

/** Everyone the new run schedules: people in kept groups leave, facilitators keep what they have left. */
export function aroundKeptGroups(people: readonly SchedulingPerson[], kept: readonly DraftGroupData[], meetingMinutes: number): SchedulingPerson[] {
  const keptStarts = new Map<string, number[]>();
  for (const g of kept) for (const id of g.memberIds) keptStarts.set(id, [...(keptStarts.get(id) ?? []), g.start]);
  return people.flatMap((p): SchedulingPerson[] => {
    const starts = keptStarts.get(p.id);
    if (!starts) return [p];
    if (!p.isFacilitator) return [];
    const left = p.maxGroups === null ? null : p.maxGroups - starts.length;
    if (left !== null && left <= 0) return [];
    return [
      {
        ...p,
        maxGroups: left,
        intervals: withoutMeetings(p.intervals, starts, meetingMinutes),
        ifNeededIntervals: withoutMeetings(p.ifNeededIntervals, starts, meetingMinutes),
      },
    ];
  });
}

/**
 * Runs the scheduler off the main thread, writing the run's progress at most
 * every `throttleMs` (one write at a time; a newer report replaces one still
 * waiting).
 */
export async function runScheduler(runId: string, input: ScheduleInput, options: { throttleMs?: number; inProcess?: boolean } = {}): Promise<ScheduleOutput> {
  let writing: Promise<unknown> | null = null;
  let waiting: ScheduleProgress | null = null;
  const write = (progress: ScheduleProgress) => {
    if (writing) {
      waiting = progress;
      return;
    }
    writing = db()
      .scheduleRun.updateMany({ where: { id: runId, status: "running" }, data: { progress: { ...progress } } })
      .catch((error: unknown) => console.warn(`schedule-cohort: could not store the progress of run ${runId}`, error))
      .finally(() => {
        writing = null;
        const next = waiting;
        waiting = null;
        if (next) write(next);
      });
  };
  const output = await runSchedulerThread(input, { onProgress: write, throttleMs: options.throttleMs ?? 250, inProcess: options.inProcess });
  while (writing) await writing;
  return output;
}

/** Names "Group N" for new groups, skipping the numbers kept groups already use. */
function newGroupNames(count: number, taken: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (let n = 1; names.length < count; n++) if (!taken.has(`Group ${n}`)) names.push(`Group ${n}`);
  return names;
}

export function mergeDraft(kept: readonly DraftGroupData[], output: ScheduleOutput): DraftGroupData[] {
  const names = newGroupNames(output.groups.length, new Set(kept.map((g) => g.name)));
  const keys = new Set(kept.map((g) => g.key));
  let next = 1;
  const freshKey = () => {
    while (keys.has(`g${next}`)) next++;
    keys.add(`g${next}`);
    return `g${next}`;
  };
  const made = output.groups.map((g, i): DraftGroupData => ({ key: freshKey(), name: names[i]!, start: g.start, memberIds: g.members.map(String), manual: false }));
  return [...kept.map((g) => ({ ...g, manual: true })), ...made];
}

export interface FinishedRun {
  status: "succeeded" | "skipped";
  groups: number;
  placed: number;
}

/** Stores the result and the first draft; earlier unpublished drafts of the cohort are superseded by it. */
export async function finishRun(runId: string, prepared: PreparedRun, output: ScheduleOutput): Promise<FinishedRun> {
  const now = await appNow();
  const groups = mergeDraft(prepared.kept, output);
  const draft: StoredDraft = { version: 1, groups, publishedVersion: null };
  return db().$transaction(async (tx) => {
    const run = await tx.scheduleRun.findUnique({ where: { id: runId }, select: { cohortId: true, status: true } });
    if (!run || run.status !== "running") return { status: "skipped", groups: 0, placed: 0 };
    await tx.scheduleRun.update({
      where: { id: runId },
      data: {
        status: "succeeded",
        finishedAt: now,
        error: null,
        result: { ...output, keptGroups: prepared.kept.length } as unknown as Prisma.InputJsonValue,
        draft: draft as unknown as Prisma.InputJsonValue,
        progress: { phase: "done", fraction: 1, placed: output.stats.placed, bestPlaced: output.stats.placed, upperBound: output.stats.upper_bound, elapsedMs: output.stats.run_time_ms },
      },
    });
    await tx.scheduleRun.updateMany({ where: { cohortId: run.cohortId, status: "succeeded", id: { not: runId } }, data: { status: "superseded" } });
    const placed = new Set(groups.flatMap((g) => g.memberIds)).size;
    return { status: "succeeded", groups: groups.length, placed };
  });
}

/** Records why a run failed, in words for the admin. A run that already finished is left alone. */
export async function failRun(runId: string, message: string): Promise<void> {
  const now = await appNow();
  await db().scheduleRun.updateMany({
    where: { id: runId, status: { in: [...activeRunStatuses] } },
    data: { status: "failed", error: message.slice(0, 2000), finishedAt: now },
  });
}

/** The words a failed run shows: our own messages as they are, anything else with what to do. */
export function failureMessage(error: unknown): string {
  // A step's error reaches the workflow rebuilt from JSON: its name says whether it was one of ours.
  if (isAppError(error) || (error instanceof Error && (error.name === "AppError" || error.name === "NonRetriableError"))) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return `Scheduling failed: ${text}. Run it again; if it fails again, check the server log.`;
}

// ---------------------------------------------------------------------------
// Editing the draft

export interface SavedDraftDTO {
  runId: string;
  version: number;
  groups: DraftGroupData[];
  /** Hard-rule problems the saved draft still has (it saves, but does not publish, with them). */
  problems: DraftProblem[];
}

export const draftEditableStatuses = ["succeeded", "published"] as const;

export async function saveDraft(actor: MaybeActor, input: SaveDraftInput): Promise<SavedDraftDTO> {
  const { runId, groups, baseVersion } = parseInput(saveDraftSchema, input);
  const found = await db().scheduleRun.findUnique({ where: { id: runId }, select: { cohortId: true } });
  if (!found) throw new AppError("not_found", "This scheduling run was not found. Reload the page.");
  const cohort = await requireManagedCohort(actor, found.cohortId);
  const people = await loadSchedulingPeople(cohort.id);
  const known = new Set(people.map((p) => p.id));
  const unknown = groups.flatMap((g) => g.memberIds.filter((id) => !known.has(id)).map(() => g.name));
  if (unknown.length > 0) {
    throw new AppError("invalid", `${unknown[0]} holds someone who has not given availability for this cohort (or has left it). Reload the page and try again.`);
  }
  return db().$transaction(async (tx) => {
    const run = await tx.scheduleRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true, draft: true, params: true } });
    if (!(draftEditableStatuses as readonly string[]).includes(run.status)) {
      throw new AppError("conflict", "A newer scheduling run replaced this draft. Reload the page to work on the latest one.");
    }
    const stored = readDraft(run.draft);
    const params = readParams(run.params);
    if (!stored || !params) throw new AppError("conflict", "This run has no draft to change. Run scheduling again.");
    if (stored.version !== baseVersion) {
      throw new AppError("conflict", "Someone else changed these groups since you opened them. Reload the page to see their changes, then make yours again.");
    }
    const next: StoredDraft = { version: stored.version + 1, groups: markManualChanges(stored.groups, groups), publishedVersion: stored.publishedVersion };
    // Only the version this save started from is replaced, so two saves at once cannot both win.
    const { count } = await tx.scheduleRun.updateMany({
      where: { id: runId, draft: { path: ["version"], equals: baseVersion } },
      data: { draft: next as unknown as Prisma.InputJsonValue },
    });
    if (count !== 1) throw new AppError("conflict", "Someone else changed these groups at the same moment. Reload the page and make your change again.");
    const analysis = analyseDraft({ people, params: draftParamsOf(params), groups: next.groups });
    return { runId, version: next.version, groups: next.groups, problems: analysis.problems };
  });
}
