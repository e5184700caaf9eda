import { z } from "zod";
import { emailSchema } from "./auth";

/**
 * Payloads of the workflow events (inngest/events.ts). Inngest validates an
 * event against its schema when it is sent and when a function receives it;
 * it rejects schemas whose input and output types differ, so no defaults or
 * type-changing transforms here.
 */
export const mailSendRequestedSchema = z.object({
  to: emailSchema,
  subject: z.string().trim().min(1, "An email needs a subject.").max(300, "Keep the subject under 300 characters."),
  text: z.string().max(100_000, "The text body is too long (100,000 characters at most)."),
  html: z.string().max(500_000, "The HTML body is too long (500,000 characters at most)."),
});
export type MailSendRequested = z.infer<typeof mailSendRequestedSchema>;

const idSchema = z.string().min(1).max(100);

/**
 * Deliver one channel outside the inbox of one notification
 * (server/services/notifications). One event per (notification, channel), so
 * each channel is its own run with its own retries: a failing channel never
 * holds up another.
 */
export const notificationDeliveryRequestedSchema = z.object({
  notificationId: idSchema,
  channel: z.enum(["email", "discord"], { error: "Deliveries go by email or Discord." }),
});
export type NotificationDeliveryRequested = z.infer<typeof notificationDeliveryRequestedSchema>;

/** Handed to the Discord bot: send this direct message. `notificationId` keeps it to one message per notification. */
export const discordDmRequestedSchema = z.object({
  userId: idSchema,
  discordUserId: z.string().regex(/^\d{1,25}$/, "A Discord user id is a number."),
  notificationId: idSchema,
  text: z.string().min(1).max(2000, "Discord messages hold 2,000 characters at most."),
});
export type DiscordDmRequested = z.infer<typeof discordDmRequestedSchema>;

/**
 * Compute and send one organisation's daily digest (inngest/functions/org-digest.ts).
 * `periodEnd` (ISO 8601) ends the 24 hours it covers; without it the run uses
 * the app's clock. Sent by the daily fan-out and by "Send today's digest now".
 */
export const digestOrgRequestedSchema = z.object({
  orgId: idSchema,
  periodEnd: z.iso.datetime({ offset: true, error: "Give periodEnd as an ISO 8601 date-time." }).optional(),
  /** The admin who asked for it by hand; absent for the schedule. */
  requestedBy: idSchema.optional(),
});
export type DigestOrgRequested = z.infer<typeof digestOrgRequestedSchema>;

/**
 * Send the reminders that are due now (inngest/functions/dispatch-reminders.ts),
 * sooner than the every-minute cron: after the test clock moves, or from a
 * script. It carries no time: the function reads the app clock itself.
 */
export const remindersDispatchRequestedSchema = z.object({
  reason: z.string().max(200, "Keep the reason under 200 characters.").optional(),
});
export type RemindersDispatchRequested = z.infer<typeof remindersDispatchRequestedSchema>;

/** A learner submitted a quiz attempt with answers the AI grader scores (subjective questions). */
export const attemptSubmittedSchema = z.object({ attemptId: idSchema });
export type AttemptSubmitted = z.infer<typeof attemptSubmittedSchema>;

const instantSchema = z.iso.datetime({ offset: true, error: "Give the time as an ISO 8601 date-time." });

/** The meeting a meeting event is about, with what the Discord bot needs to find its scheduled event. */
const meetingEventFields = {
  meetingId: idSchema,
  groupId: idSchema,
  cohortId: idSchema,
  orgId: idSchema,
  /** 1-based week of the series. */
  seq: z.number().int().min(1),
  startsAt: instantSchema,
  endsAt: instantSchema,
  /** Who changed it. */
  actorId: idSchema,
};

/**
 * One meeting of a group moved to another time (the series stays). For the
 * Discord bot: move the meeting's scheduled event. `previousStartsAt` is the
 * time it had just before this move.
 */
export const meetingMovedSchema = z.object({ ...meetingEventFields, previousStartsAt: instantSchema });
export type MeetingMoved = z.infer<typeof meetingMovedSchema>;

/** One meeting was cancelled (`meeting/canceled`) or is back on (`meeting/restored`): cancel or re-create its scheduled event. */
export const meetingCancellationSchema = z.object(meetingEventFields);
export type MeetingCancellation = z.infer<typeof meetingCancellationSchema>;

/** Run the scheduler for one ScheduleRun (inngest/functions/schedule-cohort.ts); the run row holds everything else. */
export const scheduleRunRequestedSchema = z.object({ runId: idSchema, cohortId: idSchema });
export type ScheduleRunRequested = z.infer<typeof scheduleRunRequestedSchema>;

const publishedInstantSchema = z.iso.datetime({ offset: true, error: "Give the time as an ISO 8601 date-time." });

/**
 * A cohort's schedule was published (server/services/scheduling/publish.ts):
 * its groups with members and weekly meetings, for the Discord bot to create
 * group channels and scheduled events. `replacedGroupIds` are the groups of
 * the schedule it replaces (archived, their future meetings deleted): their
 * channels and events go.
 */
export const groupsPublishedSchema = z.object({
  cohortId: idSchema,
  orgId: idSchema,
  runId: idSchema,
  cohortName: z.string().min(1).max(200),
  groups: z
    .array(
      z.object({
        id: idSchema,
        name: z.string().min(1).max(100),
        facilitatorUserId: idSchema.nullable(),
        memberUserIds: z.array(idSchema).max(200),
        meetings: z.array(z.object({ id: idSchema, startsAt: publishedInstantSchema, endsAt: publishedInstantSchema })).max(60),
      }),
    )
    .max(1000),
  replacedGroupIds: z.array(idSchema).max(5000),
});
export type GroupsPublished = z.infer<typeof groupsPublishedSchema>;
