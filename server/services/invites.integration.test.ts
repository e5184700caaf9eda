import { afterEach, describe, expect, it, vi } from "vitest";
import { createOrgFixture } from "@/tests/fixtures/org";
import { db } from "../db";
import { appUrl } from "../env";
import type { MailTransport } from "../mail";
import { hashSecret } from "../security/tokens";
import { createInvite, inviteStatusOf, listInvites, revokeInvite } from "./invites";

async function invitesOf(orgId: string) {
  return db().invite.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } });
}

async function auditRows(orgId: string, action: string) {
  return db().auditLog.findMany({ where: { orgId, action }, orderBy: { createdAt: "asc" } });
}

function tokenOf(url: string): string {
  const token = new URL(url).searchParams.get("invite");
  if (!token) throw new Error(`No token in ${url}`);
  return token;
}

describe("createInvite", () => {
  it("returns the link once and stores only the token's hash", async () => {
    const f = await createOrgFixture();
    const before = Date.now();
    const { invite, url } = await createInvite(f.actors.schoolAdmin, {
      orgId: f.org.id,
      unitId: f.units.department.id,
      role: "teacher",
      maxUses: 5,
      expiresInDays: 14,
    });
    expect(url.startsWith(`${appUrl()}/sign-up?invite=`)).toBe(true);
    const token = tokenOf(url);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(invite).toMatchObject({
      unitId: f.units.department.id,
      unitName: "Department",
      role: "teacher",
      email: null,
      maxUses: 5,
      uses: 0,
      status: "active",
      canRevoke: true,
      createdBy: { id: f.users.schoolAdmin.id, name: f.users.schoolAdmin.name },
    });
    const days = (invite.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThan(14.01);
    expect(JSON.stringify(invite)).not.toContain(token);

    const [row] = await invitesOf(f.org.id);
    expect(row?.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const [audit] = await auditRows(f.org.id, "invite.created");
    expect(audit).toMatchObject({ actorId: f.users.schoolAdmin.id, targetType: "Invite", targetId: invite.id });
    expect(audit?.data).toMatchObject({ unitId: f.units.department.id, role: "teacher", maxUses: 5, email: null });
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(hashSecret(token));

    // The links are different every time.
    const again = await createInvite(f.actors.schoolAdmin, { orgId: f.org.id, unitId: f.units.department.id, role: "teacher" });
    expect(tokenOf(again.url)).not.toBe(token);
    expect(again.invite).toMatchObject({ maxUses: 1 });
  });

  it("lets teachers invite students to their subtree, and nothing else", async () => {
    const f = await createOrgFixture();
    const { invite } = await createInvite(f.actors.teacher, {
      orgId: f.org.id,
      unitId: f.units.department.id,
      role: "student",
      email: "  New.Student@Example.TEST ",
    });
    expect(invite).toMatchObject({ role: "student", email: "new.student@example.test" });

    await expect(
      createInvite(f.actors.teacher, { orgId: f.org.id, unitId: f.units.department.id, role: "teacher" }),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("Teachers can invite students only") });
    await expect(
      createInvite(f.actors.teacher, { orgId: f.org.id, unitId: f.units.sibling.id, role: "student" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createInvite(f.actors.student, { orgId: f.org.id, unitId: f.units.department.id, role: "student" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createInvite(f.actors.facilitator, { orgId: f.org.id, unitId: f.units.department.id, role: "student" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await invitesOf(f.org.id)).toHaveLength(1);
  });

  it("refuses units above the actor, other organisations and bad input, creating nothing", async () => {
    const f = await createOrgFixture();
    const base = { orgId: f.org.id, unitId: f.units.school.id, role: "student" as const };

    await expect(createInvite(f.actors.schoolAdmin, { ...base, unitId: f.units.root.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createInvite(f.actors.otherAdmin, base)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createInvite(f.actors.otherAdmin, { ...base, orgId: f.otherOrg.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(createInvite(f.actors.rootAdmin, { ...base, maxUses: 0 })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { maxUses: ["An invite must allow at least 1 use."] },
    });
    await expect(createInvite(f.actors.rootAdmin, { ...base, maxUses: 1001 })).rejects.toMatchObject({ code: "invalid" });
    await expect(createInvite(f.actors.rootAdmin, { ...base, expiresInDays: 91 })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { expiresInDays: ["An invite can stay valid for at most 90 days."] },
    });
    await expect(createInvite(f.actors.rootAdmin, { ...base, email: "not-an-email" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { email: [expect.stringContaining("valid email")] },
    });
    await expect(createInvite(f.actors.rootAdmin, { ...base, email: "a@b.test", maxUses: 3 })).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(
      createInvite(f.actors.rootAdmin, { ...base, unitId: f.units.department.id, email: f.users.student.email }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already a student") });

    expect(await invitesOf(f.org.id)).toHaveLength(0);
    expect(await auditRows(f.org.id, "invite.created")).toHaveLength(0);
  });
});

describe("createInvite emails", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function mailsFor(to: string) {
    return db().mailMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
  }

  it("mails the link to the invited address after saving the invite", async () => {
    const f = await createOrgFixture();
    const to = `invited-${f.suffix}@example.test`;
    const result = await createInvite(f.actors.schoolAdmin, {
      orgId: f.org.id,
      unitId: f.units.department.id,
      role: "teacher",
      email: to.toUpperCase(),
    });
    expect(result.emailed).toBe(true);
    expect(result.invite.email).toBe(to);

    const mails = await mailsFor(to);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe(`${f.users.schoolAdmin.name} invited you to ${f.org.name} on Lyceum`);
    expect(mail?.text).toContain(result.url);
    expect(mail?.text).toContain("as a teacher");
    expect(mail?.html).toContain(result.url);
    // The link in the mail is the one that works: its token matches the stored hash.
    const [row] = await invitesOf(f.org.id);
    expect(row?.tokenHash).toBe(hashSecret(tokenOf(result.url)));
  });

  it("sends nothing for a shareable link, or when the caller opts out", async () => {
    const f = await createOrgFixture();
    const before = await db().mailMessage.count();
    const shareable = await createInvite(f.actors.rootAdmin, { orgId: f.org.id, unitId: f.units.school.id, role: "student", maxUses: 30 });
    expect(shareable.emailed).toBe(false);

    const to = `quiet-${f.suffix}@example.test`;
    const quiet = await createInvite(
      f.actors.rootAdmin,
      { orgId: f.org.id, unitId: f.units.school.id, role: "student", email: to },
      { sendEmail: false },
    );
    expect(quiet.emailed).toBe(false);
    expect(await mailsFor(to)).toHaveLength(0);
    expect(await db().mailMessage.count()).toBe(before);
  });

  it("keeps the invite when the mail server refuses the message", async () => {
    const f = await createOrgFixture();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const broken: MailTransport = {
      sendMail: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:2525")),
    };
    const to = `unlucky-${f.suffix}@example.test`;
    const result = await createInvite(
      f.actors.rootAdmin,
      { orgId: f.org.id, unitId: f.units.school.id, role: "facilitator", email: to },
      { mailTransport: broken },
    );
    expect(result.emailed).toBe(false);
    expect(result.invite).toMatchObject({ status: "active", email: to });
    expect(tokenOf(result.url).length).toBeGreaterThanOrEqual(40);

    const [row] = await invitesOf(f.org.id);
    expect(row).toMatchObject({ id: result.invite.id, revokedAt: null, uses: 0 });
    expect(await auditRows(f.org.id, "invite.created")).toHaveLength(1);
    // The attempt is on record, with the link, and the operator sees why it failed.
    const [mail] = await mailsFor(to);
    expect(mail?.text).toContain(result.url);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(result.invite.id));
    expect(JSON.stringify(logged.mock.calls)).not.toContain(tokenOf(result.url));
  });
});

describe("listInvites", () => {
  it("shows each invite's status, creator and uses, newest first", async () => {
    const f = await createOrgFixture();
    const make = async (role: "student" | "teacher") =>
      (await createInvite(f.actors.rootAdmin, { orgId: f.org.id, unitId: f.units.school.id, role, maxUses: 2 })).invite;
    const active = await make("student");
    const revoked = await make("student");
    const expired = await make("teacher");
    const usedUp = await make("teacher");
    await revokeInvite(f.actors.rootAdmin, { inviteId: revoked.id });
    await db().invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await db().invite.update({ where: { id: usedUp.id }, data: { uses: 2 } });

    const all = await listInvites(f.actors.rootAdmin, { orgId: f.org.id, status: "all" });
    expect(all.items.map((i) => [i.id, i.status])).toEqual([
      [usedUp.id, "used_up"],
      [expired.id, "expired"],
      [revoked.id, "revoked"],
      [active.id, "active"],
    ]);
    expect(all.items[0]).toMatchObject({ uses: 2, maxUses: 2, canRevoke: false, createdBy: { name: f.users.rootAdmin.name } });

    const onlyActive = await listInvites(f.actors.rootAdmin, { orgId: f.org.id });
    expect(onlyActive.items.map((i) => i.id)).toEqual([active.id]);
    expect(onlyActive.items[0]?.canRevoke).toBe(true);
  });

  it("shows org admins their subtree and teachers only their own invites", async () => {
    const f = await createOrgFixture();
    const byRoot = await createInvite(f.actors.rootAdmin, { orgId: f.org.id, unitId: f.units.sibling.id, role: "student" });
    const bySchool = await createInvite(f.actors.schoolAdmin, { orgId: f.org.id, unitId: f.units.school.id, role: "teacher" });
    const byTeacher = await createInvite(f.actors.teacher, { orgId: f.org.id, unitId: f.units.department.id, role: "student" });

    const ids = async (actor: (typeof f.actors)[keyof typeof f.actors]) =>
      (await listInvites(actor, { orgId: f.org.id })).items.map((i) => i.id).sort();
    expect(await ids(f.actors.rootAdmin)).toEqual([byRoot.invite.id, bySchool.invite.id, byTeacher.invite.id].sort());
    expect(await ids(f.actors.schoolAdmin)).toEqual([bySchool.invite.id, byTeacher.invite.id].sort());
    expect(await ids(f.actors.teacher)).toEqual([byTeacher.invite.id]);

    await expect(listInvites(f.actors.student, { orgId: f.org.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listInvites(f.actors.facilitator, { orgId: f.org.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listInvites(f.actors.otherAdmin, { orgId: f.org.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("pages with a cursor", async () => {
    const f = await createOrgFixture();
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await createInvite(f.actors.rootAdmin, { orgId: f.org.id, unitId: f.units.school.id, role: "student" })).invite.id);
    }
    const first = await listInvites(f.actors.rootAdmin, { orgId: f.org.id, take: 2 });
    const second = await listInvites(f.actors.rootAdmin, { orgId: f.org.id, take: 2, cursor: first.nextCursor ?? "" });
    const third = await listInvites(f.actors.rootAdmin, { orgId: f.org.id, take: 2, cursor: second.nextCursor ?? "" });
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual([...created].reverse());
  });
});

describe("revokeInvite", () => {
  it("revokes once, with one audit row, and only for those allowed", async () => {
    const f = await createOrgFixture();
    const mine = await createInvite(f.actors.teacher, { orgId: f.org.id, unitId: f.units.department.id, role: "student" });
    const admins = await createInvite(f.actors.schoolAdmin, { orgId: f.org.id, unitId: f.units.department.id, role: "student" });

    await expect(revokeInvite(f.actors.teacher, { inviteId: admins.invite.id })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("only the invites you created"),
    });
    await expect(revokeInvite(f.actors.student, { inviteId: mine.invite.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeInvite(f.actors.otherAdmin, { inviteId: mine.invite.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeInvite(f.actors.rootAdmin, { inviteId: "missing" })).rejects.toMatchObject({ code: "not_found" });
    expect((await invitesOf(f.org.id)).every((i) => i.revokedAt === null)).toBe(true);

    const revoked = await revokeInvite(f.actors.teacher, { inviteId: mine.invite.id });
    expect(revoked).toMatchObject({ status: "revoked", canRevoke: false });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await revokeInvite(f.actors.schoolAdmin, { inviteId: mine.invite.id });
    expect(again.revokedAt).toEqual(revoked.revokedAt);

    const audits = await auditRows(f.org.id, "invite.revoked");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: f.users.teacher.id, targetId: mine.invite.id });
    expect(audits[0]?.data).toMatchObject({ role: "student", unitId: f.units.department.id, statusBefore: "active" });
  });
});

describe("inviteStatusOf", () => {
  it("ranks revoked over used up over expired", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const past = new Date("2029-01-01T00:00:00Z");
    const future = new Date("2031-01-01T00:00:00Z");
    expect(inviteStatusOf({ revokedAt: past, uses: 1, maxUses: 1, expiresAt: past }, now)).toBe("revoked");
    expect(inviteStatusOf({ revokedAt: null, uses: 1, maxUses: 1, expiresAt: past }, now)).toBe("used_up");
    expect(inviteStatusOf({ revokedAt: null, uses: 0, maxUses: 1, expiresAt: past }, now)).toBe("expired");
    expect(inviteStatusOf({ revokedAt: null, uses: 0, maxUses: 1, expiresAt: future }, now)).toBe("active");
  });
});
