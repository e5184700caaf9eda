import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { buildTree, childPath, depthOf, isWithin, type TreeNode } from "@/lib/org/tree";
import {
  archiveUnitSchema,
  createUnitSchema,
  moveIntoOwnSubtreeMessage,
  moveUnitSchema,
  renameUnitSchema,
  restoreUnitSchema,
  unitTreeSchema,
  type ArchiveUnitInput,
  type CreateUnitInput,
  type MoveUnitInput,
  type RenameUnitInput,
  type RestoreUnitInput,
  type UnitTreeInput,
} from "@/lib/schemas/org";
import { Prisma } from "../generated/prisma/client";
import type { Actor, MaybeActor } from "../auth/actor";
import { assertCan, can, grantPaths, requireActor } from "../auth/permissions";
import { db, type Db } from "../db";
import { recordAudit } from "./audit";
import { canSeeOrg, requireVisibleOrg } from "./organizations";

type Client = Db | Prisma.TransactionClient;

export interface UnitDTO {
  id: string;
  orgId: string;
  name: string;
  parentId: string | null;
  depth: number;
  path: string;
  archived: boolean;
  archivedAt: Date | null;
}

export interface UnitTreeItem {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
  path: string;
  archived: boolean;
  /** People whose role is held at this unit itself (not counting sub-units). */
  memberCount: number;
  /** The actor may rename, move, archive and add units here. */
  canManage: boolean;
}

export type UnitTreeNode = TreeNode<UnitTreeItem>;

export const unitNotFound = "This unit was not found. It may have been deleted, or you may not have access to it.";

const unitSelect = {
  id: true,
  orgId: true,
  name: true,
  parentId: true,
  depth: true,
  path: true,
  archivedAt: true,
} as const;

type UnitRow = Prisma.OrgUnitGetPayload<{ select: typeof unitSelect }>;

function toUnitDTO(unit: UnitRow): UnitDTO {
  return {
    id: unit.id,
    orgId: unit.orgId,
    name: unit.name,
    parentId: unit.parentId,
    depth: unit.depth,
    path: unit.path,
    archived: unit.archivedAt !== null,
    archivedAt: unit.archivedAt,
  };
}

/** Escapes LIKE wildcards: Prisma and our raw SQL use "\" as the escape character. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The query behind `listSubtreeUnitIds`, exported so a test can EXPLAIN it.
 * `path LIKE '<prefix>%'` with a constant prefix is answered from the
 * text_pattern_ops index "OrgUnit_path_idx".
 */
export function subtreeUnitIdsSql(orgId: string, path: string, options: { includeArchived?: boolean } = {}): Prisma.Sql {
  const archived = options.includeArchived ? Prisma.empty : Prisma.sql`AND "archivedAt" IS NULL`;
  return Prisma.sql`SELECT "id" FROM "OrgUnit" WHERE "path" LIKE ${`${escapeLike(path)}%`} AND "orgId" = ${orgId} ${archived} ORDER BY "path"`;
}

/**
 * Ids of the unit at `path` and every unit below it, shallowest first. For
 * other services scoping records to a subtree; it checks no permissions.
 */
export async function listSubtreeUnitIds(
  orgId: string,
  path: string,
  options: { includeArchived?: boolean; client?: Client } = {},
): Promise<string[]> {
  const client = options.client ?? db();
  const rows = await client.$queryRaw<{ id: string }[]>(subtreeUnitIdsSql(orgId, path, options));
  return rows.map((r) => r.id);
}

/**
 * Serialises changes to an organisation's tree through its Organization row.
 * A move takes it exclusively; creating, archiving and restoring share it.
 * Locking only the moved row is not enough: moving A under a descendant of B
 * while B moves under a descendant of A touches disjoint rows, and both would
 * commit a cycle. And a unit created under a subtree that is being moved
 * would keep its stale path.
 */
async function lockTree(tx: Prisma.TransactionClient, orgId: string, mode: "exclusive" | "shared"): Promise<void> {
  if (mode === "exclusive") {
    await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${orgId} FOR UPDATE`;
  } else {
    await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${orgId} FOR KEY SHARE`;
  }
}

