/**
 * Wall-clock time in an IANA time zone <-> UTC instants, with nothing but
 * Intl, for every part of Lyceum that works in local time. Reminders are stored as a local time in a zone ("09:00 in
 * Europe/Brussels"), so each occurrence is converted here, at the offset in
 * force on that day, and a 09:00 reminder stays 09:00 across daylight saving.
 *
 * Two local times need a rule:
 * - a time that does not exist (the hour skipped when clocks go forward, e.g.
 *   02:30 on 29 March 2026 in Brussels) moves forward to the first minute that
 *   exists, the moment of the change (03:00 local);
 * - a time that exists twice (the hour repeated when clocks go back, e.g.
 *   01:30 on 1 November 2026 in New York) takes the first, earlier instant
 *   (01:30 EDT, not 01:30 EST).
 * The conversion assumes at most one offset change within a day either side
 * of the local time, which holds for every zone in the tz database today.
 */

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/** A calendar date and a time of day, as on a wall clock (no zone). */
export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** 0-23 */
  hour: number;
  /** 0-59 */
  minute: number;
}

/** A local date and time as read in a zone, with its ISO weekday (1 = Monday ... 7 = Sunday). */
export interface ZonedParts extends LocalDateTime {
  second: number;
  weekday: number;
}

export class InvalidTimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(`Unknown time zone "${timeZone}". Use an IANA name such as Europe/Brussels or America/New_York.`);
    this.name = "InvalidTimeZoneError";
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new InvalidTimeZoneError(timeZone);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for names Intl knows ("Europe/Brussels", "UTC"); false for anything else, "" included. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.trim() === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws InvalidTimeZoneError unless `timeZone` is one Intl knows. */
export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new InvalidTimeZoneError(timeZone);
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a calendar date; no zone involved. */
export function isoWeekday(year: number, month: number, day: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The wall clock in `timeZone` at `instant`. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  const year = values.year ?? NaN;
  const month = values.month ?? NaN;
  const day = values.day ?? NaN;
  return {
    year,
    month,
    day,
    hour: values.hour ?? NaN,
    minute: values.minute ?? NaN,
    second: values.second ?? NaN,
    weekday: isoWeekday(year, month, day),
  };
}

/** The wall clock read as if it were UTC, in ms: the arithmetic below works on these. */
function wallMs(t: LocalDateTime & { second?: number }): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second ?? 0);
}

/** Minutes `timeZone` is ahead of UTC at `instant` (+60 for Brussels in winter, -240 for New York in summer). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  // Whole seconds only: Intl shows none smaller, and the instant's milliseconds would skew the result.
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallMs(zonedParts(new Date(whole), timeZone)) - whole) / minuteMs);
}

function assertLocal(local: LocalDateTime): void {
  const { year, month, day, hour, minute } = local;
  const ints = [year, month, day, hour, minute].every(Number.isInteger);
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!ints || !realDate || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    throw new RangeError(`Not a valid local date and time: ${JSON.stringify(local)}.`);
  }
}

/**
 * The UTC instant of a wall-clock time in `timeZone`: a skipped time moves
 * forward to the first minute that exists, a repeated time takes the earlier
 * instant (see the file comment).
 */
export function zonedTimeToUtc(local: LocalDateTime, timeZone: string): Date {
  const key = `${timeZone} ${local.year}-${local.month}-${local.day} ${local.hour}:${local.minute}`;
  let instant = utcInstants.get(key);
  if (instant === undefined) {
    instant = computeZonedTimeToUtc(local, timeZone);
    if (utcInstants.size >= utcInstantsLimit) utcInstants.clear();
    utcInstants.set(key, instant);
  }
  return new Date(instant);
}

/**
 * Conversions repeat: every learner page and the dashboard ask for the same
 * release midnights, and each costs three or more Intl lookups. The answer
 * depends only on the arguments, so it is remembered (bounded; invalid input
 * throws before anything is stored).
 */
const utcInstants = new Map<string, number>();
const utcInstantsLimit = 20_000;

function computeZonedTimeToUtc(local: LocalDateTime, timeZone: string): number {
  assertTimeZone(timeZone);
  assertLocal(local);
  const wall = wallMs(local);
  const offsetBefore = utcOffsetMinutes(new Date(wall - dayMs), timeZone);
  const offsetAfter = utcOffsetMinutes(new Date(wall + dayMs), timeZone);
  // The instant this wall time would be under each offset; valid if the zone agrees there.
  const valid = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wall - offset * minuteMs)
    .filter((t) => wallMs(zonedParts(new Date(t), timeZone)) === wall)
    .sort((a, b) => a - b);
  const earliest = valid[0];
  if (earliest !== undefined) return earliest;

  // A gap: the change happened between these two instants. Find the first minute under the new offset.
  let lo = wall - offsetAfter * minuteMs; // still under the old offset
  let hi = wall - offsetBefore * minuteMs; // already under the new one
  while (hi - lo > minuteMs) {
    const mid = lo + Math.floor((hi - lo) / 2 / minuteMs) * minuteMs;
    if (utcOffsetMinutes(new Date(mid), timeZone) === offsetAfter) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Adds `days` to a calendar date (no zone: the date's own arithmetic). */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "YYYY-MM-DD" -> parts, or null when it is not a real calendar date. */
export function parseLocalDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** "HH:MM" (24-hour) -> parts, or null. */
export function parseLocalTime(value: string): { hour: number; minute: number } | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) return null;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** "YYYY-MM-DD" of the calendar date. */
export function formatLocalDate(date: { year: number; month: number; day: number }): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** Today's date on the wall clock of `timeZone` at `instant`, as "YYYY-MM-DD". */
export function localDateAt(instant: Date, timeZone: string): string {
  return formatLocalDate(zonedParts(instant, timeZone));
}
