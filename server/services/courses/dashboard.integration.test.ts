import { beforeAll, describe, expect, it } from "vitest";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import { db, type Db } from "@/server/db";
import { createCourseFixture, type CourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { cohortDashboard, cohortHeader, type DashboardLearner } from "./dashboard";
import { completeOnVisit, recomputeQuizProgress } from "./progress";

/**
 * The cohort dashboard against PostgreSQL. Learners and their records are
 * written straight through Prisma and the progress module (the one write
 * path for progress), so a test can say "inactive for 10 days" or "failed
 * the quiz" without acting through the learning pages.
 */

const dayMs = 24 * 60 * 60 * 1000;
let f: OrgFixture;

beforeAll(async () => {
  f = await createOrgFixture("Dashboard");
});

async function expectError(promise: Promise<unknown>, code: AppErrorCode): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error) ? error.code : String(error)).toBe(code);
}

let learnerCount = 0;

/** A new learner in the cohort, joined `joinedDaysAgo` and last active `activeDaysAgo` (null = never). */
async function addLearner(c: CourseFixture, name: string, options: { joinedDaysAgo?: number; activeDaysAgo?: number | null } = {}): Promise<string> {
  learnerCount += 1;
  const now = Date.now();
  const user = await db().user.create({ data: { name, email: `dash-${f.suffix}-${learnerCount}@example.test` }, select: { id: true } });
  const active = options.activeDaysAgo ?? null;
  await db().cohortMember.create({
    data: {
      cohortId: c.cohortId,
      userId: user.id,
      role: "learner",
      joinedAt: new Date(now - (options.joinedDaysAgo ?? 20) * dayMs),
      lastActiveAt: active === null ? null : new Date(now - active * dayMs),
    },
  });
  return user.id;
}

async function openLesson(c: CourseFixture, userId: string): Promise<void> {
  await db().$transaction((tx) => completeOnVisit(tx, { cohortId: c.cohortId, userId, itemId: c.lessonId, at: new Date() }));
}

/** A graded attempt on the fixture quiz scoring `score` of 5 (pass mark 50%). */
async function gradedQuiz(c: CourseFixture, userId: string, score: number): Promise<void> {
  const number = (await db().quizAttempt.count({ where: { cohortId: c.cohortId, userId, itemId: c.quizId } })) + 1;
  await db().quizAttempt.create({
    data: { cohortId: c.cohortId, userId, itemId: c.quizId, number, mode: "practice", status: "graded", questions: [], submittedAt: new Date(), score, maxScore: 5, passPercent: 50, passed: score >= 2.5 },
  });
  await db().$transaction((tx) => recomputeQuizProgress(tx, { cohortId: c.cohortId, userId, itemId: c.quizId, at: new Date() }));
}

function byName(learners: DashboardLearner[], name: string): DashboardLearner {
  const found = learners.find((l) => l.name === name);
  if (!found) throw new Error(`No learner named ${name}`);
  return found;
}

