import { buildCalendar } from "@/lib/calendar/ics";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { MailAttachment } from "../../mail";
import { meetingAccessSelect } from "../meetings/access";
import { meetingIcsEvent } from "../meetings/calendar";
import { rsvpUrl } from "../meetings/rsvp-links";

/**
 * The calendar invite attached to a "your group" email: every meeting of the
 * member's group still to come, read when the email is sent (so a meeting
 * moved or cancelled in between is already right), each with the member's
 * own one-click answer links. UIDs and SEQUENCE match the meeting downloads
 * and the calendar feed, so importing both never duplicates a meeting.
 */
export async function groupInviteAttachments(input: { userId: string; context: { groupId: string; groupName: string; cohortName: string } }): Promise<MailAttachment[]> {
  const now = await appNow();
  const meetings = await db().meeting.findMany({
    where: { groupId: input.context.groupId, endsAt: { gt: now }, group: { archivedAt: null, members: { some: { userId: input.userId } } } },
    orderBy: { seq: "asc" },
    select: meetingAccessSelect,
  });
  // The group was replaced or the member left it before the email went: no invite rather than a wrong one.
  if (meetings.length === 0) return [];
  const events = meetings.map((meeting) => {
    const event = meetingIcsEvent(meeting);
    if (meeting.canceledAt) return event;
    const answers = `Going? Yes: ${rsvpUrl(meeting.id, input.userId, "yes")}\nMaybe: ${rsvpUrl(meeting.id, input.userId, "maybe")}\nNo: ${rsvpUrl(meeting.id, input.userId, "no")}`;
    return { ...event, description: `${event.description ?? ""}\n${answers}`.trim() };
  });
  const slug = input.context.groupName.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "group";
  return [
    {
      filename: `${slug}-meetings.ics`,
      contentType: "text/calendar; charset=utf-8; method=PUBLISH",
      content: buildCalendar(events, { name: `${input.context.groupName} · ${input.context.cohortName}`, method: "PUBLISH", now }),
    },
  ];
}
