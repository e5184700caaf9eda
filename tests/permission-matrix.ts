import { randomBytes } from "node:crypto";
import { childPath, depthOf } from "../lib/org/tree";
import type { CreateReminderInput } from "../lib/schemas/reminders";
import type { Role } from "../lib/schemas/roles";
import type { Actor } from "../server/auth/actor";
import { db } from "../server/db";
import { hashSecret, newSecret } from "../server/security/tokens";
import { createInvite } from "../server/services/invites";
import { notify } from "../server/services/notifications";
import { createReminder } from "../server/services/reminders";
import { createDeviceSession } from "../server/services/sessions";
import type { FixtureUnit, FixtureUserKey, OrgFixture } from "./fixtures/org";
import { availabilityMatrix } from "./permission-matrix/availability";
import { cohortsMatrix } from "./permission-matrix/cohorts";
import { coursesMatrix } from "./permission-matrix/courses";
import { learningMatrix } from "./permission-matrix/learning";
import { meetingsMatrix } from "./permission-matrix/meetings";
import { reviewMatrix } from "./permission-matrix/review";
import { schedulingMatrix } from "./permission-matrix/scheduling";
import { tutorMatrix } from "./permission-matrix/tutor";

/**
 * Who may call what. One entry per tRPC procedure (keyed by its dotted path)
 * and per server action (keyed `<file>.<export>` under app/actions); the test
 * in permission-matrix.integration.test.ts fails when a procedure or action
 * has no entry, or an entry names one that no longer exists.
 *
 * The target is always the fixture organisation (tests/fixtures/org.ts), and
 * record-level targets sit in its Department unit, where the teacher (at the
 * School above), the facilitator and the student all hold roles: a denial
 * there is about the role, not about being outside the subtree.
 */

export const callers = [
  "anonymous",
  "student",
  "teacher",
  "facilitator",
  "otherOrgAdmin",
  "orgAdmin",
  "systemAdmin",
] as const;
export type Caller = (typeof callers)[number];

/** The fixture user behind each caller; anonymous has none. */
export const fixtureUserOf: Record<Exclude<Caller, "anonymous">, FixtureUserKey> = {
  student: "student",
  teacher: "teacher",
  facilitator: "facilitator",
  otherOrgAdmin: "otherAdmin",
  orgAdmin: "rootAdmin",
  systemAdmin: "sysAdmin",
};

export interface MatrixContext {
  f: OrgFixture;
  caller: Caller;
  actor: Actor | null;
}

export interface MatrixEntry {
  /** Callers for whom the call resolves; everyone else is denied. */
  allow: readonly Caller[];
  /** Builds the input, with fresh records for calls that change them. */
  input?: (ctx: MatrixContext) => unknown;
  /**
   * Set when the call is not about one organisation. Otherwise the admin of
   * another organisation must be told NOT_FOUND, never FORBIDDEN, so ids of
   * other organisations' records reveal nothing.
   */
  notOrgScoped?: true;
  /** Why the call is expected to log to console.error here (it is muted for this row only). */
  logsWithoutRequest?: string;
}

const everyone = callers;
const signedIn = callers.filter((c) => c !== "anonymous");
const orgMembers = ["student", "teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const admins = ["orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];

// ---------------------------------------------------------------------------
// Fresh records for inputs

const tag = () => randomBytes(4).toString("hex");

async function freshUnit(parent: FixtureUnit, options: { archived?: boolean } = {}): Promise<{ id: string }> {
  const created = await db().orgUnit.create({
    data: {
      orgId: parent.orgId,
      parentId: parent.id,
      name: `Matrix ${tag()}`,
      path: `${parent.path}pending-${tag()}/`,
      depth: depthOf(parent.path) + 1,
      archivedAt: options.archived ? new Date() : null,
    },
    select: { id: true },
  });
  await db().orgUnit.update({ where: { id: created.id }, data: { path: childPath(parent.path, created.id) } });
  return created;
}

async function freshUser(): Promise<{ id: string; email: string }> {
  const email = `matrix-${tag()}@example.test`;
  const user = await db().user.create({ data: { email, name: `Matrix ${tag()}` }, select: { id: true } });
  return { id: user.id, email };
}

