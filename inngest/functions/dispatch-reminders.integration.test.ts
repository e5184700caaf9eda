import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { localDateAt } from "@/lib/reminders";
import type { ReminderChannel } from "@/lib/schemas/reminders";
import { loadActor, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { createReminder } from "@/server/services/reminders";
import { createWorkflowEngine, manualClock, silentLogger } from "@/server/workflows";
import { resetWorkflowTables, runsOf } from "@/server/workflows/test-support";
import { inngest, remindersDispatchRequested } from "../index";
import { callServeHandler } from "../worker";

/**
 * dispatch-reminders through the embedded executor and the app's real serve
 * handler. The function reads the app clock (the real time here, as
 * LYCEUM_TEST_CLOCK is off), so reminders are made due a few minutes ago; the
 * engine's own clock is a manual one, so crons fire only when a test moves it.
 */

const fnId = "lyceum-dispatch-reminders";

async function person(): Promise<Actor> {
  const user = await db().user.create({ data: { email: `dispatch-${randomBytes(5).toString("hex")}@example.test`, name: "Dispatch" } });
  const actor = await loadActor(db(), user.id);
  if (!actor) throw new Error("no actor");
  return actor;
}

/** A one-off (UTC) whose only send fell due `minutesAgo` minutes ago. */
async function dueReminder(actor: Actor, minutesAgo: number, channels: ReminderChannel[] = ["in_app"]): Promise<string> {
  const due = new Date(Math.floor((Date.now() - minutesAgo * 60_000) / 60_000) * 60_000);
  const reminder = await createReminder(
    actor,
    { title: `Due ${minutesAgo} min ago`, kind: "once", timeZone: "UTC", date: localDateAt(due, "UTC"), time: due.toISOString().slice(11, 16), offsets: [0], channels },
    { now: new Date(due.getTime() - 10 * 60_000) },
  );
  return reminder.id;
}

function engine(clock = manualClock(new Date())) {
  return createWorkflowEngine({ handler: callServeHandler, logger: silentLogger, clock, backoff: () => 1000 });
}

beforeEach(async () => {
  await resetWorkflowTables();
  await db().reminder.deleteMany();
});

describe("dispatch-reminders on the embedded executor", () => {
  it("sends due reminders when asked, one step per batch, and asks for email delivery", async () => {
    const actor = await person();
    const inApp = await dueReminder(actor, 2);
    const withEmail = await dueReminder(actor, 1, ["in_app", "email"]);
    const late = await dueReminder(actor, 90);

    const worker = engine();
    await worker.sync();
    await inngest.send(remindersDispatchRequested.create({ reason: "test" }));
    await worker.runUntilIdle();

    const [run] = await runsOf(fnId);
    expect(run?.status).toBe("completed");
    expect(run?.output).toMatchObject({ data: { sent: 2, skippedLate: 1, continued: false } });
    expect(run?.steps.map((step) => step.name).sort()).toEqual(["deliver-batch-0", "dispatch-batch-0"]);
    expect(await db().reminderSend.count({ where: { reminderId: { in: [inApp, withEmail] } } })).toBe(2);
    // Outside the catch-up window: passed, not sent, and finished.
    expect(await db().reminderSend.count({ where: { reminderId: late } })).toBe(0);
    expect(await db().reminder.count({ where: { id: { in: [inApp, withEmail, late] }, nextSendAt: { not: null } } })).toBe(0);

    const emailed = await db().notification.findFirstOrThrow({ where: { userId: actor.userId, data: { path: ["reminderId"], equals: withEmail } } });
    const deliveryEvents = await db().workflowEvent.findMany({ where: { name: "notifications/delivery.requested" } });
    expect(deliveryEvents.map((e) => (e.payload as { data: { notificationId: string } }).data.notificationId)).toEqual([emailed.id]);
  });

  it("runs from its every-minute cron", async () => {
    const actor = await person();
    const id = await dueReminder(actor, 1);
    const clock = manualClock(new Date());
    const worker = engine(clock);
    await worker.sync();
    await worker.runUntilIdle();
    expect(await runsOf(fnId)).toHaveLength(0);

    clock.advance(61_000);
    await worker.runUntilIdle();
    const runs = await runsOf(fnId);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.event).toMatchObject({ name: "inngest/scheduled.timer" });
    expect(await db().reminderSend.count({ where: { reminderId: id } })).toBe(1);
  });

  it("two workers asked at once send each reminder exactly once", async () => {
    const actors = await Promise.all([person(), person()]);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await dueReminder(actors[i % 2] as Actor, 1 + (i % 3)));

    const [a, b] = [engine(), engine()];
    await a.sync();
    await b.sync();
    await inngest.send([remindersDispatchRequested.create({ reason: "one" }), remindersDispatchRequested.create({ reason: "two" })]);
    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    // Concurrency 1 may leave the second run waiting until the first finished: drain both again.
    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);

    const runs = await runsOf(fnId);
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed"]);
    const sent = runs.map((r) => (r.output as { data: { sent: number } }).data.sent);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(40);
    expect(await db().reminderSend.count({ where: { reminderId: { in: ids } } })).toBe(40);
    expect(await db().notification.count({ where: { userId: { in: actors.map((x) => x.userId) }, type: "reminder" } })).toBe(40);
  });
});
