import { describe, expect, it } from "vitest";
import { nextOccurrence, nextSendAfter, occurrencesBetween, sendsDueBetween, type ReminderSchedule } from "./schedule";
import { zonedParts } from "../time-zone";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const at = (text: string) => new Date(text);
const brussels = "Europe/Brussels";
const newYork = "America/New_York";

function weekly(weekdays: number[], time: string, timeZone: string): ReminderSchedule {
  return { kind: "recurring", weekdays, time, timeZone };
}

describe("recurring occurrences across daylight saving", () => {
  it("keeps a Monday 09:00 Brussels reminder at 09:00 local through spring forward (2026)", () => {
    const occurrences = occurrencesBetween(weekly([1], "09:00", brussels), at("2026-03-16T00:00Z"), at("2026-04-07T00:00Z"));
    expect(iso(occurrences)).toEqual(["2026-03-16T08:00:00.000Z", "2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "2026-04-06T07:00:00.000Z"]);
    for (const o of occurrences) expect(zonedParts(o, brussels)).toMatchObject({ hour: 9, minute: 0, weekday: 1 });
  });

  it("keeps it at 09:00 through fall back (2026 and 2027)", () => {
    const schedule = weekly([1], "09:00", brussels);
    expect(iso(occurrencesBetween(schedule, at("2026-10-19T00:00Z"), at("2026-10-27T00:00Z")))).toEqual([
      "2026-10-19T07:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
    ]);
    expect(iso(occurrencesBetween(schedule, at("2027-10-25T00:00Z"), at("2027-11-02T00:00Z")))).toEqual([
      "2027-10-25T07:00:00.000Z",
      "2027-11-01T08:00:00.000Z",
    ]);
  });

  it("keeps a Monday 09:00 New York reminder at 09:00 local in both directions (2027)", () => {
    const schedule = weekly([1], "09:00", newYork);
    expect(iso(occurrencesBetween(schedule, at("2027-03-08T00:00Z"), at("2027-03-16T00:00Z")))).toEqual([
      "2027-03-08T14:00:00.000Z",
      "2027-03-15T13:00:00.000Z",
    ]);
    expect(iso(occurrencesBetween(schedule, at("2027-11-01T00:00Z"), at("2027-11-09T00:00Z")))).toEqual([
      "2027-11-01T13:00:00.000Z",
      "2027-11-08T14:00:00.000Z",
    ]);
  });

  it("fires a Sunday 02:30 reminder once at 03:00 on the day 02:30 does not exist, and at 02:30 after", () => {
    const schedule = weekly([7], "02:30", brussels);
    const occurrences = occurrencesBetween(schedule, at("2026-03-22T00:00Z"), at("2026-04-06T00:00Z"));
    expect(iso(occurrences)).toEqual(["2026-03-22T01:30:00.000Z", "2026-03-29T01:00:00.000Z", "2026-04-05T00:30:00.000Z"]);
    expect(occurrences.map((o) => zonedParts(o, brussels)).map((p) => `${p.hour}:${p.minute}`)).toEqual(["2:30", "3:0", "2:30"]);
  });

  it("fires a Sunday 01:30 New York reminder once, not twice, on the day 01:30 happens twice", () => {
    const occurrences = occurrencesBetween(weekly([7], "01:30", newYork), at("2026-10-31T00:00Z"), at("2026-11-03T00:00Z"));
    expect(iso(occurrences)).toEqual(["2026-11-01T05:30:00.000Z"]);
  });

  it("lists several weekdays in order, and reads the weekday in the reminder's zone", () => {
    // 23:30 Sunday in New York is already Monday in UTC: it must still count as Sunday.
    const occurrences = occurrencesBetween(weekly([1, 3, 7], "23:30", newYork), at("2026-06-06T00:00Z"), at("2026-06-11T00:00Z"));
    // Wed 10 Jun 23:30 EDT is 11 Jun 03:30Z, past the window.
    expect(iso(occurrences)).toEqual(["2026-06-08T03:30:00.000Z", "2026-06-09T03:30:00.000Z"]);
    expect(occurrences.map((o) => zonedParts(o, newYork).weekday)).toEqual([7, 1]);
  });

  it("includes `from` and excludes `to`", () => {
    const schedule = weekly([1, 2, 3, 4, 5, 6, 7], "09:00", "UTC");
    expect(iso(occurrencesBetween(schedule, at("2026-05-01T09:00Z"), at("2026-05-02T09:00Z")))).toEqual(["2026-05-01T09:00:00.000Z"]);
  });

  it("finds the next occurrence at most a week away", () => {
    const schedule = weekly([1], "09:00", brussels);
    expect(nextOccurrence(schedule, at("2026-03-23T08:00:01Z"))?.toISOString()).toBe("2026-03-30T07:00:00.000Z");
    expect(nextOccurrence(schedule, at("2026-03-23T08:00:00Z"))?.toISOString()).toBe("2026-03-23T08:00:00.000Z");
  });
});

describe("one-off occurrences", () => {
  const once: ReminderSchedule = { kind: "once", date: "2026-11-01", time: "01:30", timeZone: newYork };

  it("happens once, at the earlier instant of a repeated time", () => {
    expect(iso(occurrencesBetween(once, at("2026-01-01T00:00Z"), at("2027-01-01T00:00Z")))).toEqual(["2026-11-01T05:30:00.000Z"]);
    expect(nextOccurrence(once, at("2026-10-01T00:00Z"))?.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("has none once it has passed", () => {
    expect(nextOccurrence(once, at("2026-11-01T05:31Z"))).toBeNull();
  });
});

describe("sends: occurrence minus offset", () => {
  it("sends an hour before, then at the time, then nothing for a one-off", () => {
    const once: ReminderSchedule = { kind: "once", date: "2026-12-08", time: "09:00", timeZone: brussels };
    const first = nextSendAfter(once, [60, 0], at("2026-12-01T00:00Z"));
    expect(first).toEqual({ occurrenceAt: at("2026-12-08T08:00Z"), offsetMinutes: 60, dueAt: at("2026-12-08T07:00Z") });
    const second = nextSendAfter(once, [60, 0], first?.dueAt ?? at("2000-01-01Z"));
    expect(second).toEqual({ occurrenceAt: at("2026-12-08T08:00Z"), offsetMinutes: 0, dueAt: at("2026-12-08T08:00Z") });
    expect(nextSendAfter(once, [60, 0], second?.dueAt ?? at("2000-01-01Z"))).toBeNull();
  });

  it("skips an offset whose moment has passed but keeps the later ones", () => {
    const once: ReminderSchedule = { kind: "once", date: "2026-12-08", time: "09:00", timeZone: brussels };
    // Created 30 minutes before: the hour-before send is already past.
    expect(nextSendAfter(once, [60, 0], at("2026-12-08T07:30Z"))).toMatchObject({ offsetMinutes: 0 });
  });

  it("crosses midnight: 60 minutes before 00:30 is 23:30 the day before", () => {
    const schedule = weekly([1], "00:30", brussels);
    const send = nextSendAfter(schedule, [60], at("2026-06-01T00:00Z"));
    expect(send?.occurrenceAt.toISOString()).toBe("2026-06-07T22:30:00.000Z"); // Mon 8 Jun 00:30 CEST
    expect(send?.dueAt.toISOString()).toBe("2026-06-07T21:30:00.000Z");
    expect(zonedParts(send?.dueAt ?? new Date(0), brussels)).toMatchObject({ day: 7, hour: 23, minute: 30, weekday: 7 });
  });

  it("counts offsets in elapsed minutes, so one across a change lands an hour off on the wall clock", () => {
    // Sunday 29 Mar 2026 09:00 CEST; a day (1440 minutes) before is Saturday 08:00 CET.
    const once: ReminderSchedule = { kind: "once", date: "2026-03-29", time: "09:00", timeZone: brussels };
    const dayBefore = nextSendAfter(once, [1440], at("2026-03-01T00:00Z"));
    expect(dayBefore?.dueAt.toISOString()).toBe("2026-03-28T07:00:00.000Z");
    expect(zonedParts(dayBefore?.dueAt ?? new Date(0), brussels)).toMatchObject({ day: 28, hour: 8 });
    // 03:30 CEST, 60 minutes before = 01:30 CET (the hour between does not exist).
    const early: ReminderSchedule = { kind: "once", date: "2026-03-29", time: "03:30", timeZone: brussels };
    const hourBefore = nextSendAfter(early, [60], at("2026-03-01T00:00Z"));
    expect(hourBefore?.dueAt.toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(zonedParts(hourBefore?.dueAt ?? new Date(0), brussels)).toMatchObject({ hour: 1, minute: 30 });
  });

  it("a day-before send of a recurring New York reminder across fall back", () => {
    // Monday 2 Nov 2026 09:00 EST (14:00Z); 1440 minutes before is Sunday 1 Nov 14:00Z = 09:00 EST.
    const send = nextSendAfter(weekly([1], "09:00", newYork), [1440], at("2026-10-27T00:00Z"));
    expect(send).toEqual({ occurrenceAt: at("2026-11-02T14:00Z"), offsetMinutes: 1440, dueAt: at("2026-11-01T14:00Z") });
  });

  it("finds the next send even when every offset is a week before", () => {
    const send = nextSendAfter(weekly([3], "10:00", "UTC"), [10080], at("2026-06-01T00:00Z"));
    expect(send).toEqual({ occurrenceAt: at("2026-06-10T10:00Z"), offsetMinutes: 10080, dueAt: at("2026-06-03T10:00Z") });
  });

  it("lists every send due in a window after downtime, in due order, bounds included", () => {
    const schedule = weekly([1, 2, 3, 4, 5, 6, 7], "09:00", brussels);
    const sends = sendsDueBetween(schedule, [60, 0], at("2026-03-28T07:00Z"), at("2026-03-30T07:00Z"));
    expect(sends.map((s) => [s.dueAt.toISOString(), s.offsetMinutes])).toEqual([
      ["2026-03-28T07:00:00.000Z", 60], // Sat 09:00 CET - 60
      ["2026-03-28T08:00:00.000Z", 0],
      ["2026-03-29T06:00:00.000Z", 60], // Sun 09:00 CEST - 60
      ["2026-03-29T07:00:00.000Z", 0],
      ["2026-03-30T06:00:00.000Z", 60],
      ["2026-03-30T07:00:00.000Z", 0],
    ]);
  });

  it("orders sends that fall due together by occurrence", () => {
    // Daily at 09:00 with "a day before" and "at the time": tomorrow's early send and today's coincide.
    const sends = sendsDueBetween(weekly([1, 2, 3, 4, 5, 6, 7], "09:00", "UTC"), [0, 1440], at("2026-05-02T09:00Z"), at("2026-05-02T09:00Z"));
    expect(sends.map((s) => [s.occurrenceAt.toISOString(), s.offsetMinutes])).toEqual([
      ["2026-05-02T09:00:00.000Z", 0],
      ["2026-05-03T09:00:00.000Z", 1440],
    ]);
  });

  it("rejects schedules that cannot fire", () => {
    expect(() => nextSendAfter(weekly([], "09:00", brussels), [0], at("2026-01-01Z"))).toThrow(/weekday/);
    expect(() => nextSendAfter(weekly([8], "09:00", brussels), [0], at("2026-01-01Z"))).toThrow(/weekday/);
    expect(() => nextSendAfter(weekly([1], "9am", brussels), [0], at("2026-01-01Z"))).toThrow(/HH:MM/);
    expect(() => nextSendAfter(weekly([1], "09:00", "Nowhere/Town"), [0], at("2026-01-01Z"))).toThrow(/Unknown time zone/);
    expect(() => nextSendAfter(weekly([1], "09:00", brussels), [], at("2026-01-01Z"))).toThrow(/offset/);
  });
});
