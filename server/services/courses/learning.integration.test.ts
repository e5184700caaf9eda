import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDateAt } from "@/lib/time-zone";
import { itemContentSchema, type ItemContentInput } from "@/lib/schemas/course-content";
import { createCourseFixture, type CourseFixture } from "../../../tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "../../../tests/fixtures/org";
import { db, setDb } from "../../db";
import { PrismaClient, type Prisma } from "../../generated/prisma/client";
import { LocalFileStorage } from "../../storage";
import { getCourseHome, getLearnerItem, getSubmissionFile, submitAssignment, submitAssignmentUpload } from "./learning";

/**
 * The learner's course home and item pages against PostgreSQL: what is
 * visible, drip locks with their dates, progress and "continue", the streak,
 * view-as-learner (which records nothing), assignment hand-ins (text and a
 * file through the local store) and the constant number of queries of the
 * course home.
 */

let f: OrgFixture;

beforeAll(async () => {
  f = await createOrgFixture("Learning");
});

async function addItem(
  c: Pick<CourseFixture, "courseId" | "moduleId">,
  kind: "lesson" | "quiz" | "assignment" | "ai_activity",
  title: string,
  body: ItemContentInput,
  extra: Partial<Prisma.CourseItemUncheckedCreateInput> & { unpublished?: boolean } = {},
): Promise<string> {
  const { unpublished, ...rest } = extra;
  const content = itemContentSchema.parse(body) as Prisma.InputJsonValue;
  const position = await db().courseItem.count({ where: { moduleId: c.moduleId } });
  const row = await db().courseItem.create({
    data: {
      courseId: c.courseId,
      moduleId: c.moduleId,
      kind,
      position,
      title,
      content,
      ...(unpublished ? {} : { publishedTitle: title, publishedContent: content, publishedAt: new Date() }),
      ...rest,
    },
    select: { id: true },
  });
  return row.id;
}

const todayInBrussels = () => localDateAt(new Date(), "Europe/Brussels");

