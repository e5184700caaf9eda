import { buildCalendar, type IcsEvent } from "@/lib/calendar/ics";
import { AppError } from "@/lib/errors";
import { formatLocalTime } from "@/lib/notifications/catalog";
import { calendarFeedTokenSchema, meetingIdInputSchema, type MeetingIdInput } from "@/lib/schemas/meetings";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import { appUrl } from "../../env";
import { hashSecret, newSecret } from "../../security/tokens";
import { meetingAccessSelect, meetingPath, meetingSequence, requireMeetingMember, type MeetingRow } from "./access";

/**
 * Meetings in calendar apps: one meeting as an .ics download, and a personal
 * feed URL (a secret shown once; only its SHA-256 is kept) that Google,
 * Apple and Outlook poll. The feed holds the person's meetings from the past
 * 30 days and every future one; cancelled meetings stay in it as CANCELLED so
 * subscribed calendars drop them instead of keeping a stale copy.
 */

const dayMs = 24 * 60 * 60 * 1000;
export const feedPastDays = 30;

/** The part of an .ics UID after the meeting id: stable for the life of the meeting. */
const uidDomain = "meetings.lyceum";

export function meetingUid(meetingId: string): string {
  return `${meetingId}@${uidDomain}`;
}

/** One meeting as a calendar event: summary "Group 2 · Course", and what to know in the description. */
export function meetingIcsEvent(meeting: MeetingRow, base: string = appUrl()): IcsEvent {
  const url = new URL(meetingPath(meeting.cohort.orgId, meeting.id), base).toString();
  const lines = [`${meeting.cohort.course.title}, ${meeting.cohort.name}: meeting ${meeting.seq}.`];
  if (meeting.group.facilitator) lines.push(`Facilitator: ${meeting.group.facilitator.name}.`);
  if (meeting.originalStartsAt) {
    lines.push(`Moved from ${formatLocalTime(meeting.originalStartsAt, meeting.cohort.timeZone)}; only this meeting moved.`);
  }
  if (meeting.canceledAt) lines.push("This meeting is cancelled.");
  lines.push(`Answer and see who comes: ${url}`);
  return {
    uid: meetingUid(meeting.id),
    start: meeting.startsAt,
    end: meeting.endsAt,
    summary: `${meeting.group.name} · ${meeting.cohort.course.title}`,
    description: lines.join("\n"),
    location: meeting.group.location ?? undefined,
    url,
    sequence: meetingSequence(meeting),
    status: meeting.canceledAt ? "CANCELLED" : "CONFIRMED",
  };
}

export interface IcsFile {
  filename: string;
  content: string;
}

/** One meeting as an .ics file, for the members of its group. */
export async function meetingIcs(actor: MaybeActor, input: MeetingIdInput): Promise<IcsFile> {
  const { meetingId } = parseInput(meetingIdInputSchema, input);
  const { meeting } = await requireMeetingMember(actor, meetingId);
  const content = buildCalendar([meetingIcsEvent(meeting)], { method: "PUBLISH", now: await appNow() });
  return { filename: `lyceum-meeting-${meeting.seq}.ics`, content };
}

// ---------------------------------------------------------------------------
// The personal feed

export interface CalendarFeedStatus {
  /** A feed exists; its URL was shown when it was made. */
  active: boolean;
  createdAt: Date | null;
}

export interface CalendarFeedLink {
  /** https URL of the feed; shown once. */
  url: string;
  /** The same feed for apps that subscribe through webcal:// (Apple Calendar, Outlook desktop). */
  webcalUrl: string;
  createdAt: Date;
}

export function calendarFeedUrl(token: string, base: string = appUrl()): string {
  return new URL(`/api/calendar/${token}.ics`, base).toString();
}

function linkOf(token: string, createdAt: Date): CalendarFeedLink {
  const url = calendarFeedUrl(token);
  return { url, webcalUrl: url.replace(/^https?:/, "webcal:"), createdAt };
}

export async function getCalendarFeed(actor: MaybeActor): Promise<CalendarFeedStatus> {
  requireActor(actor);
  const row = await db().calendarFeed.findUnique({ where: { userId: actor.userId }, select: { createdAt: true } });
  return { active: row !== null, createdAt: row?.createdAt ?? null };
}

/** Makes the person's feed URL. Refused when one exists: rotating is a deliberate step, since it breaks the old subscription. */
export async function createCalendarFeed(actor: MaybeActor): Promise<CalendarFeedLink> {
  requireActor(actor);
  const token = newSecret();
  const createdAt = await appNow();
  const { count } = await db().calendarFeed.createMany({
    data: [{ userId: actor.userId, tokenHash: hashSecret(token), createdAt }],
    skipDuplicates: true,
  });
  if (count === 0) {
    throw new AppError("conflict", "You already have a calendar link. Replace it to get a new one; the old one then stops working.");
  }
  return linkOf(token, createdAt);
}

/** A new secret for the person's feed: calendars subscribed to the old URL stop updating at once. */
export async function rotateCalendarFeed(actor: MaybeActor): Promise<CalendarFeedLink> {
  requireActor(actor);
  const token = newSecret();
  const createdAt = await appNow();
  const { count } = await db().calendarFeed.updateMany({ where: { userId: actor.userId }, data: { tokenHash: hashSecret(token), createdAt } });
  if (count === 0) throw new AppError("not_found", "You have no calendar link to replace. Create one first.");
  return linkOf(token, createdAt);
}

/** Deletes the feed: the URL stops working. Revoking twice is harmless. */
export async function revokeCalendarFeed(actor: MaybeActor): Promise<CalendarFeedStatus> {
  requireActor(actor);
  await db().calendarFeed.deleteMany({ where: { userId: actor.userId } });
  return { active: false, createdAt: null };
}

export const calendarFeedNotFound = "This calendar link does not work. It may have been replaced or turned off; get the current one on the Meetings page in Lyceum.";

/** Most events one feed carries: a long series for several groups fits many times over. */
const maxFeedEvents = 1000;

/** The feed behind a secret URL (no session: the secret is the permission). */
export async function calendarFeedIcs(rawToken: string): Promise<IcsFile> {
  const parsed = calendarFeedTokenSchema.safeParse(rawToken);
  if (!parsed.success) throw new AppError("not_found", calendarFeedNotFound);
  const feed = await db().calendarFeed.findUnique({
    where: { tokenHash: hashSecret(parsed.data) },
    select: { userId: true, user: { select: { name: true } } },
  });
  if (!feed) throw new AppError("not_found", calendarFeedNotFound);
  const now = await appNow();
  const meetings = await db().meeting.findMany({
    where: {
      startsAt: { gte: new Date(now.getTime() - feedPastDays * dayMs) },
      group: { members: { some: { userId: feed.userId } } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: maxFeedEvents,
    select: meetingAccessSelect,
  });
  const base = appUrl();
  const content = buildCalendar(
    meetings.map((m) => meetingIcsEvent(m, base)),
    { name: "Lyceum meetings", now },
  );
  return { filename: "lyceum.ics", content };
}
