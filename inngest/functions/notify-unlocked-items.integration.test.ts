import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createWorkflowEngine, manualClock, silentLogger } from "@/server/workflows";
import { resetWorkflowTables, runsOf } from "@/server/workflows/test-support";
import { createCourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture } from "@/tests/fixtures/org";
import { callServeHandler } from "../worker";

/**
 * notify-unlocked-items through the embedded executor and the app's real
 * serve handler. The function reads the app clock (the real time here, as
 * LYCEUM_TEST_CLOCK is off), so the quiz's publish date is set a few minutes
 * ago; the engine's manual clock only decides when the cron fires.
 */

const fnId = "lyceum-notify-unlocked-items";

beforeEach(resetWorkflowTables);

describe("notify-unlocked-items on the embedded executor", () => {
  it("fires every 15 minutes and notifies a learner of an item whose publish date just passed, by email too", async () => {
    const f = await createOrgFixture("Unlock workflow");
    const course = await createCourseFixture(f, { drip: null });
    const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
    await db().cohort.update({ where: { id: course.cohortId }, data: { createdAt: dayAgo } });
    await db().cohortMember.updateMany({ where: { cohortId: course.cohortId }, data: { joinedAt: dayAgo } });
    await db().courseItem.update({ where: { id: course.quizId }, data: { publishAt: new Date(Date.now() - 5 * 60 * 1000) } });

    const clock = manualClock(new Date());
    const worker = createWorkflowEngine({ handler: callServeHandler, logger: silentLogger, clock, backoff: () => 1000 });
    await worker.sync();
    await worker.runUntilIdle();
    expect(await runsOf(fnId)).toHaveLength(0);

    clock.advance(15 * 60 * 1000 + 1000);
    await worker.runUntilIdle();

    const [run] = await runsOf(fnId);
    expect(run?.status).toBe("completed");
    expect(run?.event).toMatchObject({ name: "inngest/scheduled.timer" });
    expect(run?.steps.map((s) => s.name).sort()).toEqual(["deliver-batch-0", "notify-batch-0", "now"]);

    const notification = await db().notification.findFirstOrThrow({
      where: { userId: f.users.student.id, type: "course.item_unlocked", data: { path: ["cohortId"], equals: course.cohortId } },
    });
    expect(notification.title).toBe("Now open: Planets quiz");
    expect(await db().notification.count({ where: { type: "course.item_unlocked", data: { path: ["cohortId"], equals: course.cohortId } } })).toBe(1);
    const deliveryEvents = await db().workflowEvent.findMany({ where: { name: "notifications/delivery.requested" } });
    expect(deliveryEvents.map((e) => (e.payload as { data: { notificationId: string } }).data.notificationId)).toContain(notification.id);
    expect((await db().cohort.findUniqueOrThrow({ where: { id: course.cohortId } })).unlockNotifiedUntil).not.toBeNull();
  });
});
