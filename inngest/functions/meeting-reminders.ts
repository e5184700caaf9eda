import { cron } from "inngest";
import { appNow } from "@/server/clock";
import { defaultReminderBatchSize, sendMeetingRemindersBatch } from "@/server/services/meetings/reminders";
import { requestDelivery } from "@/server/services/notifications";
import { inngest } from "../client";

/** Every 5 minutes: a reminder goes out at most 5 minutes after it is due, never after the meeting starts. */
export const meetingReminderCron = "*/5 * * * *";

/**
 * Sends the 24-hour and 1-hour meeting reminders that are due
 * (server/services/meetings/reminders.ts), one step per batch of meetings,
 * each followed by a step asking for email and Discord delivery. The time is
 * read once, in a step, so every batch (and a retry) uses the same instant.
 * One run at a time; the dedupe keys keep each reminder to one send whatever
 * the runs do.
 */
export const meetingReminders = inngest.createFunction(
  {
    id: "meeting-reminders",
    name: "Send meeting reminders",
    triggers: [cron(meetingReminderCron)],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const now = await step.run("now", async () => (await appNow()).toISOString());
    let cursor: string | null = null;
    let meetings = 0;
    let sent = 0;
    for (let i = 0; ; i++) {
      const batch = await step.run(`remind-batch-${i}`, () =>
        sendMeetingRemindersBatch({ now: new Date(now), cursor, batchSize: defaultReminderBatchSize }),
      );
      meetings += batch.meetings;
      sent += batch.sent;
      // Its own step, after the batch committed: a crash between the two still delivers, from the memoised ids.
      if (batch.notificationIds.length > 0) {
        await step.run(`deliver-batch-${i}`, () => requestDelivery(batch.notificationIds));
      }
      if (!batch.nextCursor) return { now, batches: i + 1, meetings, sent };
      cursor = batch.nextCursor;
    }
  },
);