async function freshMembership(unit: FixtureUnit, role: Role): Promise<string> {
  const user = await freshUser();
  const m = await db().membership.create({
    data: { userId: user.id, orgId: unit.orgId, unitId: unit.id, role },
    select: { id: true },
  });
  return m.id;
}

/** A shareable invite made by the org admin; returns its id and the secret from the link. */
async function freshInvite(f: OrgFixture, unit: FixtureUnit, role: Role): Promise<{ id: string; token: string }> {
  const { invite, url } = await createInvite(f.actors.rootAdmin, { orgId: unit.orgId, unitId: unit.id, role, maxUses: 5 });
  const token = new URL(url).searchParams.get("invite");
  if (!token) throw new Error("Invite link without a token.");
  return { id: invite.id, token };
}

async function freshResetToken(): Promise<string> {
  const user = await freshUser();
  const token = newSecret();
  await db().verificationToken.create({
    data: { identifier: `password-reset:${user.id}`, token: hashSecret(token), expires: new Date(Date.now() + 60 * 60 * 1000) },
  });
  return token;
}

/** A workflow run row in the given state (no worker serves "lyceum-matrix-fn", so it stays as made). */
async function freshWorkflowRun(status: "sleeping" | "failed"): Promise<string> {
  const run = await db().workflowRun.create({
    data: {
      functionId: "lyceum-matrix-fn",
      status,
      event: { id: `matrix-${tag()}`, name: "matrix/test", data: {}, ts: Date.now() },
      maxAttempts: 1,
      ...(status === "failed"
        ? { finishedAt: new Date(), error: { name: "Error", message: "Matrix failure" } }
        : { nextRunAt: new Date(Date.now() + 60 * 60 * 1000) }),
    },
    select: { id: true },
  });
  return run.id;
}

const matrixReminder: CreateReminderInput = {
  title: "Matrix reminder",
  kind: "recurring",
  timeZone: "Europe/Brussels",
  time: "09:00",
  weekdays: [1, 3],
  offsets: [60, 0],
  channels: ["in_app"],
};

/** A reminder of the student's: only its owner (and a system admin) may read or change it. */
async function freshReminder(f: OrgFixture): Promise<string> {
  return (await createReminder(f.actors.student, { ...matrixReminder, title: `Matrix ${tag()}` })).id;
}

/** An in-app notification of the student's: the inbox is personal, so only the student may mark it. */
async function freshNotification(f: OrgFixture): Promise<string> {
  const result = await notify(f.users.student.id, "account.test", {}, { channels: ["in_app"] });
  if (!result) throw new Error("The matrix notification was not recorded.");
  return result.notificationId;
}

// ---------------------------------------------------------------------------
// tRPC procedures

