import { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  inviteTokenInputSchema,
  organizationNameSchema,
  signInInputSchema,
  signUpInputSchema,
  updateProfileSchema,
  type InviteTokenInput,
  type SignInInput,
  type SignUpInput,
  type UpdateProfileInput,
} from "@/lib/schemas/auth";
import type { Role } from "@/lib/schemas/roles";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../auth/actor";
import { assertCan, requireActor } from "../auth/permissions";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { hashPassword, needsRehash, verifyPasswordTimingSafe } from "../security/password";
import { hashSecret } from "../security/tokens";
import { appNow } from "../clock";
import { recordAudit } from "./audit";
import { findJoinableCohort, joinCohortInTx } from "./courses/cohorts-invite";
import { activeInviteWhere, inviteTermsSelect } from "./invites";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

export interface SignUpResult {
  userId: string;
  orgId: string;
  /** Set when the account signed up from a cohort's join link and joined that cohort. */
  cohortId?: string;
}

export interface AcceptInviteResult {
  orgId: string;
  unitId: string;
  role: Role;
}

export interface InvitePreview {
  orgName: string;
  unitName: string;
  role: Role;
  /** Set when the invite is for one address only. */
  email: string | null;
  expiresAt: Date;
  valid: boolean;
  /** Why the invite cannot be used, when `valid` is false. */
  reason?: string;
}

export interface MeMembership {
  orgId: string;
  orgName: string;
  orgSlug: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  role: Role;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  image: string | null;
  timeZone: string;
  isSystemAdmin: boolean;
  /** False for accounts that only sign in with a provider (they can set one via password reset). */
  hasPassword: boolean;
  createdAt: Date;
  memberships: MeMembership[];
}

const msg = {
  unknownInvite: "This invite link is not valid. Check that you copied the whole link, or ask the person who invited you for a new one.",
  revoked: "This invite has been withdrawn. Ask the person who invited you for a new link.",
  expired: "This invite has expired. Ask the person who invited you for a new link.",
  usedUp: "This invite has already been used. Ask the person who invited you for a new link.",
  archived: "The group this invite is for has been archived. Ask the person who invited you for a new link.",
  otherEmail: "This invite is for a different email address. Use the address the invite was sent to.",
  existsWithInvite: "An account with this email already exists. Sign in and open the invite link again.",
  existsWithCohortLink: "An account with this email already exists. Sign in, then open the join link again.",
  exists: "An account with this email already exists. Sign in instead, or reset your password if you have forgotten it.",
} as const;

// ---------------------------------------------------------------------------
// Sign-in

/**
 * The user for an email and password, or null when either is wrong. Unknown
 * emails cost the same password check as known ones, so timing does not tell
 * which emails have accounts. Hashes made with older parameters are upgraded.
 */
