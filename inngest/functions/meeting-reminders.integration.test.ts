import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createWorkflowEngine, manualClock, silentLogger } from "@/server/workflows";
import { resetWorkflowTables, runsOf } from "@/server/workflows/test-support";
import { createMeetingFixture } from "@/tests/fixtures/meetings";
import { createOrgFixture } from "@/tests/fixtures/org";
import { callServeHandler } from "../worker";

/**
 * meeting-reminders through the embedded executor and the app's real serve
 * handler. The function reads the app clock (the real time here), so the
 * meeting starts 30 real minutes from now; the engine's manual clock only
 * decides when the cron fires.
 */

const fnId = "lyceum-meeting-reminders";

beforeEach(resetWorkflowTables);

describe("meeting-reminders on the embedded executor", () => {
  it("fires every 5 minutes and sends the 1-hour reminder, by email too, once", async () => {
    const f = await createOrgFixture("Reminder workflow");
    const starts = new Date(Date.now() + 30 * 60_000);
    const m = await createMeetingFixture(f, { starts: [starts] });
    const meetingId = m.meetingIds[0] ?? "";

    const clock = manualClock(new Date());
    const worker = createWorkflowEngine({ handler: callServeHandler, logger: silentLogger, clock, backoff: () => 1000 });
    await worker.sync();
    await worker.runUntilIdle();
    expect(await runsOf(fnId)).toHaveLength(0);

    clock.advance(5 * 60_000 + 1000);
    await worker.runUntilIdle();
    clock.advance(5 * 60_000);
    await worker.runUntilIdle();

    const runs = await runsOf(fnId);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    expect(runs[0]?.steps.map((s) => s.name)).toEqual(expect.arrayContaining(["now", "remind-batch-0"]));

    const reminders = await db().notification.findMany({ where: { type: "meeting.reminder", data: { path: ["meetingId"], equals: meetingId } } });
    expect(reminders).toHaveLength(3);
    expect(reminders.every((n) => n.title === `${m.groupName} meets soon`)).toBe(true);
    const deliveryEvents = await db().workflowEvent.findMany({ where: { name: "notifications/delivery.requested" } });
    const requested = new Set(deliveryEvents.map((e) => (e.payload as { data: { notificationId: string } }).data.notificationId));
    for (const n of reminders) expect(requested.has(n.id)).toBe(true);
  });
});
