import type { Role } from "@/lib/schemas/roles";
import type { Db } from "../db";

/** A role held at a unit; it covers every unit whose path starts with `unitPath`. */
export interface MembershipGrant {
  orgId: string;
  unitId: string;
  unitPath: string;
  role: Role;
}

/**
 * Who is acting. Every edge (tRPC, server action, route, bot, workflow) builds
 * one and passes it to services; services never see a next-auth session or a
 * Discord interaction. `null` is an anonymous caller.
 */
export interface Actor {
  userId: string;
  isSystemAdmin: boolean;
  memberships: MembershipGrant[];
}

export type MaybeActor = Actor | null;

export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      isSystemAdmin: true,
      memberships: {
        where: { unit: { archivedAt: null } },
        select: { orgId: true, unitId: true, role: true, unit: { select: { path: true } } },
      },
    },
  });
  if (!user) return null;
  return {
    userId: user.id,
    isSystemAdmin: user.isSystemAdmin,
    memberships: user.memberships.map((m) => ({
      orgId: m.orgId,
      unitId: m.unitId,
      unitPath: m.unit.path,
      role: m.role,
    })),
  };
}

export function rolesIn(actor: MaybeActor, orgId: string): Role[] {
  if (!actor) return [];
  return [...new Set(actor.memberships.filter((m) => m.orgId === orgId).map((m) => m.role))];
}

export function orgIdsOf(actor: MaybeActor): string[] {
  if (!actor) return [];
  return [...new Set(actor.memberships.map((m) => m.orgId))];
}
