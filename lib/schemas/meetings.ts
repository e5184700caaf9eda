import { z } from "zod";
import { parseLocalDate, parseLocalTime } from "../time-zone";
import { timeZoneSchema } from "./auth";
import { idOf } from "./ids";
import { orgIdSchema } from "./org";
import { pageCursorSchema, pageTakeSchema } from "./paging";

/**
 * Meeting inputs (issue 5 part 4), shared by the meetings pages, the tRPC
 * procedures and the services: my meetings, RSVPs (from the web and from the
 * signed email link), attendance, moving or cancelling one meeting, and the
 * personal calendar feed.
 */

export const meetingIdSchema = idOf("a meeting");
const userIdSchema = idOf("a member");

export const rsvpResponses = ["yes", "maybe", "no"] as const;
export type RsvpResponse = (typeof rsvpResponses)[number];
export const rsvpLabels: Record<RsvpResponse, string> = { yes: "Going", maybe: "Maybe", no: "Not going" };
const rsvpResponseSchema = z.enum(rsvpResponses, { error: "Answer yes, maybe or no." });

export const attendanceStatuses = ["present", "late", "absent", "excused"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export const attendanceLabels: Record<AttendanceStatus, string> = { present: "Present", late: "Late", absent: "Absent", excused: "Excused" };

export const meetingIdInputSchema = z.object({ meetingId: meetingIdSchema });
export type MeetingIdInput = z.input<typeof meetingIdInputSchema>;

export const meetingsPageSize = 20;

export const listMyMeetingsSchema = z.object({
  orgId: orgIdSchema,
  /** Upcoming: not yet ended, soonest first. Past: ended, latest first. */
  scope: z.enum(["upcoming", "past"], { error: "Choose upcoming or past meetings." }).default("upcoming"),
  cursor: pageCursorSchema.nullish(),
  take: pageTakeSchema.default(meetingsPageSize),
});
export type ListMyMeetingsInput = z.input<typeof listMyMeetingsSchema>;

export const rsvpSchema = z.object({ meetingId: meetingIdSchema, response: rsvpResponseSchema });
export type RsvpInput = z.input<typeof rsvpSchema>;

/** The token of a signed RSVP link: "<meeting>.<member>.<answer>.<signature>". */
export const rsvpTokenSchema = z.object({
  token: z
    .string({ error: "This RSVP link is incomplete. Open the link from your email again." })
    .trim()
    .min(1, "This RSVP link is incomplete. Open the link from your email again.")
    .max(300, "This RSVP link is not valid. Open the link from your email again."),
});
export type RsvpTokenInput = z.input<typeof rsvpTokenSchema>;

export const maxAttendanceEntries = 100;

export const recordAttendanceSchema = z.object({
  meetingId: meetingIdSchema,
  entries: z
    .array(
      z.object({
        userId: userIdSchema,
        status: z.enum(attendanceStatuses, { error: "Mark each member present, late, absent or excused." }),
      }),
      { error: "List the members whose attendance you record." },
    )
    .min(1, "Mark at least one member.")
    .max(maxAttendanceEntries, `Record at most ${maxAttendanceEntries} members at once.`)
    .refine((entries) => new Set(entries.map((e) => e.userId)).size === entries.length, "Each member can be marked once."),
});
export type RecordAttendanceInput = z.input<typeof recordAttendanceSchema>;

/**
 * A new start as the person moving it sees it: a date and a time on their
 * wall clock and the zone they read it in. The server turns it into an
 * instant (DST-safe), so the client never does zone arithmetic.
 */
export const moveMeetingSchema = z.object({
  meetingId: meetingIdSchema,
  date: z
    .string({ error: "Choose the new day." })
    .trim()
    .refine((v) => parseLocalDate(v) !== null, "Choose a real day, as YYYY-MM-DD."),
  time: z
    .string({ error: "Choose the new start time." })
    .trim()
    .refine((v) => parseLocalTime(v) !== null, "Choose a start time as HH:MM, like 18:30."),
  timeZone: timeZoneSchema,
});
export type MoveMeetingInput = z.input<typeof moveMeetingSchema>;

export const cancelMeetingSchema = z.object({
  meetingId: meetingIdSchema,
  /** Told to the members. */
  reason: z
    .string()
    .trim()
    .max(300, "Keep the reason under 300 characters.")
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type CancelMeetingInput = z.input<typeof cancelMeetingSchema>;

export const facilitatorDashboardSchema = z.object({ orgId: orgIdSchema });
export type FacilitatorDashboardInput = z.input<typeof facilitatorDashboardSchema>;

export const calendarFeedInputSchema = z.object({}).strict();
/** The secret of a calendar feed URL, with or without the ".ics" the URL ends in. */
export const calendarFeedTokenSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/\.ics$/i, ""))
  .pipe(z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "This calendar link is not valid."));