export const procedureMatrix: Record<string, MatrixEntry> = {
  "account.me": { allow: signedIn },
  "account.updateProfile": { allow: signedIn, input: () => ({ name: `Matrix ${tag()}`, timeZone: "Europe/London" }) },
  "account.sessions": { allow: signedIn },
  // Another person's device: only its owner (the student) and a system admin may end it.
  "account.revokeSession": {
    allow: ["student", "systemAdmin"],
    input: async ({ f }) => ({ sessionId: (await createDeviceSession({ userId: f.users.student.id })).id }),
  },
  "account.revokeOtherSessions": { allow: signedIn },

  "organizations.mine": { allow: signedIn },
  "organizations.all": { allow: ["systemAdmin"], input: () => ({}), notOrgScoped: true },
  "organizations.get": { allow: orgMembers, input: ({ f }) => ({ orgId: f.org.id }) },
  "organizations.rename": { allow: admins, input: ({ f }) => ({ orgId: f.org.id, name: `Matrix Org ${tag()}` }) },

  "units.tree": { allow: orgMembers, input: ({ f }) => ({ orgId: f.org.id }) },
  "units.create": {
    allow: admins,
    input: ({ f }) => ({ orgId: f.org.id, parentId: f.units.department.id, name: `Matrix ${tag()}` }),
  },
  "units.rename": {
    allow: admins,
    input: async ({ f }) => ({ unitId: (await freshUnit(f.units.department)).id, name: `Renamed ${tag()}` }),
  },
  "units.move": {
    allow: admins,
    input: async ({ f }) => ({ unitId: (await freshUnit(f.units.department)).id, newParentId: f.units.school.id }),
  },
  "units.archive": { allow: admins, input: async ({ f }) => ({ unitId: (await freshUnit(f.units.department)).id }) },
  "units.restore": {
    allow: admins,
    input: async ({ f }) => ({ unitId: (await freshUnit(f.units.department, { archived: true })).id }),
  },

  "members.list": { allow: ["teacher", "facilitator", "orgAdmin", "systemAdmin"], input: ({ f }) => ({ orgId: f.org.id }) },
  "members.changeRole": {
    allow: admins,
    input: async ({ f }) => ({ membershipId: await freshMembership(f.units.department, "student"), role: "facilitator" }),
  },
  "members.move": {
    allow: admins,
    input: async ({ f }) => ({ membershipId: await freshMembership(f.units.department, "student"), unitId: f.units.school.id }),
  },
  "members.remove": {
    allow: admins,
    input: async ({ f }) => ({ membershipId: await freshMembership(f.units.department, "student") }),
  },

  // Public: the sign-up page shows what a link is for; holding the secret is the permission.
  "invites.preview": {
    allow: everyone,
    input: async ({ f }) => ({ token: (await freshInvite(f, f.units.department, "student")).token }),
  },
  "invites.list": { allow: ["teacher", "orgAdmin", "systemAdmin"], input: ({ f }) => ({ orgId: f.org.id }) },
  // Teachers may invite students (only); see the row input.
  "invites.create": {
    allow: ["teacher", "orgAdmin", "systemAdmin"],
    input: ({ f }) => ({ orgId: f.org.id, unitId: f.units.department.id, role: "student" }),
  },
  // An invite the org admin made: a teacher may revoke only their own.
  "invites.revoke": {
    allow: admins,
    input: async ({ f }) => ({ inviteId: (await freshInvite(f, f.units.department, "student")).id }),
  },

  "audit.list": { allow: admins, input: ({ f }) => ({ orgId: f.org.id }) },

  // Organisation settings: admins of the top unit only (the fixture's rootAdmin), like renaming.
  "orgSettings.get": { allow: admins, input: ({ f }) => ({ orgId: f.org.id }) },
  "orgSettings.setSlackWebhook": {
    allow: admins,
    input: ({ f }) => ({ orgId: f.org.id, url: `https://hooks.slack.com/services/T0MATRIX/B0MATRIX/${tag()}` }),
  },
  "orgSettings.clearSlackWebhook": { allow: admins, input: ({ f }) => ({ orgId: f.org.id }) },
  // Port 9 on loopback refuses at once: the call resolves with Slack's (network) failure as its result.
  "orgSettings.sendSlackTest": {
    allow: admins,
    input: async ({ f }) => {
      await db().organization.update({ where: { id: f.org.id }, data: { slackWebhookUrl: "http://127.0.0.1:9/services/T/B/matrix" } });
      return { orgId: f.org.id };
    },
  },
  "orgSettings.sendDigestNow": { allow: admins, input: ({ f }) => ({ orgId: f.org.id }) },

  // Workflow runs are instance-wide: system admins only.
  "workflows.overview": { allow: ["systemAdmin"], notOrgScoped: true },
  "workflows.list": { allow: ["systemAdmin"], input: () => ({}), notOrgScoped: true },
  "workflows.get": { allow: ["systemAdmin"], input: async () => ({ runId: await freshWorkflowRun("failed") }), notOrgScoped: true },
  "workflows.cancel": { allow: ["systemAdmin"], input: async () => ({ runId: await freshWorkflowRun("sleeping") }), notOrgScoped: true },
  "workflows.retry": { allow: ["systemAdmin"], input: async () => ({ runId: await freshWorkflowRun("failed") }), notOrgScoped: true },

  // Reminders are personal, not about an organisation.
  "reminders.list": { allow: signedIn, input: () => ({}), notOrgScoped: true },
  "reminders.create": { allow: signedIn, input: () => ({ ...matrixReminder, title: `Matrix ${tag()}` }), notOrgScoped: true },
  "reminders.get": {
    allow: ["student", "systemAdmin"],
    input: async ({ f }) => ({ reminderId: await freshReminder(f) }),
    notOrgScoped: true,
  },
  "reminders.update": {
    allow: ["student", "systemAdmin"],
    input: async ({ f }) => ({ ...matrixReminder, reminderId: await freshReminder(f), title: `Renamed ${tag()}` }),
    notOrgScoped: true,
  },
  "reminders.delete": {
    allow: ["student", "systemAdmin"],
    input: async ({ f }) => ({ reminderId: await freshReminder(f) }),
    notOrgScoped: true,
  },

  // The inbox and preferences are personal: everyone signed in has their own; nobody else's is reachable, not even a system admin's.
  "notifications.list": { allow: signedIn, input: () => ({ unreadOnly: false }), notOrgScoped: true },
  "notifications.unreadCount": { allow: signedIn, notOrgScoped: true },
  "notifications.markRead": { allow: ["student"], input: async ({ f }) => ({ id: await freshNotification(f) }), notOrgScoped: true },
  "notifications.markUnread": { allow: ["student"], input: async ({ f }) => ({ id: await freshNotification(f) }), notOrgScoped: true },
  "notifications.markAllRead": { allow: signedIn, notOrgScoped: true },
  "notifications.preferences": { allow: signedIn, notOrgScoped: true },
  "notifications.setPreference": {
    allow: signedIn,
    input: () => ({ type: "reminder", channel: "email", enabled: false }),
    notOrgScoped: true,
  },
  "notifications.sendTest": { allow: signedIn, notOrgScoped: true },

  // Courses, cohorts, learning, review and the tutor keep their rows in tests/permission-matrix/.
  ...coursesMatrix,
  ...cohortsMatrix,
  ...learningMatrix,
  ...reviewMatrix,
  ...tutorMatrix,
  ...availabilityMatrix,
  ...meetingsMatrix,
  ...schedulingMatrix,
};

