import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { NotificationContext } from "@/lib/notifications/catalog";
import { db } from "../../db";
import { notify, recordNotification } from "./index";

async function newUser(label = "notify") {
  const tag = randomBytes(4).toString("hex");
  return db().user.create({ data: { email: `${label}-${tag}@example.test`, name: `Notify ${tag}` }, select: { id: true } });
}

const reminder: NotificationContext<"reminder"> = {
  reminderId: "rem_1",
  title: "Stand-up",
  note: null,
  occurrenceAt: "2026-11-23T08:00:00Z",
  offsetMinutes: 0,
  timeZone: "Europe/Brussels",
  link: null,
};

async function rowsOf(userId: string) {
  return db().notification.findMany({
    where: { userId },
    include: { deliveries: { orderBy: { channel: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
}

async function deliveryEventsFor(notificationId: string): Promise<number> {
  const events = await db().workflowEvent.findMany({ where: { name: "notifications/delivery.requested" }, select: { payload: true } });
  return events.filter((e) => (e.payload as { data?: { notificationId?: string } }).data?.notificationId === notificationId).length;
}

describe("notify", () => {
  it("uses the type's defaults: inbox + pending email, rendered content, one delivery event", async () => {
    const user = await newUser();
    const now = new Date("2026-11-23T08:00:00.000Z");
    const result = await notify(user.id, "reminder", reminder, { now });
    expect(result).toMatchObject({ created: true, channels: ["in_app", "email"] });

    const [row] = await rowsOf(user.id);
    expect(row).toMatchObject({
      id: result?.notificationId,
      type: "reminder",
      title: "Reminder: Stand-up",
      body: "Now: Monday 23 November, 09:00 (Europe/Brussels).",
      url: "/account/reminders",
      inApp: true,
      readAt: null,
      createdAt: now,
    });
    expect(row?.data).toMatchObject({ reminderId: "rem_1", timeZone: "Europe/Brussels" });
    expect(row?.deliveries.map((d) => [d.channel, d.status, d.attempts])).toEqual([["email", "pending", 0]]);
    expect(await deliveryEventsFor(result?.notificationId ?? "")).toBe(1);
  });

  it("applies stored preferences per channel", async () => {
    const user = await newUser();
    await db().notificationPreference.createMany({
      data: [
        { userId: user.id, type: "reminder", channel: "in_app", enabled: false },
        { userId: user.id, type: "reminder", channel: "discord", enabled: true },
        // Another type's choice changes nothing here.
        { userId: user.id, type: "account.test", channel: "email", enabled: false },
      ],
    });
    const result = await notify(user.id, "reminder", reminder);
    expect(result?.channels).toEqual(["email", "discord"]);
    const [row] = await rowsOf(user.id);
    expect(row?.inApp).toBe(false);
    expect(row?.deliveries.map((d) => d.channel)).toEqual(["email", "discord"]);
  });

  it("lets explicit channels replace the preferences", async () => {
    const user = await newUser();
    await db().notificationPreference.create({ data: { userId: user.id, type: "reminder", channel: "discord", enabled: false } });
    const result = await notify(user.id, "reminder", reminder, { channels: ["discord"] });
    expect(result?.channels).toEqual(["discord"]);
    const [row] = await rowsOf(user.id);
    expect(row?.inApp).toBe(false);
    expect(row?.deliveries.map((d) => d.channel)).toEqual(["discord"]);
  });

  it("an in-app-only notification writes no deliveries and requests none", async () => {
    const user = await newUser();
    const result = await notify(user.id, "reminder", reminder, { channels: ["in_app"] });
    expect(result?.channels).toEqual(["in_app"]);
    expect((await rowsOf(user.id))[0]?.deliveries).toEqual([]);
    expect(await deliveryEventsFor(result?.notificationId ?? "")).toBe(0);
  });

  it("returns null and writes nothing when every channel is off", async () => {
    const user = await newUser();
    await db().notificationPreference.createMany({
      data: (["in_app", "email", "discord"] as const).map((channel) => ({ userId: user.id, type: "reminder", channel, enabled: false })),
    });
    expect(await notify(user.id, "reminder", reminder)).toBeNull();
    expect(await notify(user.id, "reminder", reminder, { channels: [] })).toBeNull();
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it("a repeated dedupeKey returns the first notification and writes nothing", async () => {
    const user = await newUser();
    const first = await notify(user.id, "reminder", reminder, { dedupeKey: "rem_1:2026-11-23T08:00Z:0" });
    const again = await notify(user.id, "reminder", { ...reminder, title: "Changed" }, { dedupeKey: "rem_1:2026-11-23T08:00Z:0" });
    expect(again).toEqual({ notificationId: first?.notificationId, created: false, channels: ["in_app", "email"] });
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.title).toBe("Reminder: Stand-up");
    expect(await deliveryEventsFor(first?.notificationId ?? "")).toBe(1);
  });

  it("concurrent notifies with one dedupeKey create one notification", async () => {
    const user = await newUser();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => notify(user.id, "account.test", {}, { dedupeKey: "same", channels: ["in_app"] })),
    );
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r?.notificationId)).size).toBe(1);
    expect(await rowsOf(user.id)).toHaveLength(1);
  });

  it("refuses an invalid context with AppError invalid and writes nothing", async () => {
    const user = await newUser();
    const bad = { ...reminder, timeZone: "Nowhere/Special" };
    await expect(notify(user.id, "reminder", bad)).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/timeZone/) });
    // @ts-expect-error a missing field is a compile-time error too
    await expect(notify(user.id, "reminder", { title: "x" })).rejects.toMatchObject({ code: "invalid" });
    await expect(notify(user.id, "reminder", reminder, { channels: ["pigeon" as "email"] })).rejects.toMatchObject({ code: "invalid" });
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it("recordNotification joins the caller's transaction: a rollback leaves nothing", async () => {
    const user = await newUser();
    await expect(
      db().$transaction(async (tx) => {
        const result = await recordNotification(tx, user.id, "account.test", {}, { orgId: null });
        expect(result?.created).toBe(true);
        throw new Error("caller rolls back");
      }),
    ).rejects.toThrow("caller rolls back");
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it("tells the caller when the person no longer exists", async () => {
    await expect(notify("no-such-user", "account.test", {})).rejects.toMatchObject({ code: "not_found" });
  });
});
