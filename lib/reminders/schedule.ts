import { addDays, assertTimeZone, isoWeekday, parseLocalDate, parseLocalTime, zonedParts, zonedTimeToUtc } from "../time-zone";

/**
 * When a reminder fires. A reminder has occurrences (the local time it is
 * about: "Monday 09:00 in Europe/Brussels", or "8 Dec 2026 09:00") and for
 * each occurrence one send per offset (minutes before it: 60 = an hour
 * before, 0 = at the time). Everything here works in UTC instants computed
 * from the zone, so it is the same on any server.
 */

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

export type ReminderSchedule =
  | {
      kind: "once";
      /** Local date "YYYY-MM-DD". */
      date: string;
      /** Local time "HH:MM". */
      time: string;
      timeZone: string;
    }
  | {
      kind: "recurring";
      /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
      weekdays: readonly number[];
      time: string;
      timeZone: string;
    };

/** One send: the occurrence it is about, how many minutes before it, and when it is due. */
export interface ReminderSendSlot {
  occurrenceAt: Date;
  offsetMinutes: number;
  /** occurrenceAt - offsetMinutes. */
  dueAt: Date;
}

function timeOf(schedule: ReminderSchedule): { hour: number; minute: number } {
  const time = parseLocalTime(schedule.time);
  if (!time) throw new RangeError(`Not a time of day: "${schedule.time}" (expected HH:MM).`);
  return time;
}

function checkedWeekdays(schedule: Extract<ReminderSchedule, { kind: "recurring" }>): Set<number> {
  const days = new Set(schedule.weekdays);
  if (days.size === 0) throw new RangeError("A recurring reminder needs at least one weekday.");
  for (const d of days) if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`Not an ISO weekday: ${d}.`);
  return days;
}

/**
 * Occurrences at or after `from` and before `to`, in order. A recurring
 * reminder's occurrences are each listed local date whose weekday matches, at
 * the local time on that date (so its UTC time moves with daylight saving).
 */
export function occurrencesBetween(schedule: ReminderSchedule, from: Date, to: Date): Date[] {
  assertTimeZone(schedule.timeZone);
  const { hour, minute } = timeOf(schedule);
  if (to <= from) return [];

  if (schedule.kind === "once") {
    const date = parseLocalDate(schedule.date);
    if (!date) throw new RangeError(`Not a calendar date: "${schedule.date}" (expected YYYY-MM-DD).`);
    const at = zonedTimeToUtc({ ...date, hour, minute }, schedule.timeZone);
    return at >= from && at < to ? [at] : [];
  }

  const weekdays = checkedWeekdays(schedule);
  const out: Date[] = [];
  // Start a day early: the local date at `from` can be a day behind or ahead of its UTC date.
  let date = addDays(zonedParts(from, schedule.timeZone), -1);
  const lastDay = addDays(zonedParts(to, schedule.timeZone), 1);
  const lastMs = Date.UTC(lastDay.year, lastDay.month - 1, lastDay.day);
  while (Date.UTC(date.year, date.month - 1, date.day) <= lastMs) {
    if (weekdays.has(isoWeekday(date.year, date.month, date.day))) {
      const at = zonedTimeToUtc({ ...date, hour, minute }, schedule.timeZone);
      if (at >= from && at < to) out.push(at);
    }
    date = addDays(date, 1);
  }
  return out;
}

/** The first occurrence at or after `from`, or null (a one-off that has passed). */
export function nextOccurrence(schedule: ReminderSchedule, from: Date): Date | null {
  // A recurring reminder has one within any 8 days (7, plus a day of slack for the zone).
  const horizon = schedule.kind === "once" ? Number.POSITIVE_INFINITY : 8 * dayMs;
  const to = new Date(Math.min(from.getTime() + horizon, 8.64e15));
  return occurrencesBetween(schedule, from, to)[0] ?? null;
}

function checkedOffsets(offsets: readonly number[]): number[] {
  if (offsets.length === 0) throw new RangeError("A reminder needs at least one offset (0 = at the time).");
  for (const o of offsets) if (!Number.isInteger(o) || o < 0) throw new RangeError(`Not an offset in minutes: ${o}.`);
  return [...new Set(offsets)];
}

function bySendOrder(a: ReminderSendSlot, b: ReminderSendSlot): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || a.occurrenceAt.getTime() - b.occurrenceAt.getTime();
}

/**
 * Every send due at or after `from` and at or before `to` (both inclusive:
 * a send due at exactly `to` is due), in the order they fall due. This is the
 * catch-up list after downtime: the dispatcher passes its last position and now.
 */
export function sendsDueBetween(schedule: ReminderSchedule, offsets: readonly number[], from: Date, to: Date): ReminderSendSlot[] {
  const unique = checkedOffsets(offsets);
  if (to < from) return [];
  const maxOffset = Math.max(...unique);
  // A send due in [from, to] is for an occurrence in [from, to + maxOffset].
  const occurrences = occurrencesBetween(schedule, from, new Date(to.getTime() + maxOffset * minuteMs + 1));
  const out: ReminderSendSlot[] = [];
  for (const occurrenceAt of occurrences) {
    for (const offsetMinutes of unique) {
      const dueAt = new Date(occurrenceAt.getTime() - offsetMinutes * minuteMs);
      if (dueAt >= from && dueAt <= to) out.push({ occurrenceAt, offsetMinutes, dueAt });
    }
  }
  return out.sort(bySendOrder);
}

/**
 * The first send due strictly after `after`, or null when there is none (a
 * one-off whose sends have all fallen due). Pass `after` = a moment just
 * before now to include a send due right now.
 */
export function nextSendAfter(schedule: ReminderSchedule, offsets: readonly number[], after: Date): ReminderSendSlot | null {
  const unique = checkedOffsets(offsets);
  const start = new Date(after.getTime() + 1);
  if (schedule.kind === "once") {
    const [occurrenceAt] = occurrencesBetween(schedule, start, new Date(8.64e15));
    if (!occurrenceAt) return null;
    const slots = unique
      .map((offsetMinutes) => ({ occurrenceAt, offsetMinutes, dueAt: new Date(occurrenceAt.getTime() - offsetMinutes * minuteMs) }))
      .filter((s) => s.dueAt >= start)
      .sort(bySendOrder);
    return slots[0] ?? null;
  }
  // Occurrences are at most 7 days apart, so for any offset some send falls within 8 days of `start`
  // (sendsDueBetween looks at occurrences up to the largest offset past the window).
  return sendsDueBetween(schedule, unique, start, new Date(start.getTime() + 8 * dayMs))[0] ?? null;
}