// ---------------------------------------------------------------------------
// Server actions (app/actions/*.ts), called through `.run(actor, input)`

const password = "matrix-password-2026";

export const actionMatrix: Record<string, MatrixEntry> = {
  // Anyone may create an account; a signed-in person who calls it makes another account.
  "auth.signUpAction": {
    allow: everyone,
    logsWithoutRequest: "signing the new account in needs next-auth's request cookies; the handler logs that and carries on",
    input: () => ({ name: "Matrix Person", email: `matrix-signup-${tag()}@example.test`, password, organizationName: `Matrix Org ${tag()}` }),
  },
  "auth.requestPasswordResetAction": { allow: everyone, input: () => ({ email: `matrix-reset-${tag()}@example.test` }) },
  "auth.resetPasswordAction": { allow: everyone, input: async () => ({ token: await freshResetToken(), password }) },
  // A shareable invite to the Sibling School, where no fixture user holds a role yet.
  "auth.acceptInviteAction": {
    allow: signedIn,
    input: async ({ f }) => ({ token: (await freshInvite(f, f.units.sibling, "student")).token }),
  },
  "auth.updateProfileAction": { allow: signedIn, input: () => ({ name: `Matrix ${tag()}`, timeZone: "Europe/Paris" }) },
  "auth.createOrganizationAction": { allow: signedIn, input: () => ({ name: `Matrix Org ${tag()}` }) },
};

/**
 * Exports of app/actions/*.ts that are not `formAction`s, and why they have
 * no row. Each must say why calling it needs no permission check.
 */
export const actionExceptions: Record<string, string> = {
  "sign-out.signOutAction":
    "Ends the caller's own session through next-auth's signOut, which needs a live request (cookies); it takes no input and acts on nobody else.",
};
