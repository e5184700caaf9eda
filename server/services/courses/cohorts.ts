import { AppError } from "@/lib/errors";
import type { CohortRole } from "@/lib/schemas/cohort-roles";
import {
  cohortIdInputSchema,
  createCohortSchema,
  listCohortsOfCourseSchema,
  updateCohortSchema,
  type CohortIdInput,
  type CreateCohortInput,
  type ListCohortsOfCourseInput,
  type UpdateCohortInput,
} from "@/lib/schemas/cohorts";
import type { DripSettings } from "@/lib/schemas/courses";
import { localDateAt } from "@/lib/time-zone";
import { parseInput } from "@/lib/validation";
import type { Actor, MaybeActor } from "../../auth/actor";
import { assertCan, can, requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db, type Db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { recordAudit, type Page } from "../audit";
import { canSeeOrg } from "../organizations";
import { cohortFieldsSelect, cohortSubject, courseNotFound, requireCohort, type CohortAccess, type CohortFields } from "./access";
import { readDripSettings } from "./drip-settings";

/**
 * Cohorts of a course: creating one (the creator joins as its teacher),
 * editing its schedule, archiving it, listing a course's cohorts and reading
 * one cohort's settings. Join links live in cohorts-invite.ts, members in
 * cohorts-members.ts and a learner's own cohorts in cohorts-mine.ts.
 */

type Client = Db | Prisma.TransactionClient;

/** Upcoming until the start date arrives in the cohort's zone; archived wins. */
export type CohortStatus = "upcoming" | "running" | "archived";

export interface CohortMemberCounts {
  learner: number;
  facilitator: number;
  teacher: number;
}

export interface CohortSummaryDTO extends CohortFields {
  status: CohortStatus;
  createdAt: Date;
  /** Joining by link is on (the link itself is shown only when it is made). */
  inviteLinkEnabled: boolean;
  memberCounts: CohortMemberCounts;
}

export interface CohortSettingsDTO extends CohortSummaryDTO {
  course: { id: string; title: string; publishedAt: Date | null };
  /** The viewer's own role in the cohort, if they are a member. */
  myRole: CohortRole | null;
  /** The viewer may change the cohort, its link and its members (unit teachers and admins). */
  canManage: boolean;
}

const cohortSelect = {
  ...cohortFieldsSelect,
  createdAt: true,
  inviteTokenHash: true,
} satisfies Prisma.CohortSelect;

type CohortRow = Prisma.CohortGetPayload<{ select: typeof cohortSelect }>;

export function cohortStatusOf(cohort: { startDate: string; timeZone: string; archivedAt: Date | null }, now: Date): CohortStatus {
  if (cohort.archivedAt) return "archived";
  // "YYYY-MM-DD" strings order like the dates they name.
  return localDateAt(now, cohort.timeZone) >= cohort.startDate ? "running" : "upcoming";
}

async function memberCountsOf(client: Client, cohortIds: readonly string[]): Promise<Map<string, CohortMemberCounts>> {
  const out = new Map<string, CohortMemberCounts>();
  for (const id of cohortIds) out.set(id, { learner: 0, facilitator: 0, teacher: 0 });
  if (cohortIds.length === 0) return out;
  const groups = await client.cohortMember.groupBy({
    by: ["cohortId", "role"],
    where: { cohortId: { in: [...cohortIds] } },
    _count: { _all: true },
  });
  for (const g of groups) {
    const counts = out.get(g.cohortId);
    if (counts) counts[g.role] = g._count._all;
  }
  return out;
}

function toSummary(row: CohortRow, counts: CohortMemberCounts, now: Date): CohortSummaryDTO {
  return {
    id: row.id,
    orgId: row.orgId,
    courseId: row.courseId,
    name: row.name,
    startDate: row.startDate,
    timeZone: row.timeZone,
    drip: readDripSettings(row.drip),
    atRiskAfterDays: row.atRiskAfterDays,
    status: cohortStatusOf(row, now),
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    inviteLinkEnabled: row.inviteTokenHash !== null,
    memberCounts: counts,
  };
}

/** A cohort's stored drip: JSON, or the database's NULL for "no drip". */
export function dripColumn(drip: DripSettings | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return drip ? { every: drip.every, unit: drip.unit, anchor: drip.anchor } : Prisma.DbNull;
}

/** Unit teachers and admins manage a cohort; its own teachers review and facilitators follow it. */
export function canManageCohort(actor: MaybeActor, cohort: Pick<CohortAccess, "orgId" | "course" | "member">): boolean {
  return can(actor, "update", "Cohort", cohortSubject(cohort));
}

/**
 * A cohort whose settings and members the actor may see: its teachers and
 * facilitators, and the teachers and admins of the course's unit. Learners
 * may read the cohort (to learn in it) but not who else is in it.
 */
export async function requireCohortStaff(actor: MaybeActor, cohortId: string, client: Client = db()): Promise<CohortAccess> {
  const cohort = await requireCohort(actor, cohortId, "read", client);
  const role = cohort.member?.role;
  if (!canManageCohort(actor, cohort) && role !== "teacher" && role !== "facilitator") {
    throw new AppError("forbidden", "Only the cohort's teachers and facilitators can see its settings and members.");
  }
  return cohort;
}

/** A cohort the actor may change (not archived): the manage check once, for every write. */
export async function requireManagedCohort(
  actor: MaybeActor,
  cohortId: string,
  client: Client = db(),
  options: { allowArchived?: boolean } = {},
): Promise<CohortAccess & { actor: Actor }> {
  const cohort = await requireCohort(actor, cohortId, "update", client);
  requireActor(actor);
  if (cohort.archivedAt && !options.allowArchived) {
    throw new AppError("conflict", `“${cohort.name}” is archived, so it can no longer be changed.`);
  }
  return { ...cohort, actor };
}

async function loadSettings(actor: MaybeActor, cohort: CohortAccess, client: Client = db()): Promise<CohortSettingsDTO> {
  const [row, counts, course, now] = await Promise.all([
    client.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: cohortSelect }),
    memberCountsOf(client, [cohort.id]),
    client.course.findUniqueOrThrow({ where: { id: cohort.courseId }, select: { id: true, title: true, publishedAt: true } }),
    appNow(),
  ]);
  return {
    ...toSummary(row, counts.get(cohort.id) ?? { learner: 0, facilitator: 0, teacher: 0 }, now),
    course,
    myRole: cohort.member?.role ?? null,
    canManage: canManageCohort(actor, cohort),
  };
}

