import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../auth/actor";
import { db } from "../../db";
import {
  discordNotLinked,
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  markUnread,
  notify,
  sendTestNotification,
  setPreference,
  unreadCount,
} from "./index";

/** Types every member is offered after the account ones, in catalog order (courses, then meetings and scheduling). */
const learningTypes = [
  "course.item_unlocked",
  "course.grade_updated",
  "course.feedback_released",
  "meeting.reminder",
  "meeting.moved",
  "meeting.canceled",
  "meeting.restored",
  "scheduling.group_assigned",
  "scheduling.unplaced",
];

async function newPerson(options: { orgAdmin?: boolean; systemAdmin?: boolean } = {}): Promise<Actor> {
  const tag = randomBytes(4).toString("hex");
  const user = await db().user.create({
    data: { email: `inbox-${tag}@example.test`, name: `Inbox ${tag}`, isSystemAdmin: options.systemAdmin ?? false },
    select: { id: true },
  });
  if (options.orgAdmin) {
    const org = await db().organization.create({ data: { name: `Org ${tag}`, slug: `inbox-${tag}` }, select: { id: true } });
    const unit = await db().orgUnit.create({ data: { orgId: org.id, name: "Root", path: "/pending/", depth: 0 }, select: { id: true } });
    await db().orgUnit.update({ where: { id: unit.id }, data: { path: `/${unit.id}/` } });
    await db().membership.create({ data: { userId: user.id, orgId: org.id, unitId: unit.id, role: "org_admin" } });
  }
  const actor = await loadActor(db(), user.id);
  if (!actor) throw new Error("no actor");
  return actor;
}

async function inbox(actor: Actor, count: number, start = Date.parse("2026-11-22T10:00:00Z")): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await notify(actor.userId, "account.test", {}, { channels: ["in_app"], now: new Date(start + i * 60_000) });
    ids.push(result?.notificationId ?? "");
  }
  return ids;
}

describe("inbox", () => {
  it("lists my in-app notifications newest first, page by page, and filters unread", async () => {
    const me = await newPerson();
    const ids = await inbox(me, 5);
    // Not in the inbox: in-app was off for this one.
    await notify(me.userId, "account.test", {}, { channels: ["email"] });

    const first = await listNotifications(me, { take: 2 });
    expect(first.items.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    const second = await listNotifications(me, { take: 2, cursor: first.nextCursor });
    expect(second.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const third = await listNotifications(me, { take: 2, cursor: second.nextCursor });
    expect(third.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
    expect(await unreadCount(me)).toBe(5);

    await markRead(me, { id: ids[4] ?? "" });
    await markRead(me, { id: ids[2] ?? "" });
    expect(await unreadCount(me)).toBe(3);
    const unread = await listNotifications(me, { unreadOnly: true });
    expect(unread.items.map((i) => i.id)).toEqual([ids[3], ids[1], ids[0]]);

    const again = await markUnread(me, { id: ids[4] ?? "" });
    expect(again.readAt).toBeNull();
    expect(await markAllRead(me)).toEqual({ count: 4 });
    expect(await unreadCount(me)).toBe(0);
  });

  it("keeps the first read time when marked read twice", async () => {
    const me = await newPerson();
    const [id = ""] = await inbox(me, 1);
    const first = await markRead(me, { id });
    await new Promise((r) => setTimeout(r, 20));
    const second = await markRead(me, { id });
    expect(second.readAt?.getTime()).toBe(first.readAt?.getTime());
  });

  it("nobody else reads or changes my notifications, not even a system admin", async () => {
    const me = await newPerson();
    const admin = await newPerson({ systemAdmin: true });
    const [id = ""] = await inbox(me, 1);
    await expect(markRead(admin, { id })).rejects.toMatchObject({ code: "not_found" });
    await expect(markUnread(admin, { id })).rejects.toMatchObject({ code: "not_found" });
    expect((await listNotifications(admin)).items).toEqual([]);
    expect(await markAllRead(admin)).toEqual({ count: 0 });
    expect(await unreadCount(me)).toBe(1);
    await expect(listNotifications(null)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(markRead(null, { id })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("preferences", () => {
  it("shows defaults, saves a change per channel and says why Discord is off", async () => {
    const me = await newPerson();
    const before = await getPreferences(me);
    expect(before.rows.map((r) => r.type)).toEqual(["reminder", "account.test", ...learningTypes]);
    expect(before.discordLinked).toBe(false);
    expect(before.discordReason).toBe(discordNotLinked);

    const after = await setPreference(me, { type: "reminder", channel: "email", enabled: false });
    expect(after.rows[0]?.cells.find((c) => c.channel === "email")).toEqual({ channel: "email", available: true, enabled: false, isDefault: false });
    const result = await notify(me.userId, "reminder", {
      reminderId: "r",
      title: "T",
      note: null,
      occurrenceAt: "2026-11-22T10:00:00Z",
      offsetMinutes: 0,
      timeZone: "UTC",
      link: null,
    });
    expect(result?.channels).toEqual(["in_app"]);

    await expect(setPreference(me, { type: "reminder", channel: "discord", enabled: true })).rejects.toMatchObject({
      code: "invalid",
      message: discordNotLinked,
    });
    await expect(setPreference(me, { type: "digest.daily", channel: "email", enabled: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setPreference(me, { type: "nope", channel: "email", enabled: true })).rejects.toMatchObject({ code: "invalid" });
  });

  it("lets an org admin set the digest and a linked person turn Discord on", async () => {
    const admin = await newPerson({ orgAdmin: true });
    await db().account.create({ data: { userId: admin.userId, type: "oauth", provider: "discord", providerAccountId: "123456789" } });
    const prefs = await getPreferences(admin);
    expect(prefs.rows.map((r) => r.type)).toEqual(["reminder", "digest.daily", "account.test", ...learningTypes]);
    expect(prefs.discordLinked).toBe(true);
    const after = await setPreference(admin, { type: "digest.daily", channel: "discord", enabled: true });
    expect(after.rows[1]?.cells.find((c) => c.channel === "discord")?.enabled).toBe(true);
  });

  it("sends a test on the channels that are on, and says so when all are off", async () => {
    const me = await newPerson();
    const sent = await sendTestNotification(me);
    // Discord is on by default for tests, but nothing is linked: the person is told rather than left waiting.
    expect(sent.channels).toEqual(["in_app", "email"]);
    expect(sent.skipped).toEqual([{ channel: "discord", reason: discordNotLinked }]);
    expect((await listNotifications(me)).items[0]).toMatchObject({ id: sent.notificationId, title: "Test notification" });

    for (const channel of ["in_app", "email", "discord"] as const) {
      await db().notificationPreference.create({ data: { userId: me.userId, type: "account.test", channel, enabled: false } });
    }
    await expect(sendTestNotification(me)).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/Every channel is off/) });
  });

  it("limits test notifications to 5 per 10 minutes", async () => {
    const me = await newPerson();
    for (let i = 0; i < 5; i++) await sendTestNotification(me);
    await expect(sendTestNotification(me)).rejects.toMatchObject({ code: "rate_limited" });
  });
});
