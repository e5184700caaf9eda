import { AppError } from "@/lib/errors";
import { isWithin } from "@/lib/org/tree";
import type { CohortRole } from "@/lib/schemas/cohort-roles";
import { cohortIdInputSchema, joinTokenSchema, type CohortIdInput, type JoinTokenInput } from "@/lib/schemas/cohorts";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { appUrl } from "../../env";
import { hashSecret, newSecret } from "../../security/tokens";
import { recordAudit } from "../audit";
import { requireManagedCohort } from "./cohorts";

/**
 * Joining a cohort by link. The link holds a secret shown once, when it is
 * made; the cohort keeps only its SHA-256, so rotating the secret stops the
 * old link at once. Whoever holds a working link may join as a learner, and
 * gets a student role at the course's unit when they have no role covering
 * it, so the organisation's pages open for them.
 */

type Tx = Prisma.TransactionClient;

export const joinLinkMessages = {
  unknown: "This join link does not work. It may have been replaced by a newer link or turned off: ask your teacher for the current one.",
  archived: "This cohort has ended, so it can no longer be joined. Ask your teacher which cohort to join instead.",
  courseArchived: "This course has been archived, so its cohorts can no longer be joined. Ask your teacher which course to join instead.",
} as const;

export interface InviteLinkDTO {
  cohortId: string;
  /** The join link; shown once, since only its hash is kept. */
  url: string;
}

export function joinUrl(secret: string): string {
  return `${appUrl()}/join/${encodeURIComponent(secret)}`;
}

type LinkAction = "created" | "rotated";

async function setLink(actor: MaybeActor, cohortId: string, action: LinkAction): Promise<InviteLinkDTO> {
  const cohort = await requireManagedCohort(actor, cohortId);
  const secret = newSecret();
  await db().$transaction(async (tx) => {
    const where = action === "created" ? { id: cohort.id, inviteTokenHash: null } : { id: cohort.id };
    // Conditional for "created", so two people creating at once do not both get a link that then silently stops working.
    const { count } = await tx.cohort.updateMany({ where, data: { inviteTokenHash: hashSecret(secret) } });
    if (count === 0) {
      throw new AppError("conflict", "This cohort already has a join link. Replace it to get a new one (the current link then stops working).");
    }
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: cohort.actor.userId,
      action: `cohort.link_${action}`,
      targetType: "Cohort",
      targetId: cohort.id,
      data: { name: cohort.name },
    });
  });
  return { cohortId: cohort.id, url: joinUrl(secret) };
}

/** Turns joining by link on; the link is returned once. Refused when the cohort already has one (replace it instead). */
export async function createInviteLink(actor: MaybeActor, input: CohortIdInput): Promise<InviteLinkDTO> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  return setLink(actor, cohortId, "created");
}

/** A new secret: the old link stops working at once. Also turns joining on when it was off. */
export async function rotateInviteLink(actor: MaybeActor, input: CohortIdInput): Promise<InviteLinkDTO> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  return setLink(actor, cohortId, "rotated");
}

/** Turns joining by link off. People who joined stay; turning it off twice is harmless. */
export async function disableInviteLink(actor: MaybeActor, input: CohortIdInput): Promise<{ cohortId: string; inviteLinkEnabled: false }> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  const cohort = await requireManagedCohort(actor, cohortId, db(), { allowArchived: true });
  await db().$transaction(async (tx) => {
    const { count } = await tx.cohort.updateMany({ where: { id: cohort.id, inviteTokenHash: { not: null } }, data: { inviteTokenHash: null } });
    if (count === 1) {
      await recordAudit(tx, {
        orgId: cohort.orgId,
        actorId: cohort.actor.userId,
        action: "cohort.link_disabled",
        targetType: "Cohort",
        targetId: cohort.id,
        data: { name: cohort.name },
      });
    }
  });
  return { cohortId: cohort.id, inviteLinkEnabled: false };
}

// ---------------------------------------------------------------------------
// Following a link

const joinableSelect = {
  id: true,
  orgId: true,
  name: true,
  startDate: true,
  timeZone: true,
  archivedAt: true,
  org: { select: { name: true } },
  course: { select: { id: true, title: true, unitId: true, archivedAt: true, unit: { select: { path: true } } } },
} satisfies Prisma.CohortSelect;

export type JoinableCohort = Prisma.CohortGetPayload<{ select: typeof joinableSelect }>;

function joinProblem(cohort: JoinableCohort): string | undefined {
  if (cohort.archivedAt) return joinLinkMessages.archived;
  if (cohort.course.archivedAt) return joinLinkMessages.courseArchived;
  return undefined;
}

function findByToken(token: string, client: Tx | ReturnType<typeof db> = db()): Promise<JoinableCohort | null> {
  return client.cohort.findUnique({ where: { inviteTokenHash: hashSecret(token) }, select: joinableSelect });
}

/**
 * The cohort a link lets people join, or an `invalid` error (with the message
 * on `field`, for the sign-up form) saying why it cannot be used.
 */
