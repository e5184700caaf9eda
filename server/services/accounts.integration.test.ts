import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/schemas/roles";
import { loadActor, type Actor } from "../auth/actor";
import { db } from "../db";
import { hashSecret, newSecret } from "../security/tokens";
import {
  acceptInviteAsUser,
  createOrganizationForUser,
  getMe,
  previewInvite,
  signUp,
  slugify,
  updateProfile,
  verifyCredentials,
} from "./accounts";

const PASSWORD = "correct horse battery";

function uniq(): string {
  return newSecret(6).toLowerCase().replace(/[^a-z0-9]/g, "x");
}
function email(label: string): string {
  return `${label}-${uniq()}@example.com`;
}

async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(db(), userId);
  if (!actor) throw new Error("no actor");
  return actor;
}

async function newOrg(label = "org") {
  const adminEmail = email(`${label}-admin`);
  const result = await signUp({ name: "Ada Admin", email: adminEmail, password: PASSWORD, organizationName: `School ${uniq()}` });
  const root = await db().orgUnit.findFirstOrThrow({ where: { orgId: result.orgId, parentId: null } });
  return { ...result, adminEmail, root };
}

async function newInvite(
  org: { orgId: string; userId: string; root: { id: string } },
  over: { role?: Role; email?: string | null; maxUses?: number; uses?: number; expiresAt?: Date; revokedAt?: Date | null; unitId?: string } = {},
) {
  const token = newSecret();
  const invite = await db().invite.create({
    data: {
      orgId: org.orgId,
      unitId: over.unitId ?? org.root.id,
      role: over.role ?? "student",
      tokenHash: hashSecret(token),
      email: over.email ?? null,
      maxUses: over.maxUses ?? 1,
      uses: over.uses ?? 0,
      expiresAt: over.expiresAt ?? new Date(Date.now() + 7 * 86_400_000),
      revokedAt: over.revokedAt ?? null,
      createdById: org.userId,
    },
  });
  return { token, invite };
}

