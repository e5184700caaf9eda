import { dripOffsetDays } from "@/lib/courses/drip";
import type { DripSettings } from "@/lib/schemas/courses";
import { addDays, parseLocalDate } from "@/lib/time-zone";

/**
 * Drip release in plain words, for the cohort forms and lists. A plain module
 * (no React) so the sentences are unit-tested and both server and client
 * pages can use them.
 */

const calendarFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });
const shortFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });

type CalendarDate = { year: number; month: number; day: number };

function asUtc(date: CalendarDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day));
}

/** "2026-01-19" -> "Mon 19 Jan 2026" (a calendar date: no zone shifts it); anything else is returned as is. */
export function formatCalendarDate(value: string, options: { withYear?: boolean } = {}): string {
  const date = parseLocalDate(value);
  if (!date) return value;
  return (options.withYear === false ? shortFormat : calendarFormat).format(asUtc(date)).replace(/,/g, "");
}

function every(drip: DripSettings): string {
  return drip.every === 1 ? `every ${drip.unit}` : `every ${drip.every} ${drip.unit}s`;
}

/** "Everything opens at once" or "A new item every week, from the cohort's start date". */
export function describeDrip(drip: DripSettings | null): string {
  if (!drip) return "Everything opens at once";
  return `A new item ${every(drip)}, from ${drip.anchor === "cohort_start" ? "the cohort's start date" : "each learner's join date"}`;
}

/** The calendar day item `n` (1-based) opens, counting from `anchor`. */
function openingDay(drip: DripSettings, anchor: CalendarDate, n: number): CalendarDate {
  return addDays(anchor, dripOffsetDays(drip, { position: n - 1 }));
}

/**
 * An example of the schedule with real dates, e.g. "Item 1 opens on Mon 2
 * Mar 2026, item 2 on Mon 9 Mar and item 3 on Mon 16 Mar, at midnight
 * (Europe/Brussels)." Null when the start date is not a date yet.
 */
export function dripExample(drip: DripSettings | null, startDate: string, timeZone: string): string | null {
  const start = parseLocalDate(startDate);
  if (!start) return null;
  const zone = timeZone.replaceAll("_", " ");
  if (!drip) return `Learners can open every published item as soon as they join. The cohort starts on ${formatCalendarDate(startDate)}.`;
  const day = (n: number, anchor: CalendarDate, withYear = false) => (withYear ? calendarFormat : shortFormat).format(asUtc(openingDay(drip, anchor, n))).replace(/,/g, "");
  if (drip.anchor === "cohort_start") {
    return `Item 1 opens on ${day(1, start, true)}, item 2 on ${day(2, start)} and item 3 on ${day(3, start)}, at midnight (${zone} time).`;
  }
  const joined = addDays(start, 2);
  return (
    `Each learner counts from the day they join (or from the start date if they join earlier). ` +
    `Someone who joins on ${day(1, joined)} gets item 1 that day, ` +
    `item 2 on ${day(2, joined)} and item 3 on ${day(3, joined)}, at midnight (${zone} time).`
  );
}
