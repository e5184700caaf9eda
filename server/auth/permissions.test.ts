import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/schemas/roles";
import type { Actor } from "./actor";
import { assertCan, can, grantPaths, isOrgAdmin } from "./permissions";

const ROOT = "/root/";
const SCHOOL = "/root/school/";
const DEPT = "/root/school/dept/";
const SIBLING = "/root/other/";

function actor(role: Role, unitPath: string, orgId = "org1"): Actor {
  return { userId: `${role}-user`, isSystemAdmin: false, timeZone: "UTC", memberships: [{ orgId, unitId: unitPath, unitPath, role }] };
}

describe("abilities", () => {
  it("lets an org admin of an ancestor unit manage everything below it, and nothing above or beside", () => {
    const schoolAdmin = actor("org_admin", SCHOOL);
    expect(can(schoolAdmin, "update", "OrgUnit", { orgId: "org1", path: DEPT })).toBe(true);
    expect(can(schoolAdmin, "move", "OrgUnit", { orgId: "org1", path: SCHOOL })).toBe(true);
    expect(can(schoolAdmin, "update", "OrgUnit", { orgId: "org1", path: ROOT })).toBe(false);
    expect(can(schoolAdmin, "update", "OrgUnit", { orgId: "org1", path: SIBLING })).toBe(false);
    expect(can(schoolAdmin, "delete", "Membership", { orgId: "org1", unitPath: DEPT })).toBe(true);
    expect(can(schoolAdmin, "delete", "Membership", { orgId: "org1", unitPath: SIBLING })).toBe(false);
  });

  it("does not let a path prefix match a sibling whose id starts the same way", () => {
    const admin = actor("org_admin", "/root/ab/");
    expect(can(admin, "update", "OrgUnit", { orgId: "org1", path: "/root/abc/" })).toBe(false);
  });

  it("keeps organisations apart even when paths look alike", () => {
    const otherAdmin = actor("org_admin", ROOT, "org2");
    expect(can(otherAdmin, "update", "OrgUnit", { orgId: "org1", path: DEPT })).toBe(false);
    expect(can(otherAdmin, "read", "AuditLog", { orgId: "org1" })).toBe(false);
  });

  it("lets only a top-unit org admin rename the organisation and read its audit log", () => {
    expect(can(actor("org_admin", ROOT), "update", "Organization", { id: "org1" })).toBe(true);
    expect(can(actor("org_admin", SCHOOL), "update", "Organization", { id: "org1" })).toBe(false);
    expect(can(actor("org_admin", ROOT), "read", "AuditLog", { orgId: "org1" })).toBe(true);
    expect(can(actor("org_admin", SCHOOL), "read", "AuditLog", { orgId: "org1" })).toBe(false);
  });

  it("lets teachers invite students in their subtree but not teachers", () => {
    const teacher = actor("teacher", SCHOOL);
    expect(can(teacher, "create", "Invite", { orgId: "org1", unitPath: DEPT, role: "student" })).toBe(true);
    expect(can(teacher, "create", "Invite", { orgId: "org1", unitPath: DEPT, role: "teacher" })).toBe(false);
    expect(can(teacher, "create", "Invite", { orgId: "org1", unitPath: SIBLING, role: "student" })).toBe(false);
    expect(can(teacher, "update", "OrgUnit", { orgId: "org1", path: DEPT })).toBe(false);
  });

  it("gives students read access to their own unit only", () => {
    const student = actor("student", DEPT);
    expect(can(student, "read", "OrgUnit", { orgId: "org1", path: DEPT })).toBe(true);
    expect(can(student, "read", "Membership", { orgId: "org1", unitPath: DEPT })).toBe(false);
    expect(can(student, "create", "Invite", { orgId: "org1", unitPath: DEPT, role: "student" })).toBe(false);
  });

  it("lets everyone manage their own sessions and nobody else's", () => {
    const student = actor("student", DEPT);
    expect(can(student, "delete", "Session", { userId: student.userId })).toBe(true);
    expect(can(student, "delete", "Session", { userId: "someone-else" })).toBe(false);
  });

  it("lets a system admin do anything and an anonymous caller nothing", () => {
    const sys: Actor = { userId: "sys", isSystemAdmin: true, timeZone: "UTC", memberships: [] };
    expect(can(sys, "archive", "OrgUnit", { orgId: "any", path: ROOT })).toBe(true);
    expect(can(null, "read", "Organization", { id: "org1" })).toBe(false);
  });

  it("throws unauthenticated for anonymous callers and forbidden with a readable message otherwise", () => {
    expect(() => assertCan(null, "read", "Organization", { id: "org1" })).toThrow(
      expect.objectContaining({ code: "unauthenticated" }),
    );
    try {
      assertCan(actor("student", DEPT), "archive", "OrgUnit", { orgId: "org1", path: DEPT });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("forbidden");
      expect((error as AppError).message).toMatch(/permission to archive this unit/);
    }
  });

  it("reports grant paths and org-admin status per organisation", () => {
    const a = actor("org_admin", SCHOOL);
    expect(grantPaths(a, "org1", ["org_admin"])).toEqual([SCHOOL]);
    expect(isOrgAdmin(a, "org1")).toBe(true);
    expect(isOrgAdmin(a, "org2")).toBe(false);
  });
});
