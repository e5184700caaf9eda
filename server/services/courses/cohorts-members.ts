import { AppError } from "@/lib/errors";
import { cohortRoleLabels, type CohortRole } from "@/lib/schemas/cohort-roles";
import {
  addCohortMemberSchema,
  changeCohortMemberRoleSchema,
  listCohortMembersSchema,
  removeCohortMemberSchema,
  type AddCohortMemberInput,
  type ChangeCohortMemberRoleInput,
  type ListCohortMembersInput,
  type RemoveCohortMemberInput,
} from "@/lib/schemas/cohorts";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { recordAudit, type Page } from "../audit";
import { canSeeOrg } from "../organizations";
import { afterCursorWhere, pageByName, userMatchesWhere } from "../people-pages";
import { requireCohortStaff, requireManagedCohort } from "./cohorts";
import { ensureOrgMembership } from "./cohorts-invite";

/**
 * The people in a cohort. Its teachers and facilitators (and the course
 * unit's teachers and admins) see the list; only the unit's teachers and
 * admins change it. Removing someone deletes their cohort membership only:
 * their progress, attempts and submissions stay, and come back if they
 * rejoin.
 */

export interface CohortMemberDTO {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: CohortRole;
  joinedAt: Date;
  lastActiveAt: Date | null;
}

const memberSelect = {
  id: true,
  cohortId: true,
  userId: true,
  role: true,
  joinedAt: true,
  lastActiveAt: true,
  user: { select: { name: true, email: true } },
} satisfies Prisma.CohortMemberSelect;

type MemberRow = Prisma.CohortMemberGetPayload<{ select: typeof memberSelect }>;

function toDTO(row: MemberRow): CohortMemberDTO {
  return {
    id: row.id,
    userId: row.userId,
    name: row.user.name,
    email: row.user.email,
    role: row.role,
    joinedAt: row.joinedAt,
    lastActiveAt: row.lastActiveAt,
  };
}

const memberNotFound = "This member was not found. They may have been removed already; refresh the list.";

function roleWithArticle(role: CohortRole): string {
  // Every cohort role starts with a consonant.
  return `a ${cohortRoleLabels[role].toLowerCase()}`;
}

/** A cohort's members by name, filtered by role and by part of a name or email. */
export async function listCohortMembers(actor: MaybeActor, input: ListCohortMembersInput): Promise<Page<CohortMemberDTO>> {
  const { cohortId, role, query, cursor, take } = parseInput(listCohortMembersSchema, input);
  await requireCohortStaff(actor, cohortId);

  const and: Prisma.CohortMemberWhereInput[] = [];
  if (query) and.push(userMatchesWhere(query));
  if (cursor) and.push(afterCursorWhere(cursor));
  const rows = await db().cohortMember.findMany({
    where: { cohortId, ...(role ? { role } : {}), AND: and },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
    take: take + 1,
    select: memberSelect,
  });
  return pageByName(rows, take, toDTO);
}

/**
 * Adds someone who already belongs to the organisation, by email, with a
 * cohort role. Learners usually join by link; a learner added here gets a
 * student role at the course's unit when they have none covering it, as if
 * they had followed the link.
 */
export async function addCohortMember(actor: MaybeActor, input: AddCohortMemberInput): Promise<CohortMemberDTO> {
  const { cohortId, email, role } = parseInput(addCohortMemberSchema, input);
  const cohort = await requireManagedCohort(actor, cohortId);
  const [user, org] = await Promise.all([
    db().user.findFirst({ where: { email, memberships: { some: { orgId: cohort.orgId } } }, select: { id: true, name: true } }),
    db().organization.findUniqueOrThrow({ where: { id: cohort.orgId }, select: { name: true } }),
  ]);
  if (!user) {
    const message = `No one in ${org.name} uses ${email}. Invite them to the organisation first, or share the cohort's join link.`;
    throw new AppError("not_found", message, { fieldErrors: { email: [message] } });
  }
  const at = await appNow();
  const created = await db().$transaction(async (tx) => {
    const existing = await tx.cohortMember.findUnique({ where: { cohortId_userId: { cohortId, userId: user.id } }, select: { role: true } });
    const added = existing ? { count: 0 } : await tx.cohortMember.createMany({ data: [{ cohortId, userId: user.id, role, joinedAt: at }], skipDuplicates: true });
    if (added.count === 0) {
      const current = existing ?? (await tx.cohortMember.findUniqueOrThrow({ where: { cohortId_userId: { cohortId, userId: user.id } }, select: { role: true } }));
      const message = `${user.name} is already ${roleWithArticle(current.role)} in this cohort. Change their role in the list instead.`;
      throw new AppError("conflict", message, { fieldErrors: { email: [message] } });
    }
    const grantedOrgMembership = role === "learner" ? await ensureOrgMembership(tx, { orgId: cohort.orgId, course: { unitId: cohort.course.unitId, unit: { path: cohort.course.unitPath } } }, user.id) : false;
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: cohort.actor.userId,
      action: "cohort.member_added",
      targetType: "Cohort",
      targetId: cohortId,
      data: { userId: user.id, email, role, name: cohort.name, grantedOrgMembership },
    });
    return tx.cohortMember.findUniqueOrThrow({ where: { cohortId_userId: { cohortId, userId: user.id } }, select: memberSelect });
  });
  return toDTO(created);
}

/** The member row and its cohort, checked for `update`; outsiders learn nothing about the row. */
async function requireManagedMember(actor: MaybeActor, memberId: string) {
  requireActor(actor);
  const row = await db().cohortMember.findUnique({ where: { id: memberId }, select: { ...memberSelect, cohort: { select: { orgId: true } } } });
  if (!row || !canSeeOrg(actor, row.cohort.orgId)) throw new AppError("not_found", memberNotFound);
  const cohort = await requireManagedCohort(actor, row.cohortId);
  return { row, cohort };
}

export async function changeCohortMemberRole(actor: MaybeActor, input: ChangeCohortMemberRoleInput): Promise<CohortMemberDTO> {
  const { memberId, role } = parseInput(changeCohortMemberRoleSchema, input);
  const { row, cohort } = await requireManagedMember(actor, memberId);
  if (row.role === role) return toDTO(row);
  const updated = await db().$transaction(async (tx) => {
    const { count } = await tx.cohortMember.updateMany({ where: { id: row.id }, data: { role } });
    if (count === 0) throw new AppError("not_found", memberNotFound);
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: cohort.actor.userId,
      action: "cohort.member_role_changed",
      targetType: "Cohort",
      targetId: cohort.id,
      data: { userId: row.userId, email: row.user.email, before: row.role, after: role, name: cohort.name },
    });
    return tx.cohortMember.findUniqueOrThrow({ where: { id: row.id }, select: memberSelect });
  });
  return toDTO(updated);
}

/** Takes someone out of the cohort. Their progress and work are kept (see the module comment). */
export async function removeCohortMember(actor: MaybeActor, input: RemoveCohortMemberInput): Promise<CohortMemberDTO> {
  const { memberId } = parseInput(removeCohortMemberSchema, input);
  const { row, cohort } = await requireManagedMember(actor, memberId);
  await db().$transaction(async (tx) => {
    const { count } = await tx.cohortMember.deleteMany({ where: { id: row.id } });
    if (count === 0) throw new AppError("not_found", memberNotFound);
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: cohort.actor.userId,
      action: "cohort.member_removed",
      targetType: "Cohort",
      targetId: cohort.id,
      data: { userId: row.userId, email: row.user.email, role: row.role, name: cohort.name },
    });
  });
  return toDTO(row);
}
