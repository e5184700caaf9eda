import { inngest } from "@/inngest/client";
import { meetingCanceled, meetingMoved, meetingRestored } from "@/inngest/events";
import { AppError } from "@/lib/errors";
import { cancelMeetingSchema, meetingIdInputSchema, moveMeetingSchema, type CancelMeetingInput, type MeetingIdInput, type MoveMeetingInput } from "@/lib/schemas/meetings";
import { formatLocalTime } from "@/lib/notifications/catalog";
import { parseLocalDate, parseLocalTime, zonedTimeToUtc } from "@/lib/time-zone";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import { recordNotifications, requestDelivery, type NotificationDraft } from "../notifications";
import { requireMeetingManager, type MeetingAccess, type MeetingRow } from "./access";
import { getMeeting, type MeetingDetailDTO } from "./mine";

/**
 * Changing ONE meeting of a group's weekly series: moving it to another time,
 * cancelling it, or restoring a cancelled one. The series is untouched: the
 * group keeps its weekly time and every other meeting stays where it was.
 * Only meetings that have not started change, and never into the past. Each
 * change tells the group's members (in their own zones), writes an audit row
 * and emits an event for the Discord bot's scheduled events.
 */

const maxMoveDays = 366;
const dayMs = 24 * 60 * 60 * 1000;

function refuseUnchangeable(meeting: MeetingRow, now: Date): void {
  if (meeting.group.archivedAt || meeting.cohort.archivedAt) {
    throw new AppError("conflict", "This group's schedule was replaced or the cohort has ended, so its meetings can no longer change.");
  }
  if (now.getTime() >= meeting.startsAt.getTime()) {
    throw new AppError("conflict", "This meeting has already started, so it can no longer be moved or cancelled. Only future meetings change.");
  }
}

/** Members to tell, each with their own zone; the person who made the change already knows. */
async function recipients(tx: Prisma.TransactionClient, groupId: string, exceptUserId: string) {
  return tx.cohortGroupMember.findMany({
    where: { groupId, userId: { not: exceptUserId } },
    select: { userId: true, user: { select: { timeZone: true } } },
  });
}

function baseContext(meeting: MeetingRow, startsAt: Date, timeZone: string) {
  return {
    orgId: meeting.cohort.orgId,
    meetingId: meeting.id,
    groupName: meeting.group.name,
    courseTitle: meeting.cohort.course.title,
    startsAt: startsAt.toISOString(),
    timeZone,
  };
}

function eventFields(meeting: MeetingRow, startsAt: Date, endsAt: Date, actorId: string) {
  return {
    meetingId: meeting.id,
    groupId: meeting.groupId,
    cohortId: meeting.cohortId,
    orgId: meeting.cohort.orgId,
    seq: meeting.seq,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    actorId,
  };
}

/** After the commit: deliveries and the bot's event. Failures are logged; the change itself stands. */
async function afterCommit(notificationIds: string[], send: () => Promise<unknown>, what: string): Promise<void> {
  if (notificationIds.length > 0) {
    try {
      await requestDelivery(notificationIds);
    } catch (error) {
      // The sweeper re-requests deliveries left pending.
      console.warn(`Meeting ${what}: could not request delivery; the sweeper will retry.`, error);
    }
  }
  try {
    await send();
  } catch (error) {
    console.error(`Meeting ${what}: could not emit the event for the Discord bot.`, error);
  }
}

function idsOf(results: ({ notificationId: string; created: boolean; channels: string[] } | null)[]): string[] {
  return results.flatMap((r) => (r?.created && r.channels.some((c) => c !== "in_app") ? [r.notificationId] : []));
}

function newStartOf(input: { date: string; time: string; timeZone: string }): Date {
  const day = parseLocalDate(input.date);
  const time = parseLocalTime(input.time);
  // The schema checked both; this only narrows the types.
  if (!day || !time) throw new AppError("invalid", "Choose a real day and a start time.");
  return zonedTimeToUtc({ ...day, ...time }, input.timeZone);
}

