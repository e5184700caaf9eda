import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { dailyAdminDigest } from "./daily-admin-digest";

const timer = { name: "inngest/scheduled.timer", data: { cron: "0 7 * * *" }, ts: Date.parse("2026-11-22T07:00:00Z") };

describe("daily-admin-digest", () => {
  it("runs every day at 07:00 UTC", () => {
    const [config] = dailyAdminDigest["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ cron: "0 7 * * *" }]);
  });

  it("sends one event per organisation, page by page, all for the period end read in a step", async () => {
    const t = new InngestTestEngine({ function: dailyAdminDigest });
    const periodEnd = "2026-11-22T07:00:02.000Z";
    const { result, ctx } = await t.execute({
      events: [timer],
      steps: [
        { id: "period-end", handler: () => periodEnd },
        { id: "list-organizations-0", handler: () => ({ ids: ["a", "b"], nextCursor: "b" }) },
        { id: "list-organizations-1", handler: () => ({ ids: ["c"], nextCursor: null }) },
        // Sending is Inngest's own step; mocked here so no event store is needed.
        { id: "request-digests-0", handler: () => ({ ids: ["e1", "e2"] }) },
        { id: "request-digests-1", handler: () => ({ ids: ["e3"] }) },
      ],
    });
    expect(result).toEqual({ day: "2026-11-22", periodEnd, organizations: 3 });
    const sends = vi.mocked(ctx.step.sendEvent).mock.calls;
    expect(sends.map(([id]) => id)).toEqual(["request-digests-0", "request-digests-1"]);
    expect(sends[0]?.[1]).toEqual([
      expect.objectContaining({ name: "digest/org.requested", id: "digest-a-2026-11-22", data: { orgId: "a", periodEnd } }),
      expect.objectContaining({ name: "digest/org.requested", id: "digest-b-2026-11-22", data: { orgId: "b", periodEnd } }),
    ]);
    expect(sends[1]?.[1]).toEqual([expect.objectContaining({ id: "digest-c-2026-11-22", data: { orgId: "c", periodEnd } })]);
  });

  it("sends nothing when there are no organisations", async () => {
    const t = new InngestTestEngine({ function: dailyAdminDigest });
    const { result, ctx } = await t.execute({
      events: [timer],
      steps: [
        { id: "period-end", handler: () => "2026-11-22T07:00:00.000Z" },
        { id: "list-organizations-0", handler: () => ({ ids: [], nextCursor: null }) },
      ],
    });
    expect(result).toMatchObject({ organizations: 0 });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });
});
