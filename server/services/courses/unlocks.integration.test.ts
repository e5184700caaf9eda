import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { learnItemPath } from "@/lib/notifications/catalog";
import { itemContentSchema } from "@/lib/schemas/course-content";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { createCourseFixture, type CourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { dripOrderedItems, maxUnlocksPerLearnerPerRun, notifyUnlockedItems, notifyUnlockedItemsBatch } from "./unlocks";

/**
 * Drip-unlock notifications against PostgreSQL. The fixture course has, in
 * order, a lesson "Welcome", a quiz "Planets quiz" and an assignment
 * "Observation log"; cohorts are in Europe/Brussels (UTC+1 in March). With a
 * weekly drip from Monday 2026-03-02 they open at 00:00 Brussels on 2 March
 * (01 Mar 23:00 UTC), 9 March and 16 March.
 */

let f: OrgFixture;

beforeAll(async () => {
  f = await createOrgFixture("Unlocks");
});

const weekly = (anchor: "cohort_start" | "join_date" = "cohort_start") => ({ every: 1, unit: "week", anchor }) as Prisma.InputJsonValue;
const at = (iso: string) => new Date(iso);

/** A cohort created on `createdAt`, with the fixture student joined at `studentJoinedAt`. */
async function cohortWith(options: { drip: Prisma.InputJsonValue | null; startDate?: string; createdAt: string; studentJoinedAt: string }): Promise<CourseFixture> {
  const course = await createCourseFixture(f, { drip: options.drip, startDate: options.startDate ?? "2026-03-02" });
  await db().cohort.update({ where: { id: course.cohortId }, data: { createdAt: at(options.createdAt) } });
  await db().cohortMember.update({ where: { cohortId_userId: { cohortId: course.cohortId, userId: f.users.student.id } }, data: { joinedAt: at(options.studentJoinedAt) } });
  return course;
}

async function addLearner(cohortId: string, joinedAt: string): Promise<string> {
  const tag = randomBytes(4).toString("hex");
  const user = await db().user.create({ data: { email: `unlock-${tag}@example.test`, name: `Learner ${tag}` }, select: { id: true } });
  await db().cohortMember.create({ data: { cohortId, userId: user.id, role: "learner", joinedAt: at(joinedAt) } });
  return user.id;
}

/** The titles of the unlock notifications a person got for a cohort, oldest first. */
async function unlockedTitles(userId: string, cohortId: string): Promise<string[]> {
  const rows = await db().notification.findMany({
    where: { userId, type: "course.item_unlocked", data: { path: ["cohortId"], equals: cohortId } },
    orderBy: [{ createdAt: "asc" }, { title: "asc" }],
    select: { title: true },
  });
  return rows.map((r) => r.title);
}

async function markOf(cohortId: string): Promise<Date | null> {
  return (await db().cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { unlockNotifiedUntil: true } })).unlockNotifiedUntil;
}

