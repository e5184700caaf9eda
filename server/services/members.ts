import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { isWithin } from "@/lib/org/tree";
import type { Role } from "@/lib/schemas/roles";
import {
  changeMemberRoleSchema,
  listMembersSchema,
  moveMemberSchema,
  removeMemberSchema,
  roleWithArticle,
  type ChangeMemberRoleInput,
  type ListMembersInput,
  type MoveMemberInput,
  type RemoveMemberInput,
} from "@/lib/schemas/org";
import { Prisma } from "../generated/prisma/client";
import type { Actor, MaybeActor } from "../auth/actor";
import { assertCan, can, grantPaths, requireActor } from "../auth/permissions";
import { db } from "../db";
import { recordAudit, type Page } from "./audit";
import { canSeeOrg, requireVisibleOrg } from "./organizations";
import { afterCursorWhere, pageByName, userMatchesWhere } from "./people-pages";
import { escapeLike, unitNotFound } from "./units";

export interface MemberDTO {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  unitId: string;
  unitName: string;
  createdAt: Date;
  /** The actor may change this person's role, move them or remove them. */
  canManage: boolean;
}

export const lastRootAdminMessage =
  "An organisation needs at least one org admin at its top unit. Make someone else an org admin first.";
const membershipNotFound = "This membership was not found. The person may already have been removed.";

const membershipSelect = {
  id: true,
  userId: true,
  orgId: true,
  unitId: true,
  role: true,
  createdAt: true,
  user: { select: { name: true, email: true } },
  unit: { select: { name: true, path: true, parentId: true, archivedAt: true } },
} as const;

type MembershipRow = Prisma.MembershipGetPayload<{ select: typeof membershipSelect }>;

function membershipRecord(m: MembershipRow, role: Role = m.role) {
  return { orgId: m.orgId, unitPath: m.unit.path, userId: m.userId, role };
}

function toMemberDTO(actor: Actor, m: MembershipRow): MemberDTO {
  return {
    membershipId: m.id,
    userId: m.userId,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    unitId: m.unitId,
    unitName: m.unit.name,
    createdAt: m.createdAt,
    canManage: can(actor, "update", "Membership", membershipRecord(m)),
  };
}

/** Keeps only the outermost prefixes: "/r/a/" already covers "/r/a/b/". */
function outermost(paths: string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q !== p && isWithin(p, q)));
}

/**
 * People holding roles in units the actor may see the members of (their own
 * subtree for org admins, teachers and facilitators; students may not list
 * members), sorted by name. `unitId` narrows to that unit and those below it.
 */
export async function listMembers(actor: MaybeActor, input: ListMembersInput): Promise<Page<MemberDTO>> {
  const { orgId, unitId, role, query, cursor, take } = parseInput(listMembersSchema, input);
  await requireVisibleOrg(actor, orgId);
  requireActor(actor);

  const forbidden = "You do not have permission to view the members of this organisation.";
  let prefixes: string[] | null = actor.isSystemAdmin
    ? null
    : outermost(grantPaths(actor, orgId, ["org_admin", "teacher", "facilitator"]));
  if (prefixes && prefixes.length === 0) throw new AppError("forbidden", forbidden);

  if (unitId) {
    const unit = await db().orgUnit.findUnique({ where: { id: unitId }, select: { orgId: true, path: true } });
    if (!unit || unit.orgId !== orgId) throw new AppError("not_found", unitNotFound);
    prefixes = prefixes
      ? outermost(
          prefixes.flatMap((g) => (isWithin(unit.path, g) ? [unit.path] : isWithin(g, unit.path) ? [g] : [])),
        )
      : [unit.path];
    if (prefixes.length === 0) {
      throw new AppError("forbidden", "You do not have permission to view the members of this unit.");
    }
  }

  const and: Prisma.MembershipWhereInput[] = [];
  if (query) and.push(userMatchesWhere(query));
  if (cursor) and.push(afterCursorWhere(cursor));

  const rows = await db().membership.findMany({
    where: {
      orgId,
      ...(role ? { role } : {}),
      unit: {
        archivedAt: null,
        ...(prefixes ? { OR: prefixes.map((p) => ({ path: { startsWith: escapeLike(p) } })) } : {}),
      },
      AND: and,
    },
    orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
    take: take + 1,
    select: membershipSelect,
  });
  return pageByName(rows, take, (m) => toMemberDTO(actor, m));
}

/**
 * Locks a membership for a change and reads it fresh. For memberships at a
 * top unit, every org admin membership there is locked first, in id order, so
 * two admins demoting each other at the same time cannot both succeed (and
 * cannot deadlock).
 */
