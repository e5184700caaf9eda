import { describe, expect, it } from "vitest";
import {
  appPathSchema,
  formatOffset,
  isNotificationType,
  notificationCatalog,
  notificationChannels,
  notificationTypes,
  parseAndRender,
  type NotificationContext,
} from "./catalog";

const reminder: NotificationContext<"reminder"> = {
  reminderId: "r1",
  title: "Hand in the essay",
  note: "Chapter 3 only.",
  occurrenceAt: "2026-11-23T08:00:00.000Z",
  offsetMinutes: 60,
  timeZone: "Europe/Brussels",
  link: null,
};

describe("notification catalog", () => {
  it("lists the types with channels the catalog knows and defaults among them", () => {
    expect(notificationTypes).toEqual([
      "reminder",
      "digest.daily",
      "account.test",
      "course.item_unlocked",
      "course.grade_updated",
      "course.feedback_released",
      "meeting.reminder",
      "meeting.moved",
      "meeting.canceled",
      "meeting.restored",
      "scheduling.group_assigned",
      "scheduling.unplaced",
    ]);
    for (const type of notificationTypes) {
      const def = notificationCatalog[type];
      expect(def.label.length).toBeGreaterThan(0);
      expect(def.description.length).toBeGreaterThan(0);
      for (const c of def.defaults) expect(def.channels).toContain(c);
      for (const c of def.channels) expect(notificationChannels).toContain(c);
    }
    expect(notificationCatalog["digest.daily"].audience).toBe("org_admins");
    expect([...notificationCatalog["digest.daily"].defaults]).toEqual(["in_app", "email"]);
    expect(isNotificationType("reminder")).toBe(true);
    expect(isNotificationType("toString")).toBe(false);
  });

  it("renders a reminder ahead of time with the local time in its zone", () => {
    const parsed = parseAndRender("reminder", reminder);
    expect(parsed.ok && parsed.rendered).toEqual({
      title: "In 1 hour: Hand in the essay",
      body: "At Monday 23 November, 09:00 (Europe/Brussels). Chapter 3 only.",
      url: "/account/reminders",
    });
  });

  it("renders a reminder at the time with its own link, across a DST change in New York", () => {
    // 2026-11-01 is the first day of EST: 14:00 UTC is 09:00 local.
    const parsed = parseAndRender("reminder", {
      ...reminder,
      offsetMinutes: 0,
      note: null,
      occurrenceAt: "2026-11-01T14:00:00Z",
      timeZone: "america/new_york",
      link: "/orgs/o1",
    });
    expect(parsed.ok && parsed.rendered).toEqual({
      title: "Reminder: Hand in the essay",
      body: "Now: Sunday 1 November, 09:00 (America/New_York).",
      url: "/orgs/o1",
    });
  });

  it("refuses a reminder context with a bad zone, time, offset or an off-site link", () => {
    for (const bad of [
      { ...reminder, timeZone: "Mars/Olympus" },
      { ...reminder, occurrenceAt: "tomorrow" },
      { ...reminder, offsetMinutes: -5 },
      { ...reminder, link: "https://evil.example" },
      { ...reminder, link: "//evil.example" },
      { ...reminder, title: " " },
    ]) {
      expect(parseAndRender("reminder", bad).ok).toBe(false);
    }
  });

  it("renders the daily digest with figures and highlights, linking to the organisation", () => {
    const parsed = parseAndRender("digest.daily", {
      orgId: "org_1",
      orgName: "Springfield High",
      periodStart: "2026-11-21T00:00:00Z",
      periodEnd: "2026-11-22T00:00:00Z",
      figures: [
        { label: "Active users", value: 1234 },
        { label: "New members", value: 3 },
      ],
      highlights: ["A new unit was created."],
    });
    expect(parsed.ok && parsed.rendered).toEqual({
      title: "Daily digest: Springfield High",
      body: "Active users: 1,234 · New members: 3 A new unit was created.",
      url: "/orgs/org_1",
    });
    const empty = parseAndRender("digest.daily", {
      orgId: "o",
      orgName: "X",
      periodStart: "2026-11-21T00:00:00Z",
      periodEnd: "2026-11-22T00:00:00Z",
      figures: [],
      highlights: [],
    });
    expect(empty.ok && empty.rendered.body).toBe("No activity to report.");
  });

  it("renders the test notification to the preferences page", () => {
    const parsed = parseAndRender("account.test", {});
    expect(parsed.ok && parsed.rendered.title).toBe("Test notification");
    expect(parsed.ok && parsed.rendered.url).toBe("/account/notifications");
  });

  it("formats offsets in words", () => {
    expect(formatOffset(60)).toBe("1 hour");
    expect(formatOffset(15)).toBe("15 minutes");
    expect(formatOffset(90)).toBe("1 hour 30 minutes");
    expect(formatOffset(2 * 1440 + 1)).toBe("2 days 1 minute");
  });

  it("accepts only paths inside the app as links", () => {
    expect(appPathSchema.safeParse("/account/reminders").success).toBe(true);
    expect(appPathSchema.safeParse("javascript:alert(1)").success).toBe(false);
    expect(appPathSchema.safeParse("/\\evil.example").success).toBe(false);
  });
});

