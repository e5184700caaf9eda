import { eventType } from "inngest";
import {
  attemptSubmittedSchema,
  digestOrgRequestedSchema,
  meetingCancellationSchema,
  meetingMovedSchema,
  discordDmRequestedSchema,
  groupsPublishedSchema,
  scheduleRunRequestedSchema,
  mailSendRequestedSchema,
  notificationDeliveryRequestedSchema,
  remindersDispatchRequestedSchema,
} from "@/lib/schemas/events";

/**
 * Typed events: use them as triggers (`triggers: [mailSendRequested]`) and to
 * send (`inngest.send(mailSendRequested.create({ ... }))`, validated first).
 */
export const mailSendRequested = eventType("mail/send.requested", { schema: mailSendRequestedSchema });
export const notificationDeliveryRequested = eventType("notifications/delivery.requested", {
  schema: notificationDeliveryRequestedSchema,
});
/** The Discord bot listens for this and sends the DM. */
export const discordDmRequested = eventType("discord/dm.requested", { schema: discordDmRequestedSchema });
/** One organisation's daily digest for its admins (in-app, email, Slack). */
export const digestOrgRequested = eventType("digest/org.requested", { schema: digestOrgRequestedSchema });
/** Send the reminders due now, without waiting for the next minute's cron. */
export const remindersDispatchRequested = eventType("reminders/dispatch.requested", { schema: remindersDispatchRequestedSchema });
/** Grade the answers of a submitted quiz attempt that wait for the AI grader. */
export const attemptSubmitted = eventType("course/attempt.submitted", { schema: attemptSubmittedSchema });
/** One meeting moved (the series stays): the Discord bot moves its scheduled event. */
export const meetingMoved = eventType("meeting/moved", { schema: meetingMovedSchema });
/** One meeting cancelled: the Discord bot cancels its scheduled event. */
export const meetingCanceled = eventType("meeting/canceled", { schema: meetingCancellationSchema });
/** A cancelled meeting is back on: the Discord bot schedules its event again. */
export const meetingRestored = eventType("meeting/restored", { schema: meetingCancellationSchema });
/** Run the scheduler for a cohort's ScheduleRun (inngest/functions/schedule-cohort.ts). */
export const scheduleRunRequested = eventType("scheduling/run.requested", { schema: scheduleRunRequestedSchema });
/** A cohort's groups and meetings were published: the Discord bot creates channels and scheduled events. */
export const groupsPublished = eventType("cohort/groups.published", { schema: groupsPublishedSchema });
