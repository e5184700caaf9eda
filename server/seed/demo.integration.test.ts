import { beforeAll, describe, expect, it, vi } from "vitest";
import { itemContentSchema } from "@/lib/schemas/course-content";
import { questionKinds } from "@/lib/schemas/courses";
import { isoWeekday, parseLocalDate } from "@/lib/time-zone";
import { loadActor, type Actor } from "../auth/actor";
import { appNow } from "../clock";
import { db } from "../db";
import { cohortDashboard } from "../services/courses/dashboard";
import { getCourseHome } from "../services/courses/learning";
import { reviewQueue } from "../services/courses/review";
import { demoAccounts, demoLearners, demoOrgName, seedDemo } from "./demo";
import { demoFacilitators, demoMeetingWeeks, demoWeeks } from "./demo-availability";
import { demoCourse, demoModules } from "./demo-course";
import { demoCohortName, demoCohortStartDate, demoCohortTimeZone } from "./demo-learning";

/**
 * The demo a new install meets, seeded on the integration database: the
 * course, its cohort and learners as the teacher and the student see them
 * through the services. This is the only test that seeds the demo on the
 * shared database (server/database/embedded.integration.test.ts seeds its own
 * PGlite), so the demo's fixed addresses cannot collide.
 */

const email = (label: string) => demoAccounts.find((a) => a.label === label)!.email;

let orgId: string;
let logged: string[];

async function actorByEmail(address: string): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { email: address }, select: { id: true } });
  const actor = await loadActor(db(), user.id);
  if (!actor) throw new Error(`No actor for ${address}`);
  return actor;
}

async function demoCohort() {
  return db().cohort.findFirstOrThrow({
    where: { orgId, name: demoCohortName },
    select: { id: true, startDate: true, timeZone: true, drip: true, atRiskAfterDays: true, inviteTokenHash: true, courseId: true },
  });
}

/** Rows the demo owns, counted within its organisation (other test files share the database). */
async function demoCounts() {
  const inOrg = { orgId };
  const inCohort = { cohort: { orgId } };
  return {
    users: await db().user.count({ where: { email: { endsWith: "@demo.lyceum.dev" } } }),
    courses: await db().course.count({ where: inOrg }),
    items: await db().courseItem.count({ where: { course: inOrg } }),
    cohorts: await db().cohort.count({ where: inOrg }),
    members: await db().cohortMember.count({ where: inCohort }),
    progress: await db().itemProgress.count({ where: inCohort }),
    attempts: await db().quizAttempt.count({ where: inCohort }),
    submissions: await db().assignmentSubmission.count({ where: inCohort }),
    activity: await db().learningActivity.count({ where: inCohort }),
    availability: await db().cohortAvailability.count({ where: inCohort }),
    audit: await db().auditLog.count({ where: inOrg }),
  };
}

