import { describe, expect, it } from "vitest";
import { courseAvailability, dripAnchorDate, dripUnlockAt, itemAvailability, type DripCohort } from "./drip";
import { InvalidTimeZoneError, zonedParts } from "../time-zone";

const brussels = "Europe/Brussels";
const newYork = "America/New_York";
const at = (iso: string) => new Date(iso);

function cohort(timeZone: string, startDate: string, drip: DripCohort["drip"]): DripCohort {
  return { timeZone, startDate, drip };
}
const weekly = { every: 1, unit: "week", anchor: "cohort_start" } as const;
const daily = { every: 1, unit: "day", anchor: "cohort_start" } as const;
const unlocks = (c: DripCohort, count: number, joinedAt?: Date) =>
  Array.from({ length: count }, (_, position) => dripUnlockAt(c, { position }, joinedAt)?.toISOString());

describe("weekly drip across daylight saving", () => {
  it("opens each Brussels week at local midnight through spring forward (29 March 2026)", () => {
    const c = cohort(brussels, "2026-03-23", weekly);
    expect(unlocks(c, 3)).toEqual(["2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z", "2026-04-05T22:00:00.000Z"]);
    for (let position = 0; position < 3; position++) {
      expect(zonedParts(dripUnlockAt(c, { position })!, brussels)).toMatchObject({ hour: 0, minute: 0, weekday: 1 });
    }
  });

  it("opens each Brussels week at local midnight through fall back (25 October 2026)", () => {
    expect(unlocks(cohort(brussels, "2026-10-19", weekly), 2)).toEqual(["2026-10-18T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
  });

  it("opens New York days at local midnight around both changes (8 March and 1 November 2026)", () => {
    expect(unlocks(cohort(newYork, "2026-03-07", daily), 3)).toEqual(["2026-03-07T05:00:00.000Z", "2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    expect(unlocks(cohort(newYork, "2026-10-31", daily), 3)).toEqual(["2026-10-31T04:00:00.000Z", "2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
  });

  it("multiplies by N: every 2 weeks, every 3 days", () => {
    expect(unlocks(cohort(newYork, "2026-03-02", { every: 2, unit: "week", anchor: "cohort_start" }), 3)).toEqual([
      "2026-03-02T05:00:00.000Z",
      "2026-03-16T04:00:00.000Z",
      "2026-03-30T04:00:00.000Z",
    ]);
    expect(unlocks(cohort("UTC", "2026-01-30", { every: 3, unit: "day", anchor: "cohort_start" }), 3)).toEqual([
      "2026-01-30T00:00:00.000Z",
      "2026-02-02T00:00:00.000Z",
      "2026-02-05T00:00:00.000Z",
    ]);
  });

  it("opens at the first minute that exists where midnight is skipped (Santiago, 6 September 2026)", () => {
    const opens = dripUnlockAt(cohort("America/Santiago", "2026-08-30", weekly), { position: 1 })!;
    expect(opens.toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(zonedParts(opens, "America/Santiago")).toMatchObject({ day: 6, hour: 1, minute: 0 });
  });

  it("uses an item's own offset in days instead of its position", () => {
    const c = cohort(brussels, "2026-03-23", weekly);
    expect(dripUnlockAt(c, { position: 5, unlockOffsetDays: 10 })?.toISOString()).toBe("2026-04-01T22:00:00.000Z");
    expect(dripUnlockAt(c, { position: 5, unlockOffsetDays: 0 })?.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(() => dripUnlockAt(c, { position: 0, unlockOffsetDays: -1 })).toThrow(RangeError);
    expect(() => dripUnlockAt(c, { position: 1.5 })).toThrow(RangeError);
  });
});

describe("join-date anchor", () => {
  const byJoin = { every: 1, unit: "week", anchor: "join_date" } as const;

  it("counts from the join's calendar date in the cohort's zone, not in UTC", () => {
    // 03:30 UTC on 10 March is 23:30 on 9 March in New York (EDT) but 04:30 on 10 March in Brussels.
    const joinedAt = at("2026-03-10T03:30:00Z");
    const ny = cohort(newYork, "2026-03-01", byJoin);
    expect(dripAnchorDate(ny, joinedAt)).toBe("2026-03-09");
    expect(unlocks(ny, 2, joinedAt)).toEqual(["2026-03-09T04:00:00.000Z", "2026-03-16T04:00:00.000Z"]);
    const be = cohort(brussels, "2026-03-01", byJoin);
    expect(dripAnchorDate(be, joinedAt)).toBe("2026-03-10");
    expect(unlocks(be, 2, joinedAt)).toEqual(["2026-03-09T23:00:00.000Z", "2026-03-16T23:00:00.000Z"]);
  });

  it("takes the day of a join one minute after local midnight", () => {
    const joinedAt = at("2026-03-29T22:01:00Z"); // 00:01 CEST on 30 March in Brussels
    expect(dripAnchorDate(cohort(brussels, "2026-03-01", byJoin), joinedAt)).toBe("2026-03-30");
    expect(dripAnchorDate(cohort(brussels, "2026-03-01", byJoin), at("2026-03-29T21:59:00Z"))).toBe("2026-03-29");
  });

  it("counts from the cohort start for early joiners and previews", () => {
    const c = cohort(newYork, "2026-09-07", byJoin);
    expect(dripAnchorDate(c, at("2026-08-20T12:00:00Z"))).toBe("2026-09-07");
    expect(dripAnchorDate(c, null)).toBe("2026-09-07");
    expect(dripAnchorDate(cohort(newYork, "2026-09-07", weekly), at("2026-10-01T12:00:00Z"))).toBe("2026-09-07");
  });

  it("gives two learners of one cohort their own dates", () => {
    const c = cohort(newYork, "2026-09-07", byJoin);
    expect(dripUnlockAt(c, { position: 2 }, at("2026-09-07T14:00:00Z"))?.toISOString()).toBe("2026-09-21T04:00:00.000Z");
    expect(dripUnlockAt(c, { position: 2 }, at("2026-09-10T14:00:00Z"))?.toISOString()).toBe("2026-09-24T04:00:00.000Z");
  });
});

describe("itemAvailability: drip and scheduled publish dates", () => {
  const c = cohort(brussels, "2026-03-23", weekly);

  it("opens when both have passed, at the later of the two", () => {
    const publishAt = at("2026-03-31T08:00:00Z");
    // Drip opens position 1 at 2026-03-29T22:00Z, the publish date is later.
    expect(itemAvailability(c, { position: 1, publishAt }, at("2026-03-30T12:00:00Z"))).toEqual({ unlocked: false, unlocksAt: publishAt, heldBy: "publish_date" });
    expect(itemAvailability(c, { position: 1, publishAt }, publishAt)).toEqual({ unlocked: true, unlocksAt: publishAt, heldBy: "publish_date" });
    // An earlier publish date does not open a later drip.
    const early = at("2026-03-01T00:00:00Z");
    expect(itemAvailability(c, { position: 1, publishAt: early }, at("2026-03-29T21:59:59Z"))).toEqual({
      unlocked: false,
      unlocksAt: at("2026-03-29T22:00:00Z"),
      heldBy: "drip",
    });
  });

  it("is open at once with neither, and follows the publish date alone without drip", () => {
    const none = cohort(brussels, "2026-03-23", null);
    expect(itemAvailability(none, { position: 9 }, at("2020-01-01T00:00:00Z"))).toEqual({ unlocked: true, unlocksAt: null, heldBy: null });
    const publishAt = at("2026-04-01T07:00:00Z");
    expect(itemAvailability(none, { position: 0, publishAt }, at("2026-04-01T06:59:00Z"))).toEqual({ unlocked: false, unlocksAt: publishAt, heldBy: "publish_date" });
  });

  it("lists a course's items in order", () => {
    const items = [{ slug: "intro" }, { slug: "two" }, { slug: "bonus", unlockOffsetDays: 1 }];
    const list = courseAvailability(c, items, at("2026-03-24T12:00:00Z"));
    expect(list.map((i) => [i.slug, i.unlocked, i.unlocksAt?.toISOString()])).toEqual([
      ["intro", true, "2026-03-22T23:00:00.000Z"],
      ["two", false, "2026-03-29T22:00:00.000Z"],
      ["bonus", true, "2026-03-23T23:00:00.000Z"],
    ]);
  });

  it("refuses an unknown zone or an impossible start date", () => {
    expect(() => dripUnlockAt(cohort("Mars/Olympus", "2026-03-23", weekly), { position: 0 })).toThrow(InvalidTimeZoneError);
    expect(() => dripUnlockAt(cohort("Mars/Olympus", "2026-03-23", null), { position: 0 })).toThrow(InvalidTimeZoneError);
    expect(() => dripUnlockAt(cohort(brussels, "2026-02-30", weekly), { position: 0 })).toThrow('The cohort start date "2026-02-30" is not a real date');
  });
});
