import { describe, expect, it } from "vitest";
import { describeNextSend, describeSchedule, formatWhen, offsetLabel, offsetPresets, timeZoneLabel } from "./format";

describe("offsetLabel", () => {
  it("reads offsets as a person would say them", () => {
    expect(offsetLabel(0)).toBe("at the time");
    expect(offsetLabel(1)).toBe("1 minute before");
    expect(offsetLabel(10)).toBe("10 minutes before");
    expect(offsetLabel(60)).toBe("1 hour before");
    expect(offsetLabel(90)).toBe("1 hour 30 minutes before");
    expect(offsetLabel(1440)).toBe("1 day before");
    expect(offsetLabel(2880 + 120)).toBe("2 days 2 hours before");
    expect(offsetLabel(10080)).toBe("7 days before");
  });

  it("offers the presets the form shows, from the time itself to a day before", () => {
    expect(offsetPresets.map((p) => p.minutes)).toEqual([0, 10, 30, 60, 1440]);
  });
});

describe("when a reminder sends next", () => {
  const now = new Date("2026-12-01T10:00:00Z");

  it("shows the next send in the viewer's zone with its offset", () => {
    const next = { sendAt: new Date("2026-12-08T07:00:00Z"), offsetMinutes: 60 };
    expect(describeNextSend(next, "Europe/Brussels", now)).toBe("Next: Tue 8 Dec, 08:00 (1 hour before)");
    expect(describeNextSend(next, "America/New_York", now)).toBe("Next: Tue 8 Dec, 02:00 (1 hour before)");
    expect(describeNextSend(null, "Europe/Brussels", now)).toBe("No more sends");
  });

  it("adds the year only when it is not this year", () => {
    expect(formatWhen(new Date("2027-01-04T08:00:00Z"), "Europe/Brussels", now)).toBe("Mon 4 Jan 2027, 09:00");
    // New Year's Eve in New York is already next year in UTC; the zone decides.
    expect(formatWhen(new Date("2027-01-01T03:00:00Z"), "America/New_York", now)).toBe("Thu 31 Dec, 22:00");
  });

  it("uses a 24-hour clock, midnight as 00:00", () => {
    expect(formatWhen(new Date("2026-12-07T23:00:00Z"), "Europe/Brussels", now)).toBe("Tue 8 Dec, 00:00");
  });
});

describe("describeSchedule", () => {
  const zone = "Europe/Brussels";
  it("names common weekday sets", () => {
    expect(describeSchedule({ kind: "recurring", weekdays: [1, 2, 3, 4, 5], time: "09:00", timeZone: zone })).toBe("Weekdays at 09:00");
    expect(describeSchedule({ kind: "recurring", weekdays: [7, 6], time: "10:00", timeZone: zone })).toBe("Weekends at 10:00");
    expect(describeSchedule({ kind: "recurring", weekdays: [1, 2, 3, 4, 5, 6, 7], time: "07:15", timeZone: zone })).toBe("Every day at 07:15");
    expect(describeSchedule({ kind: "recurring", weekdays: [1], time: "09:00", timeZone: zone })).toBe("Every Monday at 09:00");
    expect(describeSchedule({ kind: "recurring", weekdays: [4, 1], time: "18:30", timeZone: zone })).toBe("Every Mon, Thu at 18:30");
  });

  it("gives a one-off its calendar date, whatever the zone", () => {
    expect(describeSchedule({ kind: "once", date: "2026-12-08", time: "09:00", timeZone: "Pacific/Kiritimati" })).toBe("Once, Tue 8 Dec 2026 at 09:00");
  });

  it("makes zone names readable", () => {
    expect(timeZoneLabel("America/New_York")).toBe("America/New York");
  });
});