export async function verifyCredentials(input: SignInInput): Promise<SignedInUser | null> {
  const { email, password } = parseInput(signInInputSchema, input);
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const ok = await verifyPasswordTimingSafe(user?.passwordHash, password);
  if (!user?.passwordHash || !ok) return null;
  if (needsRehash(user.passwordHash)) {
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { id: user.id, email: user.email, name: user.name };
}

// ---------------------------------------------------------------------------
// Invites

const inviteSelect = {
  ...inviteTermsSelect,
  org: { select: { name: true } },
  unit: { select: { name: true, archivedAt: true } },
} satisfies Prisma.InviteSelect;

type InviteRow = Prisma.InviteGetPayload<{ select: typeof inviteSelect }>;

function findInvite(token: string): Promise<InviteRow | null> {
  return db().invite.findUnique({ where: { tokenHash: hashSecret(token) }, select: inviteSelect });
}

/** Why an invite cannot be redeemed now, or undefined when it can. */
function inviteProblem(invite: InviteRow, now: Date): string | undefined {
  if (invite.revokedAt) return msg.revoked;
  if (invite.expiresAt <= now) return msg.expired;
  if (invite.uses >= invite.maxUses) return msg.usedUp;
  if (invite.unit.archivedAt) return msg.archived;
  return undefined;
}

/**
 * Takes one use of the invite, re-checking it in the UPDATE itself: when two
 * people race for the last use, PostgreSQL re-evaluates the WHERE for the
 * second after the first commits, so only one matches.
 */
async function claimInvite(tx: Prisma.TransactionClient, inviteId: string, now: Date): Promise<void> {
  const claimed = await tx.invite.updateMany({
    where: { id: inviteId, ...activeInviteWhere(now) },
    data: { uses: { increment: 1 } },
  });
  if (claimed.count === 0) throw new AppError("invalid", msg.usedUp, { fieldErrors: { inviteToken: [msg.usedUp] } });
}

/** After `claimInvite`, in the same transaction: the role the invite grants, and the audit row. */
async function joinWithInvite(tx: Prisma.TransactionClient, invite: InviteRow, userId: string, newAccount: boolean): Promise<void> {
  await tx.membership.create({
    data: { userId, orgId: invite.orgId, unitId: invite.unitId, role: invite.role },
  });
  await recordAudit(tx, {
    orgId: invite.orgId,
    actorId: userId,
    action: "invite.redeemed",
    targetType: "Invite",
    targetId: invite.id,
    data: { userId, unitId: invite.unitId, role: invite.role, newAccount },
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function previewInvite(input: InviteTokenInput): Promise<InvitePreview> {
  const { token } = parseInput(inviteTokenInputSchema, input);
  const invite = await findInvite(token);
  if (!invite) throw new AppError("not_found", msg.unknownInvite);
  const reason = inviteProblem(invite, new Date());
  return {
    orgName: invite.org.name,
    unitName: invite.unit.name,
    role: invite.role,
    email: invite.email,
    expiresAt: invite.expiresAt,
    valid: reason === undefined,
    ...(reason ? { reason } : {}),
  };
}

/** A signed-in user opening an invite link: joins the invite's unit with its role. */
export async function acceptInviteAsUser(actor: MaybeActor, input: InviteTokenInput): Promise<AcceptInviteResult> {
  requireActor(actor);
  const { token } = parseInput(inviteTokenInputSchema, input);
  const invite = await findInvite(token);
  if (!invite) throw new AppError("not_found", msg.unknownInvite);

  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { email: true } });
  if (!user) throw new AppError("unauthenticated", "Your account no longer exists. Sign up again.");
  const already = await db().membership.findUnique({
    where: { userId_unitId: { userId: actor.userId, unitId: invite.unitId } },
    select: { id: true },
  });
  const alreadyMsg = `You already belong to ${invite.unit.name} in ${invite.org.name}.`;
  if (already) throw new AppError("conflict", alreadyMsg);

  const now = new Date();
  const problem = inviteProblem(invite, now);
  if (problem) throw new AppError("invalid", problem);
  if (invite.email && invite.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new AppError("forbidden", `${msg.otherEmail} You are signed in as ${user.email}.`);
  }

  try {
    await db().$transaction(async (tx) => {
      await claimInvite(tx, invite.id, now);
      await joinWithInvite(tx, invite, actor.userId, false);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", alreadyMsg);
    throw error;
  }
  return { orgId: invite.orgId, unitId: invite.unitId, role: invite.role };
}

// ---------------------------------------------------------------------------
// Sign-up

/**
 * Creates an account. With an invite token the person joins the invite's unit;
 * without one they found a new organisation and become its admin.
 */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const data = parseInput(signUpInputSchema, input);
  if (data.inviteToken) {
    return signUpWithInvite({ name: data.name, email: data.email, password: data.password, inviteToken: data.inviteToken });
  }
  if (data.cohortInvite) {
    return signUpWithCohortLink({ name: data.name, email: data.email, password: data.password, token: data.cohortInvite });
  }
  // The schema guarantees one of the two.
  const organizationName = data.organizationName ?? "";
  return signUpWithNewOrganization({ name: data.name, email: data.email, password: data.password, organizationName });
}

async function assertEmailFree(email: string, message: string): Promise<void> {
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new AppError("conflict", message, { fieldErrors: { email: [message] } });
}

async function signUpWithInvite(data: { name: string; email: string; password: string; inviteToken: string }): Promise<SignUpResult> {
  const invite = await findInvite(data.inviteToken);
  if (!invite) throw new AppError("invalid", msg.unknownInvite, { fieldErrors: { inviteToken: [msg.unknownInvite] } });
  const now = new Date();
  const problem = inviteProblem(invite, now);
  if (problem) throw new AppError("invalid", problem, { fieldErrors: { inviteToken: [problem] } });
  if (invite.email && invite.email.toLowerCase() !== data.email) {
    throw new AppError("invalid", msg.otherEmail, { fieldErrors: { email: [msg.otherEmail] } });
  }
  await assertEmailFree(data.email, msg.existsWithInvite);

  const passwordHash = await hashPassword(data.password);
  try {
    const userId = await db().$transaction(async (tx) => {
      // Claim first: the row lock then orders racing sign-ups before any other write.
      await claimInvite(tx, invite.id, now);
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, passwordHash },
        select: { id: true },
      });
      await joinWithInvite(tx, invite, user.id, true);
      return user.id;
    });
    return { userId, orgId: invite.orgId };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", msg.existsWithInvite, { fieldErrors: { email: [msg.existsWithInvite] } });
    }
    throw error;
  }
}

/**
 * An account made from a cohort's join link: it belongs to no organisation of
 * its own, and joins the cohort (with a student role at the course's unit) in
 * the transaction that creates it.
 */
async function signUpWithCohortLink(data: { name: string; email: string; password: string; token: string }): Promise<SignUpResult> {
  const cohort = await findJoinableCohort(data.token, "cohortInvite");
  await assertEmailFree(data.email, msg.existsWithCohortLink);
  const passwordHash = await hashPassword(data.password);
  const at = await appNow();
  try {
    const userId = await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: data.email, name: data.name, passwordHash }, select: { id: true } });
      await joinCohortInTx(tx, cohort, user.id, at, { newAccount: true });
      return user.id;
    });
    return { userId, orgId: cohort.orgId, cohortId: cohort.id };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", msg.existsWithCohortLink, { fieldErrors: { email: [msg.existsWithCohortLink] } });
    }
    throw error;
  }
}

