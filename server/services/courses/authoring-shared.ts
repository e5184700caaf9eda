import { AppError } from "@/lib/errors";
import type { CourseStatus } from "@/lib/schemas/course-authoring";
import type { MaybeActor } from "../../auth/actor";
import { grantPaths } from "../../auth/permissions";
import { db, type Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { requireVisibleOrg } from "../organizations";
import { requireCourse, type CourseAccess } from "./access";

/**
 * What every authoring service shares: loading a course, module or item with
 * the permission check, refusing changes to archived courses, serialising
 * reorders per course, and the public URL of a stored course file.
 */

export type Client = Db | Prisma.TransactionClient;
export type Tx = Prisma.TransactionClient;

export const moduleNotFound = "This module was not found. It may have been deleted; reload the course.";
export const itemNotFound = "This item was not found. It may have been deleted; reload the course.";

/** Where the app serves a stored course file (app/api/course-assets/[...key]/route.ts). */
export const courseAssetPathPrefix = "/api/course-assets/";

export function courseAssetUrl(key: string): string {
  return `${courseAssetPathPrefix}${key}`;
}

export function courseStatusOf(course: { publishedAt: Date | null; archivedAt: Date | null }): CourseStatus {
  if (course.archivedAt) return "archived";
  return course.publishedAt ? "published" : "draft";
}

/** "Copy of <title>", cut to fit the title limit. */
export function copyTitle(title: string, max = 200): string {
  const copy = `Copy of ${title}`;
  return copy.length <= max ? copy : `${copy.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The actor writes courses somewhere in the organisation (teacher or org admin
 * of some unit, or a system admin). Outsiders get not_found, other members a
 * forbidden that says whom to ask.
 */
export async function requireAuthorIn(actor: MaybeActor, orgId: string, client: Client = db()): Promise<{ id: string; name: string }> {
  const org = await requireVisibleOrg(actor, orgId, client);
  if (!actor?.isSystemAdmin && grantPaths(actor, orgId, ["org_admin", "teacher"]).length === 0) {
    throw new AppError("forbidden", `Only teachers and org admins write courses in ${org.name}. Ask an org admin for the teacher role in your unit.`);
  }
  return org;
}

function assertNotArchived(course: CourseAccess): void {
  if (course.archivedAt) {
    throw new AppError("conflict", `“${course.title}” is archived, so it cannot be changed. Restore it from the course list first.`);
  }
}

/** A course the actor may change, and that is not archived. */
export async function requireEditableCourse(actor: MaybeActor, courseId: string, client: Client = db()): Promise<CourseAccess> {
  const course = await requireCourse(actor, courseId, "update", client);
  assertNotArchived(course);
  return course;
}

/** Serialises structural changes (reorders, inserts, deletes) to one course's outline. */
export async function lockCourse(tx: Tx, courseId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Course" WHERE "id" = ${courseId} FOR UPDATE`;
}

export interface ModuleAccess {
  id: string;
  title: string;
  position: number;
  course: CourseAccess;
}

/** A module of a course the actor may change (not archived). */
export async function requireEditableModule(actor: MaybeActor, moduleId: string, client: Client = db()): Promise<ModuleAccess> {
  const row = await client.courseModule.findUnique({ where: { id: moduleId }, select: { id: true, title: true, position: true, courseId: true } });
  if (!row) throw new AppError("not_found", moduleNotFound);
  const course = await requireEditableCourse(actor, row.courseId, client);
  return { id: row.id, title: row.title, position: row.position, course };
}

const itemAccessSelect = {
  id: true,
  courseId: true,
  moduleId: true,
  kind: true,
  position: true,
  title: true,
  content: true,
  draftUpdatedAt: true,
  publishedTitle: true,
  publishedAt: true,
  publishAt: true,
  unlockOffsetDays: true,
  module: { select: { title: true } },
} satisfies Prisma.CourseItemSelect;

export type ItemRow = Prisma.CourseItemGetPayload<{ select: typeof itemAccessSelect }>;

/** An item with its course, checked for `update` on the course (authors only: drafts hold answer keys). */
export async function requireAuthoredItem(
  actor: MaybeActor,
  itemId: string,
  options: { editable?: boolean; client?: Client } = {},
): Promise<{ item: ItemRow; course: CourseAccess }> {
  const client = options.client ?? db();
  const item = await client.courseItem.findUnique({ where: { id: itemId }, select: itemAccessSelect });
  if (!item) throw new AppError("not_found", itemNotFound);
  const course = await requireCourse(actor, item.courseId, "update", client);
  if (options.editable) assertNotArchived(course);
  return { item, course };
}

/**
 * Writes 0..n-1 positions (and the module, for items moved between modules)
 * in one statement. Rows whose place did not change are skipped by the caller.
 */
export async function writeItemPlaces(tx: Tx, places: { id: string; moduleId: string; position: number }[]): Promise<void> {
  if (places.length === 0) return;
  await tx.$executeRaw`
    UPDATE "CourseItem" AS i SET "position" = v.position, "moduleId" = v.module_id
      FROM unnest(${places.map((p) => p.id)}::text[], ${places.map((p) => p.position)}::int[], ${places.map((p) => p.moduleId)}::text[])
        AS v(id, position, module_id)
     WHERE i."id" = v.id`;
}

export async function writeModulePositions(tx: Tx, places: { id: string; position: number }[]): Promise<void> {
  if (places.length === 0) return;
  await tx.$executeRaw`
    UPDATE "CourseModule" AS m SET "position" = v.position
      FROM unnest(${places.map((p) => p.id)}::text[], ${places.map((p) => p.position)}::int[]) AS v(id, position)
     WHERE m."id" = v.id`;
}

/** Makes a module's item positions 0..n-1 again in their current order (after a delete). */
export async function compactItems(tx: Tx, moduleId: string): Promise<void> {
  const items = await tx.courseItem.findMany({ where: { moduleId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, position: true } });
  await writeItemPlaces(
    tx,
    items.flatMap((item, position) => (item.position === position ? [] : [{ id: item.id, moduleId, position }])),
  );
}

export async function compactModules(tx: Tx, courseId: string): Promise<void> {
  const modules = await tx.courseModule.findMany({ where: { courseId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, position: true } });
  await writeModulePositions(
    tx,
    modules.flatMap((m, position) => (m.position === position ? [] : [{ id: m.id, position }])),
  );
}

/**
 * What learners have done with some items (attempts, submissions, learners
 * with progress): such items are not deleted, since that would erase their work.
 */
export async function learnerActivityOn(client: Client, itemIds: string[]): Promise<{ attempts: number; submissions: number; progress: number }> {
  if (itemIds.length === 0) return { attempts: 0, submissions: 0, progress: 0 };
  const where = { itemId: { in: itemIds } };
  const [attempts, submissions, progress] = await Promise.all([
    client.quizAttempt.count({ where }),
    client.assignmentSubmission.count({ where }),
    client.itemProgress.findMany({ where, distinct: ["userId"], select: { userId: true } }),
  ]);
  return { attempts, submissions, progress: progress.length };
}

export function describeActivity(activity: { attempts: number; submissions: number; progress: number }): string {
  const parts: string[] = [];
  if (activity.attempts > 0) parts.push(`${activity.attempts} quiz ${activity.attempts === 1 ? "attempt" : "attempts"}`);
  if (activity.submissions > 0) parts.push(`${activity.submissions} ${activity.submissions === 1 ? "submission" : "submissions"}`);
  if (activity.progress > 0) parts.push(`progress of ${activity.progress} ${activity.progress === 1 ? "learner" : "learners"}`);
  return parts.join(", ");
}

export function hasActivity(activity: { attempts: number; submissions: number; progress: number }): boolean {
  return activity.attempts + activity.submissions + activity.progress > 0;
}
