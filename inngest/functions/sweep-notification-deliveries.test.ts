import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { sweepNotificationDeliveries } from "./sweep-notification-deliveries";

const timer = { name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" }, ts: Date.parse("2026-11-22T10:05:00Z") };

describe("sweep-notification-deliveries", () => {
  // A fresh engine per test: the engine memoises mocked steps by id across executions.
  const engine = () => new InngestTestEngine({ function: sweepNotificationDeliveries });

  it("runs every 5 minutes", () => {
    const [config] = sweepNotificationDeliveries["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ cron: "*/5 * * * *" }]);
  });

  it("re-requests each stale delivery with one event per (notification, channel)", async () => {
    const stale = {
      requests: [
        { notificationId: "n1", channel: "email" },
        { notificationId: "n2", channel: "discord" },
      ],
      interrupted: 1,
    };
    const { result, ctx } = await engine().execute({
      events: [timer],
      steps: [
        { id: "find-stale", handler: () => stale },
        { id: "request-delivery", handler: () => ({ ids: ["e1", "e2"] }) },
      ],
    });
    expect(result).toEqual({ requested: 2, interrupted: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-delivery", [
      expect.objectContaining({ name: "notifications/delivery.requested", data: { notificationId: "n1", channel: "email" } }),
      expect.objectContaining({ name: "notifications/delivery.requested", data: { notificationId: "n2", channel: "discord" } }),
    ]);
  });

  it("sends nothing when nothing is stale", async () => {
    const { result, ctx } = await engine().execute({
      events: [timer],
      steps: [{ id: "find-stale", handler: () => ({ requests: [], interrupted: 0 }) }],
    });
    expect(result).toEqual({ requested: 0, interrupted: 0 });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });
});