// ---------------------------------------------------------------------------
// Create, edit, archive

/** The course a cohort is for, checked for `create` on its cohorts. */
async function requireCourseForNewCohort(actor: Actor, courseId: string, client: Client) {
  const course = await client.course.findUnique({
    where: { id: courseId },
    select: { id: true, orgId: true, title: true, publishedAt: true, archivedAt: true, unit: { select: { path: true } } },
  });
  if (!course || !canSeeOrg(actor, course.orgId)) throw new AppError("not_found", courseNotFound);
  assertCan(actor, "create", "Cohort", { orgId: course.orgId, unitPath: course.unit.path, cohortRole: null });
  if (course.archivedAt) {
    throw new AppError("conflict", `“${course.title}” is archived. Restore it before starting a cohort.`);
  }
  if (!course.publishedAt) {
    throw new AppError("conflict", `“${course.title}” is still a draft. Publish it first, so the cohort's learners have something to open.`);
  }
  return course;
}

/** Starts a cohort of a published course; the creator joins it as a teacher. */
export async function createCohort(actor: MaybeActor, input: CreateCohortInput): Promise<CohortSettingsDTO> {
  requireActor(actor);
  const data = parseInput(createCohortSchema, input);
  const course = await requireCourseForNewCohort(actor, data.courseId, db());
  const timeZone = data.timeZone ?? actor.timeZone;
  const joinedAt = await appNow();

  const id = await db().$transaction(async (tx) => {
    const created = await tx.cohort.create({
      data: {
        orgId: course.orgId,
        courseId: course.id,
        name: data.name,
        startDate: data.startDate,
        timeZone,
        drip: dripColumn(data.drip),
        atRiskAfterDays: data.atRiskAfterDays,
        createdById: actor.userId,
        members: { create: { userId: actor.userId, role: "teacher", joinedAt } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      orgId: course.orgId,
      actorId: actor.userId,
      action: "cohort.created",
      targetType: "Cohort",
      targetId: created.id,
      data: { courseId: course.id, courseTitle: course.title, name: data.name, startDate: data.startDate, timeZone },
    });
    return created.id;
  });
  const cohort = await requireCohort(actor, id, "read");
  return loadSettings(actor, cohort);
}

/** Replaces a cohort's name, schedule and at-risk threshold. */
export async function updateCohort(actor: MaybeActor, input: UpdateCohortInput): Promise<CohortSettingsDTO> {
  const data = parseInput(updateCohortSchema, input);
  const cohort = await requireManagedCohort(actor, data.cohortId);
  const before = { name: cohort.name, startDate: cohort.startDate, timeZone: cohort.timeZone, atRiskAfterDays: cohort.atRiskAfterDays };
  await db().$transaction(async (tx) => {
    await tx.cohort.update({
      where: { id: cohort.id },
      data: {
        name: data.name,
        startDate: data.startDate,
        timeZone: data.timeZone,
        drip: dripColumn(data.drip),
        atRiskAfterDays: data.atRiskAfterDays,
      },
    });
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: cohort.actor.userId,
      action: "cohort.updated",
      targetType: "Cohort",
      targetId: cohort.id,
      data: {
        before: { ...before, drip: cohort.drip ? { ...cohort.drip } : null },
        after: {
          name: data.name,
          startDate: data.startDate,
          timeZone: data.timeZone,
          atRiskAfterDays: data.atRiskAfterDays,
          drip: data.drip ? { ...data.drip } : null,
        },
      },
    });
  });
  return loadSettings(actor, await requireCohort(actor, cohort.id, "read"));
}

