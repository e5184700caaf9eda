import { describe, expect, it } from "vitest";
import {
  InvalidTimeZoneError,
  isValidTimeZone,
  localDateAt,
  parseLocalDate,
  parseLocalTime,
  utcOffsetMinutes,
  zonedParts,
  zonedTimeToUtc,
  type LocalDateTime,
} from "./time-zone";

/** "2026-03-29 02:30" -> parts. */
function local(text: string): LocalDateTime {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`bad fixture ${text}`);
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return { year, month, day, hour, minute };
}

const utc = (text: string, zone: string) => zonedTimeToUtc(local(text), zone).toISOString();
const brussels = "Europe/Brussels";
const newYork = "America/New_York";

describe("zonedTimeToUtc", () => {
  it("answers a repeated question the same way, with a Date of its own each time", () => {
    const first = zonedTimeToUtc(local("2026-03-29 02:30"), "Europe/Brussels");
    first.setTime(0);
    const again = zonedTimeToUtc(local("2026-03-29 02:30"), "Europe/Brussels");
    expect(again).not.toBe(first);
    expect(again.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(() => zonedTimeToUtc(local("2026-03-29 02:30"), "Mars/Olympus")).toThrow();
  });

  it("uses the offset in force on that date (winter and summer)", () => {
    expect(utc("2026-01-15 09:00", brussels)).toBe("2026-01-15T08:00:00.000Z");
    expect(utc("2026-07-15 09:00", brussels)).toBe("2026-07-15T07:00:00.000Z");
    expect(utc("2026-01-15 09:00", newYork)).toBe("2026-01-15T14:00:00.000Z");
    expect(utc("2026-07-15 09:00", newYork)).toBe("2026-07-15T13:00:00.000Z");
    expect(utc("2026-07-15 09:00", "UTC")).toBe("2026-07-15T09:00:00.000Z");
  });

  it("changes offset exactly at the spring-forward change", () => {
    // Brussels 29 Mar 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    expect(utc("2026-03-29 01:59", brussels)).toBe("2026-03-29T00:59:00.000Z");
    expect(utc("2026-03-29 03:00", brussels)).toBe("2026-03-29T01:00:00.000Z");
    expect(utc("2026-03-29 03:01", brussels)).toBe("2026-03-29T01:01:00.000Z");
    // New York 8 Mar 2026: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    expect(utc("2026-03-08 01:59", newYork)).toBe("2026-03-08T06:59:00.000Z");
    expect(utc("2026-03-08 03:00", newYork)).toBe("2026-03-08T07:00:00.000Z");
  });

  it.each([
    ["2026-03-29", brussels, "2026-03-29T01:00:00.000Z"],
    ["2027-03-28", brussels, "2027-03-28T01:00:00.000Z"],
    ["2026-03-08", newYork, "2026-03-08T07:00:00.000Z"],
    ["2027-03-14", newYork, "2027-03-14T07:00:00.000Z"],
  ])("moves a time skipped on %s in %s forward to the first minute that exists (03:00)", (date, zone, change) => {
    for (const time of ["02:00", "02:01", "02:30", "02:59"]) {
      const at = zonedTimeToUtc(local(`${date} ${time}`), zone);
      expect(at.toISOString(), `${date} ${time}`).toBe(change);
      expect(zonedParts(at, zone)).toMatchObject({ hour: 3, minute: 0 });
    }
  });

  it.each([
    // [date, zone, the earlier 01:30/02:30 instant, the later one that is NOT chosen]
    ["2026-10-25 02:30", brussels, "2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"],
    ["2027-10-31 02:30", brussels, "2027-10-31T00:30:00.000Z", "2027-10-31T01:30:00.000Z"],
    ["2026-11-01 01:30", newYork, "2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"],
    ["2027-11-07 01:30", newYork, "2027-11-07T05:30:00.000Z", "2027-11-07T06:30:00.000Z"],
  ])("takes the earlier instant of %s in %s, which happens twice", (text, zone, earlier, later) => {
    expect(utc(text, zone)).toBe(earlier);
    // Both instants really show that wall time; the rule picks the first.
    for (const instant of [earlier, later]) {
      expect(zonedParts(new Date(instant), zone)).toMatchObject(local(text));
    }
  });

  it("has a single instant again right after the repeated hour", () => {
    expect(utc("2026-10-25 03:00", brussels)).toBe("2026-10-25T02:00:00.000Z");
    expect(utc("2026-11-01 02:00", newYork)).toBe("2026-11-01T07:00:00.000Z");
    expect(utc("2026-11-01 00:59", newYork)).toBe("2026-11-01T04:59:00.000Z");
  });

  it("round-trips every quarter hour of the change days, except the skipped hour", () => {
    const days: [string, string][] = [
      ["2026-03-29", brussels],
      ["2026-10-25", brussels],
      ["2027-03-14", newYork],
      ["2027-11-07", newYork],
    ];
    for (const [date, zone] of days) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
        const wanted = local(`${date} ${time}`);
        const back = zonedParts(zonedTimeToUtc(wanted, zone), zone);
        const skipped = date.endsWith("-03-29") || date.endsWith("-03-14") ? wanted.hour === 2 : false;
        if (skipped) expect(back, `${date} ${time} ${zone}`).toMatchObject({ hour: 3, minute: 0 });
        else expect(back, `${date} ${time} ${zone}`).toMatchObject(wanted);
      }
    }
  });

  it("rejects unknown zones and impossible dates", () => {
    expect(() => zonedTimeToUtc(local("2026-01-01 09:00"), "Mars/Olympus_Mons")).toThrow(InvalidTimeZoneError);
    expect(() => zonedTimeToUtc(local("2026-01-01 09:00"), "")).toThrow(/Unknown time zone/);
    expect(() => zonedTimeToUtc(local("2026-02-30 09:00"), brussels)).toThrow(RangeError);
    expect(() => zonedTimeToUtc({ year: 2026, month: 1, day: 1, hour: 24, minute: 0 }, brussels)).toThrow(RangeError);
  });
});

