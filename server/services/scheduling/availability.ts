import { AppError } from "@/lib/errors";
import { meetingInstants, referenceAvailability, type CohortCalendar, type DaylightSavingWarning } from "@/lib/scheduling/cohort-calendar";
import type { Interval } from "@/lib/scheduling/availability";
import { summarize } from "@/lib/scheduling/local-grid";
import {
  listAvailabilityResponsesSchema,
  myAvailabilityInputSchema,
  saveAvailabilitySchema,
  type ListAvailabilityResponsesInput,
  type MyAvailabilityInput,
  type SaveAvailabilityInput,
  type ScheduleRole,
} from "@/lib/schemas/availability";
import type { CohortRole } from "@/lib/schemas/cohort-roles";
import { parseInput } from "@/lib/validation";
import type { Actor, MaybeActor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { Page } from "../audit";
import { cohortNotFound, cohortSubject, loadCohort, type CohortAccess } from "../courses/access";
import { requireCohortStaff } from "../courses/review";

/**
 * A cohort member's weekly availability (the enrolment wizard) and, for the
 * cohort's staff, who has given theirs.
 *
 * People paint 30-minute cells of their own local week; saving converts them
 * once, here, to minutes of the cohort's reference week with
 * referenceAvailability (lib/scheduling/cohort-calendar.ts), keeping only the
 * times that line up with the meetings in every meeting week, so the
 * scheduler (part 3) reads `intervals` / `ifNeededIntervals` as they are.
 * The local grid and zone are kept too, so the wizard shows the week as it
 * was painted. Daylight-saving warnings are stored and returned so the
 * person sees them where they saved.
 *
 * Who: any member of the cohort gives their own availability (learners as
 * participants; its facilitators and teachers may also sign up as
 * facilitators). Nobody gives someone else's. Closing availability or
 * archiving the cohort freezes it.
 */

// ---------------------------------------------------------------------------
// What the wizard reads

export interface CohortMeetingSettings {
  id: string;
  orgId: string;
  name: string;
  courseTitle: string;
  /** The cohort's zone: meetings keep its wall-clock time every week. */
  timeZone: string;
  meetingMinutes: number;
  groupMinSize: number;
  groupMaxSize: number;
  /** First meeting day, "YYYY-MM-DD" in timeZone (meetingsStartDate, or the cohort's start). */
  meetingsStartDate: string;
  meetingWeeks: number;
  /** Members can no longer change their availability (closed by staff, or the cohort is archived). */
  closed: boolean;
  closedAt: Date | null;
  archived: boolean;
}

export interface SavedAvailability {
  role: ScheduleRole;
  timeZone: string;
  regularCells: number[];
  ifNeededCells: number[];
  maxGroups: number | null;
  warnings: DaylightSavingWarning[];
  /** Hours per week that line up with the meetings in every week (what the scheduler can use). */
  usableHours: { regular: number; ifNeeded: number };
  updatedAt: Date;
}

export interface PublishedGroup {
  id: string;
  name: string;
  /** Minute of the cohort's reference week (UTC) the group meets at. */
  startMinute: number;
  /** The first meeting of the series (the same wall-clock time in the cohort's zone every week). */
  firstMeetingAt: Date;
  /** The next meeting not yet begun and not cancelled, if the meetings exist. */
  nextMeetingAt: Date | null;
  meetingMinutes: number;
  location: string | null;
  facilitatorName: string | null;
  isFacilitator: boolean;
  memberCount: number;
}

export interface MyAvailabilityDTO {
  cohort: CohortMeetingSettings;
  member: {
    cohortRole: CohortRole;
    /** May sign up as a facilitator (the cohort's facilitators and teachers). */
    canFacilitate: boolean;
    /** The zone on the person's profile, for when the browser does not say. */
    profileTimeZone: string;
  };
  availability: SavedAvailability | null;
  /** Set when a published schedule left this person out: the scheduler's reason code and what to change. */
  unplaced: { code: string; reason: string } | null;
  /** The person's group in the published schedule, if any. */
  group: PublishedGroup | null;
}

const notAMember = "Only members of this cohort give their availability for its groups. Join the cohort first.";
const facilitatorRoles: readonly CohortRole[] = ["facilitator", "teacher"];

const cohortSchedulingSelect = {
  meetingMinutes: true,
  groupMinSize: true,
  groupMaxSize: true,
  meetingWeeks: true,
  meetingsStartDate: true,
  availabilityClosedAt: true,
} satisfies Prisma.CohortSelect;

type SchedulingColumns = Prisma.CohortGetPayload<{ select: typeof cohortSchedulingSelect }>;

type MemberCohort = CohortAccess & { member: NonNullable<CohortAccess["member"]> };

/** The cohort, for one of its members; others who may see it are refused, outsiders learn nothing. */
async function requireMember(actor: MaybeActor, cohortId: string): Promise<MemberCohort & { actor: Actor }> {
  const cohort = await loadCohort(actor, cohortId);
  // loadCohort asserted the actor, but TypeScript loses the narrowing across the await.
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
  const member = cohort.member;
  if (!member) {
    if (can(actor, "read", "Cohort", cohortSubject(cohort))) throw new AppError("forbidden", notAMember);
    throw new AppError("not_found", cohortNotFound);
  }
  return { ...cohort, member, actor };
}

export function cohortCalendarOf(cohort: { timeZone: string; startDate: string } & Pick<SchedulingColumns, "meetingsStartDate" | "meetingWeeks">): CohortCalendar {
  return { timeZone: cohort.timeZone, startDate: cohort.meetingsStartDate ?? cohort.startDate, weeks: cohort.meetingWeeks };
}

function settingsOf(cohort: CohortAccess, columns: SchedulingColumns): CohortMeetingSettings {
  const archived = cohort.archivedAt !== null;
  return {
    id: cohort.id,
    orgId: cohort.orgId,
    name: cohort.name,
    courseTitle: cohort.course.title,
    timeZone: cohort.timeZone,
    meetingMinutes: columns.meetingMinutes,
    groupMinSize: columns.groupMinSize,
    groupMaxSize: columns.groupMaxSize,
    meetingsStartDate: columns.meetingsStartDate ?? cohort.startDate,
    meetingWeeks: columns.meetingWeeks,
    closed: archived || columns.availabilityClosedAt !== null,
    closedAt: columns.availabilityClosedAt,
    archived,
  };
}

function readIntervals(json: Prisma.JsonValue): Interval[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((pair): Interval[] =>
    Array.isArray(pair) && typeof pair[0] === "number" && typeof pair[1] === "number" ? [[pair[0], pair[1]]] : [],
  );
}

function readWarnings(json: Prisma.JsonValue | null): DaylightSavingWarning[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((w): DaylightSavingWarning[] => {
    if (!w || typeof w !== "object" || Array.isArray(w)) return [];
    const { fromDate, lostCells, message } = w;
    return typeof message === "string" ? [{ fromDate: typeof fromDate === "string" ? fromDate : "", lostCells: typeof lostCells === "number" ? lostCells : 0, message }] : [];
  });
}

const hoursIn = (intervals: readonly Interval[]) => intervals.reduce((sum, [a, b]) => sum + (b - a), 0) / 60;

const availabilitySelect = {
  role: true,
  timeZone: true,
  regularCells: true,
  ifNeededCells: true,
  intervals: true,
  ifNeededIntervals: true,
  warnings: true,
  maxGroups: true,
  unplacedCode: true,
  unplacedReason: true,
  updatedAt: true,
} satisfies Prisma.CohortAvailabilitySelect;

type AvailabilityRow = Prisma.CohortAvailabilityGetPayload<{ select: typeof availabilitySelect }>;

function toSaved(row: AvailabilityRow): SavedAvailability {
  return {
    role: row.role,
    timeZone: row.timeZone,
    regularCells: [...row.regularCells].sort((a, b) => a - b),
    ifNeededCells: [...row.ifNeededCells].sort((a, b) => a - b),
    maxGroups: row.maxGroups,
    warnings: readWarnings(row.warnings),
    usableHours: { regular: hoursIn(readIntervals(row.intervals)), ifNeeded: hoursIn(readIntervals(row.ifNeededIntervals)) },
    updatedAt: row.updatedAt,
  };
}

/** The person's group in the cohort's published schedule (archived groups of an earlier schedule do not count). */
function loadGroupMembership(cohortId: string, userId: string, now: Date) {
  return db().cohortGroupMember.findFirst({
    where: { userId, group: { cohortId, archivedAt: null } },
    orderBy: { createdAt: "desc" },
    select: {
      isFacilitator: true,
      group: {
        select: {
          id: true,
          name: true,
          startMinute: true,
          location: true,
          facilitator: { select: { name: true } },
          _count: { select: { members: true } },
          meetings: { where: { canceledAt: null, endsAt: { gt: now } }, orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } },
        },
      },
    },
  });
}

