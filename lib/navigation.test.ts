import { describe, expect, it } from "vitest";
import { orgNavigation, primaryRole } from "./navigation";

const labels = (roles: Parameters<typeof orgNavigation>[1], sys = false, canReadAudit = true) =>
  orgNavigation("o1", roles, { isSystemAdmin: sys, canReadAudit }).map((i) => i.label);

describe("orgNavigation", () => {
  it("gives org admins every admin page", () => {
    expect(labels(["org_admin"])).toEqual(["Home", "Learning", "Meetings", "Courses", "Units", "People", "Invites", "Audit log", "Settings"]);
  });
  it("shows settings only to admins of the top unit (who may read the audit log), unless told otherwise", () => {
    expect(labels(["org_admin"], false, false)).not.toContain("Settings");
    expect(orgNavigation("o1", ["org_admin"], { canReadAudit: true, canManageSettings: false }).map((i) => i.label)).not.toContain("Settings");
    expect(orgNavigation("o1", ["teacher"], { canReadAudit: true }).map((i) => i.label)).not.toContain("Settings");
    expect(orgNavigation("o1", [], { isSystemAdmin: true }).find((i) => i.label === "Settings")?.href).toBe("/orgs/o1/admin/settings");
  });
  it("shows the audit log only to those who may read it", () => {
    expect(labels(["org_admin"], false, false)).not.toContain("Audit log");
  });
  it("gives teachers courses, people and invites, facilitators people, students their learning", () => {
    expect(labels(["teacher"])).toEqual(["Home", "Learning", "Meetings", "Courses", "People", "Invites"]);
    expect(labels(["facilitator"])).toEqual(["Home", "Learning", "Meetings", "People"]);
    expect(labels(["student"])).toEqual(["Home", "Learning", "Meetings"]);
  });
  it("links courses for authors and learning for every member", () => {
    const hrefs = orgNavigation("o1", ["teacher"]).map((i) => i.href);
    expect(hrefs).toContain("/orgs/o1/courses");
    expect(hrefs).toContain("/orgs/o1/learn");
    expect(orgNavigation("o1", [], { isSystemAdmin: true }).map((i) => i.label)).toEqual(expect.arrayContaining(["Learning", "Courses"]));
  });
  it("adds Facilitate only for people who lead a group", () => {
    expect(orgNavigation("o1", ["student"], { facilitatesGroups: true }).map((i) => i.label)).toEqual(["Home", "Learning", "Meetings", "Facilitate"]);
    expect(orgNavigation("o1", ["facilitator"]).map((i) => i.href)).not.toContain("/orgs/o1/facilitate");
  });
  it("treats a system admin as an org admin everywhere", () => {
    expect(labels([], true)).toContain("Audit log");
  });
  it("builds links under the organisation", () => {
    expect(orgNavigation("abc", ["org_admin"]).every((i) => i.href.startsWith("/orgs/abc"))).toBe(true);
  });
});

describe("primaryRole", () => {
  it("picks the most powerful role", () => {
    expect(primaryRole(["student", "teacher"])).toBe("teacher");
    expect(primaryRole([])).toBeNull();
  });
});
