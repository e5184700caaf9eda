import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { isWithin } from "@/lib/org/tree";
import { roleLabels, type Role } from "@/lib/schemas/roles";
import {
  createInviteSchema,
  listInvitesSchema,
  revokeInviteSchema,
  roleWithArticle,
  type CreateInviteInput,
  type InviteStatus,
  type ListInvitesInput,
  type RevokeInviteInput,
} from "@/lib/schemas/org";
import type { Prisma } from "../generated/prisma/client";
import type { Actor, MaybeActor } from "../auth/actor";
import { assertCan, can, grantPaths, requireActor } from "../auth/permissions";
import { appUrl } from "../env";
import { db } from "../db";
import { inviteEmail, sendMail, type MailTransport } from "../mail";
import { hashSecret, newSecret } from "../security/tokens";
import { recordAudit, type Page } from "./audit";
import { canSeeOrg, requireVisibleOrg } from "./organizations";
import { escapeLike, unitNotFound } from "./units";

export interface InviteDTO {
  id: string;
  orgId: string;
  unitId: string;
  unitName: string;
  role: Role;
  /** Only this address may use the invite; null for a shareable link. */
  email: string | null;
  maxUses: number;
  uses: number;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
  createdBy: { id: string; name: string; email: string } | null;
  status: InviteStatus;
  /** The invite is active and the actor may revoke it. */
  canRevoke: boolean;
}

const inviteNotFound = "This invite was not found. It may have been deleted, or you may not have access to it.";

/**
 * The fields that say what an invite grants (unit and role, for whom) and
 * whether it still works; redeeming an invite reads these too.
 */
export const inviteTermsSelect = {
  id: true,
  orgId: true,
  unitId: true,
  role: true,
  email: true,
  maxUses: true,
  uses: true,
  expiresAt: true,
  revokedAt: true,
} as const satisfies Prisma.InviteSelect;

/** Invites that still work at `now`: not revoked, not expired, with uses left. */
export function activeInviteWhere(now: Date) {
  return { revokedAt: null, expiresAt: { gt: now }, uses: { lt: db().invite.fields.maxUses } } satisfies Prisma.InviteWhereInput;
}

const inviteSelect = {
  ...inviteTermsSelect,
  createdAt: true,
  createdById: true,
  unit: { select: { name: true, path: true } },
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

type InviteRow = Prisma.InviteGetPayload<{ select: typeof inviteSelect }>;

/** Revoked wins over used up, which wins over expired. */
export function inviteStatusOf(
  invite: { revokedAt: Date | null; uses: number; maxUses: number; expiresAt: Date },
  now: Date = new Date(),
): InviteStatus {
  if (invite.revokedAt) return "revoked";
  if (invite.uses >= invite.maxUses) return "used_up";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

function inviteRecord(invite: InviteRow) {
  return { orgId: invite.orgId, unitPath: invite.unit.path, role: invite.role, createdById: invite.createdById };
}

function toInviteDTO(actor: Actor, invite: InviteRow, now = new Date()): InviteDTO {
  const status = inviteStatusOf(invite, now);
  return {
    id: invite.id,
    orgId: invite.orgId,
    unitId: invite.unitId,
    unitName: invite.unit.name,
    role: invite.role,
    email: invite.email,
    maxUses: invite.maxUses,
    uses: invite.uses,
    expiresAt: invite.expiresAt,
    revokedAt: invite.revokedAt,
    createdAt: invite.createdAt,
    createdBy: invite.createdBy ? { ...invite.createdBy } : null,
    status,
    canRevoke: status === "active" && can(actor, "delete", "Invite", inviteRecord(invite)),
  };
}

function isTeacherAt(actor: Actor, orgId: string, unitPath: string): boolean {
  return grantPaths(actor, orgId, ["teacher"]).some((g) => isWithin(unitPath, g));
}

export interface CreatedInvite {
  invite: InviteDTO;
  url: string;
  /** The link was mailed to the invite's email address; false when there is none or sending failed. */
  emailed: boolean;
}

export interface CreateInviteOptions {
  /** false skips the email to the invited address (the demo seed redeems the link itself). Default true. */
  sendEmail?: boolean;
  /** Tests pass their own; otherwise SMTP_URL or the development mailbox. */
  mailTransport?: MailTransport;
}

/**
 * Creates an invite link to `unitId` with `role`. The link holds a secret that
 * is returned only here; the database keeps its hash, so the link cannot be
 * shown again (revoke it and create another instead). An invite for one
 * email address is also mailed there once it is saved.
 */
export async function createInvite(
  actor: MaybeActor,
  input: CreateInviteInput,
  options: CreateInviteOptions = {},
): Promise<CreatedInvite> {
  const { orgId, unitId, role, email, maxUses, expiresInDays } = parseInput(createInviteSchema, input);
  const org = await requireVisibleOrg(actor, orgId);
  requireActor(actor);

  const unit = await db().orgUnit.findUnique({
    where: { id: unitId },
    select: { id: true, orgId: true, name: true, path: true, archivedAt: true },
  });
  if (!unit || unit.orgId !== orgId) throw new AppError("not_found", unitNotFound);
  const record = { orgId, unitPath: unit.path, role };
  if (!can(actor, "create", "Invite", record) && isTeacherAt(actor, orgId, unit.path)) {
    throw new AppError(
      "forbidden",
      `Teachers can invite students only. Ask an org admin to send an invite for the ${roleLabels[role].toLowerCase()} role.`,
      { fieldErrors: { role: ["Teachers can invite students only."] } },
    );
  }
  assertCan(actor, "create", "Invite", record);
  if (unit.archivedAt) {
    throw new AppError("conflict", `"${unit.name}" is archived. Restore it before inviting people to it.`);
  }
  if (email) {
    const existing = await db().membership.findFirst({
      where: { unitId: unit.id, user: { email } },
      select: { role: true },
    });
    if (existing) {
      throw new AppError(
        "conflict",
        `${email} is already ${roleWithArticle(existing.role)} in "${unit.name}". Change their role on the people page instead.`,
        { fieldErrors: { email: ["This person already belongs to this unit."] } },
      );
    }
  }

  const token = newSecret();
  const expiresAt = new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000);
  const invite = await db().$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        orgId,
        unitId: unit.id,
        role,
        email: email ?? null,
        tokenHash: hashSecret(token),
        maxUses,
        expiresAt,
        createdById: actor.userId,
      },
      select: inviteSelect,
    });
    await recordAudit(tx, {
      orgId,
      actorId: actor.userId,
      action: "invite.created",
      targetType: "Invite",
      targetId: created.id,
      data: {
        unitId: unit.id,
        unitName: unit.name,
        role,
        email: email ?? null,
        maxUses,
        expiresAt: expiresAt.toISOString(),
      },
    });
    return created;
  });
  const url = `${appUrl()}/sign-up?invite=${encodeURIComponent(token)}`;

  // After the commit: the invite stands whether or not the mail goes out, and
  // the person who made it still has the link to share by hand.
  let emailed = false;
  if (email && options.sendEmail !== false) {
    try {
      const content = inviteEmail({ orgName: org.name, inviterName: invite.createdBy?.name ?? "", role, url });
      await sendMail({ to: email, ...content }, { transport: options.mailTransport });
      emailed = true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`[invites] The email for invite ${invite.id} could not be sent: ${reason}`);
    }
  }
  return { invite: toInviteDTO(actor, invite), url, emailed };
}

