import { AppError } from "@/lib/errors";
import type { CohortRole } from "@/lib/schemas/cohort-roles";
import { readDripSettings } from "./drip-settings";
import type { MaybeActor } from "../../auth/actor";
import { assertCan, can, requireActor, type Action } from "../../auth/permissions";
import { db, type Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { DripSettings } from "@/lib/schemas/courses";
import { canSeeOrg } from "../organizations";

/**
 * Loading a course or cohort together with what the permission check needs
 * (the unit path of the course, the actor's own cohort role), then checking
 * it. Every course service starts here, so the rule "outsiders get not_found,
 * members without the right get forbidden" lives in one place.
 */

type Client = Db | Prisma.TransactionClient;

export const courseNotFound = "This course was not found, or you do not have access to it.";
export const cohortNotFound = "This cohort was not found, or you do not have access to it.";

export interface CourseAccess {
  id: string;
  orgId: string;
  unitId: string;
  unitPath: string;
  title: string;
  publishedAt: Date | null;
  archivedAt: Date | null;
}

export async function requireCourse(actor: MaybeActor, courseId: string, action: Action, client: Client = db()): Promise<CourseAccess> {
  requireActor(actor);
  const row = await client.course.findUnique({
    where: { id: courseId },
    select: { id: true, orgId: true, unitId: true, title: true, publishedAt: true, archivedAt: true, unit: { select: { path: true } } },
  });
  if (!row || !canSeeOrg(actor, row.orgId)) throw new AppError("not_found", courseNotFound);
  const course: CourseAccess = { ...row, unitPath: row.unit.path };
  assertCan(actor, action, "Course", { orgId: course.orgId, unitPath: course.unitPath });
  return course;
}

/** A cohort's own columns (cohortFieldsSelect), its drip read back from JSON. */
export interface CohortFields {
  id: string;
  orgId: string;
  courseId: string;
  name: string;
  startDate: string;
  timeZone: string;
  drip: DripSettings | null;
  atRiskAfterDays: number;
  archivedAt: Date | null;
}

export interface CohortAccess extends CohortFields {
  course: { id: string; title: string; unitId: string; unitPath: string };
  /** The actor's membership of this cohort, if any. */
  member: { id: string; role: CohortRole; joinedAt: Date; lastItemId: string | null } | null;
}

/** The columns of CohortFields; cohorts.ts adds the ones its settings show. */
export const cohortFieldsSelect = {
  id: true,
  orgId: true,
  courseId: true,
  name: true,
  startDate: true,
  timeZone: true,
  drip: true,
  atRiskAfterDays: true,
  archivedAt: true,
} satisfies Prisma.CohortSelect;

export async function loadCohort(actor: MaybeActor, cohortId: string, client: Client = db()): Promise<CohortAccess> {
  requireActor(actor);
  const row = await client.cohort.findUnique({
    where: { id: cohortId },
    select: {
      ...cohortFieldsSelect,
      course: { select: { id: true, title: true, unitId: true, unit: { select: { path: true } } } },
      members: { where: { userId: actor.userId }, select: { id: true, role: true, joinedAt: true, lastItemId: true } },
    },
  });
  if (!row || !canSeeOrg(actor, row.orgId)) throw new AppError("not_found", cohortNotFound);
  const { course, members, drip, ...rest } = row;
  return {
    ...rest,
    drip: readDripSettings(drip),
    course: { id: course.id, title: course.title, unitId: course.unitId, unitPath: course.unit.path },
    member: members[0] ?? null,
  };
}

/** The record CASL checks for a cohort, with the actor's own role in it. */
export function cohortSubject(cohort: Pick<CohortAccess, "orgId" | "course" | "member">) {
  return { orgId: cohort.orgId, unitPath: cohort.course.unitPath, cohortRole: cohort.member?.role ?? null };
}

export async function requireCohort(actor: MaybeActor, cohortId: string, action: Action, client: Client = db()): Promise<CohortAccess> {
  const cohort = await loadCohort(actor, cohortId, client);
  if (!can(actor, action, "Cohort", cohortSubject(cohort)) && !can(actor, "read", "Cohort", cohortSubject(cohort))) {
    // Members of the organisation who are not part of the cohort learn nothing about it.
    throw new AppError("not_found", cohortNotFound);
  }
  assertCan(actor, action, "Cohort", cohortSubject(cohort));
  return cohort;
}

/** A learner's own cohort: the actor must be one of its learners (not a teacher previewing). */
export async function requireLearner(actor: MaybeActor, cohortId: string, client: Client = db()): Promise<CohortAccess & { member: NonNullable<CohortAccess["member"]> }> {
  const cohort = await requireCohort(actor, cohortId, "learn", client);
  const member = cohort.member;
  if (!member || member.role !== "learner") throw new AppError("forbidden", "Only learners of this cohort can do this. Teachers can use “View as learner”.");
  if (cohort.archivedAt) throw new AppError("conflict", "This cohort has ended and is read-only.");
  return { ...cohort, member };
}
