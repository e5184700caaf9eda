import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import type { QuestionInput } from "@/lib/schemas/courses";
import { createCourseFixture } from "../../../tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "../../../tests/fixtures/org";
import { db } from "../../db";
import { LocalFileStorage } from "../../storage";
import {
  archiveCourse,
  createCourse,
  createItem,
  createModule,
  deleteItem,
  deleteModule,
  duplicateCourse,
  duplicateItem,
  getCourseOutline,
  getItemForEditing,
  importLessonsZip,
  listAuthoringUnits,
  listCourses,
  moveItem,
  moveModule,
  publishAllChanges,
  publishCourse,
  publishItem,
  readCourseAsset,
  renameModule,
  restoreCourse,
  setCourseCover,
  unpublishCourse,
  unpublishItem,
  updateCourse,
  updateItem,
} from "./authoring";

async function failure(promise: Promise<unknown>): Promise<{ code: AppErrorCode; message: string; fieldErrors: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors ?? {} };
    throw error;
  }
  throw new Error("Expected the call to fail, and it succeeded.");
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);

const singleChoice: QuestionInput = {
  id: "q1",
  kind: "single_choice",
  prompt: "2 + 2?",
  choices: [
    { id: "a", text: "4" },
    { id: "b", text: "5" },
  ],
  answerKey: { correctChoiceIds: ["a"] },
};

let f: OrgFixture;
let storageDir: string;
let files: LocalFileStorage;

beforeAll(async () => {
  f = await createOrgFixture("Authoring");
  storageDir = mkdtempSync(path.join(tmpdir(), "lyceum-authoring-"));
  files = new LocalFileStorage(storageDir);
});

afterAll(() => {
  rmSync(storageDir, { recursive: true, force: true });
});

async function newCourse(title = "Astronomy", actor = f.actors.teacher) {
  return createCourse(actor, { orgId: f.org.id, unitId: f.units.department.id, title, description: "Stars and planets." });
}

/** A course with one module holding a lesson, a quiz and an assignment, all drafts. */
async function outlinedCourse() {
  const course = await newCourse(`Outlined ${Math.random().toString(36).slice(2, 8)}`);
  const week1 = await createModule(f.actors.teacher, { courseId: course.id, title: "Week 1" });
  const lesson = await createItem(f.actors.teacher, { moduleId: week1.id, kind: "lesson", title: "Welcome" });
  const quiz = await createItem(f.actors.teacher, { moduleId: week1.id, kind: "quiz", title: "Check" });
  const assignment = await createItem(f.actors.teacher, { moduleId: week1.id, kind: "assignment", title: "Essay" });
  return { course, week1, lesson, quiz, assignment };
}

async function positions(courseId: string) {
  const outline = await getCourseOutline(f.actors.teacher, { courseId });
  return outline.modules.map((m) => ({ title: m.title, position: m.position, items: m.items.map((i) => [i.title, i.position]) }));
}

