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
  /** The person's own IANA time zone (their profile): times shown to them are in it. */
  timeZone: string;
}

export type MaybeActor = Actor | null;

/** The signed-in person as the app shell shows them, with their actor: one query for both. */
export interface Viewer {
  actor: Actor;
  name: string;
  email: string;
}

export async function loadViewer(db: Db, userId: string): Promise<Viewer | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      timeZone: true,
      isSystemAdmin: true,
      memberships: {
        where: { unit: { archivedAt: null } },
        select: { orgId: true, unitId: true, role: true, unit: { select: { path: true } } },
      },
    },
  });
  if (!user) return null;
  return {
    name: user.name,
    email: user.email,
    actor: {
      userId: user.id,
      isSystemAdmin: user.isSystemAdmin,
      timeZone: user.timeZone,
      memberships: user.memberships.map((m) => ({
        orgId: m.orgId,
        unitId: m.unitId,
        unitPath: m.unit.path,
        role: m.role,
      })),
    },
  };
}

export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  return (await loadViewer(db, userId))?.actor ?? null;
}

export function rolesIn(actor: MaybeActor, orgId: string): Role[] {
  if (!actor) return [];
  return [...new Set(actor.memberships.filter((m) => m.orgId === orgId).map((m) => m.role))];
}

export function orgIdsOf(actor: MaybeActor): string[] {
  if (!actor) return [];
  return [...new Set(actor.memberships.map((m) => m.orgId))];
}