describe("signUp without an invite", () => {
  it("creates the user, the organisation, its root unit and an org_admin membership", async () => {
    const addr = email("Founder").toUpperCase();
    const orgName = `Northside Academy ${uniq()}`;
    const { userId, orgId } = await signUp({ name: "  Grace Hopper ", email: `  ${addr} `, password: PASSWORD, organizationName: orgName });

    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.email).toBe(addr.toLowerCase());
    expect(user.name).toBe("Grace Hopper");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const org = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
    expect(org.name).toBe(orgName);
    expect(org.slug).toBe(slugify(orgName));

    const units = await db().orgUnit.findMany({ where: { orgId } });
    expect(units).toHaveLength(1);
    const root = units[0];
    expect(root).toMatchObject({ parentId: null, depth: 0, name: orgName, path: `/${root?.id}/` });

    const memberships = await db().membership.findMany({ where: { userId } });
    expect(memberships).toEqual([expect.objectContaining({ orgId, unitId: root?.id, role: "org_admin" })]);

    const audit = await db().auditLog.findMany({ where: { orgId } });
    expect(audit).toEqual([expect.objectContaining({ action: "organization.created", actorId: userId, targetId: orgId })]);
  });

  it("gives organisations with the same name distinct slugs", async () => {
    const name = `Same Name ${uniq()}`;
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map((i) => signUp({ name: `U${i}`, email: email("slug"), password: PASSWORD, organizationName: name })),
    );
    const slugs = await db().organization.findMany({
      where: { id: { in: [a?.orgId ?? "", b?.orgId ?? "", c?.orgId ?? ""] } },
      select: { slug: true },
    });
    const base = slugify(name);
    expect(slugs.map((s) => s.slug).sort()).toEqual([base, `${base}-2`, `${base}-3`]);
  });

  it("slugifies names people type", () => {
    expect(slugify("École Nord & Co.")).toBe("ecole-nord-co");
    expect(slugify("!!!")).toBe("org");
    expect(slugify("a".repeat(80))).toHaveLength(48);
  });

  it("refuses an email that already has an account", async () => {
    const { adminEmail } = await newOrg();
    await expect(
      signUp({ name: "Again", email: adminEmail.toUpperCase(), password: PASSWORD, organizationName: "Another org" }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/already exists/) });
  });

  it("asks for an organisation name or an invite, and explains the password rule", async () => {
    await expect(signUp({ name: "X", email: email("noorg"), password: PASSWORD })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { organizationName: ["Enter a name for your organisation, or use an invite link."] },
    });
    await expect(
      signUp({ name: "X", email: email("noorg"), password: PASSWORD, organizationName: "  ", inviteToken: "" }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { organizationName: [expect.stringMatching(/organisation/)] } });
    await expect(
      signUp({ name: "X", email: email("short"), password: "short", organizationName: "Org" }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { password: ["Use at least 10 characters for your password."] } });
    await expect(
      signUp({ name: "X", email: "not-an-email", password: PASSWORD, organizationName: "Org" }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { email: [expect.stringMatching(/valid email/)] } });
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password and null otherwise", async () => {
    const { adminEmail, userId } = await newOrg("creds");
    expect(await verifyCredentials({ email: adminEmail.toUpperCase(), password: PASSWORD })).toEqual({
      id: userId,
      email: adminEmail,
      name: "Ada Admin",
    });
    expect(await verifyCredentials({ email: adminEmail, password: `${PASSWORD}!` })).toBeNull();
    expect(await verifyCredentials({ email: email("nobody"), password: PASSWORD })).toBeNull();
  });

  it("returns null for accounts without a password", async () => {
    const addr = email("oauth");
    await db().user.create({ data: { email: addr, name: "OAuth only" } });
    expect(await verifyCredentials({ email: addr, password: PASSWORD })).toBeNull();
  });

  it("spends a password check on unknown emails too", async () => {
    const { adminEmail } = await newOrg("timing");
    const time = async (addr: string) => {
      const started = performance.now();
      for (let i = 0; i < 3; i++) await verifyCredentials({ email: addr, password: "wrong password" });
      return performance.now() - started;
    };
    await time(email("warm"));
    const known = await time(adminEmail);
    const unknown = await time(email("ghost"));
    // Without the dummy hash an unknown email answers in ~1 ms instead of ~30-70 ms.
    expect(unknown).toBeGreaterThan(known * 0.4);
  });
});

describe("signUp with an invite", () => {
  it("joins the invited unit with the invite's role, counts the use and audits it", async () => {
    const org = await newOrg("inv");
    const { token, invite } = await newInvite(org, { role: "teacher", maxUses: 5 });
    const addr = email("teacher");
    const result = await signUp({ name: "Tess Teacher", email: addr, password: PASSWORD, inviteToken: token });
    expect(result.orgId).toBe(org.orgId);

    expect(await db().membership.findMany({ where: { userId: result.userId } })).toEqual([
      expect.objectContaining({ orgId: org.orgId, unitId: org.root.id, role: "teacher" }),
    ]);
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(1);
    // No second organisation was made for them.
    expect(await db().organization.count({ where: { memberships: { some: { userId: result.userId } } } })).toBe(1);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "invite.redeemed", targetId: invite.id } });
    expect(audit).toMatchObject({ orgId: org.orgId, actorId: result.userId, targetType: "Invite" });
    const stored = JSON.stringify(audit);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(PASSWORD);
  });

  it.each([
    ["expired", { expiresAt: new Date(Date.now() - 1000) }, /has expired/],
    ["revoked", { revokedAt: new Date() }, /withdrawn/],
    ["used up", { maxUses: 2, uses: 2 }, /already been used/],
  ] as const)("rejects an %s invite and creates nothing", async (_label, over, message) => {
    const org = await newOrg("bad");
    const { token, invite } = await newInvite(org, over);
    const addr = email("rejected");
    await expect(signUp({ name: "R", email: addr, password: PASSWORD, inviteToken: token })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(message),
    });
    expect(await db().user.count({ where: { email: addr } })).toBe(0);
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(invite.uses);
  });

  it("rejects an unknown token", async () => {
    await expect(
      signUp({ name: "R", email: email("unknown"), password: PASSWORD, inviteToken: newSecret() }),
    ).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/not valid/) });
  });

  it("rejects an invite for another email, and accepts the right one in any case", async () => {
    const org = await newOrg("addr");
    const invited = email("invited");
    const { token } = await newInvite(org, { email: invited });
    await expect(signUp({ name: "R", email: email("other"), password: PASSWORD, inviteToken: token })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { email: [expect.stringMatching(/different email/)] },
    });
    await expect(
      signUp({ name: "R", email: invited.toUpperCase(), password: PASSWORD, inviteToken: token }),
    ).resolves.toMatchObject({ orgId: org.orgId });
  });

  it("tells an existing user to sign in and open the link, without using the invite", async () => {
    const org = await newOrg("exists");
    const other = await newOrg("exists-other");
    const { token, invite } = await newInvite(org);
    await expect(
      signUp({ name: "Dup", email: other.adminEmail, password: PASSWORD, inviteToken: token }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: "An account with this email already exists. Sign in and open the invite link again.",
    });
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(0);
  });

  it("lets exactly one of two racing sign-ups take the last use", async () => {
    const org = await newOrg("race");
    const { token, invite } = await newInvite(org, { maxUses: 1 });
    const emails = [email("racer-a"), email("racer-b")];
    const results = await Promise.allSettled(
      emails.map((e) => signUp({ name: "Racer", email: e, password: PASSWORD, inviteToken: token })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ code: "invalid", message: expect.stringMatching(/already been used/) });
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(1);
    expect(await db().user.count({ where: { email: { in: emails } } })).toBe(1);
    expect(await db().membership.count({ where: { unitId: org.root.id, role: "student" } })).toBe(1);
  });

  it("never hands out more uses than maxUses under load", async () => {
    const org = await newOrg("load");
    const { token, invite } = await newInvite(org, { maxUses: 3 });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => signUp({ name: "Crowd", email: email("crowd"), password: PASSWORD, inviteToken: token })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(3);
  });
});

