import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import type { CreateReminderInput } from "@/lib/schemas/reminders";
import { loadActor, type Actor } from "../auth/actor";
import { db } from "../db";
import {
  createReminder,
  deleteReminder,
  dispatchDueReminders,
  dispatchReminderBatch,
  getReminder,
  listMyReminders,
  updateReminder,
} from "./reminders";

const at = (iso: string) => new Date(iso);

async function person(timeZone = "Europe/Brussels"): Promise<Actor> {
  const user = await db().user.create({
    data: { email: `reminders-${randomBytes(5).toString("hex")}@example.test`, name: "Reminder Person", timeZone },
  });
  const actor = await loadActor(db(), user.id);
  if (!actor) throw new Error("no actor");
  return actor;
}

const weekly: CreateReminderInput = {
  title: "Stand-up",
  kind: "recurring",
  timeZone: "Europe/Brussels",
  time: "09:00",
  weekdays: [1],
  offsets: [60, 0],
  channels: ["in_app"],
};

function oneOff(date: string, time: string, extra: Partial<CreateReminderInput> = {}): CreateReminderInput {
  return { title: "Dentist", kind: "once", timeZone: "Europe/Brussels", date, time, offsets: [60, 0], channels: ["in_app", "email"], ...extra };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; fields?: Record<string, string[]> }> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.message, fields: error.fieldErrors };
}

beforeEach(async () => {
  // Tests of other files leave reminders due at the real time; each test here dispatches at its own.
  await db().reminder.deleteMany();
});