function publishedGroupOf(
  cohort: CohortAccess,
  columns: SchedulingColumns,
  membership: Awaited<ReturnType<typeof loadGroupMembership>>,
): PublishedGroup | null {
  if (!membership) return null;
  const { group } = membership;
  const first = meetingInstants({ ...cohortCalendarOf({ ...cohort, ...columns }), weeks: 1 }, group.startMinute)[0];
  if (!first) return null;
  return {
    id: group.id,
    name: group.name,
    startMinute: group.startMinute,
    firstMeetingAt: first,
    nextMeetingAt: group.meetings[0]?.startsAt ?? null,
    meetingMinutes: columns.meetingMinutes,
    location: group.location,
    facilitatorName: group.facilitator?.name ?? null,
    isFacilitator: membership.isFacilitator,
    memberCount: group._count.members,
  };
}

export async function getMyAvailability(actor: MaybeActor, input: MyAvailabilityInput): Promise<MyAvailabilityDTO> {
  const { cohortId } = parseInput(myAvailabilityInputSchema, input);
  const cohort = await requireMember(actor, cohortId);
  const now = await appNow();
  const userId = cohort.actor.userId;
  // The settings and the person's answer in one query, their group beside it.
  const [{ availability, ...columns }, membership] = await Promise.all([
    db().cohort.findUniqueOrThrow({
      where: { id: cohort.id },
      select: { ...cohortSchedulingSelect, availability: { where: { userId }, select: availabilitySelect } },
    }),
    loadGroupMembership(cohort.id, userId, now),
  ]);
  const row = availability[0] ?? null;
  const group = publishedGroupOf(cohort, columns, membership);
  return {
    cohort: settingsOf(cohort, columns),
    member: { cohortRole: cohort.member.role, canFacilitate: facilitatorRoles.includes(cohort.member.role), profileTimeZone: cohort.actor.timeZone },
    availability: row ? toSaved(row) : null,
    unplaced: row?.unplacedReason ? { code: row.unplacedCode ?? "unplaced", reason: row.unplacedReason } : null,
    group,
  };
}

