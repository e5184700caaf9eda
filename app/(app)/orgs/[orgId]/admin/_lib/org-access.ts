import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { isAppError } from "@/lib/errors";
import type { Role } from "@/lib/schemas/roles";
import { rolesIn, type Actor } from "@/server/auth/actor";
import { can, isOrgAdmin } from "@/server/auth/permissions";
import { currentActor } from "@/server/auth/current";
import { getOrganization, type OrganizationDTO } from "@/server/services/organizations";

export interface OrgAccess {
  actor: Actor;
  org: OrganizationDTO;
  roles: Role[];
  isSystemAdmin: boolean;
  /** Org admin somewhere in the organisation, or a system admin. */
  isAdmin: boolean;
  isTeacher: boolean;
  isFacilitator: boolean;
  /** May open at least one admin page (people, invites, units, audit). */
  canAdminister: boolean;
  /** May list people: org admins, teachers and facilitators of some unit. */
  canListPeople: boolean;
  /** May list and create invites: org admins and teachers. */
  canInvite: boolean;
  canReadAudit: boolean;
}

/**
 * The viewer's standing in one organisation, once per request. Layouts and
 * pages render in parallel, so every admin page asks for itself; the
 * services check every permission again.
 */
export const loadOrgAccess = cache(async (orgId: string): Promise<OrgAccess> => {
  const actor = await currentActor();
  if (!actor) notFound();
  const org = await getOrganization(actor, { orgId }).catch((error: unknown) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  const roles = rolesIn(actor, org.id);
  const isAdmin = isOrgAdmin(actor, org.id);
  const isTeacher = roles.includes("teacher");
  const isFacilitator = roles.includes("facilitator");
  return {
    actor,
    org,
    roles: org.roles,
    isSystemAdmin: actor.isSystemAdmin,
    isAdmin,
    isTeacher,
    isFacilitator,
    canAdminister: isAdmin || isTeacher || isFacilitator,
    canListPeople: isAdmin || isTeacher || isFacilitator,
    canInvite: isAdmin || isTeacher,
    canReadAudit: can(actor, "read", "AuditLog", { orgId: org.id }),
  };
});
