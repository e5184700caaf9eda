import { cron } from "inngest";
import { appNow } from "@/server/clock";
import { requestDelivery } from "@/server/services/notifications";
import { defaultCatchUpMinutes, defaultDispatchBatchSize, dispatchReminderBatch } from "@/server/services/reminders";
import { inngest } from "../client";
import { remindersDispatchRequested } from "../events";

/** Batches per run; past that the run hands over to a fresh one, so no run grows without bound. */
export const maxBatchesPerRun = 200;

/**
 * Every minute (and on `reminders/dispatch.requested`, e.g. after the test
 * clock moves): sends every reminder that is due, one step per batch of
 * reminders, until none is left. One run at a time: a second would only find
 * nothing to do, since each batch locks its reminders (SKIP LOCKED) and each
 * send's unique row lets it go out once.
 */
export const dispatchReminders = inngest.createFunction(
  {
    id: "dispatch-reminders",
    name: "Send due reminders",
    triggers: [cron("* * * * *"), remindersDispatchRequested],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    let sent = 0;
    let skippedLate = 0;
    let reminders = 0;
    for (let i = 0; i < maxBatchesPerRun; i++) {
      // The clock is read inside the step, so a retry or a replay uses the time the batch really ran at.
      const batch = await step.run(`dispatch-batch-${i}`, async () =>
        dispatchReminderBatch({ now: await appNow(), catchUpMinutes: defaultCatchUpMinutes, batchSize: defaultDispatchBatchSize }),
      );
      sent += batch.sent;
      skippedLate += batch.skippedLate;
      reminders += batch.reminders;
      // Its own step, after the batch committed: a crash between the two still delivers, from the memoised ids.
      if (batch.notificationIds.length > 0) {
        await step.run(`deliver-batch-${i}`, () => requestDelivery(batch.notificationIds));
      }
      if (!batch.more) return { batches: i + 1, reminders, sent, skippedLate, continued: false };
    }
    await step.sendEvent("continue", remindersDispatchRequested.create({ reason: "more reminders due than one run sends" }));
    return { batches: maxBatchesPerRun, reminders, sent, skippedLate, continued: true };
  },
);