async function lockMembership(tx: Prisma.TransactionClient, actor: Actor, membershipId: string): Promise<MembershipRow> {
  const found = await tx.membership.findUnique({
    where: { id: membershipId },
    select: { orgId: true, unitId: true, unit: { select: { parentId: true } } },
  });
  if (!found || !canSeeOrg(actor, found.orgId)) throw new AppError("not_found", membershipNotFound);
  if (found.unit.parentId === null) {
    await tx.$queryRaw`SELECT "id" FROM "Membership" WHERE "unitId" = ${found.unitId} AND "role" = 'org_admin' ORDER BY "id" FOR UPDATE`;
  }
  await tx.$queryRaw`SELECT "id" FROM "Membership" WHERE "id" = ${membershipId} FOR UPDATE`;
  const membership = await tx.membership.findUnique({ where: { id: membershipId }, select: membershipSelect });
  if (!membership) throw new AppError("not_found", membershipNotFound);
  return membership;
}

/** Refuses to take away the last org admin role at the organisation's top unit. */
async function assertNotLastRootAdmin(tx: Prisma.TransactionClient, m: MembershipRow): Promise<void> {
  if (m.role !== "org_admin" || m.unit.parentId !== null) return;
  const others = await tx.membership.count({
    where: { unitId: m.unitId, role: "org_admin", NOT: { id: m.id } },
  });
  if (others === 0) throw new AppError("conflict", lastRootAdminMessage);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function changeMemberRole(actor: MaybeActor, input: ChangeMemberRoleInput): Promise<MemberDTO> {
  const { membershipId, role } = parseInput(changeMemberRoleSchema, input);
  requireActor(actor);

  return db().$transaction(async (tx) => {
    const m = await lockMembership(tx, actor, membershipId);
    assertCan(actor, "update", "Membership", membershipRecord(m));
    assertCan(actor, "update", "Membership", membershipRecord(m, role));
    if (m.role === role) return toMemberDTO(actor, m);
    await assertNotLastRootAdmin(tx, m);

    const updated = await tx.membership.update({ where: { id: m.id }, data: { role }, select: membershipSelect });
    await recordAudit(tx, {
      orgId: m.orgId,
      actorId: actor.userId,
      action: "member.role_changed",
      targetType: "Membership",
      targetId: m.id,
      data: {
        userId: m.userId,
        email: m.user.email,
        unitId: m.unitId,
        before: { role: m.role },
        after: { role },
      },
    });
    return toMemberDTO(actor, updated);
  });
}

/** Moves a person's role to another unit of the same organisation. */
export async function moveMember(actor: MaybeActor, input: MoveMemberInput): Promise<MemberDTO> {
  const { membershipId, unitId } = parseInput(moveMemberSchema, input);
  requireActor(actor);

  try {
    return await db().$transaction(async (tx) => {
      const m = await lockMembership(tx, actor, membershipId);
      assertCan(actor, "update", "Membership", membershipRecord(m));
      if (m.unitId === unitId) return toMemberDTO(actor, m);

      const target = await tx.orgUnit.findUnique({
        where: { id: unitId },
        select: { id: true, orgId: true, name: true, path: true, archivedAt: true },
      });
      if (!target || target.orgId !== m.orgId) throw new AppError("not_found", unitNotFound);
      assertCan(actor, "create", "Membership", { orgId: m.orgId, unitPath: target.path, userId: m.userId, role: m.role });
      if (target.archivedAt) {
        throw new AppError("conflict", `"${target.name}" is archived. Restore it before moving people into it.`);
      }
      const existing = await tx.membership.findUnique({
        where: { userId_unitId: { userId: m.userId, unitId: target.id } },
        select: { role: true },
      });
      if (existing) {
        throw new AppError(
          "conflict",
          `${m.user.name} is already ${roleWithArticle(existing.role)} in "${target.name}". Change or remove that role instead.`,
        );
      }
      await assertNotLastRootAdmin(tx, m);

      const moved = await tx.membership.update({
        where: { id: m.id },
        data: { unitId: target.id },
        select: membershipSelect,
      });
      await recordAudit(tx, {
        orgId: m.orgId,
        actorId: actor.userId,
        action: "member.moved",
        targetType: "Membership",
        targetId: m.id,
        data: {
          userId: m.userId,
          email: m.user.email,
          role: m.role,
          before: { unitId: m.unitId, unitName: m.unit.name },
          after: { unitId: target.id, unitName: target.name },
        },
      });
      return toMemberDTO(actor, moved);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "This person was just given a role in that unit. Reload and try again.");
    }
    throw error;
  }
}

/** Takes away a person's role at one unit; their account and other roles stay. */
export async function removeMember(actor: MaybeActor, input: RemoveMemberInput): Promise<MemberDTO> {
  const { membershipId } = parseInput(removeMemberSchema, input);
  requireActor(actor);

  return db().$transaction(async (tx) => {
    const m = await lockMembership(tx, actor, membershipId);
    assertCan(actor, "delete", "Membership", membershipRecord(m));
    await assertNotLastRootAdmin(tx, m);

    await tx.membership.delete({ where: { id: m.id } });
    await recordAudit(tx, {
      orgId: m.orgId,
      actorId: actor.userId,
      action: "member.removed",
      targetType: "Membership",
      targetId: m.id,
      data: { userId: m.userId, email: m.user.email, unitId: m.unitId, unitName: m.unit.name, role: m.role },
    });
    return { ...toMemberDTO(actor, m), canManage: false };
  });
}
