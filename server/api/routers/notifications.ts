import { listNotificationsSchema, notificationIdSchema, setPreferenceSchema } from "@/lib/schemas/notifications";
import {
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  markUnread,
  sendTestNotification,
  setPreference,
  unreadCount,
} from "../../services/notifications";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The signed-in person's inbox and notification preferences. */
export const notificationsRouter = createTRPCRouter({
  list: protectedProcedure.input(listNotificationsSchema).query(({ ctx, input }) => listNotifications(ctx.actor, input)),
  unreadCount: protectedProcedure.query(({ ctx }) => unreadCount(ctx.actor)),
  markRead: protectedProcedure.input(notificationIdSchema).mutation(({ ctx, input }) => markRead(ctx.actor, input)),
  markUnread: protectedProcedure.input(notificationIdSchema).mutation(({ ctx, input }) => markUnread(ctx.actor, input)),
  markAllRead: protectedProcedure.mutation(({ ctx }) => markAllRead(ctx.actor)),
  preferences: protectedProcedure.query(({ ctx }) => getPreferences(ctx.actor)),
  setPreference: protectedProcedure.input(setPreferenceSchema).mutation(({ ctx, input }) => setPreference(ctx.actor, input)),
  sendTest: protectedProcedure.mutation(({ ctx }) => sendTestNotification(ctx.actor)),
});
