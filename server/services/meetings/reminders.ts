import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { recordNotifications, type NotificationDraft } from "../notifications";
import { rsvpUrl } from "./rsvp-links";

/**
 * Meeting reminders: a day and an hour before each meeting, to every member
 * of its group who has not said they are not going.
 *
 * A run at `now` looks at meetings starting in (now, now + 24 h]. A meeting
 * within the hour gets the 1-hour reminder; one further out gets the 24-hour
 * reminder. So a run after downtime catches up with what it missed, sends
 * only the reminder that still makes sense (never the 24-hour one 20 minutes
 * before), and never reminds anyone of a meeting that already started.
 *
 * Each reminder's dedupe key names the meeting, the offset and the meeting's
 * start, so every run may look again without sending twice; a meeting moved
 * to another time is a new occasion and is reminded of again at its new time.
 */

export const reminderOffsets = [1440, 60] as const;
export type ReminderOffset = (typeof reminderOffsets)[number];
export const defaultReminderBatchSize = 200;

const minuteMs = 60_000;

/** The reminder a meeting starting at `startsAt` is due for at `now`, or null (started, or more than a day away). */
export function dueOffset(startsAt: Date, now: Date): ReminderOffset | null {
  const minutes = (startsAt.getTime() - now.getTime()) / minuteMs;
  if (minutes <= 0 || minutes > 1440) return null;
  return minutes <= 60 ? 60 : 1440;
}

export function reminderDedupeKey(meetingId: string, offset: ReminderOffset, startsAt: Date): string {
  return `meeting-reminder:${meetingId}:${offset}:${startsAt.getTime()}`;
}

export interface ReminderBatchOptions {
  now: Date;
  /** The last meeting id of the previous batch; null for the first. */
  cursor?: string | null;
  batchSize?: number;
}

export interface ReminderBatchResult {
  meetings: number;
  /** Reminders newly recorded. */
  sent: number;
  /** Notifications that go out by email or Discord too (for requestDelivery). */
  notificationIds: string[];
  nextCursor: string | null;
}

const meetingSelect = {
  id: true,
  startsAt: true,
  group: {
    select: {
      name: true,
      location: true,
      members: { select: { userId: true, user: { select: { timeZone: true } } } },
    },
  },
  cohort: { select: { orgId: true, course: { select: { title: true } } } },
  rsvps: { select: { userId: true, response: true } },
} satisfies Prisma.MeetingSelect;

/** One batch of meetings due a reminder at `now`: records the reminders. Call requestDelivery with the ids after. */
export async function sendMeetingRemindersBatch(options: ReminderBatchOptions): Promise<ReminderBatchResult> {
  const { now } = options;
  const batchSize = options.batchSize ?? defaultReminderBatchSize;
  const meetings = await db().meeting.findMany({
    where: {
      startsAt: { gt: now, lte: new Date(now.getTime() + 1440 * minuteMs) },
      canceledAt: null,
      group: { archivedAt: null },
      cohort: { archivedAt: null },
      ...(options.cursor ? { id: { gt: options.cursor } } : {}),
    },
    orderBy: { id: "asc" },
    take: batchSize,
    select: meetingSelect,
  });

  const drafts: NotificationDraft<"meeting.reminder">[] = [];
  for (const meeting of meetings) {
    const offset = dueOffset(meeting.startsAt, now);
    if (offset === null) continue;
    const answers = new Map(meeting.rsvps.map((r) => [r.userId, r.response]));
    for (const member of meeting.group.members) {
      const answer = answers.get(member.userId) ?? null;
      if (answer === "no") continue;
      drafts.push({
        userId: member.userId,
        type: "meeting.reminder",
        context: {
          orgId: meeting.cohort.orgId,
          meetingId: meeting.id,
          groupName: meeting.group.name,
          courseTitle: meeting.cohort.course.title,
          startsAt: meeting.startsAt.toISOString(),
          timeZone: member.user.timeZone,
          offsetMinutes: offset,
          location: meeting.group.location,
          response: answer,
          rsvpLinks: {
            yes: rsvpUrl(meeting.id, member.userId, "yes"),
            maybe: rsvpUrl(meeting.id, member.userId, "maybe"),
            no: rsvpUrl(meeting.id, member.userId, "no"),
          },
        },
        options: { orgId: meeting.cohort.orgId, dedupeKey: reminderDedupeKey(meeting.id, offset, meeting.startsAt), now },
      });
    }
  }

  const results = drafts.length
    ? await db().$transaction((tx) => recordNotifications(tx, drafts, { skipInvalid: true }), { timeout: 30_000 })
    : [];
  const created = results.filter((r) => r?.created);
  return {
    meetings: meetings.length,
    sent: created.length,
    notificationIds: created.flatMap((r) => (r && r.channels.some((c) => c !== "in_app") ? [r.notificationId] : [])),
    nextCursor: meetings.length === batchSize ? (meetings.at(-1)?.id ?? null) : null,
  };
}