describe("notifyUnlockedItems", () => {
  it("weekly drip from the cohort start: each item once, when it opens, to learners only", async () => {
    const course = await cohortWith({ drip: weekly(), createdAt: "2026-02-20T10:00:00Z", studentJoinedAt: "2026-02-25T10:00:00Z" });
    const student = f.users.student.id;

    await notifyUnlockedItems(at("2026-02-28T12:00:00Z"));
    expect(await unlockedTitles(student, course.cohortId)).toEqual([]);
    expect(await markOf(course.cohortId)).toEqual(at("2026-02-28T12:00:00Z"));

    await notifyUnlockedItems(at("2026-03-02T08:00:00Z"));
    expect(await unlockedTitles(student, course.cohortId)).toEqual(["Now open: Welcome"]);
    // The same run again, and a later one before the next release: nothing new.
    await notifyUnlockedItems(at("2026-03-02T08:00:00Z"));
    await notifyUnlockedItems(at("2026-03-08T20:00:00Z"));
    expect(await unlockedTitles(student, course.cohortId)).toEqual(["Now open: Welcome"]);

    // Joins after the quiz opened (08 Mar 23:00 UTC) but before the run that notices it.
    const late = await addLearner(course.cohortId, "2026-03-09T07:00:00Z");
    await notifyUnlockedItems(at("2026-03-09T08:00:00Z"));
    expect(await unlockedTitles(student, course.cohortId)).toEqual(["Now open: Welcome", "Now open: Planets quiz"]);
    expect(await unlockedTitles(late, course.cohortId)).toEqual([]);

    await notifyUnlockedItems(at("2026-03-16T08:00:00Z"));
    await notifyUnlockedItems(at("2026-03-16T08:15:00Z"));
    expect(await unlockedTitles(student, course.cohortId)).toEqual(["Now open: Welcome", "Now open: Planets quiz", "Now open: Observation log"]);
    expect(await unlockedTitles(late, course.cohortId)).toEqual(["Now open: Observation log"]);
    expect(await unlockedTitles(f.users.facilitator.id, course.cohortId)).toEqual([]);

    const quiz = await db().notification.findFirstOrThrow({
      where: { userId: student, type: "course.item_unlocked", data: { path: ["itemId"], equals: course.quizId } },
      include: { deliveries: true },
    });
    expect(quiz).toMatchObject({
      orgId: f.org.id,
      body: expect.stringMatching(/^A new item is open in Fixture course /),
      url: learnItemPath(f.org.id, course.cohortId, course.quizId),
      dedupeKey: `unlock:${course.cohortId}:${course.quizId}`,
      inApp: true,
    });
    // Email is on by default for this type: a delivery waits for the deliver-notification workflow.
    expect(quiz.deliveries.map((d) => d.channel)).toEqual(["email"]);
  });

  it("never notifies twice, even when the mark is moved back", async () => {
    const course = await cohortWith({ drip: weekly(), createdAt: "2026-02-20T10:00:00Z", studentJoinedAt: "2026-02-25T10:00:00Z" });
    await notifyUnlockedItems(at("2026-03-02T08:00:00Z"));
    await db().cohort.update({ where: { id: course.cohortId }, data: { unlockNotifiedUntil: null } });
    const again = await notifyUnlockedItemsBatch({ now: at("2026-03-02T09:00:00Z"), batchSize: 10_000 });
    expect(await unlockedTitles(f.users.student.id, course.cohortId)).toEqual(["Now open: Welcome"]);
    expect(again.notificationIds).toEqual([]);
    // An older run finishing late does not move the mark back.
    await notifyUnlockedItemsBatch({ now: at("2026-03-02T08:30:00Z"), batchSize: 10_000 });
    expect(await markOf(course.cohortId)).toEqual(at("2026-03-02T09:00:00Z"));
  });

  it("join-date drip counts from each learner's join day (or the start, for those who joined before it)", async () => {
    const course = await cohortWith({ drip: weekly("join_date"), createdAt: "2026-02-20T10:00:00Z", studentJoinedAt: "2026-02-25T10:00:00Z" });
    const early = f.users.student.id;
    // Wednesday 4 March, 11:00 Brussels: the lesson opened at 00:00 that day, before the join.
    const late = await addLearner(course.cohortId, "2026-03-04T10:00:00Z");

    await notifyUnlockedItems(at("2026-03-02T08:00:00Z"));
    await notifyUnlockedItems(at("2026-03-04T12:00:00Z"));
    expect(await unlockedTitles(early, course.cohortId)).toEqual(["Now open: Welcome"]);
    expect(await unlockedTitles(late, course.cohortId)).toEqual([]);

    await notifyUnlockedItems(at("2026-03-09T08:00:00Z"));
    expect(await unlockedTitles(early, course.cohortId)).toEqual(["Now open: Welcome", "Now open: Planets quiz"]);
    expect(await unlockedTitles(late, course.cohortId)).toEqual([]);

    // Her quiz opens a week after her join day: Wednesday 11 March, 00:00 Brussels.
    await notifyUnlockedItems(at("2026-03-10T22:59:00Z"));
    expect(await unlockedTitles(late, course.cohortId)).toEqual([]);
    await notifyUnlockedItems(at("2026-03-10T23:00:00Z"));
    expect(await unlockedTitles(late, course.cohortId)).toEqual(["Now open: Planets quiz"]);
  });

  it("a scheduled publish date without drip notifies that item when its date passes, and nothing else", async () => {
    const course = await cohortWith({ drip: null, createdAt: "2026-03-01T10:00:00Z", studentJoinedAt: "2026-03-01T11:00:00Z" });
    await db().courseItem.update({ where: { id: course.quizId }, data: { publishAt: at("2026-03-05T09:00:00Z") } });

    await notifyUnlockedItems(at("2026-03-05T08:45:00Z"));
    expect(await unlockedTitles(f.users.student.id, course.cohortId)).toEqual([]);
    await notifyUnlockedItems(at("2026-03-05T09:00:00Z"));
    await notifyUnlockedItems(at("2026-03-05T09:15:00Z"));
    expect(await unlockedTitles(f.users.student.id, course.cohortId)).toEqual(["Now open: Planets quiz"]);
  });

  it("when a whole course opens at once, a learner hears about the first few items only", async () => {
    const course = await cohortWith({ drip: null, createdAt: "2026-03-01T10:00:00Z", studentJoinedAt: "2026-03-01T11:00:00Z" });
    const content = itemContentSchema.parse({ kind: "lesson" }) as Prisma.InputJsonValue;
    await db().courseItem.createMany({
      data: [3, 4].map((position) => ({
        courseId: course.courseId,
        moduleId: course.moduleId,
        kind: "lesson" as const,
        position,
        title: `Extra ${position}`,
        content,
        publishedTitle: `Extra ${position}`,
        publishedContent: content,
        publishedAt: new Date(),
      })),
    });
    await db().courseItem.updateMany({ where: { courseId: course.courseId }, data: { publishAt: at("2026-03-05T09:00:00Z") } });
    await notifyUnlockedItems(at("2026-03-05T09:15:00Z"));
    await notifyUnlockedItems(at("2026-03-05T09:30:00Z"));
    expect(maxUnlocksPerLearnerPerRun).toBe(3);
    expect(await unlockedTitles(f.users.student.id, course.cohortId)).toEqual(["Now open: Observation log", "Now open: Planets quiz", "Now open: Welcome"]);
  });

  it("a publish date later than the drip release holds the item until then", async () => {
    const course = await cohortWith({ drip: weekly(), createdAt: "2026-02-20T10:00:00Z", studentJoinedAt: "2026-02-25T10:00:00Z" });
    // The quiz's drip release is 08 Mar 23:00 UTC; its publish date is two days later.
    await db().courseItem.update({ where: { id: course.quizId }, data: { publishAt: at("2026-03-11T06:00:00Z") } });
    await notifyUnlockedItems(at("2026-03-02T08:00:00Z"));
    await notifyUnlockedItems(at("2026-03-09T08:00:00Z"));
    expect(await unlockedTitles(f.users.student.id, course.cohortId)).toEqual(["Now open: Welcome"]);
    await notifyUnlockedItems(at("2026-03-11T06:15:00Z"));
    expect(await unlockedTitles(f.users.student.id, course.cohortId)).toEqual(["Now open: Welcome", "Now open: Planets quiz"]);
  });

  it("skips archived cohorts, cohorts with nothing to release, unpublished items and AI activities", async () => {
    const archived = await cohortWith({ drip: weekly(), createdAt: "2026-02-20T10:00:00Z", studentJoinedAt: "2026-02-25T10:00:00Z" });
    await db().cohort.update({ where: { id: archived.cohortId }, data: { archivedAt: at("2026-02-27T10:00:00Z") } });
    const open = await cohortWith({ drip: null, createdAt: "2026-02-20T10:00:00Z", studentJoinedAt: "2026-02-25T10:00:00Z" });

    const hidden = await cohortWith({ drip: weekly(), createdAt: "2026-02-20T10:00:00Z", studentJoinedAt: "2026-02-25T10:00:00Z" });
    const content = (kind: "lesson" | "ai_activity") => itemContentSchema.parse({ kind }) as Prisma.InputJsonValue;
    // Before the lesson in the module: a draft lesson and an AI activity, neither of which learners see.
    await db().courseItem.updateMany({ where: { moduleId: hidden.moduleId }, data: { position: { increment: 2 } } });
    const draft = await db().courseItem.create({
      data: { courseId: hidden.courseId, moduleId: hidden.moduleId, kind: "lesson", position: 0, title: "Draft", content: content("lesson") },
    });
    const activity = await db().courseItem.create({
      data: { courseId: hidden.courseId, moduleId: hidden.moduleId, kind: "ai_activity", position: 1, title: "Activity", content: content("ai_activity"), publishedTitle: "Activity", publishedContent: content("ai_activity"), publishedAt: new Date() },
    });
    expect((await dripOrderedItems(hidden.courseId)).map((i) => i.id)).toEqual([hidden.lessonId, hidden.quizId, hidden.assignmentId]);
    expect([draft.id, activity.id]).toHaveLength(2);

    await notifyUnlockedItems(at("2026-03-02T08:00:00Z"));
    expect(await unlockedTitles(f.users.student.id, archived.cohortId)).toEqual([]);
    expect(await markOf(archived.cohortId)).toBeNull();
    expect(await unlockedTitles(f.users.student.id, open.cohortId)).toEqual([]);
    expect(await markOf(open.cohortId)).toBeNull();
    // The drip order skips what learners do not see: the lesson is still first.
    expect(await unlockedTitles(f.users.student.id, hidden.cohortId)).toEqual(["Now open: Welcome"]);
  });

  it("does not announce releases from long ago (after an outage, or in an old cohort)", async () => {
    const course = await cohortWith({ drip: weekly(), startDate: "2026-02-02", createdAt: "2026-01-20T10:00:00Z", studentJoinedAt: "2026-01-25T10:00:00Z" });
    // Releases on 2, 9 and 16 February; the first run is on 2 March.
    await notifyUnlockedItems(at("2026-03-02T08:00:00Z"));
    expect(await unlockedTitles(f.users.student.id, course.cohortId)).toEqual([]);
    expect(await markOf(course.cohortId)).toEqual(at("2026-03-02T08:00:00Z"));
  });

  it("handles 600 learners x 50 items in one run, each learner notified once per release", async () => {
    const course = await cohortWith({ drip: { every: 1, unit: "day", anchor: "cohort_start" }, createdAt: "2026-02-20T10:00:00Z", studentJoinedAt: "2026-02-25T10:00:00Z" });
    const tag = randomBytes(3).toString("hex");
    const emails = Array.from({ length: 599 }, (_, i) => `bulk-${tag}-${i}@example.test`);
    await db().user.createMany({ data: emails.map((email, i) => ({ email, name: `Bulk ${i}` })) });
    const users = await db().user.findMany({ where: { email: { in: emails } }, select: { id: true } });
    await db().cohortMember.createMany({ data: users.map((u) => ({ cohortId: course.cohortId, userId: u.id, role: "learner" as const, joinedAt: at("2026-02-26T10:00:00Z") })) });
    const item = (position: number) => ({
      courseId: course.courseId,
      moduleId: course.moduleId,
      kind: "lesson" as const,
      position,
      title: `Day ${position}`,
      content: itemContentSchema.parse({ kind: "lesson" }) as Prisma.InputJsonValue,
      publishedTitle: `Day ${position}`,
      publishedContent: itemContentSchema.parse({ kind: "lesson" }) as Prisma.InputJsonValue,
      publishedAt: new Date(),
    });
    await db().courseItem.createMany({ data: Array.from({ length: 47 }, (_, i) => item(i + 3)) });

    // Day 0 to day 2 (2 to 4 March) open: Welcome, Planets quiz, Observation log.
    const started = Date.now();
    await notifyUnlockedItems(at("2026-03-04T08:00:00Z"));
    const elapsed = Date.now() - started;
    const count = (where: Prisma.NotificationWhereInput = {}) =>
      db().notification.count({ where: { type: "course.item_unlocked", data: { path: ["cohortId"], equals: course.cohortId }, ...where } });
    expect(await count()).toBe(600 * 3);
    expect(elapsed).toBeLessThan(20_000);

    // The next day: only "Day 3".
    await notifyUnlockedItems(at("2026-03-05T08:00:00Z"));
    expect(await count()).toBe(600 * 4);
    expect(await count({ title: "Now open: Day 3" })).toBe(600);
    expect(await count({ userId: f.users.student.id })).toBe(4);
  });
});
