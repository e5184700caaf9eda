import { describe, expect, it } from "vitest";
import { formatMeetingRange, formatUntil, wallClockOf, zoneName } from "./format";

const now = new Date("2026-09-01T08:00:00Z");

describe("meeting formats", () => {
  it("shows a range on the viewer's clock, across a date line", () => {
    const start = new Date("2026-09-15T16:00:00Z");
    const end = new Date("2026-09-15T17:00:00Z");
    expect(formatMeetingRange(start, end, "Europe/Brussels", now)).toBe("Tue 15 Sep, 18:00–19:00");
    // 02:00 to 03:00 the next day in Sydney.
    expect(formatMeetingRange(start, end, "Australia/Sydney", now)).toBe("Wed 16 Sep, 02:00–03:00");
    expect(formatMeetingRange(new Date("2026-09-15T22:30:00Z"), new Date("2026-09-15T23:30:00Z"), "Europe/Brussels", now)).toBe(
      "Wed 16 Sep, 00:30–01:30",
    );
    expect(formatMeetingRange(new Date("2026-09-15T21:30:00Z"), new Date("2026-09-15T22:30:00Z"), "Europe/Brussels", now)).toBe(
      "Tue 15 Sep, 23:30–Wed 16 Sep, 00:30",
    );
  });

  it("adds the year only when it is not this year's", () => {
    expect(formatMeetingRange(new Date("2027-01-05T16:00:00Z"), new Date("2027-01-05T17:00:00Z"), "UTC", now)).toBe("Tue 5 Jan 2027, 16:00–17:00");
  });

  it("reads the wall clock for the move form, DST included", () => {
    expect(wallClockOf(new Date("2026-03-29T01:30:00Z"), "Europe/Brussels")).toEqual({ date: "2026-03-29", time: "03:30" });
    expect(wallClockOf(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toEqual({ date: "2026-11-01", time: "01:30" });
  });

  it("names zones and relative times", () => {
    expect(zoneName("America/New_York")).toBe("America/New York");
    expect(formatUntil(new Date(now.getTime() + 5 * 60_000), now)).toBe("in 5 minutes");
    expect(formatUntil(new Date(now.getTime() + 3 * 86_400_000), now)).toBe("in 3 days");
    expect(formatUntil(new Date(now.getTime() - 1), now)).toBe("now");
  });
});
