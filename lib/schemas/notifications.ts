import { z } from "zod";
import { notificationChannels, notificationTypes } from "../notifications/catalog";

/** Inputs of the inbox and preferences (tRPC and services). */

const idSchema = z.string({ error: "Choose a notification." }).min(1, "Choose a notification.").max(100, "This notification id is not valid.");

export const listNotificationsSchema = z.object({
  cursor: z.string().max(100).nullish(),
  unreadOnly: z.boolean().default(false),
  take: z
    .number({ error: "Page size must be a number." })
    .int("Page size must be a whole number.")
    .min(1, "Show at least 1 notification per page.")
    .max(50, "Show at most 50 notifications per page.")
    .default(20),
});
export type ListNotificationsInput = z.input<typeof listNotificationsSchema>;

export const notificationIdSchema = z.object({ id: idSchema });
export type NotificationIdInput = z.input<typeof notificationIdSchema>;

export const setPreferenceSchema = z.object({
  type: z.enum(notificationTypes as [string, ...string[]], { error: "Choose a kind of notification from the list." }),
  channel: z.enum(notificationChannels, { error: "Choose in app, email or Discord." }),
  enabled: z.boolean({ error: "Say whether this channel is on or off." }),
});
export type SetPreferenceInput = z.input<typeof setPreferenceSchema>;