describe("getCourseHome", () => {
  it("shows published items only, in order, with progress and where to continue", async () => {
    const c = await createCourseFixture(f);
    await addItem(c, "lesson", "Draft lesson", { kind: "lesson", markdown: "Not yet." }, { unpublished: true });
    await addItem(c, "ai_activity", "AI activity", { kind: "ai_activity" });

    const home = await getCourseHome(f.actors.student, { cohortId: c.cohortId });
    expect(home.preview).toBe(false);
    expect(home.modules.flatMap((m) => m.items.map((i) => i.title))).toEqual(["Welcome", "Planets quiz", "Observation log"]);
    expect(home.progress).toEqual({ completed: 0, available: 3, total: 3, percent: 0 });
    expect(home.continueItem).toMatchObject({ id: c.lessonId, resume: false });
    expect(home.streak).toMatchObject({ current: 0, activeToday: false });

    // Opening the lesson completes it, counts for today's streak and moves "continue" on.
    await getLearnerItem(f.actors.student, { cohortId: c.cohortId, itemId: c.lessonId });
    await getLearnerItem(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId });
    const after = await getCourseHome(f.actors.student, { cohortId: c.cohortId });
    expect(after.modules[0]?.items.map((i) => i.status)).toEqual(["completed", "not_started", "not_started"]);
    expect(after.progress).toMatchObject({ completed: 1, percent: 33 });
    expect(after.continueItem).toMatchObject({ id: c.assignmentId, resume: true });
    expect(after.streak).toMatchObject({ current: 1, activeToday: true });
  });

  it("shows nothing of a course that is not published", async () => {
    const c = await createCourseFixture(f);
    await db().course.update({ where: { id: c.courseId }, data: { publishedAt: null } });
    const home = await getCourseHome(f.actors.student, { cohortId: c.cohortId });
    expect(home.course.published).toBe(false);
    expect(home.modules).toEqual([]);
    await expect(getLearnerItem(f.actors.student, { cohortId: c.cohortId, itemId: c.lessonId })).rejects.toMatchObject({ code: "not_found" });
  });

  it("locks drip items until their date, and refuses to open them with that date", async () => {
    const c = await createCourseFixture(f, { drip: { every: 1, unit: "week", anchor: "cohort_start" }, startDate: todayInBrussels() });
    const home = await getCourseHome(f.actors.student, { cohortId: c.cohortId });
    const [lesson, quiz, assignment] = home.modules[0]?.items ?? [];
    expect(lesson?.locked).toBe(false);
    expect(quiz).toMatchObject({ locked: true, heldBy: "drip" });
    expect(assignment?.locked).toBe(true);
    expect(assignment!.unlocksAt!.getTime() - quiz!.unlocksAt!.getTime()).toBeGreaterThanOrEqual(6.9 * 24 * 3600 * 1000);
    expect(home.progress).toMatchObject({ available: 1, total: 3 });

    const refused = getLearnerItem(f.actors.student, { cohortId: c.cohortId, itemId: c.quizId });
    await expect(refused).rejects.toMatchObject({ code: "forbidden" });
    await expect(refused).rejects.toThrow(/locked until \w{3} \d{1,2} \w{3} \d{4}, 2[23]:00 \(UTC\)/); // midnight in Brussels, told in the learner's zone
    await expect(submitAssignment(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId, text: "Early" })).rejects.toMatchObject({ code: "forbidden" });

    // A scheduled publish date also locks, whatever the drip says.
    const later = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    await db().courseItem.update({ where: { id: c.lessonId }, data: { publishAt: later } });
    const scheduled = await getCourseHome(f.actors.student, { cohortId: c.cohortId });
    expect(scheduled.modules[0]?.items[0]).toMatchObject({ locked: true, heldBy: "publish_date", unlocksAt: later });
    expect(scheduled.continueItem).toBeNull();
  });

  it("hides exam scores on the home page until the teacher releases them", async () => {
    const c = await createCourseFixture(f);
    const examId = await addItem(c, "quiz", "Final exam", { kind: "quiz", mode: "exam", questions: [] });
    await db().itemProgress.create({ data: { cohortId: c.cohortId, userId: f.users.student.id, itemId: examId, status: "completed", bestScore: 0.8, passed: true } });
    await db().quizAttempt.create({
      data: { cohortId: c.cohortId, userId: f.users.student.id, itemId: examId, number: 1, mode: "exam", status: "graded", questions: [], submittedAt: new Date(), score: 8, maxScore: 10, passPercent: 60, passed: true },
    });
    const hidden = (await getCourseHome(f.actors.student, { cohortId: c.cohortId })).modules[0]?.items.find((i) => i.id === examId);
    expect(hidden).toMatchObject({ status: "submitted", scorePercent: null, passed: null, resultsHidden: true });

    await db().courseItem.update({ where: { id: examId }, data: { feedbackReleasedAt: new Date() } });
    const released = (await getCourseHome(f.actors.student, { cohortId: c.cohortId })).modules[0]?.items.find((i) => i.id === examId);
    expect(released).toMatchObject({ status: "completed", scorePercent: 80, passed: true, resultsHidden: false });
  });

  it("lets teachers and facilitators view as a learner, records nothing, and keeps everyone else out", async () => {
    const c = await createCourseFixture(f);
    const before = await db().itemProgress.count({ where: { cohortId: c.cohortId } });
    for (const actor of [f.actors.teacher, f.actors.facilitator, f.actors.rootAdmin]) {
      const home = await getCourseHome(actor, { cohortId: c.cohortId, preview: true });
      expect(home).toMatchObject({ preview: true, streak: null });
      const lesson = await getLearnerItem(actor, { cohortId: c.cohortId, itemId: c.lessonId, preview: true });
      expect(lesson.body).toMatchObject({ kind: "lesson" });
      const quiz = await getLearnerItem(actor, { cohortId: c.cohortId, itemId: c.quizId, preview: true });
      expect(quiz.body).toMatchObject({ kind: "quiz", startBlock: { reason: "preview" } });
    }
    expect(await db().itemProgress.count({ where: { cohortId: c.cohortId } })).toBe(before);
    expect(await db().cohortMember.findFirst({ where: { cohortId: c.cohortId, userId: f.users.facilitator.id }, select: { lastItemId: true } })).toEqual({ lastItemId: null });

    // Learners may not preview (an exam's questions would show before the attempt); teachers must preview.
    await expect(getCourseHome(f.actors.student, { cohortId: c.cohortId, preview: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getCourseHome(f.actors.teacher, { cohortId: c.cohortId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getCourseHome(f.actors.otherAdmin, { cohortId: c.cohortId, preview: true })).rejects.toMatchObject({ code: "not_found" });
    const outsider = await f.addMember(f.units.department, "student", "Outsider");
    await expect(getCourseHome(outsider.actor, { cohortId: c.cohortId })).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps an ended cohort readable but records nothing more in it", async () => {
    const c = await createCourseFixture(f);
    await db().cohort.update({ where: { id: c.cohortId }, data: { archivedAt: new Date() } });
    const home = await getCourseHome(f.actors.student, { cohortId: c.cohortId });
    expect(home.cohort.readOnly).toBe(true);
    const lesson = await getLearnerItem(f.actors.student, { cohortId: c.cohortId, itemId: c.lessonId });
    expect(lesson.item.status).toBe("not_started");
    expect(await db().itemProgress.count({ where: { cohortId: c.cohortId } })).toBe(0);
    const assignment = await getLearnerItem(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId });
    expect(assignment.body).toMatchObject({ submitBlock: expect.stringContaining("ended") });
    await expect(submitAssignment(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId, text: "Late" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("previews locked items, which learners cannot open", async () => {
    const c = await createCourseFixture(f, { drip: { every: 1, unit: "week", anchor: "cohort_start" }, startDate: todayInBrussels() });
    const item = await getLearnerItem(f.actors.teacher, { cohortId: c.cohortId, itemId: c.assignmentId, preview: true });
    expect(item.item.locked).toBe(true);
    expect(item.body).toMatchObject({ kind: "assignment", submitBlock: expect.stringContaining("Previewing") });
  });

  it("uses the same number of queries for a course of 5 items as for one of 30", async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set for the integration tests.");
    const counting = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }), log: [{ emit: "event", level: "query" }] });
    let queries = 0;
    counting.$on("query", () => {
      queries += 1;
    });
    const original = db();

    async function countFor(items: number): Promise<number> {
      const c = await createCourseFixture(f, { drip: { every: 1, unit: "day", anchor: "join_date" }, startDate: "2026-01-05" });
      for (let i = 3; i < items; i += 1) {
        const kind = i % 3 === 0 ? "lesson" : i % 3 === 1 ? "quiz" : "assignment";
        const body: ItemContentInput = kind === "lesson" ? { kind, markdown: `Lesson ${i}` } : kind === "quiz" ? { kind, mode: i % 2 ? "exam" : "practice" } : { kind };
        const itemId = await addItem(c, kind, `Item ${i}`, body);
        await db().itemProgress.create({ data: { cohortId: c.cohortId, userId: f.users.student.id, itemId, status: "completed", bestScore: kind === "lesson" ? null : 0.5 } });
      }
      // Other learners' records must not count either.
      for (let j = 0; j < items / 5; j += 1) {
        const other = await f.addMember(f.units.department, "student", "Crowd");
        await db().cohortMember.create({ data: { cohortId: c.cohortId, userId: other.user.id, role: "learner" } });
      }
      setDb(counting);
      try {
        queries = 0;
        const home = await getCourseHome(f.actors.student, { cohortId: c.cohortId });
        expect(home.progress.total).toBe(items);
        return queries;
      } finally {
        setDb(original);
      }
    }

    try {
      const small = await countFor(5);
      const large = await countFor(30);
      expect(large).toBe(small);
      expect(small).toBeLessThanOrEqual(12);
    } finally {
      setDb(original);
      await counting.$disconnect();
    }
  });
});