describe("zone helpers", () => {
  it("knows valid IANA names and refuses others", () => {
    expect(isValidTimeZone("Europe/Brussels")).toBe(true);
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Europe/Atlantis")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone("+05:00 or so")).toBe(false);
  });

  it("reports the offset before and after each change", () => {
    expect(utcOffsetMinutes(new Date("2026-03-29T00:59:00Z"), brussels)).toBe(60);
    expect(utcOffsetMinutes(new Date("2026-03-29T01:00:00Z"), brussels)).toBe(120);
    expect(utcOffsetMinutes(new Date("2026-11-01T05:59:00Z"), newYork)).toBe(-240);
    expect(utcOffsetMinutes(new Date("2026-11-01T06:00:00Z"), newYork)).toBe(-300);
  });

  it("reads the local date and ISO weekday in the zone, not in UTC", () => {
    const lateSundayInNewYork = new Date("2026-11-02T03:30:00Z"); // Sun 1 Nov, 22:30 EST
    expect(localDateAt(lateSundayInNewYork, newYork)).toBe("2026-11-01");
    expect(zonedParts(lateSundayInNewYork, newYork).weekday).toBe(7);
    expect(zonedParts(lateSundayInNewYork, "UTC").weekday).toBe(1);
  });

  it("parses local dates and times strictly", () => {
    expect(parseLocalDate("2026-12-08")).toEqual({ year: 2026, month: 12, day: 8 });
    expect(parseLocalDate("2026-02-29")).toBeNull();
    expect(parseLocalDate("2026-1-8")).toBeNull();
    expect(parseLocalTime("08:05")).toEqual({ hour: 8, minute: 5 });
    expect(parseLocalTime("24:00")).toBeNull();
    expect(parseLocalTime("8:05")).toBeNull();
  });
});
