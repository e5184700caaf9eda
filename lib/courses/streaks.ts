import { addDays, assertTimeZone, formatLocalDate, localDateAt, parseLocalDate } from "../time-zone";

/**
 * Learning streaks, counted in days on the learner's own wall clock: a day
 * runs from local midnight to local midnight in their time zone, so a lesson
 * at 23:50 in New York counts for that day even though it is the next day in
 * UTC, and the 23- or 25-hour days of a daylight-saving change are one day
 * like any other.
 *
 * - current: consecutive days with activity ending today, or ending
 *   yesterday when there is none today yet (the day is not over, so the
 *   streak is not broken until local midnight passes without activity);
 * - longest: the longest run of consecutive active days ever, current
 *   included.
 * Activity after `now` (clock skew between machines) is ignored.
 */

export interface Streak {
  current: number;
  longest: number;
  activeToday: boolean;
  /** "YYYY-MM-DD" of the last active day in the learner's zone, or null. */
  lastActiveDate: string | null;
}

function nextDate(date: string): string {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Not a date: ${date}`);
  return formatLocalDate(addDays(parts, 1));
}

function previousDate(date: string): string {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Not a date: ${date}`);
  return formatLocalDate(addDays(parts, -1));
}

/** The learner's active local dates, unique and in order. */
export function activeDates(activity: Iterable<Date>, timeZone: string, now: Date): string[] {
  assertTimeZone(timeZone);
  const dates = new Set<string>();
  for (const at of activity) {
    if (at.getTime() <= now.getTime()) dates.add(localDateAt(at, timeZone));
  }
  return [...dates].sort();
}

export function computeStreak(activity: Iterable<Date>, timeZone: string, now: Date): Streak {
  const dates = activeDates(activity, timeZone, now);
  const today = localDateAt(now, timeZone);
  const active = new Set(dates);

  let longest = 0;
  let run = 0;
  let previous: string | null = null;
  for (const date of dates) {
    run = previous !== null && nextDate(previous) === date ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = date;
  }

  const activeToday = active.has(today);
  let current = 0;
  for (let day = activeToday ? today : previousDate(today); active.has(day); day = previousDate(day)) current += 1;

  return { current, longest, activeToday, lastActiveDate: dates.at(-1) ?? null };
}