describe("cohortDashboard", () => {
  it("is for the cohort's teachers and facilitators and the unit's teachers and admins", async () => {
    const c = await createCourseFixture(f);
    for (const actor of [f.actors.teacher, f.actors.facilitator, f.actors.schoolAdmin, f.actors.rootAdmin, f.actors.sysAdmin]) {
      expect((await cohortDashboard(actor, { cohortId: c.cohortId })).summary.learners).toBe(1);
    }
    await expectError(cohortDashboard(f.actors.student, { cohortId: c.cohortId }), "forbidden");
    await expectError(cohortDashboard(f.actors.otherAdmin, { cohortId: c.cohortId }), "not_found");
    await expectError(cohortDashboard(null, { cohortId: c.cohortId }), "unauthenticated");
    await expectError(cohortDashboard(f.actors.teacher, { cohortId: "missing" }), "not_found");

    expect(await cohortHeader(f.actors.student, { cohortId: c.cohortId })).toMatchObject({ isStaff: false, canReview: false, canManage: false });
    expect(await cohortHeader(f.actors.facilitator, { cohortId: c.cohortId })).toMatchObject({ isStaff: true, canReview: false, canManage: false });
    expect(await cohortHeader(f.actors.teacher, { cohortId: c.cohortId })).toMatchObject({ isStaff: true, canReview: true, canManage: true });
    await expectError(cohortHeader(f.actors.otherAdmin, { cohortId: c.cohortId }), "not_found");
  });

  it("flags learners inactive for the cohort's threshold or failing a quiz, with the reasons", async () => {
    const c = await createCourseFixture(f);
    await db().cohort.update({ where: { id: c.cohortId }, data: { atRiskAfterDays: 7 } });
    const active = await addLearner(c, "Ada Active", { activeDaysAgo: 1 });
    await addLearner(c, "Ivo Idle", { activeDaysAgo: 10 });
    await addLearner(c, "Nia New", { joinedDaysAgo: 2, activeDaysAgo: null });
    await addLearner(c, "Gus Ghost", { joinedDaysAgo: 9, activeDaysAgo: null });
    const failing = await addLearner(c, "Fay Failing", { activeDaysAgo: 0 });
    await gradedQuiz(c, failing, 1);
    await gradedQuiz(c, active, 1);
    await gradedQuiz(c, active, 4); // a later pass clears the failure

    const dash = await cohortDashboard(f.actors.teacher, { cohortId: c.cohortId });
    const learners = dash.items;
    expect(byName(learners, "Ivo Idle")).toMatchObject({ inactive: true, atRisk: true, reasons: ["inactive 10 days"], inactiveDays: 10 });
    expect(byName(learners, "Gus Ghost")).toMatchObject({ inactive: true, atRisk: true, reasons: ["no activity yet (9 days)"] });
    expect(byName(learners, "Fay Failing")).toMatchObject({ failing: 1, inactive: false, atRisk: true, reasons: ["failing 1 quiz"] });
    expect(byName(learners, "Ada Active")).toMatchObject({ failing: 0, atRisk: false, reasons: [], averageScore: 0.8 });
    expect(byName(learners, "Nia New")).toMatchObject({ atRisk: false, inactiveDays: 2 });

    // The fixture student joined just now: 6 learners in all.
    expect(dash.counts).toEqual({ all: 6, at_risk: 3, inactive: 2, failing: 1 });
    expect(dash.summary).toMatchObject({ learners: 6, atRisk: 3, activeLast7Days: 2 });

    const names = async (filter: "at_risk" | "inactive" | "failing") =>
      (await cohortDashboard(f.actors.facilitator, { cohortId: c.cohortId, filter })).items.map((l) => l.name);
    expect(await names("at_risk")).toEqual(["Fay Failing", "Gus Ghost", "Ivo Idle"]);
    expect(await names("inactive")).toEqual(["Gus Ghost", "Ivo Idle"]);
    expect(await names("failing")).toEqual(["Fay Failing"]);

    // A longer threshold: 10 days idle is at risk, 9 is not yet.
    await db().cohort.update({ where: { id: c.cohortId }, data: { atRiskAfterDays: 10 } });
    expect(await names("inactive")).toEqual(["Ivo Idle"]);
  });

  it("counts nobody as inactive before the cohort starts", async () => {
    const c = await createCourseFixture(f, { startDate: "2099-01-04" });
    await addLearner(c, "Early Bird", { joinedDaysAgo: 30, activeDaysAgo: null });
    const dash = await cohortDashboard(f.actors.teacher, { cohortId: c.cohortId });
    expect(byName(dash.items, "Early Bird")).toMatchObject({ inactive: false, inactiveDays: null, atRisk: false });
  });

  it("shows progress over the items open to each learner, and completion per item", async () => {
    // Weekly drip from each learner's join date: the lesson opens on joining, the quiz a week later, the assignment two.
    const c = await createCourseFixture(f, { drip: { every: 1, unit: "week", anchor: "join_date" }, startDate: "2026-01-05" });
    const veteran = await addLearner(c, "Vera Veteran", { joinedDaysAgo: 30, activeDaysAgo: 1 });
    const newcomer = await addLearner(c, "Nico Newcomer", { joinedDaysAgo: 1, activeDaysAgo: 1 });
    await openLesson(c, veteran);
    await openLesson(c, newcomer);
    await gradedQuiz(c, veteran, 5);

    const dash = await cohortDashboard(f.actors.teacher, { cohortId: c.cohortId });
    expect(byName(dash.items, "Vera Veteran")).toMatchObject({ completed: 2, available: 3, averageScore: 1 });
    expect(byName(dash.items, "Vera Veteran").progress).toBeCloseTo(2 / 3);
    expect(byName(dash.items, "Nico Newcomer")).toMatchObject({ completed: 1, available: 1, progress: 1 });
    expect(dash.itemCompletion.map((i) => [i.title, i.completed])).toEqual([
      ["Welcome", 2],
      ["Planets quiz", 1],
      ["Observation log", 0],
    ]);
    // 3 learners with the fixture student: 2 of 3 opened the lesson.
    expect(dash.itemCompletion[0]?.rate).toBeCloseTo(2 / 3);
    expect(dash.summary.averageCompletion).toBeCloseTo((2 / 3 + 1 + 0) / 3);
  });

  it("searches by name or email and pages through the learners in name order", async () => {
    const c = await createCourseFixture(f);
    for (const name of ["Eve", "bob", "Carol", "Dan", "Alice"]) await addLearner(c, `${name} Pager`, { activeDaysAgo: 1 });
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof cohortDashboard>> = await cohortDashboard(f.actors.teacher, { cohortId: c.cohortId, search: "pager", cursor, take: 2 });
      pages.push(page.items.map((l) => l.name));
      expect(page.matching).toBe(5);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([["Alice Pager", "bob Pager"], ["Carol Pager", "Dan Pager"], ["Eve Pager"]]);

    const byEmail = await cohortDashboard(f.actors.teacher, { cohortId: c.cohortId, search: f.users.student.email.toUpperCase() });
    expect(byEmail.items.map((l) => l.userId)).toEqual([f.users.student.id]);
    await expect(cohortDashboard(f.actors.teacher, { cohortId: c.cohortId, filter: "everyone" as never })).rejects.toThrow(/Choose a filter/);
  });

  it("reads the same number of queries for 5 learners as for 40", async () => {
    let queries = 0;
    const counting = db().$extends({
      query: {
        async $allOperations({ args, query }) {
          queries += 1;
          return query(args);
        },
      },
    }) as unknown as Db;
    const c = await createCourseFixture(f);
    const seed = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const id = await addLearner(c, `Crowd ${learnerCount}`, { activeDaysAgo: i % 12 });
        if (i % 2) await openLesson(c, id);
        if (i % 3 === 0) await gradedQuiz(c, id, i % 2 ? 1 : 4);
      }
    };
    await seed(4);
    await cohortDashboard(f.actors.teacher, { cohortId: c.cohortId }, counting);
    const small = queries;
    await seed(35);
    queries = 0;
    const dash = await cohortDashboard(f.actors.teacher, { cohortId: c.cohortId, filter: "at_risk" }, counting);
    expect(dash.summary.learners).toBe(40);
    expect(queries).toBe(small);
    expect(small).toBeGreaterThanOrEqual(4);
    expect(small).toBeLessThanOrEqual(8);
  });

  it("answers for 500 learners and 50 items in one pass, fast", async () => {
    const c = await createCourseFixture(f);
    const items = await db().courseItem.createManyAndReturn({
      data: Array.from({ length: 47 }, (_, i) => ({
        courseId: c.courseId,
        moduleId: c.moduleId,
        kind: "lesson" as const,
        position: 3 + i,
        title: `Lesson ${i}`,
        content: { kind: "lesson", markdown: "" },
        publishedTitle: `Lesson ${i}`,
        publishedContent: { kind: "lesson", markdown: "" },
        publishedAt: new Date(),
      })),
      select: { id: true },
    });
    const users = await db().user.createManyAndReturn({
      data: Array.from({ length: 500 }, (_, i) => ({ name: `Bulk ${i}`, email: `bulk-${f.suffix}-${i}@example.test` })),
      select: { id: true },
    });
    await db().cohortMember.createMany({
      data: users.map((u, i) => ({ cohortId: c.cohortId, userId: u.id, role: "learner" as const, lastActiveAt: new Date(Date.now() - (i % 20) * dayMs) })),
    });
    await db().itemProgress.createMany({
      data: users.flatMap((u, i) => items.slice(0, i % 48).map((item) => ({ cohortId: c.cohortId, userId: u.id, itemId: item.id, status: "completed" as const, completedAt: new Date() }))),
    });
    const started = performance.now();
    const dash = await cohortDashboard(f.actors.teacher, { cohortId: c.cohortId, filter: "at_risk" });
    const elapsed = performance.now() - started;

    expect(dash.summary.learners).toBe(501);
    expect(dash.itemCompletion).toHaveLength(50);
    expect(dash.items).toHaveLength(50);
    // Generous for a shared CI machine: about 100 ms warm, a few hundred cold.
    expect(elapsed).toBeLessThan(2000);
  });
});
