import { cron } from "inngest";
import { appNow } from "@/server/clock";
import { defaultUnlockBatchSize, notifyUnlockedItemsBatch } from "@/server/services/courses/unlocks";
import { requestDelivery } from "@/server/services/notifications";
import { inngest } from "../client";

/** Drip releases fall on cohort midnights, and every UTC offset is a multiple of 15 minutes. */
export const unlockCron = "*/15 * * * *";

/**
 * Every 15 minutes: tells learners about course items that opened for them
 * since the last run (drip releases, scheduled publish dates), one step per
 * batch of cohorts, each followed by a step asking for email delivery. The
 * time is read once, in a step, so every batch (and a retry) uses the same
 * instant. One run at a time; each cohort's high-water mark and each
 * notification's dedupe key keep a learner from hearing about an item twice.
 */
export const notifyUnlockedItems = inngest.createFunction(
  {
    id: "notify-unlocked-items",
    name: "Notify learners of unlocked course items",
    triggers: [cron(unlockCron)],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await step.run("now", async () => (await appNow()).toISOString());
    let cursor: string | null = null;
    let cohorts = 0;
    let notified = 0;
    for (let i = 0; ; i++) {
      const batch = await step.run(`notify-batch-${i}`, () =>
        notifyUnlockedItemsBatch({ now: new Date(now), cursor, batchSize: defaultUnlockBatchSize }),
      );
      cohorts += batch.cohorts;
      notified += batch.notified;
      // Its own step, after the batch committed: a crash between the two still delivers, from the memoised ids.
      if (batch.notificationIds.length > 0) {
        await step.run(`deliver-batch-${i}`, () => requestDelivery(batch.notificationIds));
      }
      if (!batch.nextCursor) return { now, batches: i + 1, cohorts, notified };
      cursor = batch.nextCursor;
    }
  },
);