/** Loads a unit in an organisation the actor belongs to; anything else is `not_found`. */
async function findVisibleUnit(client: Client, actor: Actor, unitId: string, message = unitNotFound): Promise<UnitRow> {
  const unit = await client.orgUnit.findUnique({ where: { id: unitId }, select: unitSelect });
  if (!unit || !canSeeOrg(actor, unit.orgId)) throw new AppError("not_found", message);
  return unit;
}

async function orgIdOfVisibleUnit(actor: Actor, unitId: string): Promise<string> {
  return (await findVisibleUnit(db(), actor, unitId)).orgId;
}

async function lockUnit(tx: Prisma.TransactionClient, unitId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "OrgUnit" WHERE "id" = ${unitId} FOR UPDATE`;
}

async function assertUniqueSiblingName(
  client: Client,
  parent: UnitRow,
  name: string,
  exceptId?: string,
): Promise<void> {
  const siblings = await client.orgUnit.findMany({
    where: { parentId: parent.id, archivedAt: null, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { name: true },
  });
  const wanted = name.toLocaleLowerCase();
  if (siblings.some((s) => s.name.toLocaleLowerCase() === wanted)) {
    throw new AppError("conflict", `"${parent.name}" already has a unit named "${name}". Choose another name.`, {
      fieldErrors: { name: [`"${parent.name}" already has a unit with this name.`] },
    });
  }
}

function unitRecord(unit: UnitRow): { id: string; orgId: string; path: string } {
  return { id: unit.id, orgId: unit.orgId, path: unit.path };
}

/** The units of an organisation the actor may see, nested and sorted by name. */
export async function getUnitTree(actor: MaybeActor, input: UnitTreeInput): Promise<UnitTreeNode[]> {
  const { orgId, includeArchived } = parseInput(unitTreeSchema, input);
  await requireVisibleOrg(actor, orgId);
  requireActor(actor);

  const visiblePaths = actor.isSystemAdmin ? [] : [...new Set(grantPaths(actor, orgId, ["org_admin", "teacher", "facilitator", "student"]))];
  const units = await db().orgUnit.findMany({
    where: {
      orgId,
      ...(includeArchived ? {} : { archivedAt: null }),
      ...(actor.isSystemAdmin ? {} : { OR: visiblePaths.map((p) => ({ path: { startsWith: escapeLike(p) } })) }),
    },
    select: unitSelect,
  });
  const counts = await db().membership.groupBy({
    by: ["unitId"],
    where: { unitId: { in: units.map((u) => u.id) } },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.unitId, c._count._all]));

  return buildTree(
    units
      // Defence in depth: the query above is built from the same grants.
      .filter((u) => can(actor, "read", "OrgUnit", unitRecord(u)))
      .map(
        (u): UnitTreeItem => ({
          id: u.id,
          name: u.name,
          parentId: u.parentId,
          depth: u.depth,
          path: u.path,
          archived: u.archivedAt !== null,
          memberCount: countOf.get(u.id) ?? 0,
          canManage: can(actor, "update", "OrgUnit", unitRecord(u)),
        }),
      ),
  );
}

/** Adds a unit under `parentId`. */
export async function createUnit(actor: MaybeActor, input: CreateUnitInput): Promise<UnitDTO> {
  const { orgId, parentId, name } = parseInput(createUnitSchema, input);
  await requireVisibleOrg(actor, orgId);
  requireActor(actor);

  return db().$transaction(async (tx) => {
    await lockTree(tx, orgId, "shared");
    const parent = await findVisibleUnit(tx, actor, parentId, "The parent unit was not found. Choose another unit.");
    if (parent.orgId !== orgId) throw new AppError("not_found", "The parent unit was not found. Choose another unit.");
    assertCan(actor, "create", "OrgUnit", { orgId, path: parent.path });
    if (parent.archivedAt) {
      throw new AppError("conflict", `"${parent.name}" is archived. Restore it before adding units to it.`);
    }
    await assertUniqueSiblingName(tx, parent, name);

    // The path holds the new row's own id, which the database assigns, so the
    // row is written with a placeholder and completed in the same transaction.
    const created = await tx.orgUnit.create({
      data: { orgId, parentId: parent.id, name, path: `${parent.path}pending/`, depth: parent.depth + 1 },
      select: { id: true },
    });
    const path = childPath(parent.path, created.id);
    const unit = await tx.orgUnit.update({
      where: { id: created.id },
      data: { path, depth: depthOf(path) },
      select: unitSelect,
    });
    await recordAudit(tx, {
      orgId,
      actorId: actor.userId,
      action: "unit.created",
      targetType: "OrgUnit",
      targetId: unit.id,
      data: { name, parentId: parent.id, parentName: parent.name, path },
    });
    return toUnitDTO(unit);
  });
}

export async function renameUnit(actor: MaybeActor, input: RenameUnitInput): Promise<UnitDTO> {
  const { unitId, name } = parseInput(renameUnitSchema, input);
  requireActor(actor);

  return db().$transaction(async (tx) => {
    const unit = await findVisibleUnit(tx, actor, unitId);
    assertCan(actor, "update", "OrgUnit", unitRecord(unit));
    if (unit.name === name) return toUnitDTO(unit);
    if (unit.parentId) {
      const parent = await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.parentId }, select: unitSelect });
      await assertUniqueSiblingName(tx, parent, name, unit.id);
    }
    const renamed = await tx.orgUnit.update({ where: { id: unit.id }, data: { name }, select: unitSelect });
    await recordAudit(tx, {
      orgId: unit.orgId,
      actorId: actor.userId,
      action: "unit.renamed",
      targetType: "OrgUnit",
      targetId: unit.id,
      data: { before: { name: unit.name }, after: { name } },
    });
    return toUnitDTO(renamed);
  });
}

/**
 * Moves a unit, with everything below it, under another unit of the same
 * organisation. The whole subtree's paths and depths are rewritten by one
 * UPDATE on the path prefix.
 */
export async function moveUnit(actor: MaybeActor, input: MoveUnitInput): Promise<UnitDTO> {
  const { unitId, newParentId } = parseInput(moveUnitSchema, input);
  requireActor(actor);
  const orgId = await orgIdOfVisibleUnit(actor, unitId);

  return db().$transaction(async (tx) => {
    await lockTree(tx, orgId, "exclusive");
    await lockUnit(tx, unitId);
    // Read after taking the locks: a move that committed meanwhile is visible.
    const unit = await findVisibleUnit(tx, actor, unitId);
    assertCan(actor, "move", "OrgUnit", unitRecord(unit));
    if (unit.parentId === null) {
      throw new AppError("conflict", "The top unit of an organisation cannot be moved.");
    }

    const parentNotFound = "The new parent unit was not found. Choose another unit.";
    const newParent = await findVisibleUnit(tx, actor, newParentId, parentNotFound);
    if (newParent.orgId !== unit.orgId) {
      if (!can(actor, "read", "OrgUnit", unitRecord(newParent))) throw new AppError("not_found", parentNotFound);
      throw new AppError("invalid", "A unit can only be moved within its own organisation.", {
        fieldErrors: { newParentId: ["Choose a unit in the same organisation."] },
      });
    }
    assertCan(actor, "move", "OrgUnit", unitRecord(newParent));
    if (isWithin(newParent.path, unit.path)) {
      throw new AppError("invalid", moveIntoOwnSubtreeMessage, { fieldErrors: { newParentId: [moveIntoOwnSubtreeMessage] } });
    }
    if (newParent.archivedAt) {
      throw new AppError("conflict", `"${newParent.name}" is archived. Restore it before moving units into it.`);
    }
    if (newParent.id === unit.parentId) return toUnitDTO(unit);
    await assertUniqueSiblingName(tx, newParent, unit.name, unit.id);

    const oldPrefix = unit.path;
    const newPrefix = childPath(newParent.path, unit.id);
    const depthDelta = newParent.depth + 1 - unit.depth;
    const moved = await tx.$executeRaw`
      UPDATE "OrgUnit"
      SET "path" = ${newPrefix}::text || substr("path", ${oldPrefix.length + 1}::int),
          "depth" = "depth" + ${depthDelta}::int,
          "parentId" = CASE WHEN "id" = ${unit.id}::text THEN ${newParent.id}::text ELSE "parentId" END,
          -- Prisma keeps timestamps in UTC in "timestamp without time zone" columns.
          "updatedAt" = now() AT TIME ZONE 'UTC'
      WHERE "orgId" = ${unit.orgId} AND "path" LIKE ${`${escapeLike(oldPrefix)}%`}`;

    const after = await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.id }, select: unitSelect });
    await recordAudit(tx, {
      orgId: unit.orgId,
      actorId: actor.userId,
      action: "unit.moved",
      targetType: "OrgUnit",
      targetId: unit.id,
      data: {
        name: unit.name,
        before: { parentId: unit.parentId, path: oldPrefix, depth: unit.depth },
        after: { parentId: newParent.id, path: after.path, depth: after.depth },
        unitsMoved: moved,
      },
    });
    return toUnitDTO(after);
  });
}

/** Archives a unit and everything below it; people there lose the roles held there until it is restored. */
export async function archiveUnit(actor: MaybeActor, input: ArchiveUnitInput): Promise<UnitDTO> {
  const { unitId } = parseInput(archiveUnitSchema, input);
  requireActor(actor);
  const orgId = await orgIdOfVisibleUnit(actor, unitId);

  return db().$transaction(async (tx) => {
    await lockTree(tx, orgId, "shared");
    const unit = await findVisibleUnit(tx, actor, unitId);
    assertCan(actor, "archive", "OrgUnit", unitRecord(unit));
    if (unit.parentId === null) {
      throw new AppError("conflict", "The top unit of an organisation cannot be archived.");
    }
    if (unit.archivedAt) return toUnitDTO(unit);

    // One timestamp for the whole subtree, so restoring brings back exactly
    // these units and not sub-units that were archived on their own before.
    const at = new Date();
    const { count: archived } = await tx.orgUnit.updateMany({
      where: { orgId: unit.orgId, path: { startsWith: escapeLike(unit.path) }, archivedAt: null },
      data: { archivedAt: at },
    });
    await recordAudit(tx, {
      orgId: unit.orgId,
      actorId: actor.userId,
      action: "unit.archived",
      targetType: "OrgUnit",
      targetId: unit.id,
      data: { name: unit.name, path: unit.path, unitsArchived: archived },
    });
    return toUnitDTO(await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.id }, select: unitSelect }));
  });
}

/** Restores an archived unit and the sub-units archived with it. */
export async function restoreUnit(actor: MaybeActor, input: RestoreUnitInput): Promise<UnitDTO> {
  const { unitId } = parseInput(restoreUnitSchema, input);
  requireActor(actor);
  const orgId = await orgIdOfVisibleUnit(actor, unitId);

  return db().$transaction(async (tx) => {
    await lockTree(tx, orgId, "shared");
    const unit = await findVisibleUnit(tx, actor, unitId);
    assertCan(actor, "archive", "OrgUnit", unitRecord(unit));
    if (!unit.archivedAt) return toUnitDTO(unit);
    if (unit.parentId) {
      const parent = await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.parentId }, select: unitSelect });
      if (parent.archivedAt) {
        throw new AppError("conflict", `"${parent.name}" is archived too. Restore "${parent.name}" first.`);
      }
    }
    const { count: restored } = await tx.orgUnit.updateMany({
      where: { orgId: unit.orgId, path: { startsWith: escapeLike(unit.path) }, archivedAt: unit.archivedAt },
      data: { archivedAt: null },
    });
    await recordAudit(tx, {
      orgId: unit.orgId,
      actorId: actor.userId,
      action: "unit.restored",
      targetType: "OrgUnit",
      targetId: unit.id,
      data: { name: unit.name, path: unit.path, unitsRestored: restored },
    });
    return toUnitDTO(await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.id }, select: unitSelect }));
  });
}
