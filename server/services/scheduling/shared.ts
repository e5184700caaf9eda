import type { Interval } from "@/lib/scheduling/availability";
import type { CohortCalendar } from "@/lib/scheduling/cohort-calendar";
import type { DraftParams, DraftPerson } from "@/lib/scheduling/draft";
import type { ScheduleInput, ScheduleOutput } from "@/lib/scheduling";
import { scheduleProgressSchema, storedDraftSchema, startIncrementMinutes, type ScheduleProgressData, type StoredDraft } from "@/lib/schemas/scheduling";
import { db, type Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { cohortCalendarOf } from "./availability";

/**
 * What the scheduling services share: a cohort's scheduling columns and
 * calendar, the people who gave availability (as the scheduler and the draft
 * checker read them), and the JSON columns of a ScheduleRun read back safely.
 */

export type Client = Db | Prisma.TransactionClient;

export const schedulingColumnsSelect = {
  id: true,
  orgId: true,
  name: true,
  startDate: true,
  timeZone: true,
  archivedAt: true,
  meetingMinutes: true,
  groupMinSize: true,
  groupMaxSize: true,
  meetingWeeks: true,
  meetingsStartDate: true,
  availabilityClosedAt: true,
  course: { select: { title: true } },
} satisfies Prisma.CohortSelect;

export type SchedulingCohort = Prisma.CohortGetPayload<{ select: typeof schedulingColumnsSelect }>;

export function loadSchedulingCohort(cohortId: string, client: Client = db()): Promise<SchedulingCohort> {
  return client.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: schedulingColumnsSelect });
}

export function calendarOf(cohort: SchedulingCohort): CohortCalendar {
  return cohortCalendarOf(cohort);
}

/** The scheduler's parameters (its wire form) for a cohort's current settings. */
export function scheduleParamsOf(cohort: SchedulingCohort, seed: number): ScheduleInput["params"] {
  return {
    meeting_length: cohort.meetingMinutes,
    min_people: cohort.groupMinSize,
    max_people: cohort.groupMaxSize,
    time_increment: startIncrementMinutes,
    use_if_needed: true,
    seed,
  };
}

export function draftParamsOf(params: ScheduleInput["params"]): DraftParams {
  return {
    meetingMinutes: params.meeting_length,
    minSize: params.min_people,
    maxSize: params.max_people,
    useIfNeeded: params.use_if_needed,
    increment: params.time_increment,
  };
}

export function readIntervals(json: Prisma.JsonValue): Interval[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((pair): Interval[] =>
    Array.isArray(pair) && typeof pair[0] === "number" && typeof pair[1] === "number" && pair[0] < pair[1] ? [[pair[0], pair[1]]] : [],
  );
}

export interface SchedulingPerson extends DraftPerson {
  email: string;
  /** Where to show their own times: their profile's zone, or the zone they painted their week in. */
  timeZone: string;
  unplacedCode: string | null;
  unplacedReason: string | null;
}

/**
 * Everyone the scheduler works with: members of the cohort who saved
 * availability (someone who left the cohort keeps their row but is not
 * scheduled). Sorted by name, so lists read in a stable order.
 */
export async function loadSchedulingPeople(cohortId: string, client: Client = db()): Promise<SchedulingPerson[]> {
  const rows = await client.cohortAvailability.findMany({
    where: { cohortId, user: { cohortMemberships: { some: { cohortId } } } },
    select: {
      userId: true,
      role: true,
      timeZone: true,
      intervals: true,
      ifNeededIntervals: true,
      maxGroups: true,
      unplacedCode: true,
      unplacedReason: true,
      user: { select: { name: true, email: true, timeZone: true } },
    },
  });
  return rows
    .map((r) => ({
      id: r.userId,
      name: r.user.name,
      email: r.user.email,
      // A profile left at the default says nothing; the zone they painted in does.
      timeZone: r.user.timeZone && r.user.timeZone !== "UTC" ? r.user.timeZone : r.timeZone,
      isFacilitator: r.role === "facilitator",
      intervals: readIntervals(r.intervals),
      ifNeededIntervals: readIntervals(r.ifNeededIntervals),
      maxGroups: r.role === "facilitator" ? r.maxGroups : null,
      unplacedCode: r.unplacedCode,
      unplacedReason: r.unplacedReason,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The people as the scheduler's input. */
export function schedulePeopleOf(people: readonly DraftPerson[]): ScheduleInput["people"] {
  return people.map((p) => ({
    id: p.id,
    intervals: p.intervals.map(([a, b]): Interval => [a, b]),
    if_needed_intervals: p.ifNeededIntervals.map(([a, b]): Interval => [a, b]),
    is_facilitator: p.isFacilitator,
    max_groups: p.isFacilitator ? p.maxGroups : null,
  }));
}

export function readDraft(json: Prisma.JsonValue | null): StoredDraft | null {
  if (json === null) return null;
  const parsed = storedDraftSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function readProgress(json: Prisma.JsonValue | null): ScheduleProgressData | null {
  if (json === null) return null;
  const parsed = scheduleProgressSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The scheduler's output as stored on the run (written by this code, so only its shape is checked). */
export function readResult(json: Prisma.JsonValue | null): ScheduleOutput | null {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
  const value = json as Record<string, unknown>;
  if (!Array.isArray(value.groups) || !Array.isArray(value.unassigned) || typeof value.stats !== "object") return null;
  return json as unknown as ScheduleOutput;
}

export function readParams(json: Prisma.JsonValue): ScheduleInput["params"] | null {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
  const v = json as Record<string, unknown>;
  const n = (key: string) => (typeof v[key] === "number" ? (v[key] as number) : null);
  const meeting = n("meeting_length");
  const min = n("min_people");
  const max = n("max_people");
  if (meeting === null || min === null || max === null) return null;
  return {
    meeting_length: meeting,
    min_people: min,
    max_people: max,
    time_increment: n("time_increment") ?? startIncrementMinutes,
    use_if_needed: typeof v.use_if_needed === "boolean" ? v.use_if_needed : true,
    seed: n("seed") ?? 0,
  };
}

/** Runs still in flight; older than this, a queued or running run is taken to have died (its worker stopped). */
export const staleRunMs = 15 * 60 * 1000;
export const activeRunStatuses = ["queued", "running"] as const;