// ---------------------------------------------------------------------------
// Saving

export interface SaveAvailabilityResult {
  availability: SavedAvailability;
}

export async function saveMyAvailability(actor: MaybeActor, input: SaveAvailabilityInput): Promise<SaveAvailabilityResult> {
  const value = parseInput(saveAvailabilitySchema, input);
  const cohort = await requireMember(actor, value.cohortId);
  if (value.role === "facilitator" && !facilitatorRoles.includes(cohort.member.role)) {
    const message = "Only the cohort's facilitators and teachers sign up as facilitators. Choose participant, or ask your teacher to make you a facilitator of this cohort.";
    throw new AppError("forbidden", message, { fieldErrors: { role: [message] } });
  }
  const columns = await db().cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: cohortSchedulingSelect });
  if (cohort.archivedAt) throw new AppError("conflict", "This cohort has ended, so its availability can no longer change.");
  if (columns.availabilityClosedAt) {
    throw new AppError("conflict", "Availability for this cohort is closed: the groups are being formed from what people gave. Ask the cohort's teacher if your times changed.");
  }

  // ~30 ms: each reference cell is checked against every meeting week (DST-safe).
  const reference = referenceAvailability(cohortCalendarOf({ ...cohort, ...columns }), {
    timeZone: value.timeZone,
    regularCells: value.regularCells,
    ifNeededCells: value.ifNeededCells,
  });
  const data = {
    role: value.role,
    timeZone: value.timeZone,
    regularCells: value.regularCells,
    ifNeededCells: value.ifNeededCells,
    intervals: reference.intervals.map(([a, b]) => [a, b]),
    ifNeededIntervals: reference.ifNeededIntervals.map(([a, b]) => [a, b]),
    warnings: reference.warnings.map((w) => ({ fromDate: w.fromDate, lostCells: w.lostCells, message: w.message })),
    maxGroups: value.role === "facilitator" ? value.maxGroups : null,
    // New times make the last schedule's verdict on this person out of date.
    unplacedCode: null,
    unplacedReason: null,
  } satisfies Prisma.CohortAvailabilityUpdateInput;
  const row = await db().$transaction(async (tx) => {
    // Re-read inside the transaction: staff may have closed availability while the grid was converted.
    const current = await tx.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { availabilityClosedAt: true, archivedAt: true } });
    if (current.availabilityClosedAt || current.archivedAt) throw new AppError("conflict", "Availability for this cohort closed just now, so your times were not saved.");
    return tx.cohortAvailability.upsert({
      where: { cohortId_userId: { cohortId: cohort.id, userId: cohort.actor.userId } },
      create: { cohortId: cohort.id, userId: cohort.actor.userId, ...data },
      update: data,
      select: availabilitySelect,
    });
  });
  return { availability: toSaved(row) };
}

// ---------------------------------------------------------------------------
// Who has responded (the cohort's staff)