/**
 * Moves one meeting to a new start (a wall-clock day and time in the mover's
 * zone), keeping its length. The first move records the series time in
 * originalStartsAt; moving it back to that time clears the mark.
 */
export async function moveMeeting(actor: MaybeActor, input: MoveMeetingInput): Promise<MeetingDetailDTO> {
  const data = parseInput(moveMeetingSchema, input);
  const access: MeetingAccess = await requireMeetingManager(actor, data.meetingId);
  const { meeting } = access;
  const now = await appNow();
  if (meeting.canceledAt) throw new AppError("conflict", "This meeting is cancelled. Restore it before moving it.");
  refuseUnchangeable(meeting, now);

  const startsAt = newStartOf(data);
  const endsAt = new Date(startsAt.getTime() + (meeting.endsAt.getTime() - meeting.startsAt.getTime()));
  const fieldError = (message: string) => new AppError("invalid", message, { fieldErrors: { time: [message] } });
  if (startsAt.getTime() <= now.getTime()) throw fieldError(`That time has already passed in ${data.timeZone}. Choose a time in the future.`);
  if (startsAt.getTime() === meeting.startsAt.getTime()) throw fieldError("The meeting is already at that time. Choose another day or time.");
  if (Math.abs(startsAt.getTime() - meeting.startsAt.getTime()) > maxMoveDays * dayMs) {
    throw fieldError("Move a meeting by less than a year. For a new series, ask an admin to re-run scheduling.");
  }

  const clash = await db().meeting.findFirst({
    where: { groupId: meeting.groupId, id: { not: meeting.id }, canceledAt: null, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } },
    select: { seq: true, startsAt: true },
  });
  if (clash) {
    throw fieldError(`Meeting ${clash.seq} of ${meeting.group.name} is already at ${formatLocalTime(clash.startsAt, data.timeZone)}. Choose a time that does not overlap it.`);
  }

  const seriesStart = meeting.originalStartsAt ?? meeting.startsAt;
  const originalStartsAt = startsAt.getTime() === seriesStart.getTime() ? null : seriesStart;
  const notificationIds = await db().$transaction(async (tx) => {
    // Guarded on the time we read: two people moving it at once cannot both win.
    const { count } = await tx.meeting.updateMany({
      where: { id: meeting.id, startsAt: meeting.startsAt, canceledAt: null },
      data: { startsAt, endsAt, originalStartsAt },
    });
    if (count === 0) throw new AppError("conflict", "Someone changed this meeting a moment ago. Reload the page and try again.");
    await recordAudit(tx, {
      orgId: meeting.cohort.orgId,
      actorId: access.actor.userId,
      action: "meeting.moved",
      targetType: "Meeting",
      targetId: meeting.id,
      data: { groupName: meeting.group.name, seq: meeting.seq, from: meeting.startsAt.toISOString(), to: startsAt.toISOString() },
    });
    const people = await recipients(tx, meeting.groupId, access.actor.userId);
    const drafts: NotificationDraft<"meeting.moved">[] = people.map((p) => ({
      userId: p.userId,
      type: "meeting.moved",
      context: { ...baseContext(meeting, startsAt, p.user.timeZone), previousStartsAt: meeting.startsAt.toISOString() },
      options: { orgId: meeting.cohort.orgId, dedupeKey: `meeting-moved:${meeting.id}:${startsAt.getTime()}`, now },
    }));
    return idsOf(await recordNotifications(tx, drafts, { skipInvalid: true }));
  });

  await afterCommit(
    notificationIds,
    () => inngest.send(meetingMoved.create({ ...eventFields(meeting, startsAt, endsAt, access.actor.userId), previousStartsAt: meeting.startsAt.toISOString() })),
    "moved",
  );
  return getMeeting(actor, { meetingId: meeting.id });
}

