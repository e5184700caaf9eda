import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { cleanupExpiredSessions } from "./cleanup-expired-sessions";

describe("cleanup-expired-sessions", () => {
  it("runs daily at 03:00 UTC", () => {
    const [config] = cleanupExpiredSessions["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ cron: "0 3 * * *" }]);
  });

  it("deletes in one step and returns what it deleted", async () => {
    const t = new InngestTestEngine({ function: cleanupExpiredSessions });
    const { result, ctx } = await t.execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "0 3 * * *" }, ts: Date.parse("2026-11-22T03:00:00Z") }],
      steps: [{ id: "delete-stale-sessions", handler: () => ({ deleted: 3, endedBefore: "2026-10-23T03:00:00.000Z" }) }],
    });
    expect(result).toEqual({ deleted: 3, endedBefore: "2026-10-23T03:00:00.000Z" });
    expect(ctx.step.run).toHaveBeenCalledWith("delete-stale-sessions", expect.any(Function));
  });
});
