import { describe, expect, it } from "vitest";
import { CELLS_PER_DAY, meetingInstants, referenceAvailability, referenceWeekStart, localSlot } from "./cohort-calendar";

const cell = (weekday: number, hour: number, minute = 0) => (weekday - 1) * CELLS_PER_DAY + hour * 2 + minute / 30;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("meetingInstants", () => {
  it("keeps the cohort's wall-clock time across the Brussels autumn change", () => {
    const cal = { timeZone: "Europe/Brussels", startDate: "2026-10-19", weeks: 3 };
    expect(referenceWeekStart(cal).toISOString()).toBe("2026-10-19T00:00:00.000Z");
    // Tuesday 16:00 UTC in the reference week = 18:00 Brussels (CEST).
    const start = 1 * 1440 + 16 * 60;
    expect(meetingInstants(cal, start).map((d) => d.toISOString())).toEqual([
      "2026-10-20T16:00:00.000Z",
      "2026-10-27T17:00:00.000Z", // 18:00 CET after 25 October
      "2026-11-03T17:00:00.000Z",
    ]);
  });

  it("starts a week later when the reference-week slot is before the first day", () => {
    const cal = { timeZone: "UTC", startDate: "2026-12-09", weeks: 2 }; // a Wednesday
    expect(meetingInstants(cal, 9 * 60).map((d) => d.toISOString())).toEqual(["2026-12-14T09:00:00.000Z", "2026-12-21T09:00:00.000Z"]);
    expect(meetingInstants(cal, 3 * 1440).map((d) => d.toISOString())).toEqual(["2026-12-10T00:00:00.000Z", "2026-12-17T00:00:00.000Z"]);
  });

  it("handles Sydney's spring change (first Sunday of October)", () => {
    const cal = { timeZone: "Australia/Sydney", startDate: "2026-09-28", weeks: 2 };
    // Reference week starts Mon 28 Sep 00:00 UTC; Tue 08:00 UTC = Tue 18:00 AEST (UTC+10).
    const [a, b] = meetingInstants(cal, 1440 + 8 * 60);
    expect(a?.toISOString()).toBe("2026-09-29T08:00:00.000Z");
    expect(b?.toISOString()).toBe("2026-10-06T07:00:00.000Z"); // 18:00 AEDT (UTC+11)
  });
});

describe("referenceAvailability", () => {
  it("keeps everything when person and cohort share a zone, across a change", () => {
    const cal = { timeZone: "Europe/Brussels", startDate: "2026-10-19", weeks: 4 };
    const grid = { timeZone: "Europe/Brussels", regularCells: range(cell(2, 18), cell(2, 20)), ifNeededCells: [] };
    const out = referenceAvailability(cal, grid);
    // 18:00-20:00 Brussels in the reference week (CEST) = 16:00-18:00 UTC.
    expect(out.intervals).toEqual([[1440 + 16 * 60, 1440 + 18 * 60]]);
    expect(out.warnings).toEqual([]);
  });

  it("drops the hour New York loses against a Brussels cohort when only one side changes, and warns", () => {
    // Brussels goes back on 25 Oct, New York on 1 Nov: the week of 26 Oct has a 5-hour gap, the others 6.
    const cal = { timeZone: "Europe/Brussels", startDate: "2026-10-19", weeks: 3 };
    const grid = { timeZone: "America/New_York", regularCells: range(cell(2, 12), cell(2, 14)), ifNeededCells: [] };
    const out = referenceAvailability(cal, grid);
    // 12:00-14:00 EDT = 16:00-18:00 UTC in week 1; in week 2 the meeting slot of 18:00 Brussels is 13:00 NY, so
    // only 12:00-13:00 NY (= 17:00-18:00 Brussels CET) lines up each week: reference 16:00... keep what all weeks share.
    expect(out.intervals).toEqual([[1440 + 16 * 60, 1440 + 17 * 60]]);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]?.lostCells).toBe(2);
    expect(out.warnings[0]?.fromDate).toBe("2026-10-26");
    expect(out.warnings[0]?.message).toMatch(/1 hour/);
  });

  it("marks cells that are sometimes only if-needed as if-needed", () => {
    const cal = { timeZone: "UTC", startDate: "2026-12-07", weeks: 2 };
    const grid = { timeZone: "UTC", regularCells: [cell(1, 9)], ifNeededCells: [cell(1, 9, 30)] };
    const out = referenceAvailability(cal, grid);
    expect(out.intervals).toEqual([[9 * 60, 9 * 60 + 30]]);
    expect(out.ifNeededIntervals).toEqual([[9 * 60 + 30, 10 * 60]]);
  });

  it("converts a Sydney evening into the cohort's UTC reference week", () => {
    const cal = { timeZone: "UTC", startDate: "2026-12-07", weeks: 2 };
    // Mon 19:00-20:00 Sydney (AEDT, UTC+11) = Mon 08:00-09:00 UTC.
    const grid = { timeZone: "Australia/Sydney", regularCells: [cell(1, 19), cell(1, 19, 30)], ifNeededCells: [] };
    expect(referenceAvailability(cal, grid).intervals).toEqual([[8 * 60, 9 * 60]]);
    expect(localSlot(cal, 8 * 60, "Australia/Sydney")).toEqual({ weekday: 1, minuteOfDay: 19 * 60, offsetMinutes: 660 });
  });
});
