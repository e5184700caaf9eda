import { AppError } from "@/lib/errors";
import {
  listMyMeetingsSchema,
  meetingIdInputSchema,
  type AttendanceStatus,
  type ListMyMeetingsInput,
  type MeetingIdInput,
  type RsvpResponse,
} from "@/lib/schemas/meetings";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db, type Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { Page } from "../audit";
import { canSeeOrg, organizationNotFound } from "../organizations";
import { loadMeetingAccess, meetingAccessSelect, type MeetingRow } from "./access";

/**
 * A person's meetings in one organisation (upcoming soonest first, or past
 * latest first), and one meeting in full. Times are instants; the pages show
 * them in `viewerTimeZone` (the person's profile zone) and name it.
 */

type Client = Db | Prisma.TransactionClient;

export type MeetingState = "upcoming" | "live" | "ended" | "canceled";

export interface RsvpCounts {
  yes: number;
  maybe: number;
  no: number;
  /** Members who have not answered. */
  pending: number;
}

export interface MeetingSummaryDTO {
  id: string;
  orgId: string;
  seq: number;
  startsAt: Date;
  endsAt: Date;
  /** Set when this one meeting was moved away from the series time. */
  originalStartsAt: Date | null;
  canceledAt: Date | null;
  state: MeetingState;
  group: { id: string; name: string; location: string | null; facilitator: { id: string; name: string } | null; archived: boolean };
  cohort: { id: string; name: string; timeZone: string };
  course: { id: string; title: string };
  /** The viewer's own answer; null when they have not answered (or are not a member). */
  myRsvp: RsvpResponse | null;
  /** The other members' answers (the viewer left out). */
  othersRsvp: RsvpCounts;
  memberCount: number;
  isMember: boolean;
  isFacilitator: boolean;
  /** May take attendance and move or cancel it. */
  canManage: boolean;
}

export interface MyMeetingsPage extends Page<MeetingSummaryDTO> {
  viewerTimeZone: string;
}

export function meetingStateOf(meeting: { startsAt: Date; endsAt: Date; canceledAt: Date | null }, now: Date): MeetingState {
  if (meeting.canceledAt) return "canceled";
  if (now.getTime() >= meeting.endsAt.getTime()) return "ended";
  if (now.getTime() >= meeting.startsAt.getTime()) return "live";
  return "upcoming";
}

interface ViewerFlags {
  isMember: boolean;
  isFacilitator: boolean;
  canManage: boolean;
}

/** Answers per meeting and the member counts of their groups, in two queries for a whole page. */
async function rsvpFigures(client: Client, meetings: readonly Pick<MeetingRow, "id" | "groupId">[], viewerId: string) {
  const meetingIds = meetings.map((m) => m.id);
  const groupIds = [...new Set(meetings.map((m) => m.groupId))];
  const [answers, members] = await Promise.all([
    meetingIds.length === 0
      ? []
      : client.meetingRsvp.findMany({
          // Answers of people who left the group are dropped below, against the member list.
          where: { meetingId: { in: meetingIds } },
          select: { meetingId: true, userId: true, response: true, meeting: { select: { groupId: true } } },
        }),
    groupIds.length === 0
      ? []
      : client.cohortGroupMember.findMany({ where: { groupId: { in: groupIds } }, select: { groupId: true, userId: true } }),
  ]);
  const membersOf = new Map<string, Set<string>>();
  for (const m of members) {
    let set = membersOf.get(m.groupId);
    if (!set) membersOf.set(m.groupId, (set = new Set()));
    set.add(m.userId);
  }
  const byMeeting = new Map<string, { mine: RsvpResponse | null; others: RsvpCounts; memberCount: number }>();
  for (const meeting of meetings) {
    const groupMembers = membersOf.get(meeting.groupId) ?? new Set<string>();
    const othersCount = groupMembers.size - (groupMembers.has(viewerId) ? 1 : 0);
    byMeeting.set(meeting.id, { mine: null, others: { yes: 0, maybe: 0, no: 0, pending: othersCount }, memberCount: groupMembers.size });
  }
  for (const a of answers) {
    const figures = byMeeting.get(a.meetingId);
    if (!figures || !membersOf.get(a.meeting.groupId)?.has(a.userId)) continue;
    if (a.userId === viewerId) {
      figures.mine = a.response;
    } else {
      figures.others[a.response] += 1;
      figures.others.pending -= 1;
    }
  }
  return byMeeting;
}

function toSummary(
  row: MeetingRow,
  figures: { mine: RsvpResponse | null; others: RsvpCounts; memberCount: number } | undefined,
  flags: ViewerFlags,
  now: Date,
): MeetingSummaryDTO {
  return {
    id: row.id,
    orgId: row.cohort.orgId,
    seq: row.seq,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    originalStartsAt: row.originalStartsAt,
    canceledAt: row.canceledAt,
    state: meetingStateOf(row, now),
    group: {
      id: row.group.id,
      name: row.group.name,
      location: row.group.location,
      facilitator: row.group.facilitator,
      archived: row.group.archivedAt !== null,
    },
    cohort: { id: row.cohort.id, name: row.cohort.name, timeZone: row.cohort.timeZone },
    course: { id: row.cohort.course.id, title: row.cohort.course.title },
    myRsvp: figures?.mine ?? null,
    othersRsvp: figures?.others ?? { yes: 0, maybe: 0, no: 0, pending: 0 },
    memberCount: figures?.memberCount ?? 0,
    ...flags,
  };
}

function encodeCursor(row: { startsAt: Date; id: string }): string {
  return `${row.startsAt.toISOString()}|${row.id}`;
}

