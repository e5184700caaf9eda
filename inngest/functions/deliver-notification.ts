import type { Inngest } from "inngest";
import {
  defaultChannelAdapters,
  deliverChannel,
  giveUpDelivery,
  type ChannelAdapters,
  type DeliveryResult,
} from "@/server/services/notifications";
import { inngest } from "../client";
import { notificationDeliveryRequested } from "../events";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Delivers one channel (email or Discord) of one notification, in a step named
 * after the channel. Each channel has its own event and run, so a channel that
 * fails or waits for a retry never holds up another. A step that throws (the
 * mail server is down) is retried with backoff; once the retries are spent a
 * `give-up-<channel>` step records why. One run per notification at a time,
 * so two runs never race for one delivery row (duplicate events, the sweeper).
 */
export function createDeliverNotification(client: Inngest, adapters: () => ChannelAdapters = defaultChannelAdapters) {
  return client.createFunction(
    {
      id: "deliver-notification",
      name: "Deliver a notification",
      retries: 4,
      concurrency: [{ key: "event.data.notificationId", limit: 1 }],
      triggers: [notificationDeliveryRequested],
    },
    async ({ event, step }): Promise<DeliveryResult> => {
      const { notificationId, channel } = event.data;
      return step
        .run(channel, () => deliverChannel(notificationId, channel, adapters()))
        .catch((error: unknown) => step.run(`give-up-${channel}`, () => giveUpDelivery(notificationId, channel, messageOf(error))));
    },
  );
}

export const deliverNotification = createDeliverNotification(inngest);
