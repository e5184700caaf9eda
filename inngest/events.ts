import { eventType } from "inngest";
import {
  attemptSubmittedSchema,
  digestOrgRequestedSchema,
  discordDmRequestedSchema,
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
