import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { recordNotification } from "./notifications";
import { recordReminderNotifications, type ReminderNotificationInput } from "./reminder-notifications";

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

function input(userId: string, key: string, extra: Partial<ReminderNotificationInput> = {}): ReminderNotificationInput {
  return { key, userId, channels: ["in_app", "email"], dedupeKey: `dedupe-${key}`, context, ...extra };
}

async function rowOf(id: string) {
  const row = await db().notification.findUniqueOrThrow({ where: { id }, include: { deliveries: { select: { channel: true, status: true } } } });
  return { type: row.type, title: row.title, body: row.body, url: row.url, data: row.data, inApp: row.inApp, createdAt: row.createdAt, deliveries: row.deliveries };
}

describe("recordReminderNotifications", () => {
  it("writes exactly what recordNotification writes, for each of many at once", async () => {
    const userId = await user();
    const now = new Date("2027-01-10T07:00:05.000Z");
    const single = await db().$transaction((tx) => recordNotification(tx, userId, "reminder", context, { channels: ["in_app", "email"], dedupeKey: "single", now }));
    const batch = await db().$transaction((tx) => recordReminderNotifications(tx, [input(userId, "a"), input(userId, "b")], now));
    expect(single).not.toBeNull();
    expect(batch.get("a")).toMatchObject({ created: true, channels: ["in_app", "email"] });
    const expected = await rowOf(single?.notificationId ?? "");
    for (const key of ["a", "b"]) expect(await rowOf(batch.get(key)?.notificationId ?? "")).toEqual(expected);
  });

  it("returns the earlier notification for a dedupe key seen before, and writes nothing", async () => {
    const userId = await user();
    const now = new Date();
    const first = await db().$transaction((tx) => recordReminderNotifications(tx, [input(userId, "x")], now));
    const before = await db().notification.count({ where: { userId } });
    const again = await db().$transaction((tx) => recordReminderNotifications(tx, [input(userId, "x"), input(userId, "y")], now));
    expect(again.get("x")).toEqual({ notificationId: first.get("x")?.notificationId, created: false, channels: ["in_app", "email"] });
    expect(again.get("y")?.created).toBe(true);
    expect(await db().notification.count({ where: { userId } })).toBe(before + 1);
    expect(await db().notificationDelivery.count({ where: { notification: { userId } } })).toBe(2);
  });

  it("uses the reminder's own channels over the person's preferences", async () => {
    const userId = await user();
    await db().notificationPreference.create({ data: { userId, type: "reminder", channel: "discord", enabled: false } });
    const result = await db().$transaction((tx) => recordReminderNotifications(tx, [input(userId, "d", { channels: ["discord"] })], new Date()));
    const id = result.get("d")?.notificationId ?? "";
    expect(await rowOf(id)).toMatchObject({ inApp: false, deliveries: [{ channel: "discord", status: "pending" }] });
  });

  it("skips a context that does not render, without failing the others", async () => {
    const userId = await user();
    const bad = input(userId, "bad", { context: { ...context, link: "https://elsewhere.example" } });
    const result = await db().$transaction((tx) => recordReminderNotifications(tx, [bad, input(userId, "good")], new Date()));
    expect(result.get("bad")).toBeNull();
    expect(result.get("good")?.created).toBe(true);
  });
});
