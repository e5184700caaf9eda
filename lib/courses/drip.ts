import type { DripSettings } from "../schemas/courses";
import { addDays, assertTimeZone, localDateAt, parseLocalDate, zonedTimeToUtc } from "../time-zone";

/**
 * When a course item opens for a learner in a cohort.
 *
 * Drip: the item at position k of the drip order (0 = first, open from the
 * anchor day) opens at 00:00 on anchor + k x N days (or weeks) on the
 * cohort's wall clock; an item with its own offset opens at 00:00 on anchor +
 * offset days instead. Midnight is local midnight on that calendar day, so a
 * weekly release stays at 00:00 across daylight saving (the week it changes
 * is an hour shorter or longer in UTC); where midnight itself is skipped
 * (a zone that springs forward at 00:00) the item opens at the first minute
 * of that day that exists (lib/time-zone.ts).
 *
 * The anchor day is the cohort's start date, or with anchor "join_date" the
 * calendar date in the cohort's zone at the moment the learner joined (a
 * 23:30 join in New York is that day, even though it is already tomorrow in
 * UTC). A learner who joins before the cohort starts counts from the start,
 * like everyone else. Without a join (a teacher's "view as learner"), the
 * start date is the anchor.
 *
 * A scheduled publish date combines with drip: the item opens when both have
 * passed, i.e. at the later of the two.
 */

export interface DripCohort {
  /** null = no drip: every item is open (subject to its publish date). */
  drip: DripSettings | null;
  /** The cohort's IANA time zone: drip dates are its midnights. */
  timeZone: string;
  /** The cohort's first day, "YYYY-MM-DD" in its zone. */
  startDate: string;
}

export interface DripItem {
  /** 0-based place in the course's drip order. */
  position: number;
  /** Days after the anchor, overriding position (dripOffsetDaysSchema). */
  unlockOffsetDays?: number | null;
  /** A scheduled publish instant; null/undefined = no schedule. */
  publishAt?: Date | null;
}

export interface ItemAvailability {
  unlocked: boolean;
  /** When it opens (or opened); null when nothing ever held it back. */
  unlocksAt: Date | null;
  /** What holds it back (or held it back last): the drip release, the publish date, or nothing. */
  heldBy: "drip" | "publish_date" | null;
}

function parseStart(startDate: string): { year: number; month: number; day: number } {
  const date = parseLocalDate(startDate);
  if (!date) throw new RangeError(`The cohort start date "${startDate}" is not a real date as YYYY-MM-DD.`);
  return date;
}

/** The anchor day, "YYYY-MM-DD" in the cohort's zone. */
export function dripAnchorDate(cohort: DripCohort, joinedAt?: Date | null): string {
  assertTimeZone(cohort.timeZone);
  parseStart(cohort.startDate);
  if (cohort.drip?.anchor !== "join_date" || !joinedAt) return cohort.startDate;
  const joined = localDateAt(joinedAt, cohort.timeZone);
  // "YYYY-MM-DD" strings order like the dates they name.
  return joined > cohort.startDate ? joined : cohort.startDate;
}

/** Days from the anchor day to the item's release day. */
export function dripOffsetDays(drip: DripSettings, item: Pick<DripItem, "position" | "unlockOffsetDays">): number {
  if (item.unlockOffsetDays !== null && item.unlockOffsetDays !== undefined) {
    if (!Number.isInteger(item.unlockOffsetDays) || item.unlockOffsetDays < 0) {
      throw new RangeError(`An unlock offset is a whole number of days, 0 or more (got ${item.unlockOffsetDays}).`);
    }
    return item.unlockOffsetDays;
  }
  if (!Number.isInteger(item.position) || item.position < 0) {
    throw new RangeError(`A drip position is a whole number, 0 or more (got ${item.position}).`);
  }
  return item.position * drip.every * (drip.unit === "week" ? 7 : 1);
}

/** The anchor day's parts for a cohort with drip (checked once, shared by every item of a course). */
function anchorDay(cohort: DripCohort, joinedAt?: Date | null): { year: number; month: number; day: number } {
  const anchor = parseLocalDate(dripAnchorDate(cohort, joinedAt));
  if (!anchor) throw new RangeError("Unreachable: the anchor date was checked.");
  return anchor;
}

/** Midnight, in the cohort's zone, `offsetDays` after the anchor day. */
function releaseAt(cohort: DripCohort, anchor: { year: number; month: number; day: number }, offsetDays: number): Date {
  return zonedTimeToUtc({ ...addDays(anchor, offsetDays), hour: 0, minute: 0 }, cohort.timeZone);
}

/** The drip release instant of an item for a learner; null when the cohort has no drip. */
export function dripUnlockAt(cohort: DripCohort, item: Pick<DripItem, "position" | "unlockOffsetDays">, joinedAt?: Date | null): Date | null {
  if (!cohort.drip) {
    assertTimeZone(cohort.timeZone);
    return null;
  }
  return releaseAt(cohort, anchorDay(cohort, joinedAt), dripOffsetDays(cohort.drip, item));
}

/** Open or not at `now` given the drip release and the publish date, whichever is later. */
function availabilityAt(drip: Date | null, publish: Date | null, now: Date): ItemAvailability {
  let unlocksAt: Date | null = null;
  let heldBy: ItemAvailability["heldBy"] = null;
  if (drip && (!publish || drip.getTime() >= publish.getTime())) [unlocksAt, heldBy] = [drip, "drip"];
  else if (publish) [unlocksAt, heldBy] = [publish, "publish_date"];
  return { unlocked: unlocksAt === null || now.getTime() >= unlocksAt.getTime(), unlocksAt, heldBy };
}

/** Whether the item is open at `now`, and when it opens. */
export function itemAvailability(cohort: DripCohort, item: DripItem, now: Date, joinedAt?: Date | null): ItemAvailability {
  return availabilityAt(dripUnlockAt(cohort, item, joinedAt), item.publishAt ?? null, now);
}

/**
 * Availability of a course's items in drip order (position = index), for a
 * course page or an unlock job. The anchor is worked out once for the course,
 * not per item: with a join-date drip it is a time-zone lookup.
 */
export function courseAvailability<T extends { unlockOffsetDays?: number | null; publishAt?: Date | null }>(
  cohort: DripCohort,
  items: readonly T[],
  now: Date,
  joinedAt?: Date | null,
): Array<T & ItemAvailability> {
  const { drip } = cohort;
  assertTimeZone(cohort.timeZone);
  const anchor = drip ? anchorDay(cohort, joinedAt) : null;
  return items.map((item, position) => {
    const release = drip && anchor ? releaseAt(cohort, anchor, dripOffsetDays(drip, { position, unlockOffsetDays: item.unlockOffsetDays })) : null;
    // Object.assign, not a spread with more fields: V8 (Node 20) takes a slow path for that, ~3 µs an item.
    return Object.assign({}, item, availabilityAt(release, item.publishAt ?? null, now));
  });
}