/**
 * Ends a cohort: it becomes read-only and its join link stops working.
 * Members and their work stay. Archiving twice is harmless.
 */
export async function archiveCohort(actor: MaybeActor, input: CohortIdInput): Promise<CohortSettingsDTO> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  const cohort = await requireCohort(actor, cohortId, "archive");
  requireActor(actor);
  if (!cohort.archivedAt) {
    const at = await appNow();
    await db().$transaction(async (tx) => {
      const { count } = await tx.cohort.updateMany({ where: { id: cohort.id, archivedAt: null }, data: { archivedAt: at, inviteTokenHash: null } });
      if (count === 1) {
        await recordAudit(tx, {
          orgId: cohort.orgId,
          actorId: actor.userId,
          action: "cohort.archived",
          targetType: "Cohort",
          targetId: cohort.id,
          data: { name: cohort.name, courseId: cohort.courseId },
        });
      }
    });
  }
  return loadSettings(actor, await requireCohort(actor, cohort.id, "read"));
}

// ---------------------------------------------------------------------------
// Read

/** One cohort's settings, for its teachers and facilitators and the course unit's teachers and admins. */
export async function getCohortSettings(actor: MaybeActor, input: CohortIdInput): Promise<CohortSettingsDTO> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  const cohort = await requireCohortStaff(actor, cohortId);
  return loadSettings(actor, cohort);
}

export interface CourseCohortsPage extends Page<CohortSummaryDTO> {
  course: { id: string; orgId: string; title: string; publishedAt: Date | null; archivedAt: Date | null };
  /** The viewer may start a cohort of this course (it still has to be published). */
  canCreate: boolean;
}

/** A course's cohorts, newest start first, with member counts; for the teachers and admins of its unit. */
export async function listCohortsOfCourse(actor: MaybeActor, input: ListCohortsOfCourseInput): Promise<CourseCohortsPage> {
  requireActor(actor);
  const { courseId, status, cursor, take } = parseInput(listCohortsOfCourseSchema, input);
  const course = await db().course.findUnique({
    where: { id: courseId },
    select: { id: true, orgId: true, title: true, publishedAt: true, archivedAt: true, unit: { select: { path: true } } },
  });
  if (!course || !canSeeOrg(actor, course.orgId)) throw new AppError("not_found", courseNotFound);
  const subject = { orgId: course.orgId, unitPath: course.unit.path, cohortRole: null };
  if (!can(actor, "read", "Cohort", subject)) {
    throw new AppError("forbidden", "Only the course's teachers and admins can see all of its cohorts. Your own cohorts are under My learning.");
  }

  const rows = await db().cohort.findMany({
    where: {
      courseId,
      ...(status === "active" ? { archivedAt: null } : status === "archived" ? { archivedAt: { not: null } } : {}),
    },
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: cohortSelect,
  });
  const page = rows.slice(0, take);
  const [counts, now] = await Promise.all([memberCountsOf(db(), page.map((r) => r.id)), appNow()]);
  return {
    course: { id: course.id, orgId: course.orgId, title: course.title, publishedAt: course.publishedAt, archivedAt: course.archivedAt },
    canCreate: can(actor, "create", "Cohort", subject),
    items: page.map((r) => toSummary(r, counts.get(r.id) ?? { learner: 0, facilitator: 0, teacher: 0 }, now)),
    nextCursor: rows.length > take ? (page[page.length - 1]?.id ?? null) : null,
  };
}
