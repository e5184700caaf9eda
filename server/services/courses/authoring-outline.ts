import { AppError } from "@/lib/errors";
import type { CourseItemKind } from "@/lib/schemas/course-content";
import {
  courseIdInputSchema,
  createModuleSchema,
  itemPublishState,
  maxModulesPerCourse,
  moduleIdInputSchema,
  moveItemSchema,
  moveModuleSchema,
  renameModuleSchema,
  type CourseIdInput,
  type CreateModuleInput,
  type ItemPublishState,
  type ModuleIdInput,
  type MoveItemInput,
  type MoveModuleInput,
  type RenameModuleInput,
} from "@/lib/schemas/course-authoring";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import { requireCourse } from "./access";
import { courseSummarySelect, toCourseSummary, type CourseSummaryDTO } from "./authoring-courses";
import {
  compactModules,
  describeActivity,
  hasActivity,
  learnerActivityOn,
  lockCourse,
  moduleNotFound,
  requireAuthoredItem,
  requireEditableCourse,
  requireEditableModule,
  writeItemPlaces,
  writeModulePositions,
} from "./authoring-shared";

/** The outline of a course (modules and their items) and its structure: adding, renaming, deleting and reordering. */

export interface OutlineItemDTO {
  id: string;
  moduleId: string;
  kind: CourseItemKind;
  /** The draft title. */
  title: string;
  position: number;
  state: ItemPublishState;
  publishedAt: Date | null;
  publishAt: Date | null;
  unlockOffsetDays: number | null;
  draftUpdatedAt: Date;
  /** Questions in the draft (quizzes only). */
  questionCount: number | null;
}

export interface OutlineModuleDTO {
  id: string;
  title: string;
  position: number;
  items: OutlineItemDTO[];
}

export interface CourseOutlineDTO {
  course: CourseSummaryDTO;
  modules: OutlineModuleDTO[];
}

export async function getCourseOutline(actor: MaybeActor, input: CourseIdInput): Promise<CourseOutlineDTO> {
  const { courseId } = parseInput(courseIdInputSchema, input);
  await requireCourse(actor, courseId, "update");
  const now = await appNow();
  const [course, modules, items, counts] = await Promise.all([
    db().course.findUniqueOrThrow({ where: { id: courseId }, select: courseSummarySelect }),
    db().courseModule.findMany({ where: { courseId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, title: true, position: true } }),
    db().courseItem.findMany({
      where: { courseId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, moduleId: true, kind: true, title: true, position: true, publishedAt: true, publishAt: true, unlockOffsetDays: true, draftUpdatedAt: true },
    }),
    // Counted in the database: lesson drafts can be large and the outline needs none of them.
    db().$queryRaw<{ id: string; n: number }[]>`
      SELECT "id", COALESCE(jsonb_array_length("content"->'questions'), 0)::int AS n
        FROM "CourseItem" WHERE "courseId" = ${courseId} AND "kind" = 'quiz'`,
  ]);
  const questionCounts = new Map(counts.map((c) => [c.id, c.n]));
  return {
    course: toCourseSummary(course),
    modules: modules.map((m) => ({
      ...m,
      items: items
        .filter((item) => item.moduleId === m.id)
        .map((item) => ({
          ...item,
          state: itemPublishState(item, now),
          questionCount: item.kind === "quiz" ? (questionCounts.get(item.id) ?? 0) : null,
        })),
    })),
  };
}

export interface ModuleDTO {
  id: string;
  courseId: string;
  title: string;
  position: number;
}

/** Adds a module at the end of the course. */
export async function createModule(actor: MaybeActor, input: CreateModuleInput): Promise<ModuleDTO> {
  const { courseId, title } = parseInput(createModuleSchema, input);
  await requireEditableCourse(actor, courseId);
  return db().$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const count = await tx.courseModule.count({ where: { courseId } });
    if (count >= maxModulesPerCourse) {
      throw new AppError("conflict", `A course holds at most ${maxModulesPerCourse} modules. Merge some, or split the course in two.`);
    }
    return tx.courseModule.create({ data: { courseId, title, position: count }, select: { id: true, courseId: true, title: true, position: true } });
  });
}

