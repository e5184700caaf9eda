import { randomBytes } from "node:crypto";
import {
  archiveCourse,
  createCourse,
  createItem,
  createModule,
  publishCourse,
  publishItem,
  updateItem,
} from "../../server/services/courses/authoring";
import { oncePerFixture, type OrgFixture } from "../fixtures/org";
import type { Caller, MatrixEntry } from "../permission-matrix";

/**
 * Rows of the permission matrix for the courses procedures (merged into
 * procedureMatrix). Courses sit in the fixture's Department: its teacher (at
 * the School above), org admins and system admins author them; students and
 * facilitators of the Department may not, and another organisation's admin
 * is told they do not exist.
 */

const authors = ["teacher", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const tag = () => randomBytes(4).toString("hex");

interface SharedCourse {
  courseId: string;
  moduleId: string;
  itemId: string;
}

/** One course per organisation fixture for the rows that only read or add to it. */
const sharedCourse = oncePerFixture(async (f): Promise<SharedCourse> => {
  const { courseId, moduleId } = await freshModule(f);
  const item = await createItem(f.actors.rootAdmin, { moduleId, kind: "quiz", title: "Matrix quiz" });
  return { courseId, moduleId, itemId: item.id };
});

async function freshCourse(f: OrgFixture): Promise<string> {
  const course = await createCourse(f.actors.rootAdmin, { orgId: f.org.id, unitId: f.units.department.id, title: `Matrix course ${tag()}` });
  return course.id;
}

async function freshModule(f: OrgFixture): Promise<{ courseId: string; moduleId: string }> {
  const courseId = await freshCourse(f);
  const created = await createModule(f.actors.rootAdmin, { courseId, title: `Matrix module ${tag()}` });
  return { courseId, moduleId: created.id };
}

/** A lesson with text in a fresh course, published when asked. */
async function freshLesson(f: OrgFixture, options: { published?: boolean } = {}): Promise<{ courseId: string; itemId: string }> {
  const { courseId, moduleId } = await freshModule(f);
  const item = await createItem(f.actors.rootAdmin, { moduleId, kind: "lesson", title: "Matrix lesson" });
  await updateItem(f.actors.rootAdmin, { itemId: item.id, title: "Matrix lesson", content: { kind: "lesson", markdown: "Matrix text" } });
  if (options.published) await publishItem(f.actors.rootAdmin, { itemId: item.id });
  return { courseId, itemId: item.id };
}

export const coursesMatrix: Record<string, MatrixEntry> = {
  "courses.list": { allow: authors, input: ({ f }) => ({ orgId: f.org.id }) },
  "courses.authoringUnits": { allow: authors, input: ({ f }) => ({ orgId: f.org.id }) },
  "courses.create": { allow: authors, input: ({ f }) => ({ orgId: f.org.id, unitId: f.units.department.id, title: `Matrix ${tag()}` }) },
  "courses.get": { allow: authors, input: async ({ f }) => ({ courseId: (await sharedCourse(f)).courseId }) },
  "courses.outline": { allow: authors, input: async ({ f }) => ({ courseId: (await sharedCourse(f)).courseId }) },
  "courses.update": { allow: authors, input: async ({ f }) => ({ courseId: await freshCourse(f), title: `Renamed ${tag()}`, description: "Changed." }) },
  "courses.clearCover": { allow: authors, input: async ({ f }) => ({ courseId: await freshCourse(f) }) },
  "courses.publish": { allow: authors, input: async ({ f }) => ({ courseId: (await freshLesson(f, { published: true })).courseId }) },
  "courses.unpublish": {
    allow: authors,
    input: async ({ f }) => {
      const { courseId } = await freshLesson(f, { published: true });
      await publishCourse(f.actors.rootAdmin, { courseId });
      return { courseId };
    },
  },
  "courses.archive": { allow: authors, input: async ({ f }) => ({ courseId: await freshCourse(f) }) },
  "courses.restore": {
    allow: authors,
    input: async ({ f }) => {
      const courseId = await freshCourse(f);
      await archiveCourse(f.actors.rootAdmin, { courseId });
      return { courseId };
    },
  },
  "courses.duplicate": { allow: authors, input: async ({ f }) => ({ courseId: (await sharedCourse(f)).courseId }) },
  "courses.publishAllChanges": { allow: authors, input: async ({ f }) => ({ courseId: (await freshLesson(f)).courseId }) },

  "courses.createModule": { allow: authors, input: async ({ f }) => ({ courseId: (await sharedCourse(f)).courseId, title: `Module ${tag()}` }) },
  "courses.renameModule": { allow: authors, input: async ({ f }) => ({ moduleId: (await freshModule(f)).moduleId, title: `Renamed ${tag()}` }) },
  "courses.deleteModule": { allow: authors, input: async ({ f }) => ({ moduleId: (await freshModule(f)).moduleId }) },
  "courses.moveModule": { allow: authors, input: async ({ f }) => ({ moduleId: (await freshModule(f)).moduleId, position: 0 }) },

  "courses.createItem": { allow: authors, input: async ({ f }) => ({ moduleId: (await sharedCourse(f)).moduleId, kind: "lesson", title: `Lesson ${tag()}` }) },
  // Drafts hold answer keys: only authors read them.
  "courses.getItem": { allow: authors, input: async ({ f }) => ({ itemId: (await sharedCourse(f)).itemId }) },
  "courses.updateItem": {
    allow: authors,
    input: async ({ f }) => ({ itemId: (await freshLesson(f)).itemId, title: `Edited ${tag()}`, content: { kind: "lesson", markdown: "Edited" } }),
  },
  "courses.publishItem": { allow: authors, input: async ({ f }) => ({ itemId: (await freshLesson(f)).itemId }) },
  "courses.unpublishItem": { allow: authors, input: async ({ f }) => ({ itemId: (await freshLesson(f, { published: true })).itemId }) },
  "courses.deleteItem": { allow: authors, input: async ({ f }) => ({ itemId: (await freshLesson(f)).itemId }) },
  "courses.duplicateItem": { allow: authors, input: async ({ f }) => ({ itemId: (await freshLesson(f)).itemId }) },
  "courses.moveItem": {
    allow: authors,
    input: async ({ f }) => {
      const { courseId, itemId } = await freshLesson(f);
      const target = await createModule(f.actors.rootAdmin, { courseId, title: "Target" });
      return { itemId, moduleId: target.id, position: 0 };
    },
  },
};