describe("sample contexts", () => {
  it("has a valid sample for every type (the mail preview renders them)", async () => {
    const { sampleContexts } = await import("./samples");
    for (const type of notificationTypes) expect(parseAndRender(type, sampleContexts[type]).ok, type).toBe(true);
  });
});

describe("course notifications", () => {
  const context = { orgId: "o1", cohortId: "c1", itemId: "i1", itemTitle: "Newton's laws quiz", courseTitle: "Physics" };

  it("link to the learner's item page", () => {
    for (const type of ["course.item_unlocked", "course.feedback_released"] as const) {
      const parsed = parseAndRender(type, context);
      expect(parsed.ok && parsed.rendered.url).toBe("/orgs/o1/cohorts/c1/learn/i1");
    }
  });

  it("put the new grade and the teacher's comment in the body", () => {
    const parsed = parseAndRender("course.grade_updated", { ...context, score: 3.5, maxScore: 4, comment: "Name the tilt." });
    expect(parsed.ok && parsed.rendered).toEqual({
      title: "Graded: Newton's laws quiz",
      body: "Your grade is now 3.5 / 4. “Name the tilt.”",
      url: "/orgs/o1/cohorts/c1/learn/i1",
    });
  });
});

describe("meeting notifications", () => {
  const base = { orgId: "o1", meetingId: "m1", groupName: "Group 2", courseTitle: "Physics", timeZone: "America/New_York" };

  it("tells a moved meeting's old and new time on the member's clock", () => {
    const parsed = parseAndRender("meeting.moved", { ...base, startsAt: "2026-11-03T23:00:00Z", previousStartsAt: "2026-11-02T23:00:00Z" });
    expect(parsed.ok && parsed.rendered).toEqual({
      title: "Meeting moved: Group 2",
      body: "Physics: this meeting is now on Tuesday 3 November, 18:00 (America/New_York), instead of Monday 2 November, 18:00 (America/New_York). Only this meeting moved; the others keep their usual time.",
      url: "/orgs/o1/meetings/m1",
    });
  });

  it("words a reminder by how soon it is and by the member's answer", () => {
    const reminder = { ...base, startsAt: "2026-11-03T23:00:00Z", offsetMinutes: 1440, location: null, response: null, rsvpLinks: null };
    const day = parseAndRender("meeting.reminder", reminder);
    expect(day.ok && day.rendered.title).toBe("Group 2 meets tomorrow");
    expect(day.ok && day.rendered.body).toBe("Physics: Tuesday 3 November, 18:00 (America/New_York). Let your group know if you are coming.");
    const hour = parseAndRender("meeting.reminder", { ...reminder, offsetMinutes: 60, response: "yes", location: "Room 4" });
    expect(hour.ok && hour.rendered.title).toBe("Group 2 meets soon");
    expect(hour.ok && hour.rendered.body).toContain("Where: Room 4. You said you are going.");
    expect(parseAndRender("meeting.reminder", { ...reminder, rsvpLinks: { yes: "not a url", maybe: "x", no: "y" } }).ok).toBe(false);
  });
});

describe("scheduling notifications", () => {
  const cohort = { orgId: "o1", cohortId: "c1", cohortName: "Autumn", courseTitle: "Physics" };

  it("tells a member their group, its weekly time on their own clock, and who leads it", () => {
    const parsed = parseAndRender("scheduling.group_assigned", {
      ...cohort,
      groupId: "g1",
      groupName: "Group 2",
      // 17:00 UTC on Tuesday 24 November = 12:00 in New York.
      firstStartsAt: "2026-11-24T17:00:00.000Z",
      meetingMinutes: 90,
      meetingCount: 8,
      timeZone: "America/New_York",
      facilitatorName: "Lee",
      isFacilitator: false,
      memberCount: 5,
    });
    expect(parsed.ok && parsed.rendered).toEqual({
      title: "Your group in Autumn: Group 2",
      body: "Physics: You are in Group 2 (5 people), led by Lee. It meets on Tuesdays for 1 hour 30 minutes, 8 times, starting Tuesday 24 November, 12:00 (America/New_York).",
      url: "/orgs/o1/meetings",
    });
  });

  it("tells someone left out why, and sends them to their availability", () => {
    const parsed = parseAndRender("scheduling.unplaced", { ...cohort, code: "no_facilitator", reason: "No facilitator is available at any of these times." });
    expect(parsed.ok && parsed.rendered).toMatchObject({
      title: "No group for you yet in Autumn",
      url: "/orgs/o1/cohorts/c1/availability",
    });
    expect(parsed.ok && parsed.rendered.body).toContain("No facilitator is available at any of these times. Change your availability");
  });
});
