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

  it("words scheduling: settings, runs and publishing", () => {
    expect(actionLabel("scheduling.published")).toBe("Groups published");
    expect(
      summarizeAudit(
        { action: "scheduling.published", targetType: "Cohort", data: { cohortName: "Autumn", groups: 3, meetings: 24, placed: 14, unplaced: 1, replacedGroups: 2 } },
        names,
      ),
    ).toEqual({ target: "“Autumn”", details: "Published 3 groups with 24 meetings; 14 people placed, 1 not, replacing 2 groups." });
    expect(
      summarizeAudit(
        {
          action: "scheduling.settings_updated",
          targetType: "Cohort",
          data: { cohortName: "Autumn", after: { meetingMinutes: 90, groupMinSize: 3, groupMaxSize: 6, meetingWeeks: 8, meetingsStartDate: null } },
        },
        names,
      ).details,
    ).toBe("Meetings of 90 minutes for groups of 3–6, 8 weeks from the cohort's start.");
    expect(summarizeAudit({ action: "scheduling.run_started", targetType: "Cohort", data: { cohortName: "Autumn", people: 12, keepManualChanges: true } }, names).details).toBe(
      "Scheduled 12 people, keeping the groups changed by hand.",
    );
  });
});

describe("meeting audit rows", () => {
  it("says which meeting moved, from when to when", () => {
    const summary = summarizeAudit(
      { action: "meeting.moved", targetType: "Meeting", data: { groupName: "Group 2", seq: 3, from: "2026-12-07T17:00:00.000Z", to: "2026-12-08T18:30:00.000Z" } },
      new Map(),
    );
    expect(summary).toEqual({ target: "Meeting 3 of “Group 2”", details: "Moved from 2026-12-07 17:00 UTC to 2026-12-08 18:30 UTC; the rest of the series stays." });
    expect(actionLabel("meeting.canceled")).toBe("Meeting cancelled");
  });
});