describe("courses", () => {
  it("lets a teacher of the School author in the Department below, and lists what they author", async () => {
    const course = await newCourse("Teacher's course");
    expect(course).toMatchObject({ status: "draft", unitName: "Department", coverUrl: null, moduleCount: 0 });
    const page = await listCourses(f.actors.teacher, { orgId: f.org.id });
    expect(page.items.map((c) => c.id)).toContain(course.id);
    const audit = await db().auditLog.findFirst({ where: { targetId: course.id, action: "course.created" } });
    expect(audit?.actorId).toBe(f.users.teacher.id);
  });

  it("offers only the units where the actor may create a course", async () => {
    const units = await listAuthoringUnits(f.actors.teacher, { orgId: f.org.id });
    expect(units.map((u) => u.id).sort()).toEqual([f.units.school.id, f.units.department.id].sort());
    expect(units.find((u) => u.id === f.units.department.id)?.label).toBe(`${f.units.root.name} › School › Department`);
    const all = await listAuthoringUnits(f.actors.rootAdmin, { orgId: f.org.id });
    expect(all).toHaveLength(4);
  });

  it("refuses students (forbidden) and other organisations (not_found), and creates nothing", async () => {
    const before = await db().course.count({ where: { orgId: f.org.id } });
    expect((await failure(newCourse("Nope", f.actors.student))).code).toBe("forbidden");
    expect((await failure(newCourse("Nope", f.actors.otherAdmin))).code).toBe("not_found");
    expect((await failure(listCourses(f.actors.student, { orgId: f.org.id }))).code).toBe("forbidden");
    expect((await failure(listCourses(f.actors.otherAdmin, { orgId: f.org.id }))).code).toBe("not_found");
    // The teacher holds no role in the Sibling School.
    const sibling = await failure(createCourse(f.actors.teacher, { orgId: f.org.id, unitId: f.units.sibling.id, title: "Elsewhere" }));
    expect(sibling.code).toBe("forbidden");
    const course = await newCourse("Owned");
    expect((await failure(getCourseOutline(f.actors.student, { courseId: course.id }))).code).toBe("forbidden");
    expect((await failure(getCourseOutline(f.actors.otherAdmin, { courseId: course.id }))).code).toBe("not_found");
    expect(await db().course.count({ where: { orgId: f.org.id } })).toBe(before + 1);
  });

  it("says what to fix for bad input and changes nothing", async () => {
    const before = await db().course.count({ where: { orgId: f.org.id } });
    const empty = await failure(createCourse(f.actors.teacher, { orgId: f.org.id, unitId: f.units.department.id, title: "   " }));
    expect(empty.code).toBe("invalid");
    expect(empty.fieldErrors.title).toEqual(["Give the course a title."]);
    expect(await db().course.count({ where: { orgId: f.org.id } })).toBe(before);

    const course = await newCourse("Keep me");
    const update = await failure(updateCourse(f.actors.teacher, { courseId: course.id, title: "x".repeat(201) }));
    expect(update.fieldErrors.title?.[0]).toMatch(/200 characters/);
    expect((await db().course.findUniqueOrThrow({ where: { id: course.id } })).title).toBe("Keep me");
  });

  it("pages, filters by status and searches by title", async () => {
    const other = await createOrgFixture("Paging");
    const make = (title: string) => createCourse(other.actors.teacher, { orgId: other.org.id, unitId: other.units.department.id, title });
    const a = await make("Algebra 100%");
    const b = await make("Biology");
    const c = await make("Chemistry");
    const first = await listCourses(other.actors.teacher, { orgId: other.org.id, take: 2 });
    expect(first.items.map((x) => x.id)).toEqual([c.id, b.id]);
    const second = await listCourses(other.actors.teacher, { orgId: other.org.id, take: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((x) => x.id)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();

    // "%" is a LIKE wildcard: searched literally.
    expect((await listCourses(other.actors.teacher, { orgId: other.org.id, query: "100%" })).items.map((x) => x.id)).toEqual([a.id]);
    expect((await listCourses(other.actors.teacher, { orgId: other.org.id, query: "BIO" })).items.map((x) => x.id)).toEqual([b.id]);

    await archiveCourse(other.actors.teacher, { courseId: b.id });
    expect((await listCourses(other.actors.teacher, { orgId: other.org.id, status: "archived" })).items.map((x) => x.id)).toEqual([b.id]);
    expect((await listCourses(other.actors.teacher, { orgId: other.org.id })).items.map((x) => x.id)).toEqual([c.id, a.id]);
    expect((await listCourses(other.actors.teacher, { orgId: other.org.id, status: "published" })).items).toEqual([]);
  });

  it("publishes a course only once it has a published item, and audits publish, unpublish and archive", async () => {
    const { course, lesson } = await outlinedCourse();
    const refused = await failure(publishCourse(f.actors.teacher, { courseId: course.id }));
    expect(refused.code).toBe("conflict");
    expect(refused.message).toMatch(/Publish at least one/);

    await updateItem(f.actors.teacher, { itemId: lesson.id, title: "Welcome", content: { kind: "lesson", markdown: "# Hello" } });
    await publishItem(f.actors.teacher, { itemId: lesson.id });
    expect((await publishCourse(f.actors.teacher, { courseId: course.id })).status).toBe("published");
    expect((await unpublishCourse(f.actors.teacher, { courseId: course.id })).status).toBe("draft");
    expect((await archiveCourse(f.actors.teacher, { courseId: course.id })).status).toBe("archived");

    const edit = await failure(updateCourse(f.actors.teacher, { courseId: course.id, title: "Changed" }));
    expect(edit.code).toBe("conflict");
    expect(edit.message).toMatch(/archived/);
    expect((await failure(createModule(f.actors.teacher, { courseId: course.id, title: "More" }))).code).toBe("conflict");
    expect((await restoreCourse(f.actors.teacher, { courseId: course.id })).status).toBe("draft");

    const actions = await db().auditLog.findMany({ where: { targetId: course.id }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["course.created", "course.published", "course.unpublished", "course.archived", "course.restored"]);
  });
});

describe("items: drafts and publishing", () => {
  it("starts items as drafts with empty content, and tracks draft / published / changed / scheduled", async () => {
    const { course, lesson, quiz } = await outlinedCourse();
    expect(lesson.content).toEqual({ kind: "lesson", markdown: "" });
    expect(quiz.content).toMatchObject({ kind: "quiz", mode: "practice", questions: [] });

    await updateItem(f.actors.teacher, { itemId: lesson.id, title: "Welcome!", content: { kind: "lesson", markdown: "Hello **world**" } });
    const published = await publishItem(f.actors.teacher, { itemId: lesson.id });
    expect(published.state).toBe("published");
    const row = await db().courseItem.findUniqueOrThrow({ where: { id: lesson.id } });
    expect(row.publishedTitle).toBe("Welcome!");
    expect(row.publishedContent).toEqual({ kind: "lesson", markdown: "Hello **world**" });

    const edited = await updateItem(f.actors.teacher, { itemId: lesson.id, title: "Welcome!", content: { kind: "lesson", markdown: "Hello again" } });
    expect(edited.state).toBe("changed");
    // Learners still see the published copy.
    expect((await db().courseItem.findUniqueOrThrow({ where: { id: lesson.id } })).publishedContent).toEqual({ kind: "lesson", markdown: "Hello **world**" });

    await publishItem(f.actors.teacher, { itemId: lesson.id });
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const scheduled = await updateItem(f.actors.teacher, { itemId: lesson.id, title: "Welcome!", content: { kind: "lesson", markdown: "Hello again" }, publishAt: later, unlockOffsetDays: 2 });
    // Only the schedule changed, so the draft is still the published one.
    expect(scheduled.state).toBe("scheduled");
    expect(scheduled.publishAt?.toISOString()).toBe(later);
    expect(scheduled.unlockOffsetDays).toBe(2);

    const unpublished = await unpublishItem(f.actors.teacher, { itemId: lesson.id });
    expect(unpublished.state).toBe("draft");
    expect((await db().courseItem.findUniqueOrThrow({ where: { id: lesson.id } })).publishedContent).toBeNull();

    const outline = await getCourseOutline(f.actors.teacher, { courseId: course.id });
    expect(outline.modules[0]?.items.map((i) => [i.title, i.state, i.questionCount])).toEqual([
      ["Welcome!", "draft", null],
      ["Check", "draft", 0],
      ["Essay", "draft", null],
    ]);
  });

  it("refuses to publish a quiz without questions or an empty lesson, with a message", async () => {
    const { quiz, lesson } = await outlinedCourse();
    const noQuestions = await failure(publishItem(f.actors.teacher, { itemId: quiz.id }));
    expect(noQuestions).toMatchObject({ code: "invalid", message: "Add at least one question before publishing this quiz." });
    expect((await failure(publishItem(f.actors.teacher, { itemId: lesson.id }))).message).toBe("Write the lesson before publishing it.");
    expect((await db().courseItem.findUniqueOrThrow({ where: { id: quiz.id } })).publishedAt).toBeNull();
  });

  it("points at the broken field of a quiz draft and keeps the saved draft", async () => {
    const { quiz } = await outlinedCourse();
    await updateItem(f.actors.teacher, { itemId: quiz.id, title: "Check", content: { kind: "quiz", questions: [singleChoice] } });
    const bad = await failure(
      updateItem(f.actors.teacher, {
        itemId: quiz.id,
        title: "Check",
        content: { kind: "quiz", questions: [{ ...singleChoice, choices: [{ id: "a", text: "4" }] }] },
      }),
    );
    expect(bad.code).toBe("invalid");
    expect(bad.fieldErrors["content.questions.0.choices"]).toEqual(["Add at least 2 choices."]);
    const kept = await getItemForEditing(f.actors.teacher, { itemId: quiz.id });
    expect(kept.content.kind === "quiz" && kept.content.questions[0]?.kind === "single_choice" && kept.content.questions[0].choices).toHaveLength(2);

    const kind = await failure(updateItem(f.actors.teacher, { itemId: quiz.id, title: "Check", content: { kind: "lesson", markdown: "x" } }));
    expect(kind.fieldErrors["content.kind"]?.[0]).toMatch(/cannot change/);
  });

  it("refuses a save based on a draft someone else has saved since", async () => {
    const { lesson } = await outlinedCourse();
    const base = lesson.draftUpdatedAt.toISOString();
    await updateItem(f.actors.teacher, { itemId: lesson.id, title: "Mine", content: { kind: "lesson", markdown: "first" }, baseDraftUpdatedAt: base });
    const stale = await failure(updateItem(f.actors.rootAdmin, { itemId: lesson.id, title: "Theirs", content: { kind: "lesson", markdown: "second" }, baseDraftUpdatedAt: base }));
    expect(stale.code).toBe("conflict");
    expect((await getItemForEditing(f.actors.teacher, { itemId: lesson.id })).title).toBe("Mine");
  });

  it("publishes every ready change at once and lists what it skipped", async () => {
    const { course, lesson, quiz, assignment } = await outlinedCourse();
    await updateItem(f.actors.teacher, { itemId: lesson.id, title: "Welcome", content: { kind: "lesson", markdown: "Hi" } });
    await updateItem(f.actors.teacher, { itemId: assignment.id, title: "Essay", content: { kind: "assignment", instructions: "Write 300 words." } });
    const result = await publishAllChanges(f.actors.teacher, { courseId: course.id });
    expect(result.published.map((p) => p.id).sort()).toEqual([lesson.id, assignment.id].sort());
    expect(result.skipped).toEqual([{ id: quiz.id, title: "Check", reason: "Add at least one question before publishing this quiz." }]);
    // Nothing left to publish but the quiz.
    expect((await publishAllChanges(f.actors.teacher, { courseId: course.id })).published).toEqual([]);
  });

  it("keeps drafts, including answer keys, from students and other organisations", async () => {
    const { quiz } = await outlinedCourse();
    expect((await failure(getItemForEditing(f.actors.student, { itemId: quiz.id }))).code).toBe("forbidden");
    expect((await failure(getItemForEditing(f.actors.facilitator, { itemId: quiz.id }))).code).toBe("forbidden");
    expect((await failure(getItemForEditing(f.actors.otherAdmin, { itemId: quiz.id }))).code).toBe("not_found");
    expect((await failure(publishItem(f.actors.student, { itemId: quiz.id }))).code).toBe("forbidden");
  });
});

describe("outline structure", () => {
  it("reorders items and modules in one go, keeping positions 0..n-1", async () => {
    const { course, week1, lesson, quiz, assignment } = await outlinedCourse();
    const week2 = await createModule(f.actors.teacher, { courseId: course.id, title: "Week 2" });
    expect(week2.position).toBe(1);

    await moveItem(f.actors.teacher, { itemId: assignment.id, moduleId: week1.id, position: 0 });
    expect(await positions(course.id)).toEqual([
      { title: "Week 1", position: 0, items: [["Essay", 0], ["Welcome", 1], ["Check", 2]] },
      { title: "Week 2", position: 1, items: [] },
    ]);

    // Into another module; a position past the end means "last".
    await moveItem(f.actors.teacher, { itemId: lesson.id, moduleId: week2.id, position: 99 });
    await moveItem(f.actors.teacher, { itemId: quiz.id, moduleId: week2.id, position: 0 });
    await moveModule(f.actors.teacher, { moduleId: week2.id, position: 0 });
    await renameModule(f.actors.teacher, { moduleId: week1.id, title: "Wrap-up" });
    expect(await positions(course.id)).toEqual([
      { title: "Week 2", position: 0, items: [["Check", 0], ["Welcome", 1]] },
      { title: "Wrap-up", position: 1, items: [["Essay", 0]] },
    ]);

    const copy = await duplicateItem(f.actors.teacher, { itemId: quiz.id });
    expect(copy.title).toBe("Copy of Check");
    await deleteItem(f.actors.teacher, { itemId: quiz.id });
    expect((await positions(course.id))[0]?.items).toEqual([["Copy of Check", 0], ["Welcome", 1]]);

    await deleteModule(f.actors.teacher, { moduleId: week2.id });
    expect(await positions(course.id)).toEqual([{ title: "Wrap-up", position: 0, items: [["Essay", 0]] }]);
  });

  it("refuses to move an item into another course's module", async () => {
    const one = await outlinedCourse();
    const two = await outlinedCourse();
    const moved = await failure(moveItem(f.actors.teacher, { itemId: one.lesson.id, moduleId: two.week1.id, position: 0 }));
    expect(moved.code).toBe("invalid");
    expect((await db().courseItem.findUniqueOrThrow({ where: { id: one.lesson.id } })).moduleId).toBe(one.week1.id);
  });

  it("keeps items and modules learners have worked on", async () => {
    const fixture = await createCourseFixture(f);
    await db().itemProgress.create({ data: { cohortId: fixture.cohortId, userId: f.users.student.id, itemId: fixture.lessonId, status: "completed", completedAt: new Date() } });
    const item = await failure(deleteItem(f.actors.teacher, { itemId: fixture.lessonId }));
    expect(item.code).toBe("conflict");
    expect(item.message).toMatch(/progress of 1 learner.*unpublish it/);
    const whole = await failure(deleteModule(f.actors.teacher, { moduleId: fixture.moduleId }));
    expect(whole.code).toBe("conflict");
    expect(await db().courseItem.count({ where: { moduleId: fixture.moduleId } })).toBe(3);
  });
});

describe("duplicating a course", () => {
  it("copies modules and item drafts into a new draft course, without cohorts or learner work", async () => {
    const fixture = await createCourseFixture(f);
    await db().courseItem.update({ where: { id: fixture.lessonId }, data: { title: "Welcome (draft)", content: { kind: "lesson", markdown: "New draft" }, draftUpdatedAt: new Date(Date.now() + 1000) } });
    await setCourseCover(f.actors.teacher, fixture.courseId, { name: "cover.png", bytes: png }, { storage: files });

    const copy = await duplicateCourse(f.actors.teacher, { courseId: fixture.courseId }, { storage: files });
    expect(copy).toMatchObject({ status: "draft", moduleCount: 1, itemCount: 3, cohortCount: 0 });
    expect(copy.title).toMatch(/^Copy of Fixture course/);
    expect(copy.coverUrl).toMatch(new RegExp(`^/api/course-assets/courses/${copy.id}/cover-`));

    const items = await db().courseItem.findMany({ where: { courseId: copy.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => [i.title, i.publishedAt, i.publishedContent])).toEqual([
      ["Welcome (draft)", null, null],
      ["Planets quiz", null, null],
      ["Observation log", null, null],
    ]);
    expect(items[0]?.content).toEqual({ kind: "lesson", markdown: "New draft" });
    expect(await db().cohort.count({ where: { courseId: copy.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { targetId: copy.id, action: "course.duplicated" } })).toBe(1);

    expect((await failure(duplicateCourse(f.actors.student, { courseId: fixture.courseId }))).code).toBe("forbidden");
  });
});

describe("files", () => {
  it("stores a cover, serves it to members of the organisation only, and refuses files that are not images", async () => {
    const course = await newCourse("Covered");
    const { coverUrl } = await setCourseCover(f.actors.teacher, course.id, { name: "cover.png", bytes: png }, { storage: files });
    const key = coverUrl.replace("/api/course-assets/", "");
    expect(key).toMatch(new RegExp(`^courses/${course.id}/cover-[0-9a-f-]{36}$`));
    expect((await readCourseAsset(f.actors.student, key, { storage: files })).contentType).toBe("image/png");
    expect((await failure(readCourseAsset(f.actors.otherAdmin, key, { storage: files }))).code).toBe("not_found");
    expect((await failure(readCourseAsset(f.actors.student, "assignments/x/y", { storage: files }))).code).toBe("not_found");

    const text = await failure(setCourseCover(f.actors.teacher, course.id, { name: "notes.png", bytes: strToU8("just text") }, { storage: files }));
    expect(text.code).toBe("invalid");
    expect(text.fieldErrors.file?.[0]).toMatch(/not a PNG, JPEG, GIF or WebP/);
    expect((await db().course.findUniqueOrThrow({ where: { id: course.id } })).coverKey).toBe(key);
  });

  it("imports a zip of Markdown lessons as modules and drafts, with images stored and links rewritten", async () => {
    const course = await newCourse("Imported");
    await createModule(f.actors.teacher, { courseId: course.id, title: "Existing" });
    const zip = zipSync({
      "01-intro/01-welcome.md": strToU8("# Welcome\n\nLook: ![Diagram](img/diagram.png)\n\nSee `img/diagram.png` in the folder."),
      "01-intro/img/diagram.png": png,
      "01-intro/img/unused.png": png,
      "02-basics/first-steps.md": strToU8("Some text\n\n![Missing](missing.png)"),
    });
    const result = await importLessonsZip(f.actors.teacher, course.id, zip, { storage: files });
    expect(result).toMatchObject({ modules: 2, lessons: 2, images: 1 });
    expect(result.warnings.join(" ")).toMatch(/missing\.png/);

    const outline = await getCourseOutline(f.actors.teacher, { courseId: course.id });
    expect(outline.modules.map((m) => [m.title, m.position, m.items.map((i) => [i.kind, i.title, i.state])])).toEqual([
      ["Existing", 0, []],
      ["Intro", 1, [["lesson", "Welcome", "draft"]]],
      ["Basics", 2, [["lesson", "First steps", "draft"]]],
    ]);
    const welcome = await getItemForEditing(f.actors.teacher, { itemId: outline.modules[1]?.items[0]?.id ?? "" });
    const markdown = welcome.content.kind === "lesson" ? welcome.content.markdown : "";
    const url = /!\[Diagram\]\((\/api\/course-assets\/(courses\/[^)]+))\)/.exec(markdown);
    expect(url?.[2]).toMatch(new RegExp(`^courses/${course.id}/assets/[0-9a-f-]{36}-diagram\\.png$`));
    // Text that merely mentions the path is left alone.
    expect(markdown).toContain("See `img/diagram.png` in the folder.");
    const stored = await readCourseAsset(f.actors.student, url?.[2] ?? "", { storage: files });
    expect(Array.from(stored.bytes)).toEqual(Array.from(png));
  });

  it("adds nothing from an archive it cannot use", async () => {
    const course = await newCourse("Not imported");
    const notZip = await failure(importLessonsZip(f.actors.teacher, course.id, strToU8("hello"), { storage: files }));
    expect(notZip.code).toBe("invalid");
    expect(notZip.message).toMatch(/not a zip archive/);
    const noLessons = await failure(importLessonsZip(f.actors.teacher, course.id, zipSync({ "a.png": png }), { storage: files }));
    expect(noLessons.message).toMatch(/no Markdown lessons/);
    expect(await db().courseModule.count({ where: { courseId: course.id } })).toBe(0);
    expect((await failure(importLessonsZip(f.actors.student, course.id, zipSync({ "a.md": strToU8("x") }), { storage: files }))).code).toBe("forbidden");
  });
});
