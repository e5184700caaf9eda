import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { NotificationChannel } from "@/lib/notifications/catalog";
import { db } from "../../db";
import { recordNotification, recordNotifications, type NotificationDraft } from "./index";

async function user(): Promise<string> {
  return (await db().user.create({ data: { email: `rn-${randomBytes(5).toString("hex")}@example.test`, name: "RN" } })).id;
}

const context = {
  reminderId: "rem-1",
  title: "Essay due",
  note: "Upload the PDF",
  occurrenceAt: "2027-01-10T08:00:00.000Z",
  offsetMinutes: 60,
  timeZone: "Europe/Brussels",
  link: "/account/profile",
};

function draft(userId: string, key: string, extra: { channels?: NotificationChannel[]; link?: string; now?: Date } = {}): NotificationDraft {
  return {
    userId,
    type: "reminder",
    context: { ...context, ...(extra.link ? { link: extra.link } : {}) },
    options: { channels: extra.channels ?? ["in_app", "email"], dedupeKey: `dedupe-${key}`, now: extra.now },
  };
}

async function rowOf(id: string) {
  const row = await db().notification.findUniqueOrThrow({ where: { id }, include: { deliveries: { select: { channel: true, status: true } } } });
  return { type: row.type, title: row.title, body: row.body, url: row.url, data: row.data, inApp: row.inApp, createdAt: row.createdAt, deliveries: row.deliveries };
}

describe("recordNotifications (the batch form)", () => {
  it("writes exactly what recordNotification writes, for each of many at once, in the drafts' order", async () => {
    const userId = await user();
    const now = new Date("2027-01-10T07:00:05.000Z");
    const single = await db().$transaction((tx) => recordNotification(tx, userId, "reminder", context, { channels: ["in_app", "email"], dedupeKey: "single", now }));
    const batch = await db().$transaction((tx) => recordNotifications(tx, [draft(userId, "a", { now }), draft(userId, "b", { now })]));
    expect(single).not.toBeNull();
    expect(batch).toHaveLength(2);
    expect(batch[0]).toMatchObject({ created: true, channels: ["in_app", "email"] });
    expect(batch[0]?.notificationId).not.toBe(batch[1]?.notificationId);
    const expected = await rowOf(single?.notificationId ?? "");
    for (const result of batch) expect(await rowOf(result?.notificationId ?? "")).toEqual(expected);
  });

  it("matches unkeyed drafts to their own rows", async () => {
    const [a, b] = [await user(), await user()];
    const drafts: NotificationDraft[] = [
      { userId: a, type: "reminder", context: { ...context, title: "For A" } },
      { userId: b, type: "reminder", context: { ...context, title: "For B" } },
    ];
    const [forA, forB] = await db().$transaction((tx) => recordNotifications(tx, drafts));
    expect((await db().notification.findUniqueOrThrow({ where: { id: forA?.notificationId ?? "" } })).userId).toBe(a);
    expect((await db().notification.findUniqueOrThrow({ where: { id: forB?.notificationId ?? "" } })).title).toContain("For B");
  });

  it("returns the earlier notification for a dedupe key seen before, and writes nothing for it", async () => {
    const userId = await user();
    const [first] = await db().$transaction((tx) => recordNotifications(tx, [draft(userId, "x")]));
    const before = await db().notification.count({ where: { userId } });
    const again = await db().$transaction((tx) => recordNotifications(tx, [draft(userId, "x"), draft(userId, "y")]));
    expect(again[0]).toEqual({ notificationId: first?.notificationId, created: false, channels: ["in_app", "email"] });
    expect(again[1]?.created).toBe(true);
    expect(await db().notification.count({ where: { userId } })).toBe(before + 1);
    expect(await db().notificationDelivery.count({ where: { notification: { userId } } })).toBe(2);
  });

  it("uses the given channels over the person's preferences", async () => {
    const userId = await user();
    await db().notificationPreference.create({ data: { userId, type: "reminder", channel: "discord", enabled: false } });
    const [result] = await db().$transaction((tx) => recordNotifications(tx, [draft(userId, "d", { channels: ["discord"] })]));
    expect(await rowOf(result?.notificationId ?? "")).toMatchObject({ inApp: false, deliveries: [{ channel: "discord", status: "pending" }] });
  });

  it("with skipInvalid, skips a context that does not render without failing the others", async () => {
    const userId = await user();
    const bad = draft(userId, "bad", { link: "https://elsewhere.example" });
    const [skipped, good] = await db().$transaction((tx) => recordNotifications(tx, [bad, draft(userId, "good")], { skipInvalid: true }));
    expect(skipped).toBeNull();
    expect(good?.created).toBe(true);
  });

  it("without skipInvalid, a bad draft fails the whole batch and writes nothing", async () => {
    const userId = await user();
    const bad = draft(userId, "bad2", { link: "https://elsewhere.example" });
    await expect(db().$transaction((tx) => recordNotifications(tx, [draft(userId, "ok2"), bad]))).rejects.toThrow(/link/i);
    expect(await db().notification.count({ where: { userId } })).toBe(0);
  });
});
