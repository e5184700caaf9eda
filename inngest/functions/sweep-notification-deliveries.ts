import type { Inngest } from "inngest";
import { cron } from "inngest";
import { findStaleDeliveries } from "@/server/services/notifications";
import { inngest } from "../client";
import { notificationDeliveryRequested } from "../events";

/**
 * Every 5 minutes: deliveries still pending 5 minutes after their last change
 * lost their event (or the run gave out); request them again. The delivery
 * claim keeps a late duplicate from sending twice.
 */
export function createSweepNotificationDeliveries(client: Inngest) {
  return client.createFunction(
    { id: "sweep-notification-deliveries", name: "Re-request stalled notification deliveries", triggers: [cron("*/5 * * * *")] },
    async ({ event, step }) => {
      // The timer's time, not the clock: a retry sweeps the same set.
      const now = new Date(event.ts ?? Date.now());
      const stale = await step.run("find-stale", async () => findStaleDeliveries({ now }));
      if (stale.requests.length > 0) {
        await step.sendEvent("request-delivery", stale.requests.map((r) => notificationDeliveryRequested.create(r)));
      }
      return { requested: stale.requests.length, interrupted: stale.interrupted };
    },
  );
}

export const sweepNotificationDeliveries = createSweepNotificationDeliveries(inngest);
