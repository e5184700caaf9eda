import { describe, expect, it } from "vitest";
import { actionLabel, summarizeAudit } from "./audit-summary";

const names = new Map([
  ["north", "North Campus"],
  ["south", "South Campus"],
  ["sci", "Science"],
]);

describe("summarizeAudit", () => {
  it("words the changes the services record", () => {
    expect(summarizeAudit({ action: "unit.renamed", targetType: "OrgUnit", data: { before: { name: "North" }, after: { name: "North Campus" } } }, names)).toEqual({
      target: "“North Campus”",
      details: "Renamed from “North” to “North Campus”.",
    });
    expect(
      summarizeAudit(
        { action: "unit.moved", targetType: "OrgUnit", data: { name: "Science", before: { parentId: "north" }, after: { parentId: "south" }, unitsMoved: 3 } },
        names,
      ).details,
    ).toBe("Moved with 2 sub-units from “North Campus” to “South Campus”.");
    expect(
      summarizeAudit(
        { action: "member.role_changed", targetType: "Membership", data: { email: "ada@example.com", unitId: "sci", before: { role: "student" }, after: { role: "org_admin" } } },
        names,
      ),
    ).toEqual({ target: "ada@example.com", details: "Role changed from student to org admin in “Science”." });
    expect(
      summarizeAudit({ action: "invite.created", targetType: "Invite", data: { unitName: "Science", role: "org_admin", email: null, maxUses: 30 } }, names),
    ).toEqual({ target: "Shareable link", details: "Invite to join “Science” as an org admin (30 uses)." });
    expect(
      summarizeAudit({ action: "invite.revoked", targetType: "Invite", data: { unitName: "Science", role: "student", uses: 1, maxUses: 5 } }, names).details,
    ).toBe("Revoked the student invite to “Science” after 1 of 5 uses.");
  });

  it("copes with missing data and unknown actions", () => {
    expect(summarizeAudit({ action: "unit.moved", targetType: "OrgUnit", data: null }, names)).toEqual({
      target: "A unit",
      details: "Moved from its old parent to a new parent.",
    });
    expect(summarizeAudit({ action: "course.published", targetType: "Course", data: { version: 2 } }, names)).toEqual({
      target: "Course",
      details: "Recorded version.",
    });
    expect(actionLabel("course.published")).toBe("course.published");
    expect(actionLabel("member.removed")).toBe("Person removed");
  });
});