export async function findJoinableCohort(token: string, field = "token"): Promise<JoinableCohort> {
  const cohort = await findByToken(token);
  const problem = cohort ? joinProblem(cohort) : joinLinkMessages.unknown;
  if (!cohort || problem) {
    const message = problem ?? joinLinkMessages.unknown;
    throw new AppError("invalid", message, { fieldErrors: { [field]: [message] } });
  }
  return cohort;
}

export interface JoinPreviewDTO {
  cohortName: string;
  courseTitle: string;
  orgName: string;
  /** First day, "YYYY-MM-DD" in `timeZone`. */
  startDate: string;
  timeZone: string;
  /** False when the link is known but the cohort can no longer be joined. */
  valid: boolean;
  reason?: string;
}

/**
 * What a join link is for, for anyone holding it (signed in or not): the
 * cohort, course and organisation names and the start date, nothing more.
 */
export async function previewJoin(input: JoinTokenInput): Promise<JoinPreviewDTO> {
  const { token } = parseInput(joinTokenSchema, input);
  const cohort = await findByToken(token);
  if (!cohort) throw new AppError("not_found", joinLinkMessages.unknown);
  const reason = joinProblem(cohort);
  return {
    cohortName: cohort.name,
    courseTitle: cohort.course.title,
    orgName: cohort.org.name,
    startDate: cohort.startDate,
    timeZone: cohort.timeZone,
    valid: reason === undefined,
    ...(reason ? { reason } : {}),
  };
}

export interface JoinResult {
  orgId: string;
  cohortId: string;
  cohortName: string;
  courseTitle: string;
  /** The person's role in the cohort: "learner", or their earlier role when they were already in it. */
  role: CohortRole;
  /** They were already a member: nothing changed. */
  alreadyMember: boolean;
  /** A student role at the course's unit was added, so they can open the organisation. */
  grantedOrgMembership: boolean;
}

/**
 * In `tx`: makes `userId` a learner of `cohort` unless they already belong to
 * it, and gives them a student role at the course's unit when no role of
 * theirs in the organisation covers it. Used by joining and by signing up
 * from a join link, so both follow one rule.
 */
export async function joinCohortInTx(
  tx: Tx,
  cohort: JoinableCohort,
  userId: string,
  at: Date,
  options: { newAccount?: boolean; via?: "link" | "added" } = {},
): Promise<JoinResult> {
  const base = { orgId: cohort.orgId, cohortId: cohort.id, cohortName: cohort.name, courseTitle: cohort.course.title };
  const existing = await tx.cohortMember.findUnique({ where: { cohortId_userId: { cohortId: cohort.id, userId } }, select: { role: true } });
  if (existing) return { ...base, role: existing.role, alreadyMember: true, grantedOrgMembership: false };

  // skipDuplicates instead of catching a unique violation, which would abort the transaction.
  const added = await tx.cohortMember.createMany({ data: [{ cohortId: cohort.id, userId, role: "learner", joinedAt: at }], skipDuplicates: true });
  if (added.count === 0) {
    const raced = await tx.cohortMember.findUniqueOrThrow({ where: { cohortId_userId: { cohortId: cohort.id, userId } }, select: { role: true } });
    return { ...base, role: raced.role, alreadyMember: true, grantedOrgMembership: false };
  }
  const grantedOrgMembership = await ensureOrgMembership(tx, cohort, userId);
  await recordAudit(tx, {
    orgId: cohort.orgId,
    actorId: userId,
    action: "cohort.joined",
    targetType: "Cohort",
    targetId: cohort.id,
    data: { userId, name: cohort.name, via: options.via ?? "link", newAccount: options.newAccount ?? false, grantedOrgMembership },
  });
  return { ...base, role: "learner", alreadyMember: false, grantedOrgMembership };
}

/** A student role at the course's unit unless a role of theirs in an active unit (at it or above it) covers it already. */
export async function ensureOrgMembership(
  tx: Tx,
  cohort: { orgId: string; course: { unitId: string; unit: { path: string } } },
  userId: string,
): Promise<boolean> {
  const held = await tx.membership.findMany({ where: { userId, orgId: cohort.orgId, unit: { archivedAt: null } }, select: { unit: { select: { path: true } } } });
  if (held.some((m) => isWithin(cohort.course.unit.path, m.unit.path))) return false;
  const created = await tx.membership.createMany({
    data: [{ userId, orgId: cohort.orgId, unitId: cohort.course.unitId, role: "student" }],
    skipDuplicates: true,
  });
  return created.count === 1;
}

/**
 * The signed-in person joins the cohort a link is for, as a learner. Joining
 * again changes nothing and says so (`alreadyMember`).
 */
export async function joinCohort(actor: MaybeActor, input: JoinTokenInput): Promise<JoinResult> {
  requireActor(actor);
  const { token } = parseInput(joinTokenSchema, input);
  const cohort = await findByToken(token);
  if (!cohort) throw new AppError("not_found", joinLinkMessages.unknown);
  const problem = joinProblem(cohort);
  if (problem) throw new AppError("conflict", problem);
  const at = await appNow();
  return db().$transaction((tx) => joinCohortInTx(tx, cohort, actor.userId, at));
}
