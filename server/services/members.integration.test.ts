import { describe, expect, it } from "vitest";
import { createOrgFixture, membershipIdOf } from "@/tests/fixtures/org";
import { db } from "../db";
import { changeMemberRole, lastRootAdminMessage, listMembers, moveMember, removeMember, type MemberDTO } from "./members";

async function membershipsOf(orgId: string) {
  return db().membership.findMany({
    where: { orgId },
    orderBy: { id: "asc" },
    select: { id: true, userId: true, unitId: true, role: true },
  });
}

async function auditRows(orgId: string, action: string) {
  return db().auditLog.findMany({ where: { orgId, action }, orderBy: { createdAt: "asc" } });
}

const namesOf = (items: MemberDTO[]) => items.map((m) => m.name);

describe("listMembers", () => {
  it("lists people in the units each reader covers, sorted by name", async () => {
    const f = await createOrgFixture();
    const u = f.users;

    const all = await listMembers(f.actors.rootAdmin, { orgId: f.org.id });
    expect(namesOf(all.items)).toEqual(
      [u.facilitator, u.rootAdmin, u.schoolAdmin, u.student, u.teacher].map((x) => x.name),
    );
    expect(all.nextCursor).toBeNull();
    expect(all.items.find((m) => m.userId === u.student.id)).toMatchObject({
      email: u.student.email,
      role: "student",
      unitId: f.units.department.id,
      unitName: "Department",
      canManage: true,
    });

    const forSchoolAdmin = await listMembers(f.actors.schoolAdmin, { orgId: f.org.id });
    expect(namesOf(forSchoolAdmin.items)).not.toContain(u.rootAdmin.name);
    expect(forSchoolAdmin.items).toHaveLength(4);
    expect(forSchoolAdmin.items.every((m) => m.canManage)).toBe(true);

    const forTeacher = await listMembers(f.actors.teacher, { orgId: f.org.id });
    expect(forTeacher.items).toHaveLength(4);
    expect(forTeacher.items.some((m) => m.canManage)).toBe(false);

    const forFacilitator = await listMembers(f.actors.facilitator, { orgId: f.org.id });
    expect(namesOf(forFacilitator.items)).toEqual([u.facilitator.name, u.student.name]);

    const forSys = await listMembers(f.actors.sysAdmin, { orgId: f.org.id });
    expect(forSys.items).toHaveLength(5);
  });

  it("filters by unit subtree, role and a search on name or email", async () => {
    const f = await createOrgFixture();
    const inDepartment = await listMembers(f.actors.rootAdmin, { orgId: f.org.id, unitId: f.units.department.id });
    expect(inDepartment.items.map((m) => m.userId).sort()).toEqual([f.users.facilitator.id, f.users.student.id].sort());

    // Asking for the whole organisation narrows to what the school admin covers.
    const fromRoot = await listMembers(f.actors.schoolAdmin, { orgId: f.org.id, unitId: f.units.root.id });
    expect(fromRoot.items).toHaveLength(4);

    const teachers = await listMembers(f.actors.rootAdmin, { orgId: f.org.id, role: "teacher" });
    expect(teachers.items.map((m) => m.userId)).toEqual([f.users.teacher.id]);

    const byEmail = await listMembers(f.actors.rootAdmin, { orgId: f.org.id, query: `STUDENT-${f.suffix}` });
    expect(byEmail.items.map((m) => m.userId)).toEqual([f.users.student.id]);
    const byName = await listMembers(f.actors.rootAdmin, { orgId: f.org.id, query: "school admin" });
    expect(byName.items.map((m) => m.userId)).toEqual([f.users.schoolAdmin.id]);
    // LIKE wildcards in the search are taken literally.
    expect((await listMembers(f.actors.rootAdmin, { orgId: f.org.id, query: "%" })).items).toEqual([]);
    expect((await listMembers(f.actors.rootAdmin, { orgId: f.org.id, query: "_" })).items).toEqual([]);
  });

  it("refuses students, other units' outsiders and other organisations", async () => {
    const f = await createOrgFixture();
    await expect(listMembers(f.actors.student, { orgId: f.org.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      listMembers(f.actors.schoolAdmin, { orgId: f.org.id, unitId: f.units.sibling.id }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(listMembers(f.actors.otherAdmin, { orgId: f.org.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(
      listMembers(f.actors.otherAdmin, { orgId: f.otherOrg.id, unitId: f.units.school.id }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("pages through everyone exactly once with a cursor", async () => {
    const f = await createOrgFixture();
    for (let i = 0; i < 7; i++) await f.addMember(f.units.department, "student", `Learner`);
    // Same names: the cursor must also order by id.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listMembers(f.actors.rootAdmin, { orgId: f.org.id, take: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((m) => m.membershipId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(12);
    const everyone = await listMembers(f.actors.rootAdmin, { orgId: f.org.id, take: 100 });
    expect(seen).toEqual(everyone.items.map((m) => m.membershipId));

    await expect(listMembers(f.actors.rootAdmin, { orgId: f.org.id, cursor: "garbage" })).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(listMembers(f.actors.rootAdmin, { orgId: f.org.id, take: 101 })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("at most 100"),
    });
  });
});

describe("changeMemberRole", () => {
  it("changes a role below the actor and records before and after", async () => {
    const f = await createOrgFixture();
    const id = await membershipIdOf(f.users.student.id, f.units.department.id);
    const changed = await changeMemberRole(f.actors.schoolAdmin, { membershipId: id, role: "facilitator" });
    expect(changed).toMatchObject({ membershipId: id, role: "facilitator", canManage: true });

    const [audit] = await auditRows(f.org.id, "member.role_changed");
    expect(audit).toMatchObject({ actorId: f.users.schoolAdmin.id, targetType: "Membership", targetId: id });
    expect(audit?.data).toMatchObject({
      userId: f.users.student.id,
      before: { role: "student" },
      after: { role: "facilitator" },
    });
  });

  it("refuses changes above the actor, by non-admins and from other organisations", async () => {
    const f = await createOrgFixture();
    const before = await membershipsOf(f.org.id);
    const rootAdminId = await membershipIdOf(f.users.rootAdmin.id, f.units.root.id);
    const studentId = await membershipIdOf(f.users.student.id, f.units.department.id);

    await expect(changeMemberRole(f.actors.schoolAdmin, { membershipId: rootAdminId, role: "student" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(changeMemberRole(f.actors.teacher, { membershipId: studentId, role: "teacher" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(changeMemberRole(f.actors.otherAdmin, { membershipId: studentId, role: "teacher" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      changeMemberRole(f.actors.rootAdmin, { membershipId: studentId, role: "owner" as "student" }),
    ).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("Choose a role") });

    expect(await membershipsOf(f.org.id)).toEqual(before);
  });
});

describe("last org admin of the top unit", () => {
  it("cannot be demoted, moved down or removed until someone else is an org admin there", async () => {
    const f = await createOrgFixture();
    const before = await membershipsOf(f.org.id);
    const id = await membershipIdOf(f.users.rootAdmin.id, f.units.root.id);
    const refusal = { code: "conflict", message: lastRootAdminMessage };

    await expect(changeMemberRole(f.actors.rootAdmin, { membershipId: id, role: "teacher" })).rejects.toMatchObject(refusal);
    await expect(removeMember(f.actors.rootAdmin, { membershipId: id })).rejects.toMatchObject(refusal);
    await expect(moveMember(f.actors.rootAdmin, { membershipId: id, unitId: f.units.sibling.id })).rejects.toMatchObject(
      refusal,
    );
    // A system admin is held to the same rule.
    await expect(removeMember(f.actors.sysAdmin, { membershipId: id })).rejects.toMatchObject(refusal);
    expect(await membershipsOf(f.org.id)).toEqual(before);

    const second = await f.addMember(f.units.root, "org_admin", "Second Admin");
    const demoted = await changeMemberRole(f.actors.rootAdmin, { membershipId: id, role: "teacher" });
    expect(demoted.role).toBe("teacher");
    await expect(removeMember(second.actor, { membershipId: second.membershipId })).rejects.toMatchObject(refusal);
  });

  it("survives two admins demoting each other at the same time", async () => {
    const f = await createOrgFixture();
    const first = await membershipIdOf(f.users.rootAdmin.id, f.units.root.id);
    const second = await f.addMember(f.units.root, "org_admin", "Second Admin");

    const results = await Promise.allSettled([
      changeMemberRole(f.actors.rootAdmin, { membershipId: second.membershipId, role: "teacher" }),
      changeMemberRole(second.actor, { membershipId: first, role: "teacher" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" ? rejected.reason : null).toMatchObject({ code: "conflict" });
    expect(await db().membership.count({ where: { unitId: f.units.root.id, role: "org_admin" } })).toBe(1);
  });
});

describe("moveMember", () => {
  it("moves a person's role to another unit the actor manages", async () => {
    const f = await createOrgFixture();
    const id = await membershipIdOf(f.users.student.id, f.units.department.id);
    const moved = await moveMember(f.actors.schoolAdmin, { membershipId: id, unitId: f.units.school.id });
    expect(moved).toMatchObject({ membershipId: id, unitId: f.units.school.id, unitName: "School", role: "student" });

    const [audit] = await auditRows(f.org.id, "member.moved");
    expect(audit?.data).toMatchObject({
      userId: f.users.student.id,
      before: { unitId: f.units.department.id },
      after: { unitId: f.units.school.id },
    });
  });

  it("refuses units outside the actor's subtree or organisation, and duplicate roles", async () => {
    const f = await createOrgFixture();
    const before = await membershipsOf(f.org.id);
    const studentId = await membershipIdOf(f.users.student.id, f.units.department.id);

    await expect(moveMember(f.actors.schoolAdmin, { membershipId: studentId, unitId: f.units.sibling.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(moveMember(f.actors.rootAdmin, { membershipId: studentId, unitId: f.units.otherRoot.id })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(moveMember(f.actors.otherAdmin, { membershipId: studentId, unitId: f.units.otherRoot.id })).rejects.toMatchObject({
      code: "not_found",
    });
    await db().membership.create({
      data: { userId: f.users.student.id, orgId: f.org.id, unitId: f.units.school.id, role: "student" },
    });
    await expect(moveMember(f.actors.rootAdmin, { membershipId: studentId, unitId: f.units.school.id })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('is already a student in "School"'),
    });
    expect((await membershipsOf(f.org.id)).filter((m) => before.some((b) => b.id === m.id))).toEqual(before);
  });
});

describe("removeMember", () => {
  it("removes a role below the actor only", async () => {
    const f = await createOrgFixture();
    const teacherId = await membershipIdOf(f.users.teacher.id, f.units.school.id);
    await expect(removeMember(f.actors.facilitator, { membershipId: teacherId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeMember(f.actors.otherAdmin, { membershipId: teacherId })).rejects.toMatchObject({ code: "not_found" });

    const removed = await removeMember(f.actors.schoolAdmin, { membershipId: teacherId });
    expect(removed).toMatchObject({ membershipId: teacherId, userId: f.users.teacher.id, role: "teacher" });
    expect(await db().membership.findUnique({ where: { id: teacherId } })).toBeNull();
    const [audit] = await auditRows(f.org.id, "member.removed");
    expect(audit).toMatchObject({ targetId: teacherId, actorId: f.users.schoolAdmin.id });
    expect(audit?.data).toMatchObject({ userId: f.users.teacher.id, unitId: f.units.school.id, role: "teacher" });

    await expect(removeMember(f.actors.schoolAdmin, { membershipId: teacherId })).rejects.toMatchObject({ code: "not_found" });
  });
});
