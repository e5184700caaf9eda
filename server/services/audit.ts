import { parseInput } from "@/lib/validation";
import { listAuditLogSchema, type ListAuditLogInput } from "@/lib/schemas/org";
import type { Prisma } from "../generated/prisma/client";
import type { MaybeActor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { db } from "../db";
import { requireVisibleOrg } from "./organizations";

/** JSON that an audit row may hold: before/after values, never secrets. */
export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

export interface AuditEntryInput {
  orgId: string | null;
  actorId: string | null;
  /** "<target>.<verb>", e.g. "unit.moved", "member.role_changed". */
  action: string;
  targetType: string;
  targetId: string | null;
  data?: { [key: string]: AuditJson };
}

/**
 * Writes one audit row. Call it with the transaction that makes the change,
 * so the change and its record commit or roll back together.
 */
export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntryInput): Promise<void> {
  await tx.auditLog.create({
    data: {
      orgId: entry.orgId,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      ...(entry.data === undefined ? {} : { data: entry.data }),
    },
  });
}

export interface AuditEntryDTO {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  data: AuditJson;
  createdAt: Date;
  /** Null when the action was done by the system or the account was deleted. */
  actor: { id: string; name: string; email: string } | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Audit entries of an organisation, newest first. */
export async function listAuditLog(actor: MaybeActor, input: ListAuditLogInput): Promise<Page<AuditEntryDTO>> {
  const { orgId, action, cursor, take } = parseInput(listAuditLogSchema, input);
  await requireVisibleOrg(actor, orgId);
  assertCan(actor, "read", "AuditLog", { orgId });

  // Prisma sends startsWith as LIKE without escaping, so "_" is escaped here.
  const actionFilter: Prisma.AuditLogWhereInput =
    action === undefined ? {} : action.includes(".") ? { action } : { action: { startsWith: `${action.replace(/_/g, "\\_")}.` } };
  const rows = await db().auditLog.findMany({
    where: { orgId, ...actionFilter },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      data: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  const items = rows.slice(0, take).map(
    (row): AuditEntryDTO => ({
      id: row.id,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      data: (row.data ?? null) as AuditJson,
      createdAt: row.createdAt,
      actor: row.actor ? { ...row.actor } : null,
    }),
  );
  return { items, nextCursor: rows.length > take ? (items[items.length - 1]?.id ?? null) : null };
}
