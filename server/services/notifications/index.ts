/**
 * Notifications: notify() records what to tell a person and on which
 * channels (their preferences per type and channel, or the channels given);
 * the deliver-notification workflow then delivers email and Discord through
 * the channel adapters, each (notification, channel) at most once.
 */
export type { NotificationChannel, NotificationContext, NotificationType } from "@/lib/notifications/catalog";
export { notify, recordNotification, recordNotifications, type NotificationDraft, type NotifyOptions, type NotifyResult } from "./record";
export {
  deliverChannel,
  findStaleDeliveries,
  giveUpDelivery,
  interruptedReason,
  requestDelivery,
  STALE_PENDING_MS,
  STALE_SENDING_MS,
  undeliveredOf,
  type DeliveryRequest,
  type DeliveryResult,
} from "./delivery";
export * from "./channels";
export { listNotifications, markAllRead, markRead, markUnread, unreadCount, type InboxItem, type InboxPage } from "./inbox";
export {
  getPreferences,
  sendTestNotification,
  setPreference,
  type NotificationPreferences,
  type TestNotificationResult,
} from "./preferences";
