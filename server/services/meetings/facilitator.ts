import { AppError } from "@/lib/errors";
import { facilitatorDashboardSchema, type AttendanceStatus, type FacilitatorDashboardInput, type RsvpResponse } from "@/lib/schemas/meetings";
import { maxPageSize } from "@/lib/schemas/paging";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import { cohortDashboard, type DashboardLearner } from "../courses/dashboard";
import { canSeeOrg, organizationNotFound } from "../organizations";
import { meetingStateOf, type MeetingState, type RsvpCounts } from "./mine";

/**
 * The facilitator dashboard: the groups I lead in an organisation (and, for
 * a cohort's teachers, every group of the cohorts they teach), each with
 * its members' course progress (taken from the cohort dashboard, so "at risk"
 * and progress mean the same everywhere), their attendance so far, who
 * answered the next meeting, and the next few meetings.
 */

/** Most groups one facilitator leads here; scheduling caps facilitators far below this. */
const maxGroups = 50;
const nextMeetingsShown = 3;

export interface FacilitatedMemberDTO {
  userId: string;
  name: string;
  email: string;
  isFacilitator: boolean;
  /** The viewer themself. */
  isYou: boolean;
  onIfNeeded: boolean;
  /** From the cohort dashboard; null for members who are not learners of the cohort (or when it cannot be read). */
  progress: Pick<DashboardLearner, "completed" | "available" | "progress" | "averageScore" | "atRisk" | "reasons" | "lastActiveAt"> | null;
  attendance: {
    /** Meetings with attendance recorded for this member. */
    recorded: number;
    present: number;
    late: number;
    absent: number;
    excused: number;
    /** (present + late) / (recorded - excused); null before anything counts. */
    rate: number | null;
  };
  /** Their answer for the next meeting; null when they have not answered (or there is none). */
  nextRsvp: RsvpResponse | null;
}

export interface FacilitatedMeetingDTO {
  id: string;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  originalStartsAt: Date | null;
  canceledAt: Date | null;
  state: MeetingState;
  rsvp: RsvpCounts;
}

export interface FacilitatedGroupDTO {
  id: string;
  name: string;
  /** The viewer leads it; otherwise they see it as a teacher of its cohort. */
  youFacilitate: boolean;
  facilitator: { id: string; name: string } | null;
  location: string | null;
  cohort: { id: string; name: string; timeZone: string; archived: boolean };
  course: { id: string; title: string };
  members: FacilitatedMemberDTO[];
  /** The next meetings that have not ended, cancelled ones included (flagged). */
  nextMeetings: FacilitatedMeetingDTO[];
  /** Past meetings without any attendance recorded (to catch up on). */
  pastWithoutAttendance: { id: string; seq: number; startsAt: Date }[];
  /** Progress could not be read for this cohort (the viewer is not among its staff). */
  progressHidden: boolean;
}

export interface FacilitatorDashboardDTO {
  groups: FacilitatedGroupDTO[];
  viewerTimeZone: string;
}

/** Every learner row of a cohort's dashboard, page by page (the dashboard pages by name; a cohort is hundreds of learners). */
async function cohortProgress(actor: MaybeActor, cohortId: string): Promise<Map<string, DashboardLearner> | null> {
  const out = new Map<string, DashboardLearner>();
  let cursor: string | null = null;
  try {
    do {
      const page = await cohortDashboard(actor, { cohortId, cursor, take: maxPageSize });
      for (const learner of page.items) out.set(learner.userId, learner);
      cursor = page.nextCursor;
    } while (cursor);
  } catch (error) {
    if (error instanceof AppError && (error.code === "forbidden" || error.code === "not_found")) return null;
    throw error;
  }
  return out;
}

