import { AppError } from "@/lib/errors";
import { recordAttendanceSchema, type AttendanceStatus, type RecordAttendanceInput } from "@/lib/schemas/meetings";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import { requireMeetingManager } from "./access";

/**
 * Attendance of one meeting, taken by the group's facilitator or the
 * cohort's teachers and admins once the meeting has started (taking it
 * during the meeting is the usual case). Saving is an upsert per member, so
 * sending the same form twice, or correcting one person later, is safe.
 */

export interface AttendanceResult {
  meetingId: string;
  saved: number;
  entries: { userId: string; status: AttendanceStatus }[];
}

export async function recordAttendance(actor: MaybeActor, input: RecordAttendanceInput): Promise<AttendanceResult> {
  const { meetingId, entries } = parseInput(recordAttendanceSchema, input);
  const { meeting, actor: recorder } = await requireMeetingManager(actor, meetingId);
  const now = await appNow();
  if (meeting.canceledAt) throw new AppError("conflict", "This meeting was cancelled, so there is no attendance to take. Restore it first if it did take place.");
  if (now.getTime() < meeting.startsAt.getTime()) {
    throw new AppError("conflict", "This meeting has not started yet. Take attendance once it begins.");
  }

  const members = await db().cohortGroupMember.findMany({
    where: { groupId: meeting.groupId, userId: { in: entries.map((e) => e.userId) } },
    select: { userId: true },
  });
  const known = new Set(members.map((m) => m.userId));
  const strangers = entries.filter((e) => !known.has(e.userId));
  if (strangers.length > 0) {
    // Nothing is saved: a form built for another group must not half-apply.
    throw new AppError("invalid", `${strangers.length === 1 ? "One person" : `${strangers.length} people`} in the form are not in ${meeting.group.name}. Reload the page and try again.`);
  }

  await db().$transaction(
    entries.map((e) =>
      db().meetingAttendance.upsert({
        where: { meetingId_userId: { meetingId, userId: e.userId } },
        create: { meetingId, userId: e.userId, status: e.status, recordedById: recorder.userId, recordedAt: now },
        update: { status: e.status, recordedById: recorder.userId, recordedAt: now },
        select: { id: true },
      }),
    ),
  );
  return { meetingId, saved: entries.length, entries };
}
