import { describe, expect, it } from "vitest";
import { discordAdapter, discordNotLinked, discordText } from "./discord";
import type { DeliveryTarget } from "./types";

const target: DeliveryTarget = {
  notificationId: "n1",
  type: "account.test",
  userId: "u1",
  email: "a@example.test",
  name: "Ada",
  discordUserId: "123456789012345678",
  title: "Test notification",
  body: "It works.",
  url: "https://lyceum.example/account/notifications",
  preferencesUrl: "https://lyceum.example/account/notifications",
};

describe("discord adapter", () => {
  it("hands the DM to the bot with the linked account's id", async () => {
    const sent: unknown[] = [];
    const outcome = await discordAdapter({ send: async (p) => (sent.push(p), "evt-1") }).send(target);
    expect(outcome).toEqual({ status: "sent", externalId: "evt-1" });
    expect(sent).toEqual([
      {
        userId: "u1",
        discordUserId: "123456789012345678",
        notificationId: "n1",
        text: "**Test notification**\nIt works.\nhttps://lyceum.example/account/notifications",
      },
    ]);
  });

  it("skips people without a linked Discord account, sending nothing", async () => {
    const sent: unknown[] = [];
    const outcome = await discordAdapter({ send: async (p) => (sent.push(p), "x") }).send({ ...target, discordUserId: null });
    expect(outcome).toEqual({ status: "skipped", reason: discordNotLinked });
    expect(sent).toEqual([]);
  });

  it("lets a failed hand-off throw, so the workflow retries it", async () => {
    const adapter = discordAdapter({ send: () => Promise.reject(new Error("event API down")) });
    await expect(adapter.send(target)).rejects.toThrow("event API down");
  });

  it("keeps messages within Discord's 2,000 characters, link included", () => {
    const text = discordText({ ...target, body: "x".repeat(5000) });
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith("\nhttps://lyceum.example/account/notifications")).toBe(true);
    expect(text).toContain("…");
  });
});