beforeAll(async () => {
  logged = [];
  const record = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
  const spies = (["log", "info", "warn", "error"] as const).map((level) => vi.spyOn(console, level).mockImplementation(record));
  try {
    expect((await seedDemo()).created).toBe(true);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  orgId = (await db().organization.findFirstOrThrow({ where: { name: demoOrgName }, select: { id: true } })).id;
}, 60_000);

describe("the demo course", () => {
  it("is published with every module and item, and its quizzes use every question type", async () => {
    const course = await db().course.findFirstOrThrow({
      where: { orgId, title: demoCourse.title },
      select: {
        publishedAt: true,
        unit: { select: { name: true } },
        modules: { orderBy: { position: "asc" }, select: { title: true, items: { orderBy: { position: "asc" }, select: { title: true, publishedTitle: true, publishedAt: true, draftUpdatedAt: true, publishedContent: true } } } },
      },
    });
    expect(course.publishedAt).not.toBeNull();
    expect(course.unit.name).toBe("Cohort 2026 · Physics");
    expect(course.modules.length).toBeGreaterThanOrEqual(3);
    expect(course.modules.map((m) => m.title)).toEqual(demoModules.map((m) => m.title));
    const items = course.modules.flatMap((m) => m.items);
    expect(items.map((i) => i.publishedTitle)).toEqual(demoModules.flatMap((m) => m.items.map((i) => i.title)));
    for (const item of items) {
      expect(item.publishedAt, item.title).not.toBeNull();
      // Nothing left unpublished in the draft.
      expect(item.draftUpdatedAt.getTime(), item.title).toBeLessThanOrEqual(item.publishedAt!.getTime());
    }
    const kinds = new Set(
      items.flatMap((i) => {
        const content = itemContentSchema.parse(i.publishedContent);
        return content.kind === "quiz" ? content.questions.map((q) => q.kind) : [];
      }),
    );
    expect([...kinds].sort()).toEqual([...questionKinds].sort());
  });
});

describe("the demo cohort", () => {
  it("runs a weekly drip from a Monday 7 to 13 days ago, with its teacher, facilitator and join link", async () => {
    const cohort = await demoCohort();
    expect(cohort).toMatchObject({ timeZone: demoCohortTimeZone, drip: { every: 1, unit: "week", anchor: "cohort_start" } });
    expect(cohort.inviteTokenHash).not.toBeNull();
    const start = parseLocalDate(cohort.startDate)!;
    expect(isoWeekday(start.year, start.month, start.day)).toBe(1);
    expect(cohort.startDate).toBe(demoCohortStartDate(await appNow(), demoCohortTimeZone));

    const members = await db().cohortMember.findMany({ where: { cohortId: cohort.id }, select: { role: true, user: { select: { email: true } } } });
    const roleOf = (address: string) => members.find((m) => m.user.email === address)?.role;
    expect(roleOf(email("Teacher"))).toBe("teacher");
    expect(roleOf(email("Facilitator"))).toBe("facilitator");
    expect(roleOf(email("Student"))).toBe("learner");
    for (const learner of demoLearners) expect(roleOf(learner.email), learner.email).toBe("learner");
  });

  it("meets weekly from next Monday, and its learners and facilitators gave availability in their own zones (not the demo student)", async () => {
    const cohort = await db().cohort.findFirstOrThrow({ where: { orgId, name: demoCohortName }, select: { id: true, meetingsStartDate: true, meetingWeeks: true } });
    expect(cohort.meetingWeeks).toBe(demoMeetingWeeks);
    const start = parseLocalDate(cohort.meetingsStartDate ?? "")!;
    expect(isoWeekday(start.year, start.month, start.day)).toBe(1);
    const rows = await db().cohortAvailability.findMany({ where: { cohortId: cohort.id }, select: { role: true, timeZone: true, intervals: true, user: { select: { email: true } } } });
    expect(rows.map((r) => r.user.email).sort()).toEqual(demoWeeks.map((w) => w.email).sort());
    expect(rows.map((r) => r.user.email)).not.toContain(email("Student"));
    expect(new Set(rows.map((r) => r.timeZone)).size).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => r.role === "facilitator")).toHaveLength(demoFacilitators.length + 1);
    for (const row of rows) expect((row.intervals as unknown[]).length, row.user.email).toBeGreaterThan(0);
    const members = await db().cohortMember.findMany({ where: { cohortId: cohort.id, user: { email: { in: demoFacilitators.map((a) => a.email) } } }, select: { role: true } });
    expect(members.map((m) => m.role)).toEqual(["facilitator", "facilitator"]);
  });

  it("never printed the join link's secret", () => {
    expect(logged.filter((line) => line.includes("/join/"))).toEqual([]);
  });

  it("shows the student a course with progress, weeks 1 and 2 open and week 3 locked with its date", async () => {
    const cohort = await demoCohort();
    const home = await getCourseHome(await actorByEmail(email("Student")), { cohortId: cohort.id });
    expect(home.progress.completed).toBeGreaterThanOrEqual(2);
    expect(home.continueItem).not.toBeNull();
    expect(home.streak?.current).toBeGreaterThanOrEqual(1);

    const [week1, week2, week3] = home.modules;
    for (const item of [...week1!.items, ...week2!.items]) expect(item.locked, item.title).toBe(false);
    const now = await appNow();
    for (const item of week3!.items) {
      expect(item.locked, item.title).toBe(true);
      expect(item.unlocksAt!.getTime(), item.title).toBeGreaterThan(now.getTime());
      expect(item.heldBy).toBe("drip");
    }
    const statuses = new Map(week1!.items.map((i) => [i.title, i.status]));
    expect(statuses.get("Position, distance and displacement")).toBe("completed");
    expect(statuses.get("Speed and velocity")).toBe("completed");
    expect(statuses.get("Practice: describing motion")).toBe("started");
  });

  it("shows the teacher every learner on the dashboard, some at risk, and work to review", async () => {
    const cohort = await demoCohort();
    const teacher = await actorByEmail(email("Teacher"));
    const dashboard = await cohortDashboard(teacher, { cohortId: cohort.id });
    expect(dashboard.summary.learners).toBe(demoLearners.length + 1);
    expect(dashboard.items.map((l) => l.email)).toContain(email("Student"));

    const byName = new Map(dashboard.items.map((l) => [l.name, l]));
    expect(dashboard.summary.atRisk).toBeGreaterThanOrEqual(1);
    expect(byName.get("Mateo García")?.reasons.join()).toMatch(/no activity yet/);
    expect(byName.get("Priya Sharma")?.reasons.join()).toMatch(/inactive 6 days/);
    expect(byName.get("Kenji Watanabe")?.reasons.join()).toMatch(/failing 1 quiz/);
    expect(byName.get("Chloé Dubois")?.atRisk).toBe(false);
    expect(byName.get("Amara Okafor")).toMatchObject({ atRisk: false, progress: 1 });

    // Code answers and a lab write-up wait for the teacher; the written answers join them once the grading workflow runs.
    expect(dashboard.summary.pendingReviews).toBeGreaterThanOrEqual(3);
    const reviewed = await reviewQueue(teacher, { cohortId: cohort.id, status: "reviewed" });
    expect(reviewed.items.map((e) => e.learner.name)).toEqual(["Amara Okafor", "Amara Okafor", "Amara Okafor"]);
  });
});

describe("seeding again", () => {
  it("changes nothing", async () => {
    const before = await demoCounts();
    expect(before.users).toBe(demoAccounts.length + demoLearners.length + demoFacilitators.length);
    expect(await seedDemo()).toMatchObject({ created: false });
    expect(await demoCounts()).toEqual(before);
  });
});
