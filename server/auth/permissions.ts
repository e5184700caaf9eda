import {
  AbilityBuilder,
  createMongoAbility,
  subject as tagSubject,
  type ForcedSubject,
  type MongoAbility,
  type MongoQuery,
} from "@casl/ability";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/schemas/roles";
import type { CohortRole } from "@/lib/schemas/cohort-roles";
import type { Actor, MaybeActor, MembershipGrant } from "./actor";

/**
 * The one ability module. Who may do what to which record:
 * - a system admin may do anything;
 * - a role held at a unit covers that unit's whole subtree, so an org admin of
 *   an ancestor unit manages everything below it;
 * - everyone manages their own profile and device sessions.
 * Services call `assertCan` before every read or write of a record.
 */

export type Action =
  | "manage"
  | "read"
  | "create"
  | "update"
  | "delete"
  | "move"
  | "archive"
  /** Take part in a cohort as a learner: open its items, answer, chat with the tutor. */
  | "learn"
  /** Review a cohort's work: override grades, comment, release exam feedback. */
  | "review";

/** The plain shapes abilities are checked against (DTO fields, not Prisma rows). */
export interface SubjectShapes {
  User: { id: string };
  Session: { userId: string };
  Organization: { id: string };
  OrgUnit: { id?: string; orgId: string; path: string };
  Membership: { orgId: string; unitPath: string; userId?: string; role?: Role };
  Invite: { orgId: string; unitPath: string; role: Role; createdById?: string | null };
  AuditLog: { orgId: string | null };
  System: { id: "system" };
  /** Runs of the embedded workflow executor: instance-wide, so only system admins (`manage all`) reach them. */
  WorkflowRun: { id?: string };
  /** A person's own reminders. */
  Reminder: { userId: string };
  /** A person's own notifications and notification preferences (the inbox is personal: services also scope by owner). */
  Notification: { userId: string };
  /** A course, authored by teachers and admins of its unit's subtree. */
  Course: { orgId: string; unitPath: string };
  /**
   * A cohort of a course. `cohortRole` is the actor's own role in this cohort
   * (loaded by the service, null when not a member): membership of a cohort is
   * not a unit grant, so the service passes it in with the record.
   */
  Cohort: { orgId: string; unitPath: string; cohortRole: CohortRole | null };
}

export type SubjectType = keyof SubjectShapes;
type TaggedSubject = { [K in SubjectType]: SubjectShapes[K] & ForcedSubject<K> }[SubjectType];
export type AppAbility = MongoAbility<[Action, SubjectType | TaggedSubject | "all"], MongoQuery>;

const subjectLabels: Record<SubjectType, string> = {
  User: "account",
  Session: "session",
  Organization: "organisation",
  OrgUnit: "unit",
  Membership: "membership",
  Invite: "invite",
  AuditLog: "audit log",
  System: "system settings",
  WorkflowRun: "workflow run",
  Reminder: "reminder",
  Notification: "notification",
  Course: "course",
  Cohort: "cohort",
};

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Matches a path at or below `unitPath` in the tree. */
function within(unitPath: string): { $regex: string } {
  return { $regex: `^${escapeRegExp(unitPath)}` };
}

export function isRootGrant(grant: MembershipGrant): boolean {
  return grant.unitPath.split("/").filter(Boolean).length === 1;
}

export function defineAbilityFor(actor: MaybeActor): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (!actor) return build();

  if (actor.isSystemAdmin) {
    can("manage", "all");
    return build();
  }

  can(["read", "update"], "User", { id: actor.userId });
  can(["read", "delete"], "Session", { userId: actor.userId });
  can("manage", "Reminder", { userId: actor.userId });
  can(["read", "update"], "Notification", { userId: actor.userId });
  can("read", "Membership", { userId: actor.userId });
  // Cohort roles come with the record (see SubjectShapes.Cohort), so they hold in any unit.
  can(["read", "learn"], "Cohort", { cohortRole: "learner" });
  can("read", "Cohort", { cohortRole: "facilitator" });
  can(["read", "review"], "Cohort", { cohortRole: "teacher" });

  for (const grant of actor.memberships) {
    const { orgId } = grant;
    const subtree = within(grant.unitPath);
    can("read", "Organization", { id: orgId });
    can("read", "OrgUnit", { orgId, path: subtree });

    switch (grant.role) {
      case "org_admin":
        // Audit entries span the whole organisation, so only admins of its top unit read them.
        if (isRootGrant(grant)) {
          can("update", "Organization", { id: orgId });
          can("read", "AuditLog", { orgId });
        }
        can(["create", "update", "move", "archive", "read"], "OrgUnit", { orgId, path: subtree });
        can("manage", "Membership", { orgId, unitPath: subtree });
        can("manage", "Invite", { orgId, unitPath: subtree });
        can("manage", "Course", { orgId, unitPath: subtree });
        can("manage", "Cohort", { orgId, unitPath: subtree });
        break;
      case "teacher":
        can("manage", "Course", { orgId, unitPath: subtree });
        can("manage", "Cohort", { orgId, unitPath: subtree });
        can("read", "Membership", { orgId, unitPath: subtree });
        can("create", "Invite", { orgId, unitPath: subtree, role: "student" });
        can(["read", "delete"], "Invite", { orgId, unitPath: subtree, createdById: actor.userId });
        break;
      case "facilitator":
        can("read", "Membership", { orgId, unitPath: subtree });
        break;
      case "student":
        break;
    }
  }
  // Only learners of a cohort take part in it; teachers and admins preview it with "view as learner".
  cannot("learn", "Cohort", { cohortRole: { $ne: "learner" } });
  return build();
}

const abilityCache = new WeakMap<Actor, AppAbility>();

export function abilityOf(actor: MaybeActor): AppAbility {
  if (!actor) return defineAbilityFor(null);
  let ability = abilityCache.get(actor);
  if (!ability) {
    ability = defineAbilityFor(actor);
    abilityCache.set(actor, ability);
  }
  return ability;
}

export function can<K extends SubjectType>(
  actor: MaybeActor,
  action: Action,
  type: K,
  record: SubjectShapes[K],
): boolean {
  // tagSubject marks the plain object with its type; TS cannot relate the generic K to the union.
  const tagged = tagSubject(type, { ...record }) as unknown as TaggedSubject;
  return abilityOf(actor).can(action, tagged);
}

/** Throws `unauthenticated` for anonymous callers and `forbidden` otherwise. */
export function assertCan<K extends SubjectType>(
  actor: MaybeActor,
  action: Action,
  type: K,
  record: SubjectShapes[K],
): asserts actor is Actor {
  if (can(actor, action, type, record)) return;
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
  const verb = action === "manage" ? "manage" : action;
  throw new AppError("forbidden", `You do not have permission to ${verb} this ${subjectLabels[type]}.`);
}

export function requireActor(actor: MaybeActor): asserts actor is Actor {
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
}

/** Unit paths in `orgId` where the actor holds one of `roles` (for scoping list queries). */
export function grantPaths(actor: MaybeActor, orgId: string, roles: readonly Role[]): string[] {
  if (!actor) return [];
  return actor.memberships
    .filter((m) => m.orgId === orgId && roles.includes(m.role))
    .map((m) => m.unitPath);
}

export function isOrgAdmin(actor: MaybeActor, orgId: string): boolean {
  return !!actor && (actor.isSystemAdmin || grantPaths(actor, orgId, ["org_admin"]).length > 0);
}