function decodeCursor(cursor: string | null | undefined): { startsAt: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = cursor.split("|");
  const startsAt = new Date(iso ?? "");
  if (!id || Number.isNaN(startsAt.getTime())) throw new AppError("invalid", "This page link is not valid; start from the first page.");
  return { startsAt, id };
}

/** My meetings in an organisation: the groups I am in (or facilitate), one page at a time. */
export async function listMyMeetings(actor: MaybeActor, input: ListMyMeetingsInput): Promise<MyMeetingsPage> {
  requireActor(actor);
  const { orgId, scope, cursor, take } = parseInput(listMyMeetingsSchema, input);
  if (!canSeeOrg(actor, orgId)) throw new AppError("not_found", organizationNotFound);
  const after = decodeCursor(cursor);
  const now = await appNow();
  const upcoming = scope === "upcoming";

  const keyset: Prisma.MeetingWhereInput | undefined = after
    ? upcoming
      ? { OR: [{ startsAt: { gt: after.startsAt } }, { startsAt: after.startsAt, id: { gt: after.id } }] }
      : { OR: [{ startsAt: { lt: after.startsAt } }, { startsAt: after.startsAt, id: { lt: after.id } }] }
    : undefined;
  const direction = upcoming ? "asc" : "desc";
  const rows = await db().meeting.findMany({
    where: {
      cohort: { orgId },
      group: { OR: [{ members: { some: { userId: actor.userId } } }, { facilitatorId: actor.userId }] },
      endsAt: upcoming ? { gt: now } : { lte: now },
      // Upcoming meetings of a replaced schedule are deleted on re-publish; past ones stay as history.
      ...(keyset ?? {}),
    },
    orderBy: [{ startsAt: direction }, { id: direction }],
    take: take + 1,
    select: { ...meetingAccessSelect, group: { select: { ...meetingAccessSelect.group.select, members: { where: { userId: actor.userId }, select: { isFacilitator: true } } } } },
  });
  const page = rows.slice(0, take);
  const figures = await rsvpFigures(db(), page, actor.userId);
  const timeZone = actor.timeZone;
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const isFacilitator = row.group.facilitatorId === actor.userId || row.group.members.some((m) => m.isFacilitator);
      return toSummary(row, figures.get(row.id), { isMember: true, isFacilitator, canManage: isFacilitator }, now);
    }),
    nextCursor: rows.length > take && last ? encodeCursor(last) : null,
    viewerTimeZone: timeZone,
  };
}

export interface MeetingMemberDTO {
  userId: string;
  name: string;
  isFacilitator: boolean;
  rsvp: RsvpResponse | null;
  /** Shown to those who take attendance; null until recorded (and always null for the others). */
  attendance: AttendanceStatus | null;
}

export interface MeetingDetailDTO extends MeetingSummaryDTO {
  members: MeetingMemberDTO[];
  viewerTimeZone: string;
  /** Attendance can be taken: the viewer manages it and it has started (and is not cancelled). */
  canRecordAttendance: boolean;
  /** It can be moved or cancelled: the viewer manages it and it has not started. */
  canChange: boolean;
  /** A cancelled meeting that has not started can be restored. */
  canRestore: boolean;
  /** When attendance was last recorded, if ever. */
  attendanceRecordedAt: Date | null;
}

/** One meeting with its members, their answers and, for those who take it, attendance. */
export async function getMeeting(actor: MaybeActor, input: MeetingIdInput): Promise<MeetingDetailDTO> {
  const { meetingId } = parseInput(meetingIdInputSchema, input);
  const access = await loadMeetingAccess(actor, meetingId);
  const { meeting, actor: viewer } = access;
  const timeZone = viewer.timeZone;
  const [now, members, rsvps, attendance, figures] = await Promise.all([
    appNow(),
    db().cohortGroupMember.findMany({
      where: { groupId: meeting.groupId },
      orderBy: [{ isFacilitator: "desc" }, { user: { name: "asc" } }, { userId: "asc" }],
      select: { userId: true, isFacilitator: true, user: { select: { name: true } } },
    }),
    db().meetingRsvp.findMany({ where: { meetingId }, select: { userId: true, response: true } }),
    access.canManage
      ? db().meetingAttendance.findMany({ where: { meetingId }, select: { userId: true, status: true, recordedAt: true } })
      : Promise.resolve([]),
    rsvpFigures(db(), [meeting], viewer.userId),
  ]);
  const rsvpOf = new Map(rsvps.map((r) => [r.userId, r.response]));
  const attendanceOf = new Map(attendance.map((a) => [a.userId, a.status]));
  const summary = toSummary(meeting, figures.get(meeting.id), { isMember: access.isMember, isFacilitator: access.isFacilitator, canManage: access.canManage }, now);
  const started = now.getTime() >= meeting.startsAt.getTime();
  const live = meeting.group.archivedAt === null && meeting.cohort.archivedAt === null;
  const recordedAt = attendance.reduce<Date | null>((latest, a) => (!latest || a.recordedAt > latest ? a.recordedAt : latest), null);
  return {
    ...summary,
    members: members.map((m) => ({
      userId: m.userId,
      name: m.user.name,
      isFacilitator: m.isFacilitator || m.userId === meeting.group.facilitatorId,
      rsvp: rsvpOf.get(m.userId) ?? null,
      attendance: attendanceOf.get(m.userId) ?? null,
    })),
    viewerTimeZone: timeZone,
    canRecordAttendance: access.canManage && started && !meeting.canceledAt,
    canChange: access.canManage && live && !started && !meeting.canceledAt,
    canRestore: access.canManage && live && !started && meeting.canceledAt !== null,
    attendanceRecordedAt: recordedAt,
  };
}