export async function facilitatorDashboard(actor: MaybeActor, input: FacilitatorDashboardInput): Promise<FacilitatorDashboardDTO> {
  requireActor(actor);
  const { orgId } = parseInput(facilitatorDashboardSchema, input);
  if (!canSeeOrg(actor, orgId)) throw new AppError("not_found", organizationNotFound);
  const now = await appNow();

  const groups = await db().cohortGroup.findMany({
    where: {
      archivedAt: null,
      cohort: { orgId },
      OR: [{ facilitatorId: actor.userId }, { cohort: { members: { some: { userId: actor.userId, role: "teacher" } } } }],
    },
    orderBy: [{ cohort: { name: "asc" } }, { name: "asc" }, { id: "asc" }],
    take: maxGroups,
    select: {
      id: true,
      name: true,
      location: true,
      facilitatorId: true,
      facilitator: { select: { id: true, name: true } },
      cohort: { select: { id: true, name: true, timeZone: true, archivedAt: true, course: { select: { id: true, title: true } } } },
      members: {
        orderBy: [{ isFacilitator: "desc" }, { user: { name: "asc" } }, { userId: "asc" }],
        select: { userId: true, isFacilitator: true, onIfNeeded: true, user: { select: { name: true, email: true } } },
      },
    },
  });
  const groupIds = groups.map((g) => g.id);
  const timeZone = actor.timeZone;
  if (groupIds.length === 0) return { groups: [], viewerTimeZone: timeZone };

  const [upcoming, attendance, pastMeetings] = await Promise.all([
    // The next few meetings of each group: a window function keeps it one query whatever the number of groups.
    db().$queryRaw<{ id: string; groupId: string; seq: number; startsAt: Date; endsAt: Date; originalStartsAt: Date | null; canceledAt: Date | null }[]>`
      SELECT "id", "groupId", "seq", "startsAt", "endsAt", "originalStartsAt", "canceledAt" FROM (
        SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m."groupId" ORDER BY m."startsAt", m."id") AS rn
        FROM "Meeting" m WHERE m."groupId" = ANY(${groupIds}) AND m."endsAt" > ${now}
      ) ranked WHERE rn <= ${nextMeetingsShown} ORDER BY "startsAt", "id"`,
    db().$queryRaw<{ groupId: string; userId: string; status: AttendanceStatus; count: number }[]>`
      SELECT m."groupId", a."userId", a."status"::text AS "status", COUNT(*)::int AS "count"
      FROM "MeetingAttendance" a JOIN "Meeting" m ON m."id" = a."meetingId"
      WHERE m."groupId" = ANY(${groupIds}) AND m."canceledAt" IS NULL
      GROUP BY m."groupId", a."userId", a."status"`,
    db().meeting.findMany({
      where: { groupId: { in: groupIds }, canceledAt: null, startsAt: { lte: now }, attendance: { none: {} } },
      orderBy: [{ startsAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { id: true, groupId: true, seq: true, startsAt: true },
    }),
  ]);
  const upcomingIds = upcoming.map((m) => m.id);
  const rsvps = upcomingIds.length
    ? await db().meetingRsvp.findMany({ where: { meetingId: { in: upcomingIds } }, select: { meetingId: true, userId: true, response: true } })
    : [];

  // One dashboard read per cohort, shared by the groups of that cohort.
  const progressByCohort = new Map<string, Map<string, DashboardLearner> | null>();
  for (const cohortId of new Set(groups.map((g) => g.cohort.id))) progressByCohort.set(cohortId, await cohortProgress(actor, cohortId));

  // Attendance per member of each group, over that group's meetings.
  const attendanceOf = new Map<string, FacilitatedMemberDTO["attendance"]>();
  for (const row of attendance) {
    const key = `${row.groupId}\u0000${row.userId}`;
    let a = attendanceOf.get(key);
    if (!a) attendanceOf.set(key, (a = { recorded: 0, present: 0, late: 0, absent: 0, excused: 0, rate: null }));
    a[row.status] += row.count;
    a.recorded += row.count;
  }
  for (const a of attendanceOf.values()) {
    const counted = a.recorded - a.excused;
    a.rate = counted > 0 ? (a.present + a.late) / counted : null;
  }

  const answersOf = new Map<string, Map<string, RsvpResponse>>();
  for (const r of rsvps) {
    let m = answersOf.get(r.meetingId);
    if (!m) answersOf.set(r.meetingId, (m = new Map()));
    m.set(r.userId, r.response);
  }

  return {
    viewerTimeZone: timeZone,
    groups: groups.map((group) => {
      const memberIds = new Set(group.members.map((m) => m.userId));
      const next = upcoming.filter((m) => m.groupId === group.id);
      const nextLive = next.find((m) => !m.canceledAt);
      const progress = progressByCohort.get(group.cohort.id) ?? null;
      return {
        id: group.id,
        name: group.name,
        youFacilitate: group.facilitatorId === actor.userId,
        facilitator: group.facilitator,
        location: group.location,
        cohort: { id: group.cohort.id, name: group.cohort.name, timeZone: group.cohort.timeZone, archived: group.cohort.archivedAt !== null },
        course: group.cohort.course,
        progressHidden: progress === null,
        members: group.members.map((m) => {
          const learner = progress?.get(m.userId);
          return {
            userId: m.userId,
            name: m.user.name,
            email: m.user.email,
            isFacilitator: m.isFacilitator,
            isYou: m.userId === actor.userId,
            onIfNeeded: m.onIfNeeded,
            progress: learner
              ? {
                  completed: learner.completed,
                  available: learner.available,
                  progress: learner.progress,
                  averageScore: learner.averageScore,
                  atRisk: learner.atRisk,
                  reasons: learner.reasons,
                  lastActiveAt: learner.lastActiveAt,
                }
              : null,
            attendance: attendanceOf.get(`${group.id}\u0000${m.userId}`) ?? { recorded: 0, present: 0, late: 0, absent: 0, excused: 0, rate: null },
            nextRsvp: nextLive ? (answersOf.get(nextLive.id)?.get(m.userId) ?? null) : null,
          };
        }),
        nextMeetings: next.map((m) => {
          const answers = answersOf.get(m.id) ?? new Map<string, RsvpResponse>();
          const counts: RsvpCounts = { yes: 0, maybe: 0, no: 0, pending: 0 };
          for (const id of memberIds) {
            const answer = answers.get(id);
            if (answer) counts[answer] += 1;
            else counts.pending += 1;
          }
          return {
            id: m.id,
            seq: m.seq,
            startsAt: m.startsAt,
            endsAt: m.endsAt,
            originalStartsAt: m.originalStartsAt,
            canceledAt: m.canceledAt,
            state: meetingStateOf(m, now),
            rsvp: counts,
          };
        }),
        pastWithoutAttendance: pastMeetings.filter((m) => m.groupId === group.id).map((m) => ({ id: m.id, seq: m.seq, startsAt: m.startsAt })),
      };
    }),
  };
}

/**
 * Whether the facilitator dashboard has anything for the person here (for the
 * navigation's "Facilitate" link): they lead a group, or teach a cohort that
 * has groups. One query.
 */
export async function facilitatesGroups(actor: MaybeActor, orgId: string): Promise<boolean> {
  if (!actor) return false;
  const row = await db().cohortGroup.findFirst({
    where: {
      archivedAt: null,
      cohort: { orgId },
      OR: [{ facilitatorId: actor.userId }, { cohort: { members: { some: { userId: actor.userId, role: "teacher" } } } }],
    },
    select: { id: true },
  });
  return row !== null;
}