export interface AvailabilityResponseRow {
  memberId: string;
  userId: string;
  name: string;
  email: string;
  cohortRole: CohortRole;
  /** null: has not given availability yet. */
  response: {
    role: ScheduleRole;
    timeZone: string;
    /** Hours painted, in the person's local week. */
    availableHours: number;
    ifNeededHours: number;
    /** "6 h available, 2 h if needed". */
    summary: string;
    maxGroups: number | null;
    /** Daylight-saving warnings the person was shown. */
    warnings: number;
    unplacedReason: string | null;
    updatedAt: Date;
  } | null;
}

export interface AvailabilityResponsesPage extends Page<AvailabilityResponseRow> {
  counts: {
    /** Learners and facilitators: the people expected to respond. */
    expected: number;
    /** Members who saved availability (teachers included when they did). */
    responded: number;
    /** Expected people who have not yet. */
    missing: number;
    /** Responses given as facilitator. */
    facilitators: number;
  };
  closed: boolean;
}

const expectedRoles: CohortRole[] = ["learner", "facilitator"];

function encodeCursor(row: { name: string; memberId: string }): string {
  return `${row.memberId}|${row.name}`.slice(0, 500);
}

function decodeCursor(cursor: string | null | undefined): { id: string; name: string } | null {
  if (!cursor) return null;
  const bar = cursor.indexOf("|");
  if (bar < 1) throw new AppError("invalid", "This page link is not valid; start from the first page.");
  return { id: cursor.slice(0, bar), name: cursor.slice(bar + 1) };
}

export async function listAvailabilityResponses(actor: MaybeActor, input: ListAvailabilityResponsesInput): Promise<AvailabilityResponsesPage> {
  const { cohortId, filter, cursor, take } = parseInput(listAvailabilityResponsesSchema, input);
  const after = decodeCursor(cursor);
  const cohort = await requireCohortStaff(actor, cohortId);

  const responded: Prisma.CohortMemberWhereInput = { user: { cohortAvailability: { some: { cohortId: cohort.id } } } };
  const missing: Prisma.CohortMemberWhereInput = { role: { in: expectedRoles }, user: { cohortAvailability: { none: { cohortId: cohort.id } } } };
  const byFilter: Record<typeof filter, Prisma.CohortMemberWhereInput> = {
    responded,
    missing,
    all: { OR: [{ role: { in: expectedRoles } }, responded] },
  };
  // Name order, then member id: the cursor carries both, so a page starts right after the last person shown even if someone left meanwhile.
  const afterWhere: Prisma.CohortMemberWhereInput = after
    ? { OR: [{ user: { name: { gt: after.name } } }, { user: { name: after.name }, id: { gt: after.id } }] }
    : {};
  const inCohort = { cohortId: cohort.id };
  const [members, expected, respondedCount, missingCount, facilitators, columns] = await Promise.all([
    db().cohortMember.findMany({
      where: { AND: [inCohort, byFilter[filter], afterWhere] },
      orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
      take: take + 1,
      select: { id: true, role: true, userId: true, user: { select: { name: true, email: true } } },
    }),
    db().cohortMember.count({ where: { ...inCohort, role: { in: expectedRoles } } }),
    db().cohortMember.count({ where: { AND: [inCohort, responded] } }),
    db().cohortMember.count({ where: { AND: [inCohort, missing] } }),
    db().cohortAvailability.count({ where: { cohortId: cohort.id, role: "facilitator", user: { cohortMemberships: { some: inCohort } } } }),
    db().cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { availabilityClosedAt: true } }),
  ]);
  const page = members.slice(0, take);
  const rows = await db().cohortAvailability.findMany({
    where: { cohortId: cohort.id, userId: { in: page.map((m) => m.userId) } },
    select: { userId: true, role: true, timeZone: true, regularCells: true, ifNeededCells: true, maxGroups: true, warnings: true, unplacedReason: true, updatedAt: true },
  });
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  const items = page.map((m): AvailabilityResponseRow => {
    const r = byUser.get(m.userId);
    return {
      memberId: m.id,
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      cohortRole: m.role,
      response: r
        ? {
            role: r.role,
            timeZone: r.timeZone,
            availableHours: r.regularCells.length / 2,
            ifNeededHours: r.ifNeededCells.length / 2,
            summary: summarize(r),
            maxGroups: r.maxGroups,
            warnings: readWarnings(r.warnings).length,
            unplacedReason: r.unplacedReason,
            updatedAt: r.updatedAt,
          }
        : null,
    };
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: last && members.length > take ? encodeCursor({ name: last.user.name, memberId: last.id }) : null,
    counts: { expected, responded: respondedCount, missing: missingCount, facilitators },
    closed: cohort.archivedAt !== null || columns.availabilityClosedAt !== null,
  };
}
