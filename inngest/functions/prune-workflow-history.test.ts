import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { pruneWorkflowHistoryFunction } from "./prune-workflow-history";

describe("prune-workflow-history", () => {
  it("runs daily at 03:30 UTC", () => {
    const [config] = pruneWorkflowHistoryFunction["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ cron: "30 3 * * *" }]);
  });

  it("deletes in one step and returns what it deleted", async () => {
    const pruned = { runs: 12, events: 40, completedBefore: "2026-11-15T03:30:00.000Z", endedBefore: "2026-10-23T03:30:00.000Z" };
    const t = new InngestTestEngine({ function: pruneWorkflowHistoryFunction });
    const { result, ctx } = await t.execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "30 3 * * *" }, ts: Date.parse("2026-11-22T03:30:00Z") }],
      steps: [{ id: "delete-old-runs", handler: () => pruned }],
    });
    expect(result).toEqual(pruned);
    expect(ctx.step.run).toHaveBeenCalledWith("delete-old-runs", expect.any(Function));
  });
});