export async function renameModule(actor: MaybeActor, input: RenameModuleInput): Promise<ModuleDTO> {
  const { moduleId, title } = parseInput(renameModuleSchema, input);
  const found = await requireEditableModule(actor, moduleId);
  return db().courseModule.update({ where: { id: found.id }, data: { title }, select: { id: true, courseId: true, title: true, position: true } });
}

/**
 * Deletes a module and its items. Refused while learners have worked on any
 * of them: deleting would erase their attempts, submissions and progress.
 */
export async function deleteModule(actor: MaybeActor, input: ModuleIdInput): Promise<{ id: string }> {
  const { moduleId } = parseInput(moduleIdInputSchema, input);
  const found = await requireEditableModule(actor, moduleId);
  const courseId = found.course.id;
  await db().$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const items = await tx.courseItem.findMany({ where: { moduleId }, select: { id: true } });
    const activity = await learnerActivityOn(tx, items.map((i) => i.id));
    if (hasActivity(activity)) {
      throw new AppError(
        "conflict",
        `Learners have worked on items of “${found.title}” (${describeActivity(activity)}). Deleting it would erase their work: unpublish its items to hide them, or move the items you want to keep to another module first.`,
      );
    }
    await tx.courseModule.delete({ where: { id: moduleId } });
    await compactModules(tx, courseId);
  });
  return { id: moduleId };
}

function clamp(position: number, length: number): number {
  return Math.max(0, Math.min(position, length));
}

/** Moves a module to `position` (0-based; past the end = last), keeping positions 0..n-1. */
export async function moveModule(actor: MaybeActor, input: MoveModuleInput): Promise<{ id: string; position: number }> {
  const { moduleId, position } = parseInput(moveModuleSchema, input);
  const found = await requireEditableModule(actor, moduleId);
  const courseId = found.course.id;
  return db().$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const modules = await tx.courseModule.findMany({ where: { courseId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, position: true } });
    const order = modules.filter((m) => m.id !== moduleId).map((m) => m.id);
    const target = clamp(position, order.length);
    order.splice(target, 0, moduleId);
    const before = new Map(modules.map((m) => [m.id, m.position]));
    await writeModulePositions(
      tx,
      order.flatMap((id, index) => (before.get(id) === index ? [] : [{ id, position: index }])),
    );
    return { id: moduleId, position: target };
  });
}

/**
 * Moves an item to `position` in `moduleId` (the same module or another of the
 * course), keeping both modules' positions 0..n-1. The order is live for
 * learners at once: it is the drip order.
 */
export async function moveItem(actor: MaybeActor, input: MoveItemInput): Promise<{ id: string; moduleId: string; position: number }> {
  const { itemId, moduleId, position } = parseInput(moveItemSchema, input);
  const { item, course } = await requireAuthoredItem(actor, itemId, { editable: true });
  const targetModule = await db().courseModule.findUnique({ where: { id: moduleId }, select: { courseId: true } });
  if (!targetModule) throw new AppError("not_found", moduleNotFound);
  if (targetModule.courseId !== course.id) {
    throw new AppError("invalid", "Items move only between modules of the same course. Duplicate the course to reuse its items elsewhere.");
  }
  return db().$transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const current = await tx.courseItem.findUnique({ where: { id: itemId }, select: { moduleId: true } });
    if (!current) throw new AppError("not_found", "This item was deleted meanwhile. Reload the course.");
    const moduleIds = [...new Set([current.moduleId, moduleId])];
    const rows = await tx.courseItem.findMany({
      where: { moduleId: { in: moduleIds } },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, moduleId: true, position: true },
    });
    const source = rows.filter((r) => r.moduleId === current.moduleId && r.id !== itemId).map((r) => r.id);
    const target = moduleId === current.moduleId ? source : rows.filter((r) => r.moduleId === moduleId).map((r) => r.id);
    const place = clamp(position, target.length);
    target.splice(place, 0, itemId);
    const before = new Map(rows.map((r) => [r.id, r]));
    const places = [
      ...(moduleId === current.moduleId ? [] : source.map((id, index) => ({ id, moduleId: current.moduleId, position: index }))),
      ...target.map((id, index) => ({ id, moduleId, position: index })),
    ].filter((p) => before.get(p.id)?.position !== p.position || before.get(p.id)?.moduleId !== p.moduleId);
    await writeItemPlaces(tx, places);
    return { id: item.id, moduleId, position: place };
  });
}