/** "École Nord & Co." -> "ecole-nord-co" */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return slug || "org";
}

/** `base`, else the first free `base-2`, `base-3`, ... */
async function freeSlug(base: string): Promise<string> {
  const taken = new Set(
    (await db().organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

async function signUpWithNewOrganization(data: {
  name: string;
  email: string;
  password: string;
  organizationName: string;
}): Promise<SignUpResult> {
  await assertEmailFree(data.email, msg.exists);
  const passwordHash = await hashPassword(data.password);
  return foundOrganization(
    data.organizationName,
    async (tx) => {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, passwordHash },
        select: { id: true },
      });
      return user.id;
    },
    async () => {
      // The same email signed up concurrently: say so instead of retrying.
      const emailTaken = await db().user.findUnique({ where: { email: data.email }, select: { id: true } });
      if (emailTaken) throw new AppError("conflict", msg.exists, { fieldErrors: { email: [msg.exists] } });
    },
  );
}

/** Input of `createOrganizationForUser`; the name follows the same rule as at sign-up. */
export const createOrganizationInputSchema = z.object({ name: organizationNameSchema });
export type CreateOrganizationInput = z.input<typeof createOrganizationInputSchema>;

export interface CreatedOrganization {
  orgId: string;
}

/**
 * A signed-in person founds an organisation and becomes its admin. Anyone may,
 * as anyone may at sign-up; it is how someone who signed in with a provider
 * and has no invite gets started.
 */
export async function createOrganizationForUser(actor: MaybeActor, input: CreateOrganizationInput): Promise<CreatedOrganization> {
  requireActor(actor);
  const { name } = parseInput(createOrganizationInputSchema, input);
  const { orgId } = await foundOrganization(name, async () => actor.userId);
  return { orgId };
}

/**
 * Creates an organisation named `organizationName` with its root unit, makes
 * the founder (whom `founder` returns, creating them if need be, inside the
 * same transaction) its org_admin and audits it.
 */
async function foundOrganization(
  organizationName: string,
  founder: (tx: Prisma.TransactionClient) => Promise<string>,
  onUniqueViolation?: () => Promise<void>,
): Promise<{ userId: string; orgId: string }> {
  const base = slugify(organizationName);
  // A slug picked here can be taken by a concurrent insert before we commit; then pick again.
  for (let attempt = 0; ; attempt++) {
    const slug = await freeSlug(base);
    try {
      return await db().$transaction(async (tx) => {
        const userId = await founder(tx);
        const org = await tx.organization.create({ data: { name: organizationName, slug }, select: { id: true } });
        // The path holds the unit's own id, known only after insert.
        const root = await tx.orgUnit.create({
          data: { orgId: org.id, name: organizationName, path: "/", depth: 0 },
          select: { id: true },
        });
        await tx.orgUnit.update({ where: { id: root.id }, data: { path: `/${root.id}/` } });
        await tx.membership.create({ data: { userId, orgId: org.id, unitId: root.id, role: "org_admin" } });
        await recordAudit(tx, {
          orgId: org.id,
          actorId: userId,
          action: "organization.created",
          targetType: "Organization",
          targetId: org.id,
          data: { name: organizationName, slug },
        });
        return { userId, orgId: org.id };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await onUniqueViolation?.();
      if (attempt >= 4) {
        throw new AppError("conflict", "Many organisations are being created with this name right now. Try again in a moment.");
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Profile

async function loadMe(userId: string): Promise<Me> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      image: true,
      timeZone: true,
      isSystemAdmin: true,
      passwordHash: true,
      createdAt: true,
      memberships: {
        where: { unit: { archivedAt: null } },
        orderBy: { createdAt: "asc" },
        select: {
          orgId: true,
          unitId: true,
          role: true,
          org: { select: { name: true, slug: true } },
          unit: { select: { name: true, path: true } },
        },
      },
    },
  });
  if (!user) throw new AppError("not_found", "Your account no longer exists. Sign up again.");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    image: user.image,
    timeZone: user.timeZone,
    isSystemAdmin: user.isSystemAdmin,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt,
    memberships: user.memberships.map((m) => ({
      orgId: m.orgId,
      orgName: m.org.name,
      orgSlug: m.org.slug,
      unitId: m.unitId,
      unitName: m.unit.name,
      unitPath: m.unit.path,
      role: m.role,
    })),
  };
}

export async function getMe(actor: MaybeActor): Promise<Me> {
  requireActor(actor);
  assertCan(actor, "read", "User", { id: actor.userId });
  return loadMe(actor.userId);
}

export async function updateProfile(actor: MaybeActor, input: UpdateProfileInput): Promise<Me> {
  requireActor(actor);
  assertCan(actor, "update", "User", { id: actor.userId });
  const data = parseInput(updateProfileSchema, input);
  const updated = await db().user.updateMany({
    where: { id: actor.userId },
    data: { name: data.name, timeZone: data.timeZone },
  });
  if (updated.count === 0) throw new AppError("not_found", "Your account no longer exists. Sign up again.");
  return loadMe(actor.userId);
}