/** Cancels one meeting that has not started; members are told, with the reason if one is given. */
export async function cancelMeeting(actor: MaybeActor, input: CancelMeetingInput): Promise<MeetingDetailDTO> {
  const { meetingId, reason } = parseInput(cancelMeetingSchema, input);
  const access = await requireMeetingManager(actor, meetingId);
  const { meeting } = access;
  const now = await appNow();
  refuseUnchangeable(meeting, now);
  if (meeting.canceledAt) throw new AppError("conflict", "This meeting is already cancelled.");

  const notificationIds = await db().$transaction(async (tx) => {
    const { count } = await tx.meeting.updateMany({ where: { id: meeting.id, canceledAt: null }, data: { canceledAt: now } });
    if (count === 0) throw new AppError("conflict", "This meeting is already cancelled.");
    await recordAudit(tx, {
      orgId: meeting.cohort.orgId,
      actorId: access.actor.userId,
      action: "meeting.canceled",
      targetType: "Meeting",
      targetId: meeting.id,
      data: { groupName: meeting.group.name, seq: meeting.seq, startsAt: meeting.startsAt.toISOString(), reason },
    });
    const people = await recipients(tx, meeting.groupId, access.actor.userId);
    const drafts: NotificationDraft<"meeting.canceled">[] = people.map((p) => ({
      userId: p.userId,
      type: "meeting.canceled",
      context: { ...baseContext(meeting, meeting.startsAt, p.user.timeZone), reason },
      options: { orgId: meeting.cohort.orgId, dedupeKey: `meeting-canceled:${meeting.id}:${now.getTime()}`, now },
    }));
    return idsOf(await recordNotifications(tx, drafts, { skipInvalid: true }));
  });

  await afterCommit(notificationIds, () => inngest.send(meetingCanceled.create(eventFields(meeting, meeting.startsAt, meeting.endsAt, access.actor.userId))), "cancelled");
  return getMeeting(actor, { meetingId: meeting.id });
}

/** Puts a cancelled meeting back on, at its time, while it has not started. */
export async function restoreMeeting(actor: MaybeActor, input: MeetingIdInput): Promise<MeetingDetailDTO> {
  const { meetingId } = parseInput(meetingIdInputSchema, input);
  const access = await requireMeetingManager(actor, meetingId);
  const { meeting } = access;
  const now = await appNow();
  refuseUnchangeable(meeting, now);
  if (!meeting.canceledAt) throw new AppError("conflict", "This meeting is not cancelled.");

  const notificationIds = await db().$transaction(async (tx) => {
    const { count } = await tx.meeting.updateMany({ where: { id: meeting.id, canceledAt: { not: null } }, data: { canceledAt: null } });
    if (count === 0) throw new AppError("conflict", "This meeting is not cancelled.");
    await recordAudit(tx, {
      orgId: meeting.cohort.orgId,
      actorId: access.actor.userId,
      action: "meeting.restored",
      targetType: "Meeting",
      targetId: meeting.id,
      data: { groupName: meeting.group.name, seq: meeting.seq, startsAt: meeting.startsAt.toISOString() },
    });
    const people = await recipients(tx, meeting.groupId, access.actor.userId);
    const drafts: NotificationDraft<"meeting.restored">[] = people.map((p) => ({
      userId: p.userId,
      type: "meeting.restored",
      context: baseContext(meeting, meeting.startsAt, p.user.timeZone),
      options: { orgId: meeting.cohort.orgId, dedupeKey: `meeting-restored:${meeting.id}:${now.getTime()}`, now },
    }));
    return idsOf(await recordNotifications(tx, drafts, { skipInvalid: true }));
  });

  await afterCommit(notificationIds, () => inngest.send(meetingRestored.create(eventFields(meeting, meeting.startsAt, meeting.endsAt, access.actor.userId))), "restored");
  return getMeeting(actor, { meetingId: meeting.id });
}
