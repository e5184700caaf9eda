import { describe, expect, it } from "vitest";
import { activeDates, computeStreak } from "./streaks";
import { InvalidTimeZoneError } from "../time-zone";

const at = (iso: string) => new Date(iso);
const newYork = "America/New_York";
const brussels = "Europe/Brussels";

describe("streaks in the learner's own time zone", () => {
  // New York springs forward on 8 March 2026: that local day has 23 hours.
  const activity = [
    at("2026-03-07T04:30:00Z"), // 23:30 EST, 6 March
    at("2026-03-07T15:00:00Z"), // 7 March
    at("2026-03-09T03:50:00Z"), // 23:50 EDT, 8 March
    at("2026-03-09T14:00:00Z"), // 9 March
  ];

  it("counts late-evening activity on the local day, across the spring-forward day", () => {
    expect(activeDates(activity, newYork, at("2026-03-10T00:00:00Z"))).toEqual(["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"]);
    expect(computeStreak(activity, newYork, at("2026-03-10T03:00:00Z"))).toEqual({ current: 4, longest: 4, activeToday: true, lastActiveDate: "2026-03-09" });
  });

  it("reads the same instants differently in UTC (a gap on 8 March)", () => {
    expect(computeStreak(activity, "UTC", at("2026-03-09T20:00:00Z"))).toEqual({ current: 1, longest: 1, activeToday: true, lastActiveDate: "2026-03-09" });
  });

  it("does not break the streak on a day with no activity yet", () => {
    expect(computeStreak(activity, newYork, at("2026-03-10T15:00:00Z"))).toEqual({ current: 4, longest: 4, activeToday: false, lastActiveDate: "2026-03-09" });
    // 23:59 local on 10 March: still unbroken.
    expect(computeStreak(activity, newYork, at("2026-03-11T03:59:00Z")).current).toBe(4);
  });

  it("breaks it once a whole local day passes without activity", () => {
    // 00:01 EDT on 11 March.
    expect(computeStreak(activity, newYork, at("2026-03-11T04:01:00Z"))).toEqual({ current: 0, longest: 4, activeToday: false, lastActiveDate: "2026-03-09" });
  });

  it("counts the 25-hour fall-back day in Brussels as one day (25 October 2026)", () => {
    const nights = [at("2026-10-23T21:30:00Z"), at("2026-10-24T21:30:00Z"), at("2026-10-25T22:30:00Z"), at("2026-10-26T22:30:00Z")]; // 23:30 local each
    expect(activeDates(nights, brussels, at("2026-10-27T00:00:00Z"))).toEqual(["2026-10-23", "2026-10-24", "2026-10-25", "2026-10-26"]);
    expect(computeStreak(nights, brussels, at("2026-10-27T10:00:00Z"))).toMatchObject({ current: 4, longest: 4, activeToday: false });
  });

  it("keeps the longest run separately from the current one", () => {
    const days = ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-10", "2026-05-11", "2026-05-11"].map((d) => at(`${d}T12:00:00Z`));
    expect(computeStreak(days, brussels, at("2026-05-12T08:00:00Z"))).toEqual({ current: 2, longest: 4, activeToday: false, lastActiveDate: "2026-05-11" });
    expect(computeStreak(days, brussels, at("2026-05-11T20:00:00Z"))).toMatchObject({ current: 2, activeToday: true });
  });

  it("counts a streak through month and year ends", () => {
    const days = ["2026-12-30", "2026-12-31", "2027-01-01"].map((d) => at(`${d}T12:00:00Z`));
    expect(computeStreak(days, "UTC", at("2027-01-01T23:00:00Z"))).toMatchObject({ current: 3, longest: 3 });
  });

  it("ignores activity after now and handles no activity", () => {
    expect(computeStreak([at("2026-06-02T12:00:00Z")], "UTC", at("2026-06-01T12:00:00Z"))).toEqual({ current: 0, longest: 0, activeToday: false, lastActiveDate: null });
    expect(computeStreak([], newYork, at("2026-06-01T12:00:00Z"))).toEqual({ current: 0, longest: 0, activeToday: false, lastActiveDate: null });
  });

  it("refuses an unknown zone", () => {
    expect(() => computeStreak([], "Nowhere/Atlantis", at("2026-06-01T12:00:00Z"))).toThrow(InvalidTimeZoneError);
  });
});