describe("managing reminders", () => {
  it("stores a repeating reminder with its next send computed in its zone", async () => {
    const actor = await person();
    // Sunday 28 Mar 2027; the next Monday 09:00 is CEST (07:00Z), so an hour before is 06:00Z.
    const created = await createReminder(actor, weekly, { now: at("2027-03-28T12:00:00Z") });
    expect(created).toMatchObject({ kind: "recurring", time: "09:00", weekdays: [1], offsets: [60, 0], version: 1, date: null });
    expect(created.nextSendAt?.toISOString()).toBe("2027-03-29T06:00:00.000Z");
    expect(created.nextOccurrenceAt?.toISOString()).toBe("2027-03-29T07:00:00.000Z");
    expect(created.nextOffset).toBe(60);
  });

  it("refuses a one-off in the past, but takes one in the current minute", async () => {
    const actor = await person();
    const now = at("2027-01-10T08:00:40Z"); // 09:00:40 in Brussels
    const past = await failure(createReminder(actor, oneOff("2027-01-10", "08:59"), { now }));
    expect(past).toMatchObject({ code: "invalid", message: "That time has passed. Choose a date and time from now on." });
    expect(past.fields?.date).toEqual(["That time has passed. Choose a date and time from now on."]);
    const thisMinute = await createReminder(actor, oneOff("2027-01-10", "09:00"), { now });
    // The hour-before send has passed; the one at the time is still to go.
    expect(thisMinute.nextSendAt?.toISOString()).toBe("2027-01-10T08:00:00.000Z");
    expect(thisMinute.nextOffset).toBe(0);
  });

  it("explains what to fix in the input", async () => {
    const actor = await person();
    const error = await failure(createReminder(actor, { ...weekly, title: "", weekdays: [], channels: [] }));
    expect(error.code).toBe("invalid");
    expect(error.fields).toMatchObject({
      title: ["Give the reminder a title."],
      channels: ["Choose at least one place to be reminded: in-app, email or Discord."],
      weekdays: ["Choose at least one day for a repeating reminder."],
    });
  });

  it("lets only the owner see and change a reminder", async () => {
    const owner = await person();
    const other = await person();
    const reminder = await createReminder(owner, weekly, { now: at("2027-03-01T00:00:00Z") });
    for (const call of [
      getReminder(other, { reminderId: reminder.id }),
      updateReminder(other, { ...weekly, reminderId: reminder.id }),
      deleteReminder(other, { reminderId: reminder.id }),
    ]) {
      expect(await failure(call)).toMatchObject({ code: "not_found" });
    }
    expect(await failure(getReminder(null, { reminderId: reminder.id }))).toMatchObject({ code: "unauthenticated" });
    expect(await failure(listMyReminders(null))).toMatchObject({ code: "unauthenticated" });
    expect((await listMyReminders(other)).items).toEqual([]);
    expect((await getReminder(owner, { reminderId: reminder.id })).id).toBe(reminder.id);
  });

  it("pages through my reminders, newest first", async () => {
    const actor = await person();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createReminder(actor, { ...weekly, title: `R${i}` }, { now: at("2027-03-01T00:00:00Z") })).id);
    const first = await listMyReminders(actor, { take: 2 });
    expect(first.items.map((r) => r.title)).toEqual(["R4", "R3"]);
    const second = await listMyReminders(actor, { take: 2, cursor: first.nextCursor });
    const third = await listMyReminders(actor, { take: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((r) => r.id)).toEqual([...ids].reverse());
    expect(third.nextCursor).toBeNull();
    // Someone else's reminder id is not a page of mine.
    const other = await person();
    expect(await failure(listMyReminders(other, { cursor: ids[0] }))).toMatchObject({ code: "invalid" });
  });

  it("bumps the version and recomputes the next send on edit; a stale form is refused", async () => {
    const actor = await person();
    const now = at("2027-03-01T10:00:00Z"); // Monday
    const reminder = await createReminder(actor, weekly, { now });
    const edited = await updateReminder(actor, { ...weekly, reminderId: reminder.id, version: 1, time: "18:30", offsets: [0] }, { now });
    expect(edited.version).toBe(2);
    expect(edited.nextSendAt?.toISOString()).toBe("2027-03-01T17:30:00.000Z"); // today 18:30 CET
    const stale = await failure(updateReminder(actor, { ...weekly, reminderId: reminder.id, version: 1 }, { now }));
    expect(stale.code).toBe("conflict");
  });

  it("lets a finished one-off be renamed without choosing a new date", async () => {
    const actor = await person();
    const reminder = await createReminder(actor, oneOff("2027-01-10", "09:00"), { now: at("2027-01-01T00:00:00Z") });
    const later = at("2027-02-01T00:00:00Z");
    await dispatchDueReminders({ now: at("2027-01-10T08:00:00Z") });
    const renamed = await updateReminder(actor, { ...oneOff("2027-01-10", "09:00"), reminderId: reminder.id, title: "Dentist (done)" }, { now: later });
    expect(renamed).toMatchObject({ title: "Dentist (done)", nextSendAt: null });
    expect(await failure(updateReminder(actor, { ...oneOff("2027-01-09", "09:00"), reminderId: reminder.id }, { now: later }))).toMatchObject({
      code: "invalid",
    });
  });
});

