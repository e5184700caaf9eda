import type { NotificationType } from "@/lib/notifications/catalog";

/** Everything a channel needs to send one notification to one person. */
export interface DeliveryTarget {
  notificationId: string;
  type: NotificationType;
  userId: string;
  email: string;
  name: string;
  /** The Discord user id of the person's linked Discord account, or null when none is linked. */
  discordUserId: string | null;
  title: string;
  body: string;
  /** Absolute link to the thing the notification is about. */
  url: string;
  /** Absolute link to the notification preferences page. */
  preferencesUrl: string;
}

/**
 * What came of one send. A channel that cannot apply (nothing linked) is
 * `skipped`; one that will never work (an address the server refuses) is
 * `failed`. A transient problem (the server is down) is thrown instead, so the
 * workflow retries the send with backoff.
 */
export type ChannelOutcome =
  | { status: "sent"; externalId: string | null }
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string };

export interface ChannelAdapter {
  send(target: DeliveryTarget): Promise<ChannelOutcome>;
}

/** The channels outside the inbox. Tests pass plain objects in their place. */
export interface ChannelAdapters {
  email: ChannelAdapter;
  discord: ChannelAdapter;
}

export type DeliveryChannel = keyof ChannelAdapters;
export const deliveryChannels = ["email", "discord"] as const satisfies readonly DeliveryChannel[];
