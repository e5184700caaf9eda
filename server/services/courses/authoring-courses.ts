import { AppError } from "@/lib/errors";
import {
  authoringUnitsSchema,
  courseIdInputSchema,
  createCourseSchema,
  listCoursesSchema,
  updateCourseSchema,
  type AuthoringUnitsInput,
  type CourseIdInput,
  type CourseStatus,
  type CreateCourseInput,
  type ListCoursesInput,
  type UpdateCourseInput,
} from "@/lib/schemas/course-authoring";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { assertCan, can, grantPaths } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { storage as defaultStorage, type FileStorage } from "../../storage";
import { recordAudit, type Page } from "../audit";
import { escapeLike, unitNotFound } from "../units";
import { requireCourse } from "./access";
import { copyCover } from "./authoring-files";
import { copyTitle, courseAssetUrl, courseStatusOf, requireAuthorIn, requireEditableCourse } from "./authoring-shared";

/** Courses as their authors see them: list, create, edit details, publish, archive, duplicate. */

export interface CourseSummaryDTO {
  id: string;
  orgId: string;
  unitId: string;
  unitName: string;
  title: string;
  description: string;
  /** Where the cover image is served, or null for the generated cover. */
  coverUrl: string | null;
  status: CourseStatus;
  publishedAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  moduleCount: number;
  itemCount: number;
  cohortCount: number;
}

export interface AuthoringUnitDTO {
  id: string;
  /** The unit's whole path, "Academy › North Campus", so the choice is unambiguous. */
  label: string;
}

export const courseSummarySelect = {
  id: true,
  orgId: true,
  unitId: true,
  title: true,
  description: true,
  coverKey: true,
  publishedAt: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  unit: { select: { name: true } },
  _count: { select: { modules: true, items: true, cohorts: true } },
} satisfies Prisma.CourseSelect;

type CourseSummaryRow = Prisma.CourseGetPayload<{ select: typeof courseSummarySelect }>;

export function toCourseSummary(row: CourseSummaryRow): CourseSummaryDTO {
  return {
    id: row.id,
    orgId: row.orgId,
    unitId: row.unitId,
    unitName: row.unit.name,
    title: row.title,
    description: row.description,
    coverUrl: row.coverKey ? courseAssetUrl(row.coverKey) : null,
    status: courseStatusOf(row),
    publishedAt: row.publishedAt,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    moduleCount: row._count.modules,
    itemCount: row._count.items,
    cohortCount: row._count.cohorts,
  };
}

async function summaryOf(courseId: string): Promise<CourseSummaryDTO> {
  return toCourseSummary(await db().course.findUniqueOrThrow({ where: { id: courseId }, select: courseSummarySelect }));
}

const statusWhere: Record<ListCoursesInput["status"] & string, Prisma.CourseWhereInput> = {
  active: { archivedAt: null },
  draft: { archivedAt: null, publishedAt: null },
  published: { archivedAt: null, publishedAt: { not: null } },
  archived: { archivedAt: { not: null } },
};

/** Courses the actor authors in an organisation (their units' subtrees), newest first. */
export async function listCourses(actor: MaybeActor, input: ListCoursesInput): Promise<Page<CourseSummaryDTO>> {
  const { orgId, status, query, cursor, take } = parseInput(listCoursesSchema, input);
  await requireAuthorIn(actor, orgId);
  const paths = actor?.isSystemAdmin ? null : [...new Set(grantPaths(actor, orgId, ["org_admin", "teacher"]))];
  const where: Prisma.CourseWhereInput = {
    orgId,
    ...statusWhere[status],
    ...(query ? { title: { contains: escapeLike(query), mode: "insensitive" } } : {}),
    ...(paths ? { unit: { OR: paths.map((p) => ({ path: { startsWith: escapeLike(p) } })) } } : {}),
  };
  if (cursor) {
    // A cursor from another organisation or filter would start the page somewhere else.
    const anchor = await db().course.findFirst({ where: { ...where, id: cursor }, select: { id: true } });
    if (!anchor) throw new AppError("invalid", "This page link is not valid; start from the first page.");
  }
  const rows = await db().course.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: courseSummarySelect,
  });
  const page = rows.slice(0, take);
  return { items: page.map(toCourseSummary), nextCursor: rows.length > take ? (page[page.length - 1]?.id ?? null) : null };
}

