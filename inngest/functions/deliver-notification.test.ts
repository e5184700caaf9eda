import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { notificationDeliveryRequested } from "../events";
import { deliverNotification } from "./deliver-notification";

const event = { name: "notifications/delivery.requested", data: { notificationId: "n1", channel: "email" } };

describe("deliver-notification", () => {
  // A fresh engine per test: the engine memoises mocked steps by id across executions.
  const engine = () => new InngestTestEngine({ function: deliverNotification });

  it("runs one delivery per notification at a time, with retries", () => {
    const [config] = deliverNotification["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ event: "notifications/delivery.requested" }]);
    expect(config?.concurrency).toEqual([{ key: "event.data.notificationId", limit: 1 }]);
    expect(config?.steps.step.retries?.attempts).toBe(4);
  });

  it("delivers the event's channel in one step named after it", async () => {
    const sent = { channel: "email", status: "sent", externalId: "mail-1" };
    const { result, ctx } = await engine().execute({ events: [event], steps: [{ id: "email", handler: () => sent }] });
    expect(result).toEqual(sent);
    expect(ctx.step.run).toHaveBeenCalledWith("email", expect.any(Function));
    expect(ctx.step.run).not.toHaveBeenCalledWith("give-up-email", expect.any(Function));
  });

  // @inngest/test 1.0 does not model a step failing for good (a throwing mock halts the run),
  // so retries and the give-up step are tested on the embedded executor (deliver-notification.integration.test.ts).

  it("refuses an event for a channel that has no deliveries (the inbox)", async () => {
    await expect(notificationDeliveryRequested.create({ notificationId: "n1", channel: "in_app" as "email" }).validate()).rejects.toThrow();
  });
});