/**
 * Invites the actor may see, newest first: org admins see every invite in
 * their subtree, teachers the ones they created.
 */
export async function listInvites(actor: MaybeActor, input: ListInvitesInput): Promise<Page<InviteDTO>> {
  const { orgId, status, cursor, take } = parseInput(listInvitesSchema, input);
  await requireVisibleOrg(actor, orgId);
  requireActor(actor);

  let scope: Prisma.InviteWhereInput = {};
  if (!actor.isSystemAdmin) {
    const visible: Prisma.InviteWhereInput[] = [
      ...grantPaths(actor, orgId, ["org_admin"]).map((p) => ({ unit: { path: { startsWith: escapeLike(p) } } })),
      ...grantPaths(actor, orgId, ["teacher"]).map((p) => ({
        unit: { path: { startsWith: escapeLike(p) } },
        createdById: actor.userId,
      })),
    ];
    if (visible.length === 0) {
      throw new AppError("forbidden", "You do not have permission to view invites in this organisation.");
    }
    scope = { OR: visible };
  }

  const now = new Date();
  const rows = await db().invite.findMany({
    where: {
      orgId,
      ...scope,
      ...(status === "active" ? activeInviteWhere(now) : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: inviteSelect,
  });
  const page = rows.slice(0, take);
  return {
    items: page.map((row) => toInviteDTO(actor, row, now)),
    nextCursor: rows.length > take ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** Stops an invite link from working. Revoking twice is harmless. */
export async function revokeInvite(actor: MaybeActor, input: RevokeInviteInput): Promise<InviteDTO> {
  const { inviteId } = parseInput(revokeInviteSchema, input);
  requireActor(actor);

  return db().$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { id: inviteId }, select: inviteSelect });
    if (!invite || !canSeeOrg(actor, invite.orgId)) throw new AppError("not_found", inviteNotFound);
    const record = inviteRecord(invite);
    if (!can(actor, "delete", "Invite", record) && isTeacherAt(actor, invite.orgId, invite.unit.path)) {
      throw new AppError("forbidden", "You can revoke only the invites you created. Ask an org admin to revoke this one.");
    }
    assertCan(actor, "delete", "Invite", record);
    if (invite.revokedAt) return toInviteDTO(actor, invite);

    // Conditional, so a concurrent revoke writes one audit row, not two.
    const { count } = await tx.invite.updateMany({
      where: { id: invite.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const revoked = await tx.invite.findUniqueOrThrow({ where: { id: invite.id }, select: inviteSelect });
    if (count === 1) {
      await recordAudit(tx, {
        orgId: invite.orgId,
        actorId: actor.userId,
        action: "invite.revoked",
        targetType: "Invite",
        targetId: invite.id,
        data: {
          unitId: invite.unitId,
          unitName: invite.unit.name,
          role: invite.role,
          email: invite.email,
          uses: invite.uses,
          maxUses: invite.maxUses,
          statusBefore: inviteStatusOf(invite),
        },
      });
    }
    return toInviteDTO(actor, revoked);
  });
}
