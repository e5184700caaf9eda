import { AppError } from "@/lib/errors";
import type { MaybeActor, Actor } from "../../auth/actor";
import { can, requireActor } from "../../auth/permissions";
import { db, type Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { canSeeOrg } from "../organizations";

/**
 * Who may do what with a meeting, in one place:
 * - its group's members (the facilitator is one) see it, answer it and
 *   download it;
 * - its group's facilitator, the cohort's teachers, and the teachers and
 *   admins of the course's unit (who manage the cohort) also take attendance
 *   and move or cancel it.
 * Everyone else, other members of the organisation included, is told it does
 * not exist, so meeting ids reveal nothing.
 */

type Client = Db | Prisma.TransactionClient;

export const meetingNotFound = "This meeting was not found, or you are not in its group.";

export const meetingAccessSelect = {
  id: true,
  seq: true,
  groupId: true,
  cohortId: true,
  startsAt: true,
  endsAt: true,
  originalStartsAt: true,
  canceledAt: true,
  createdAt: true,
  updatedAt: true,
  group: { select: { id: true, name: true, location: true, facilitatorId: true, archivedAt: true, facilitator: { select: { id: true, name: true } } } },
  cohort: {
    select: {
      id: true,
      orgId: true,
      name: true,
      timeZone: true,
      archivedAt: true,
      course: { select: { id: true, title: true, unit: { select: { path: true } } } },
    },
  },
} satisfies Prisma.MeetingSelect;

export type MeetingRow = Prisma.MeetingGetPayload<{ select: typeof meetingAccessSelect }>;

export interface MeetingAccess {
  meeting: MeetingRow;
  actor: Actor;
  /** The actor is in the meeting's group (facilitators included). */
  isMember: boolean;
  /** The actor facilitates the meeting's group. */
  isFacilitator: boolean;
  /** May take attendance and move or cancel the meeting. */
  canManage: boolean;
}

/** The cohort's teachers and those who manage the cohort (unit teachers and admins, system admins). */
export function isCohortTeacherOrManager(
  actor: Actor,
  cohort: { orgId: string; course: { unit: { path: string } } },
  cohortRole: string | null,
): boolean {
  return cohortRole === "teacher" || can(actor, "update", "Cohort", { orgId: cohort.orgId, unitPath: cohort.course.unit.path, cohortRole: null });
}

export async function loadMeetingAccess(actor: MaybeActor, meetingId: string, client: Client = db()): Promise<MeetingAccess> {
  requireActor(actor);
  const row = await client.meeting.findUnique({
    where: { id: meetingId },
    select: {
      ...meetingAccessSelect,
      group: { select: { ...meetingAccessSelect.group.select, members: { where: { userId: actor.userId }, select: { isFacilitator: true } } } },
      cohort: { select: { ...meetingAccessSelect.cohort.select, members: { where: { userId: actor.userId }, select: { role: true } } } },
    },
  });
  if (!row || !canSeeOrg(actor, row.cohort.orgId)) throw new AppError("not_found", meetingNotFound);
  const { group, cohort, ...rest } = row;
  const { members: groupMembers, ...groupFields } = group;
  const { members: cohortMembers, ...cohortFields } = cohort;
  const isFacilitator = group.facilitatorId === actor.userId || groupMembers.some((m) => m.isFacilitator);
  const isMember = groupMembers.length > 0 || isFacilitator;
  const canManage = isFacilitator || isCohortTeacherOrManager(actor, cohort, cohortMembers[0]?.role ?? null);
  if (!isMember && !canManage) throw new AppError("not_found", meetingNotFound);
  return { meeting: { ...rest, group: groupFields, cohort: cohortFields }, actor, isMember, isFacilitator, canManage };
}

/** A meeting the actor may answer: members of its group only. */
export async function requireMeetingMember(actor: MaybeActor, meetingId: string, client: Client = db()): Promise<MeetingAccess> {
  const access = await loadMeetingAccess(actor, meetingId, client);
  if (!access.isMember) {
    throw new AppError("forbidden", "Only the members of this group answer for its meetings. You can see it because you teach or run the cohort.");
  }
  return access;
}

/** A meeting the actor may manage: attendance, moving, cancelling. */
export async function requireMeetingManager(actor: MaybeActor, meetingId: string, client: Client = db()): Promise<MeetingAccess> {
  const access = await loadMeetingAccess(actor, meetingId, client);
  if (!access.canManage) {
    throw new AppError("forbidden", "Only the group's facilitator and the cohort's teachers and admins can do this.");
  }
  return access;
}

/** Where a meeting's page is in the app. */
export function meetingPath(orgId: string, meetingId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/meetings/${encodeURIComponent(meetingId)}`;
}

/**
 * The iCalendar SEQUENCE of a meeting: seconds (rounded up) between its
 * creation and its last change, so 0 for a meeting as published and higher
 * after every change (moved, cancelled, restored) made by a person, seconds
 * apart, without a column of its own. Calendar clients then replace their copy.
 */
export function meetingSequence(meeting: { createdAt: Date; updatedAt: Date }): number {
  return Math.max(0, Math.ceil((meeting.updatedAt.getTime() - meeting.createdAt.getTime()) / 1000));
}