/** Units of the organisation where the actor may create a course, labelled with their path. */
export async function listAuthoringUnits(actor: MaybeActor, input: AuthoringUnitsInput): Promise<AuthoringUnitDTO[]> {
  const { orgId } = parseInput(authoringUnitsSchema, input);
  await requireAuthorIn(actor, orgId);
  const units = await db().orgUnit.findMany({ where: { orgId, archivedAt: null }, select: { id: true, name: true, path: true } });
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  return units
    .filter((u) => can(actor, "create", "Course", { orgId, unitPath: u.path }))
    .map((u) => ({
      id: u.id,
      label: u.path
        .split("/")
        .filter(Boolean)
        .map((id) => nameOf.get(id) ?? "…")
        .join(" › "),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export async function createCourse(actor: MaybeActor, input: CreateCourseInput): Promise<CourseSummaryDTO> {
  const { orgId, unitId, title, description } = parseInput(createCourseSchema, input);
  await requireAuthorIn(actor, orgId);
  const unit = await db().orgUnit.findUnique({ where: { id: unitId }, select: { id: true, orgId: true, path: true, archivedAt: true } });
  if (!unit || unit.orgId !== orgId) throw new AppError("not_found", unitNotFound, { fieldErrors: { unitId: [unitNotFound] } });
  if (unit.archivedAt) {
    const message = "This unit is archived. Choose an active unit for the course.";
    throw new AppError("invalid", message, { fieldErrors: { unitId: [message] } });
  }
  assertCan(actor, "create", "Course", { orgId, unitPath: unit.path });
  const created = await db().$transaction(async (tx) => {
    const course = await tx.course.create({ data: { orgId, unitId, title, description, createdById: actor.userId }, select: { id: true } });
    await recordAudit(tx, { orgId, actorId: actor.userId, action: "course.created", targetType: "course", targetId: course.id, data: { title, unitId } });
    return course;
  });
  return summaryOf(created.id);
}

/** The course's details for its editor. */
export async function getCourse(actor: MaybeActor, input: CourseIdInput): Promise<CourseSummaryDTO> {
  const { courseId } = parseInput(courseIdInputSchema, input);
  await requireCourse(actor, courseId, "update");
  return summaryOf(courseId);
}

export async function updateCourse(actor: MaybeActor, input: UpdateCourseInput): Promise<CourseSummaryDTO> {
  const { courseId, title, description } = parseInput(updateCourseSchema, input);
  await requireEditableCourse(actor, courseId);
  await db().course.update({ where: { id: courseId }, data: { title, description } });
  return summaryOf(courseId);
}

/** Makes the course available to its cohorts. Needs at least one published item, or learners would find an empty course. */
export async function publishCourse(actor: MaybeActor, input: CourseIdInput): Promise<CourseSummaryDTO> {
  const { courseId } = parseInput(courseIdInputSchema, input);
  const course = await requireEditableCourse(actor, courseId);
  if (course.publishedAt) return summaryOf(courseId);
  const published = await db().courseItem.count({ where: { courseId, publishedAt: { not: null }, kind: { not: "ai_activity" } } });
  if (published === 0) {
    throw new AppError("conflict", "Publish at least one lesson, quiz or assignment first (“Publish all changes”), so learners find something in the course.");
  }
  const now = await appNow();
  await db().$transaction(async (tx) => {
    await tx.course.update({ where: { id: courseId }, data: { publishedAt: now } });
    await recordAudit(tx, { orgId: course.orgId, actorId: actor?.userId ?? null, action: "course.published", targetType: "course", targetId: courseId, data: { title: course.title } });
  });
  return summaryOf(courseId);
}

/** Takes the course away from its cohorts' learners; drafts, items and learner records stay. */
export async function unpublishCourse(actor: MaybeActor, input: CourseIdInput): Promise<CourseSummaryDTO> {
  const { courseId } = parseInput(courseIdInputSchema, input);
  const course = await requireEditableCourse(actor, courseId);
  if (!course.publishedAt) return summaryOf(courseId);
  await db().$transaction(async (tx) => {
    await tx.course.update({ where: { id: courseId }, data: { publishedAt: null } });
    await recordAudit(tx, { orgId: course.orgId, actorId: actor?.userId ?? null, action: "course.unpublished", targetType: "course", targetId: courseId, data: { title: course.title } });
  });
  return summaryOf(courseId);
}

/** Archives the course: it leaves the active list and becomes read-only until restored. */
export async function archiveCourse(actor: MaybeActor, input: CourseIdInput): Promise<CourseSummaryDTO> {
  const { courseId } = parseInput(courseIdInputSchema, input);
  const course = await requireCourse(actor, courseId, "archive");
  if (course.archivedAt) return summaryOf(courseId);
  const now = await appNow();
  await db().$transaction(async (tx) => {
    await tx.course.update({ where: { id: courseId }, data: { archivedAt: now } });
    await recordAudit(tx, { orgId: course.orgId, actorId: actor?.userId ?? null, action: "course.archived", targetType: "course", targetId: courseId, data: { title: course.title } });
  });
  return summaryOf(courseId);
}

export async function restoreCourse(actor: MaybeActor, input: CourseIdInput): Promise<CourseSummaryDTO> {
  const { courseId } = parseInput(courseIdInputSchema, input);
  const course = await requireCourse(actor, courseId, "archive");
  if (!course.archivedAt) return summaryOf(courseId);
  await db().$transaction(async (tx) => {
    await tx.course.update({ where: { id: courseId }, data: { archivedAt: null } });
    await recordAudit(tx, { orgId: course.orgId, actorId: actor?.userId ?? null, action: "course.restored", targetType: "course", targetId: courseId, data: { title: course.title } });
  });
  return summaryOf(courseId);
}

/**
 * A new draft course "Copy of …" in the same unit with the same modules and
 * item drafts. Nothing is published, and cohorts, learner work and scheduled
 * dates stay with the original. Lesson images keep pointing at the original's
 * files, which every member of the organisation may read.
 */
export async function duplicateCourse(actor: MaybeActor, input: CourseIdInput, options: { storage?: FileStorage } = {}): Promise<CourseSummaryDTO> {
  const { courseId } = parseInput(courseIdInputSchema, input);
  const source = await requireCourse(actor, courseId, "read");
  assertCan(actor, "create", "Course", { orgId: source.orgId, unitPath: source.unitPath });
  const original = await db().course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      title: true,
      description: true,
      coverKey: true,
      modules: {
        orderBy: { position: "asc" },
        select: {
          title: true,
          position: true,
          items: { orderBy: { position: "asc" }, select: { kind: true, position: true, title: true, content: true, unlockOffsetDays: true } },
        },
      },
    },
  });
  const now = await appNow();
  const copy = await db().$transaction(
    async (tx) => {
      const course = await tx.course.create({
        data: { orgId: source.orgId, unitId: source.unitId, title: copyTitle(original.title), description: original.description, createdById: actor.userId },
        select: { id: true },
      });
      for (const [position, m] of original.modules.entries()) {
        const created = await tx.courseModule.create({ data: { courseId: course.id, title: m.title, position }, select: { id: true } });
        await tx.courseItem.createMany({
          data: m.items.map((item, itemPosition) => ({
            courseId: course.id,
            moduleId: created.id,
            kind: item.kind,
            position: itemPosition,
            title: item.title,
            content: item.content as Prisma.InputJsonValue,
            draftUpdatedAt: now,
            unlockOffsetDays: item.unlockOffsetDays,
          })),
        });
      }
      await recordAudit(tx, {
        orgId: source.orgId,
        actorId: actor.userId,
        action: "course.duplicated",
        targetType: "course",
        targetId: course.id,
        data: { sourceCourseId: courseId, title: original.title },
      });
      return course;
    },
    { timeout: 60_000 },
  );
  if (original.coverKey) await copyCover(copy.id, original.coverKey, options.storage ?? defaultStorage());
  return summaryOf(copy.id);
}