describe("dispatching due reminders", () => {
  it("sends an hour before and at the time, once each, then finishes a one-off", async () => {
    const actor = await person();
    const reminder = await createReminder(actor, oneOff("2027-01-10", "09:00", { note: "Bring the form", link: "/account/profile" }), {
      now: at("2027-01-01T00:00:00Z"),
    });
    expect(reminder.nextSendAt?.toISOString()).toBe("2027-01-10T07:00:00.000Z");

    expect(await dispatchDueReminders({ now: at("2027-01-10T06:59:59Z") })).toMatchObject({ sent: 0 });
    expect(await dispatchDueReminders({ now: at("2027-01-10T07:00:20Z") })).toMatchObject({ sent: 1, skippedLate: 0 });
    expect(await dispatchDueReminders({ now: at("2027-01-10T07:00:40Z") })).toMatchObject({ sent: 0 });
    expect((await getReminder(actor, { reminderId: reminder.id })).nextSendAt?.toISOString()).toBe("2027-01-10T08:00:00.000Z");
    expect(await dispatchDueReminders({ now: at("2027-01-10T08:00:05Z") })).toMatchObject({ sent: 1 });
    const done = await getReminder(actor, { reminderId: reminder.id });
    expect(done).toMatchObject({ nextSendAt: null, nextOccurrenceAt: null, nextOffset: null });

    const sends = await db().reminderSend.findMany({ where: { reminderId: reminder.id }, orderBy: { dueAt: "asc" } });
    expect(sends.map((s) => [s.offsetMinutes, s.dueAt.toISOString(), s.notificationId !== null])).toEqual([
      [60, "2027-01-10T07:00:00.000Z", true],
      [0, "2027-01-10T08:00:00.000Z", true],
    ]);
    const notifications = await db().notification.findMany({
      where: { userId: actor.userId },
      orderBy: { createdAt: "asc" },
      include: { deliveries: true },
    });
    expect(notifications).toHaveLength(2);
    expect(notifications[0]).toMatchObject({ type: "reminder", inApp: true, url: "/account/profile" });
    expect(notifications[0]?.title).toContain("Dentist");
    expect(notifications[0]?.body).toContain("Bring the form");
    expect(notifications.map((n) => n.deliveries.map((d) => d.channel))).toEqual([["email"], ["email"]]);
    // Delivery was asked for, after the commit, for both (they have an email channel).
    const events = await db().workflowEvent.findMany({ where: { name: "notifications/delivery.requested" } });
    const requested = events.map((e) => (e.payload as { data: { notificationId: string } }).data.notificationId);
    expect(requested).toEqual(expect.arrayContaining(notifications.map((n) => n.id)));
  });

  it("keeps a weekly reminder at 09:00 local across the change to summer time", async () => {
    const actor = await person();
    const reminder = await createReminder(actor, { ...weekly, offsets: [0] }, { now: at("2027-03-20T00:00:00Z") });
    expect(reminder.nextSendAt?.toISOString()).toBe("2027-03-22T08:00:00.000Z");
    await dispatchDueReminders({ now: at("2027-03-22T08:00:00Z") });
    const after = await getReminder(actor, { reminderId: reminder.id });
    expect(after.nextSendAt?.toISOString()).toBe("2027-03-29T07:00:00.000Z");
  });

  it("after downtime sends what is inside the catch-up window and skips (but passes) older sends", async () => {
    const actor = await person();
    const daily = { ...weekly, weekdays: [1, 2, 3, 4, 5, 6, 7], offsets: [0], time: "09:00" };
    const reminder = await createReminder(actor, daily, { now: at("2027-06-01T00:00:00Z") });
    // Down from 1 June to 4 June 07:30Z: the sends of 1, 2, 3 June (07:00Z) were missed; 4 June's was 30 minutes ago.
    const result = await dispatchDueReminders({ now: at("2027-06-04T07:30:00Z"), catchUpMinutes: 60 });
    expect(result).toMatchObject({ sent: 1, skippedLate: 3 });
    const sends = await db().reminderSend.findMany({ where: { reminderId: reminder.id } });
    expect(sends.map((s) => s.occurrenceAt.toISOString())).toEqual(["2027-06-04T07:00:00.000Z"]);
    expect((await getReminder(actor, { reminderId: reminder.id })).nextSendAt?.toISOString()).toBe("2027-06-05T07:00:00.000Z");
  });

  it("cancels pending sends when a reminder is edited or deleted", async () => {
    const actor = await person();
    const now = at("2027-01-01T00:00:00Z");
    const edited = await createReminder(actor, oneOff("2027-01-10", "09:00"), { now });
    const deleted = await createReminder(actor, oneOff("2027-01-10", "09:00"), { now });
    await updateReminder(actor, { ...oneOff("2027-01-11", "09:00"), reminderId: edited.id }, { now });
    await deleteReminder(actor, { reminderId: deleted.id });

    expect(await dispatchDueReminders({ now: at("2027-01-10T08:30:00Z") })).toMatchObject({ sent: 0 });
    expect(await db().reminderSend.count({ where: { reminderId: { in: [edited.id, deleted.id] } } })).toBe(0);
    expect(await dispatchDueReminders({ now: at("2027-01-11T07:00:00Z") })).toMatchObject({ sent: 1 });
    const [send] = await db().reminderSend.findMany({ where: { reminderId: edited.id } });
    expect(send?.occurrenceAt.toISOString()).toBe("2027-01-11T08:00:00.000Z");
  });

  it("never sends a (reminder, occurrence, offset) twice, even when an edit makes it due again", async () => {
    const actor = await person();
    const reminder = await createReminder(actor, { ...oneOff("2027-01-10", "09:00"), offsets: [0] }, { now: at("2027-01-01T00:00:00Z") });
    expect(await dispatchDueReminders({ now: at("2027-01-10T08:00:10Z") })).toMatchObject({ sent: 1 });
    // Renamed within the same minute: the next send is recomputed from this minute, and is the one already sent.
    const renamed = await updateReminder(actor, { ...oneOff("2027-01-10", "09:00"), offsets: [0], reminderId: reminder.id, title: "Renamed" }, { now: at("2027-01-10T08:00:30Z") });
    expect(renamed.nextSendAt?.toISOString()).toBe("2027-01-10T08:00:00.000Z");
    expect(await dispatchDueReminders({ now: at("2027-01-10T08:00:50Z") })).toMatchObject({ sent: 0 });
    expect(await db().notification.count({ where: { userId: actor.userId } })).toBe(1);
    expect((await getReminder(actor, { reminderId: reminder.id })).nextSendAt).toBeNull();
  });

  it("splits into batches, and parallel dispatchers send each due reminder exactly once", async () => {
    const actors = await Promise.all([person(), person(), person()]);
    const now = at("2027-01-01T00:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const actor = actors[i % actors.length] as Actor;
      ids.push((await createReminder(actor, { ...oneOff("2027-01-10", "09:00"), offsets: [0], channels: ["in_app"], title: `R${i}` }, { now })).id);
    }
    const due = at("2027-01-10T08:00:30Z");
    const runs = await Promise.all(
      Array.from({ length: 4 }, async () => {
        let sent = 0;
        for (;;) {
          const batch = await dispatchReminderBatch({ now: due, batchSize: 4 });
          sent += batch.sent;
          // An in-app-only reminder needs no delivery event.
          expect(batch.notificationIds).toEqual([]);
          if (!batch.more) return sent;
        }
      }),
    );
    expect(runs.reduce((a, b) => a + b, 0)).toBe(30);
    expect(await db().reminderSend.count({ where: { reminderId: { in: ids } } })).toBe(30);
    const notifications = await db().notification.findMany({ where: { userId: { in: actors.map((a) => a.userId) } }, select: { data: true } });
    const perReminder = new Set(notifications.map((n) => (n.data as { reminderId: string }).reminderId));
    expect(notifications).toHaveLength(30);
    expect(perReminder.size).toBe(30);
    expect(await db().reminder.count({ where: { id: { in: ids }, nextSendAt: { not: null } } })).toBe(0);
  });

  it("takes sends that fall due in the same dispatch minute together", async () => {
    const actor = await person("UTC");
    const r = await createReminder(
      actor,
      { ...weekly, timeZone: "UTC", weekdays: [1, 2, 3, 4, 5, 6, 7], offsets: [1440, 0], time: "09:00" },
      { now: at("2027-05-01T08:59:00Z") },
    );
    const result = await dispatchDueReminders({ now: at("2027-05-01T09:00:00Z") });
    // Today's at-the-time send and tomorrow's day-before send.
    expect(result.sent).toBe(2);
    expect((await getReminder(actor, { reminderId: r.id })).nextSendAt?.toISOString()).toBe("2027-05-02T09:00:00.000Z");
  });
});
