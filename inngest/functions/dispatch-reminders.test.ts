import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import type { DispatchBatchResult } from "@/server/services/reminders";
import { dispatchReminders, maxBatchesPerRun } from "./dispatch-reminders";

function batch(partial: Partial<DispatchBatchResult>): DispatchBatchResult {
  return { reminders: 0, sent: 0, skippedLate: 0, notificationIds: [], more: false, ...partial };
}

const timer = { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } };

describe("dispatch-reminders", () => {
  it("runs every minute and on reminders/dispatch.requested, one run at a time", () => {
    const [config] = dispatchReminders["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ cron: "* * * * *" }, { event: "reminders/dispatch.requested" }]);
    expect(config?.concurrency).toEqual({ limit: 1 });
  });

  it("runs a step per batch until one comes back not full, and asks for delivery after each", async () => {
    const t = new InngestTestEngine({ function: dispatchReminders });
    const { result, ctx } = await t.execute({
      events: [timer],
      steps: [
        { id: "dispatch-batch-0", handler: () => batch({ reminders: 500, sent: 600, skippedLate: 2, notificationIds: ["n1", "n2"], more: true }) },
        { id: "deliver-batch-0", handler: () => undefined },
        { id: "dispatch-batch-1", handler: () => batch({ reminders: 20, sent: 20, more: false }) },
      ],
    });
    expect(result).toEqual({ batches: 2, reminders: 520, sent: 620, skippedLate: 2, continued: false });
    const stepIds = ctx.step.run.mock.calls.map((call) => call[0]);
    // The second batch created only in-app notifications: nothing to deliver.
    expect(stepIds).toEqual(["dispatch-batch-0", "deliver-batch-0", "dispatch-batch-1"]);
  });

  it("stops after one empty batch when nothing is due", async () => {
    const t = new InngestTestEngine({ function: dispatchReminders });
    const { result, ctx } = await t.execute({
      events: [{ name: "reminders/dispatch.requested", data: { reason: "test clock advanced" } }],
      steps: [{ id: "dispatch-batch-0", handler: () => batch({}) }],
    });
    expect(result).toMatchObject({ batches: 1, sent: 0, continued: false });
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
  });

  it("hands over to a new run when one run reaches its batch limit", async () => {
    const t = new InngestTestEngine({ function: dispatchReminders });
    const steps = Array.from({ length: maxBatchesPerRun }, (_, i) => ({
      id: `dispatch-batch-${i}`,
      handler: () => batch({ reminders: 500, sent: 500, more: true }),
    }));
    const { result, ctx } = await t.execute({ events: [timer], steps: [...steps, { id: "continue", handler: () => ({ ids: ["next-run"] }) }] });
    expect(result).toEqual({ batches: maxBatchesPerRun, reminders: 500 * maxBatchesPerRun, sent: 500 * maxBatchesPerRun, skippedLate: 0, continued: true });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("continue", expect.objectContaining({ name: "reminders/dispatch.requested" }));
  });

  it("refuses a malformed request event", async () => {
    const t = new InngestTestEngine({ function: dispatchReminders });
    const { error } = await t.execute({
      events: [{ name: "reminders/dispatch.requested", data: { reason: "x".repeat(201) } }],
      steps: [{ id: "dispatch-batch-0", handler: () => batch({}) }],
    });
    expect(error).toBeDefined();
  });
});
