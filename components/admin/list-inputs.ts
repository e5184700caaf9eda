import type { Role } from "@/lib/schemas/roles";

/**
 * The list inputs a page prefetches and its client component then asks for.
 * Both sides build them here, so the query keys match and the data hydrates.
 * (A plain module: functions from a "use client" file cannot run on the server.)
 */

export const pageSize = 50;

export function peopleListInput(orgId: string, filters: { query?: string; role?: Role } = {}) {
  return {
    orgId,
    take: pageSize,
    ...(filters.query ? { query: filters.query } : {}),
    ...(filters.role ? { role: filters.role } : {}),
  };
}

export type InviteStatusFilter = "active" | "all";

export function invitesListInput(orgId: string, status: InviteStatusFilter = "active") {
  return { orgId, status, take: pageSize };
}

export type AuditFamily = "unit" | "member" | "invite" | "organization" | "scheduling" | "meeting";

export function auditListInput(orgId: string, family?: AuditFamily) {
  return { orgId, take: pageSize, ...(family ? { action: family } : {}) };
}

export function unitTreeInput(orgId: string, includeArchived = false) {
  return { orgId, includeArchived };
}