describe("assignments", () => {
  let dir: string;
  let store: LocalFileStorage;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "lyceum-learning-"));
    store = new LocalFileStorage(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = (name: string, text: string, type = "text/plain") => {
    const bytes = new TextEncoder().encode(text);
    return { name, type, size: bytes.byteLength, bytes };
  };

  it("numbers each hand-in, completes the item and leaves the score to a reviewer", async () => {
    const c = await createCourseFixture(f);
    const first = await submitAssignment(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId, text: "Day 1: a crescent." });
    const second = await submitAssignment(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId, text: "Day 2: waxing." });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(second).toMatchObject({ status: "submitted", score: null, maxScore: 10, file: null });
    const progress = await db().itemProgress.findUniqueOrThrow({ where: { cohortId_userId_itemId: { cohortId: c.cohortId, userId: f.users.student.id, itemId: c.assignmentId } } });
    expect(progress).toMatchObject({ status: "completed", bestScore: null });

    const page = await getLearnerItem(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId });
    expect(page.body).toMatchObject({ kind: "assignment", submissionCount: 2, submitBlock: null });
    if (page.body.kind !== "assignment") throw new Error("not an assignment");
    expect(page.body.submissions.map((s) => s.number)).toEqual([2, 1]);
  });

  it("refuses what the assignment does not take, and stores nothing", async () => {
    const c = await createCourseFixture(f);
    const textOnly = await addItem(c, "assignment", "Essay", { kind: "assignment", submission: "text", maxPoints: 5 });
    const fileOnly = await addItem(c, "assignment", "Upload", { kind: "assignment", submission: "file", maxPoints: 5 });
    await expect(submitAssignmentUpload(f.actors.student, { cohortId: c.cohortId, itemId: textOnly, file: file("notes.txt", "hi") }, { storage: store })).rejects.toThrow(
      /takes a written answer, not a file/,
    );
    await expect(submitAssignment(f.actors.student, { cohortId: c.cohortId, itemId: fileOnly, text: "Here it is" })).rejects.toThrow(/takes a file/);
    await expect(submitAssignment(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId, text: "   " })).rejects.toThrow(/Write your answer or choose a file/);
    await expect(submitAssignmentUpload(f.actors.student, { cohortId: c.cohortId, itemId: fileOnly, file: file("virus.exe", "MZ", "application/x-msdownload") }, { storage: store })).rejects.toThrow(
      /cannot be uploaded/,
    );
    await expect(submitAssignmentUpload(f.actors.student, { cohortId: c.cohortId, itemId: fileOnly, file: file("empty.txt", "") }, { storage: store })).rejects.toThrow(/is empty/);
    expect(await db().assignmentSubmission.count({ where: { cohortId: c.cohortId } })).toBe(0);
    // Teachers preview; they do not hand in.
    await expect(submitAssignment(f.actors.teacher, { cohortId: c.cohortId, itemId: textOnly, text: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("stores an uploaded file and serves it to the learner and the cohort's staff only", async () => {
    const c = await createCourseFixture(f);
    const sent = await submitAssignmentUpload(
      f.actors.student,
      { cohortId: c.cohortId, itemId: c.assignmentId, text: "My log is attached.", file: file("C:\\Users\\me\\moon log.md", "# Moon\n\nFull on Friday.", "") },
      { storage: store },
    );
    expect(sent).toMatchObject({ number: 1, text: "My log is attached.", file: { name: "moon log.md", type: "text/markdown", url: `/api/submissions/${sent.id}/file` } });
    const row = await db().assignmentSubmission.findUniqueOrThrow({ where: { id: sent.id }, select: { fileKey: true } });
    expect(row.fileKey).toMatch(new RegExp(`^assignments/${c.cohortId}/${f.users.student.id}/[0-9a-f-]{36}$`));

    for (const actor of [f.actors.student, f.actors.teacher, f.actors.facilitator, f.actors.rootAdmin, f.actors.sysAdmin]) {
      const got = await getSubmissionFile(actor, { submissionId: sent.id }, { storage: store });
      expect(got.name).toBe("moon log.md");
      expect(got.contentType).toBe("text/markdown");
      expect(new TextDecoder().decode(got.bytes)).toBe("# Moon\n\nFull on Friday.");
    }
    const classmate = await f.addMember(f.units.department, "student", "Classmate");
    await db().cohortMember.create({ data: { cohortId: c.cohortId, userId: classmate.user.id, role: "learner" } });
    for (const actor of [classmate.actor, f.actors.otherAdmin]) {
      await expect(getSubmissionFile(actor, { submissionId: sent.id }, { storage: store })).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(getSubmissionFile(null, { submissionId: sent.id }, { storage: store })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
