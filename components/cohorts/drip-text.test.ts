import { describe, expect, it } from "vitest";
import { describeDrip, dripExample, formatCalendarDate } from "./drip-text";

describe("formatCalendarDate", () => {
  it("names the weekday of a calendar date without any zone shifting it", () => {
    expect(formatCalendarDate("2026-01-19")).toBe("Mon 19 Jan 2026");
    expect(formatCalendarDate("2026-01-19", { withYear: false })).toBe("Mon 19 Jan");
    expect(formatCalendarDate("not a date")).toBe("not a date");
  });
});

describe("describeDrip", () => {
  it("says how often items open and from when", () => {
    expect(describeDrip(null)).toBe("Everything opens at once");
    expect(describeDrip({ every: 1, unit: "week", anchor: "cohort_start" })).toBe("A new item every week, from the cohort's start date");
    expect(describeDrip({ every: 3, unit: "day", anchor: "join_date" })).toBe("A new item every 3 days, from each learner's join date");
  });
});

describe("dripExample", () => {
  it("gives the first three opening days from the cohort start", () => {
    expect(dripExample({ every: 1, unit: "week", anchor: "cohort_start" }, "2026-01-05", "Europe/Brussels")).toBe(
      "Item 1 opens on Mon 5 Jan 2026, item 2 on Mon 12 Jan and item 3 on Mon 19 Jan, at midnight (Europe/Brussels time).",
    );
    expect(dripExample({ every: 2, unit: "day", anchor: "cohort_start" }, "2026-02-27", "America/New_York")).toBe(
      "Item 1 opens on Fri 27 Feb 2026, item 2 on Sun 1 Mar and item 3 on Tue 3 Mar, at midnight (America/New York time).",
    );
  });

  it("explains join-date drip with a learner who joins after the start", () => {
    expect(dripExample({ every: 1, unit: "week", anchor: "join_date" }, "2026-01-05", "UTC")).toBe(
      "Each learner counts from the day they join (or from the start date if they join earlier). Someone who joins on Wed 7 Jan gets item 1 that day, item 2 on Wed 14 Jan and item 3 on Wed 21 Jan, at midnight (UTC time).",
    );
  });

  it("says everything is open without drip, and nothing for a date that is not one", () => {
    expect(dripExample(null, "2026-01-05", "UTC")).toBe("Learners can open every published item as soon as they join. The cohort starts on Mon 5 Jan 2026.");
    expect(dripExample(null, "", "UTC")).toBeNull();
  });
});