describe("previewInvite", () => {
  it("describes a usable invite", async () => {
    const org = await newOrg("preview");
    const invited = email("previewed");
    const { token, invite } = await newInvite(org, { role: "facilitator", email: invited });
    const preview = await previewInvite({ token });
    const orgRow = await db().organization.findUniqueOrThrow({ where: { id: org.orgId } });
    expect(preview).toEqual({
      orgName: orgRow.name,
      unitName: org.root.name,
      role: "facilitator",
      email: invited,
      expiresAt: invite.expiresAt,
      valid: true,
    });
  });

  it("says why an invite cannot be used", async () => {
    const org = await newOrg("preview-bad");
    const { token } = await newInvite(org, { expiresAt: new Date(Date.now() - 60_000) });
    expect(await previewInvite({ token })).toMatchObject({ valid: false, reason: expect.stringMatching(/expired/) });
    await expect(previewInvite({ token: newSecret() })).rejects.toMatchObject({ code: "not_found" });
    await expect(previewInvite({ token: "" })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("acceptInviteAsUser", () => {
  it("adds a signed-in user to the invited unit once", async () => {
    const host = await newOrg("host");
    const guest = await newOrg("guest");
    const { token, invite } = await newInvite(host, { role: "teacher", maxUses: 10 });
    const actor = await actorOf(guest.userId);

    expect(await acceptInviteAsUser(actor, { token })).toEqual({ orgId: host.orgId, unitId: host.root.id, role: "teacher" });
    const membership = await db().membership.findUniqueOrThrow({
      where: { userId_unitId: { userId: guest.userId, unitId: host.root.id } },
    });
    expect(membership.role).toBe("teacher");
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(1);
    expect(await db().auditLog.count({ where: { action: "invite.redeemed", actorId: guest.userId, targetId: invite.id } })).toBe(1);

    await expect(acceptInviteAsUser(actor, { token })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/already belong/),
    });
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).uses).toBe(1);
  });

  it("refuses invites for another address, bad invites and anonymous callers", async () => {
    const host = await newOrg("host2");
    const guest = await newOrg("guest2");
    const actor = await actorOf(guest.userId);
    const forOther = await newInvite(host, { email: email("someone-else") });
    await expect(acceptInviteAsUser(actor, { token: forOther.token })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining(guest.adminEmail),
    });
    const revoked = await newInvite(host, { revokedAt: new Date() });
    await expect(acceptInviteAsUser(actor, { token: revoked.token })).rejects.toMatchObject({ code: "invalid" });
    await expect(acceptInviteAsUser(actor, { token: newSecret() })).rejects.toMatchObject({ code: "not_found" });
    await expect(acceptInviteAsUser(null, { token: forOther.token })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("getMe and updateProfile", () => {
  it("returns the profile with memberships and no secrets", async () => {
    const org = await newOrg("me");
    const me = await getMe(await actorOf(org.userId));
    expect(me).toMatchObject({
      id: org.userId,
      email: org.adminEmail,
      name: "Ada Admin",
      timeZone: "UTC",
      hasPassword: true,
      isSystemAdmin: false,
      memberships: [expect.objectContaining({ orgId: org.orgId, unitId: org.root.id, role: "org_admin" })],
    });
    const json = JSON.stringify(me);
    expect(json).not.toContain("argon2");
    expect(json).not.toContain(PASSWORD);
    await expect(getMe(null)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("updates name and time zone, storing the canonical zone name", async () => {
    const org = await newOrg("profile");
    const actor = await actorOf(org.userId);
    const me = await updateProfile(actor, { name: "  Ada L. ", timeZone: "europe/london" });
    expect(me).toMatchObject({ name: "Ada L.", timeZone: "Europe/London" });
    await expect(updateProfile(actor, { name: "Ada", timeZone: "Mars/Olympus_Mons" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { timeZone: [expect.stringMatching(/valid time zone/)] },
    });
    await expect(updateProfile(actor, { name: "", timeZone: "UTC" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { name: ["Enter your name."] },
    });
  });
});

describe("createOrganizationForUser", () => {
  async function userWithoutOrg(label: string) {
    const user = await db().user.create({ data: { email: email(label), name: `${label} person` }, select: { id: true } });
    return { userId: user.id, actor: await actorOf(user.id) };
  }

  it("makes a signed-in user without an organisation the admin of a new one", async () => {
    const { userId, actor } = await userWithoutOrg("founder");
    expect(actor.memberships).toEqual([]);
    const name = `Evening School ${uniq()}`;
    const { orgId } = await createOrganizationForUser(actor, { name: `  ${name} ` });

    const org = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
    expect(org).toMatchObject({ name, slug: slugify(name) });
    const units = await db().orgUnit.findMany({ where: { orgId } });
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ parentId: null, depth: 0, name, path: `/${units[0]?.id}/` });
    expect(await db().membership.findMany({ where: { userId } })).toEqual([
      expect.objectContaining({ orgId, unitId: units[0]?.id, role: "org_admin" }),
    ]);
    expect(await db().auditLog.findMany({ where: { orgId } })).toEqual([
      expect.objectContaining({ action: "organization.created", actorId: userId, targetId: orgId }),
    ]);
    const me = await getMe(await actorOf(userId));
    expect(me.memberships).toEqual([expect.objectContaining({ orgId, orgName: name, role: "org_admin" })]);
  });

  it("lets a member of another organisation found one too, with a distinct slug for a taken name", async () => {
    const existing = await newOrg("second");
    const taken = await db().organization.findUniqueOrThrow({ where: { id: existing.orgId } });
    const actor = await actorOf(existing.userId);
    const { orgId } = await createOrganizationForUser(actor, { name: taken.name });
    expect(orgId).not.toBe(existing.orgId);
    const created = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
    expect(created.slug).toBe(`${taken.slug}-2`);
    expect((await actorOf(existing.userId)).memberships.map((m) => m.orgId).sort()).toEqual([existing.orgId, orgId].sort());
  });

  it("asks for a name and refuses anonymous callers", async () => {
    const { actor } = await userWithoutOrg("noname");
    await expect(createOrganizationForUser(actor, { name: " " })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { name: [expect.stringMatching(/organisation name/)] },
    });
    await expect(createOrganizationForUser(null, { name: "Nobody's school" })).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await db().membership.count({ where: { userId: actor.userId } })).toBe(0);
  });
});
