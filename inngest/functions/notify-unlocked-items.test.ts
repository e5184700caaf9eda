import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import type { UnlockBatchResult } from "@/server/services/courses/unlocks";
import { notifyUnlockedItems, unlockCron } from "./notify-unlocked-items";

const timer = { name: "inngest/scheduled.timer", data: { cron: unlockCron } };

function batch(partial: Partial<UnlockBatchResult>): UnlockBatchResult {
  return { cohorts: 0, notified: 0, notificationIds: [], nextCursor: null, ...partial };
}

describe("notify-unlocked-items", () => {
  it("runs every 15 minutes, one run at a time", () => {
    const [config] = notifyUnlockedItems["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ cron: "*/15 * * * *" }]);
    expect(config?.concurrency).toEqual({ limit: 1 });
  });

  it("reads the time once, runs a step per batch of cohorts and asks for delivery after each batch that has some", async () => {
    const now = "2026-03-09T08:00:00.000Z";
    const t = new InngestTestEngine({ function: notifyUnlockedItems });
    const { result, ctx } = await t.execute({
      events: [timer],
      steps: [
        { id: "now", handler: () => now },
        { id: "notify-batch-0", handler: () => batch({ cohorts: 50, notified: 120, notificationIds: ["n1", "n2"], nextCursor: "cohort-50" }) },
        { id: "deliver-batch-0", handler: () => undefined },
        { id: "notify-batch-1", handler: () => batch({ cohorts: 7, notified: 3, nextCursor: null }) },
      ],
    });
    expect(result).toEqual({ now, batches: 2, cohorts: 57, notified: 123 });
    // The second batch only notified in the inbox: nothing to deliver.
    expect(ctx.step.run.mock.calls.map((call) => call[0])).toEqual(["now", "notify-batch-0", "deliver-batch-0", "notify-batch-1"]);
  });

  it("stops after one batch when there are few cohorts", async () => {
    const t = new InngestTestEngine({ function: notifyUnlockedItems });
    const { result, ctx } = await t.execute({
      events: [timer],
      steps: [
        { id: "now", handler: () => "2026-03-09T08:00:00.000Z" },
        { id: "notify-batch-0", handler: () => batch({ cohorts: 3 }) },
      ],
    });
    expect(result).toMatchObject({ batches: 1, cohorts: 3, notified: 0 });
    expect(ctx.step.run).toHaveBeenCalledTimes(2);
  });
});
