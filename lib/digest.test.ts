import { describe, expect, it } from "vitest";
import {
  dailyDigestCron,
  digestDay,
  digestDedupeKey,
  digestFigures,
  digestHighlights,
  digestPeriodStart,
  nextDailyDigestAt,
  type DigestFacts,
} from "./digest";

const quiet: DigestFacts = {
  activeMembers: 0,
  members: 12,
  newMembers: 0,
  joinedByUnit: [],
  joinedElsewhere: { people: 0, units: 0 },
  invitesCreated: 0,
  invitesAccepted: 0,
  changes: 0,
  topChanges: [],
  notificationsSent: 0,
  remindersSent: 0,
};

describe("schedule and naming", () => {
  it("runs at 07:00 UTC and names a digest by its UTC end date", () => {
    expect(dailyDigestCron).toBe("0 7 * * *");
    expect(digestDay(new Date("2026-11-22T23:30:00-05:00"))).toBe("2026-11-23");
    expect(digestDedupeKey("org1", "2026-11-23")).toBe("digest:org1:2026-11-23");
  });

  it("covers the 24 hours before its end", () => {
    expect(digestPeriodStart(new Date("2026-11-23T07:00:00Z")).toISOString()).toBe("2026-11-22T07:00:00.000Z");
  });

  it("finds the next run strictly after now", () => {
    expect(nextDailyDigestAt(new Date("2026-11-23T06:59:59Z")).toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(nextDailyDigestAt(new Date("2026-11-23T07:00:00Z")).toISOString()).toBe("2026-11-24T07:00:00.000Z");
    expect(nextDailyDigestAt(new Date("2026-12-31T20:00:00Z")).toISOString()).toBe("2027-01-01T07:00:00.000Z");
  });
});

describe("digestFigures", () => {
  it("lists every count with a label, in a fixed order", () => {
    const figures = digestFigures({ ...quiet, activeMembers: 3, newMembers: 2, remindersSent: 5 });
    expect(figures.map((f) => f.label)).toEqual([
      "Active people",
      "Members",
      "New members",
      "Invites created",
      "Invites accepted",
      "Changes in the audit log",
      "Notifications sent",
      "Reminders sent",
    ]);
    expect(figures.find((f) => f.label === "Active people")?.value).toBe(3);
    expect(figures.find((f) => f.label === "Reminders sent")?.value).toBe(5);
  });
});

describe("digestHighlights", () => {
  it("says a quiet day is quiet", () => {
    expect(digestHighlights(quiet)).toEqual(["No one used Lyceum in this period.", "A quiet day: no one joined and nothing changed."]);
    expect(digestHighlights({ ...quiet, members: 0 })[0]).toBe("The organisation has no members yet.");
  });

  it("names the units people joined, with singular and plural, and sums up the rest", () => {
    const lines = digestHighlights({
      ...quiet,
      newMembers: 6,
      joinedByUnit: [
        { unitName: "School A", people: 3 },
        { unitName: "School B", people: 1 },
      ],
      joinedElsewhere: { people: 4, units: 2 },
    });
    expect(lines.slice(0, 3)).toEqual(["3 people joined School A.", "1 person joined School B.", "4 more people joined 2 other units."]);
    expect(lines).not.toContain("A quiet day: no one joined and nothing changed.");
  });

  it("gives the share of active members, invites and the most frequent change", () => {
    const lines = digestHighlights({
      ...quiet,
      activeMembers: 3,
      invitesCreated: 4,
      invitesAccepted: 1,
      changes: 9,
      topChanges: [
        { action: "member.role_changed", count: 7 },
        { action: "unit.created", count: 2 },
      ],
      remindersSent: 1,
    });
    expect(lines).toEqual([
      "3 of 12 members used Lyceum (25%).",
      "4 invites created, 1 accepted.",
      "9 changes in the audit log, most often role changes (7).",
      "1 reminder went out to members.",
    ]);
  });

  it("keeps an unknown action's code", () => {
    const lines = digestHighlights({ ...quiet, changes: 1, topChanges: [{ action: "course.published", count: 1 }] });
    expect(lines).toContain("1 change in the audit log: 1 × course.published.");
  });
});
