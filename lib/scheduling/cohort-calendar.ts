import { addDays, formatLocalDate, parseLocalDate, zonedParts, zonedTimeToUtc, utcOffsetMinutes } from "../time-zone";
import { WEEK_MINUTES, type Interval } from "./availability";

/**
 * Between people's local weekly availability and a cohort's real meeting
 * dates. The scheduler works on one abstract week of UTC minutes; this module
 * fixes what that week means for a cohort, so that daylight saving is handled
 * once, here:
 *
 * - The **reference week** starts Monday 00:00 UTC of the (calendar) week that
 *   holds the cohort's first meeting day. A group's `startMinute` is a minute
 *   of that week.
 * - A group meets every week at the same **wall-clock time in the cohort's
 *   zone** (18:00 Brussels stays 18:00 Brussels after the clocks change). For
 *   someone in another zone whose clocks change on another day, the meeting
 *   moves by an hour on their clock for some weeks.
 * - So a person can come to a start only if it falls inside their local
 *   availability in **every** meeting week. `referenceAvailability` computes
 *   exactly those minutes and warns about the ones lost to a clock change.
 *
 * Grids are 30-minute cells of the local week: Monday 00:00 local = cell 0,
 * Sunday 23:30 = cell 335.
 */

export const CELL_MINUTES = 30;
export const CELLS_PER_DAY = 48;
export const CELLS_PER_WEEK = 336;
const minuteMs = 60_000;

export interface CohortCalendar {
  /** IANA zone the meetings are anchored to (the cohort's zone). */
  timeZone: string;
  /** First meeting day, "YYYY-MM-DD" in timeZone: no meeting is earlier. */
  startDate: string;
  /** Number of weekly meetings. */
  weeks: number;
}

export interface LocalGrid {
  timeZone: string;
  regularCells: readonly number[];
  ifNeededCells: readonly number[];
}

export interface DaylightSavingWarning {
  /** Monday ("YYYY-MM-DD") of the first meeting week that differs from the first. */
  fromDate: string;
  /** How many half-hour cells of the person's availability this costs. */
  lostCells: number;
  message: string;
}

export interface ReferenceAvailability {
  intervals: Interval[];
  ifNeededIntervals: Interval[];
  warnings: DaylightSavingWarning[];
}

function startDateParts(calendar: CohortCalendar) {
  const date = parseLocalDate(calendar.startDate);
  if (!date) throw new RangeError(`Not a date: "${calendar.startDate}" (use YYYY-MM-DD).`);
  return date;
}

/** Monday 00:00 UTC of the reference week. */
export function referenceWeekStart(calendar: CohortCalendar): Date {
  const { year, month, day } = startDateParts(calendar);
  const utcDay = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const back = (utcDay + 6) % 7; // days since Monday
  return new Date(Date.UTC(year, month - 1, day - back));
}

/**
 * The instants of every meeting of a series starting at `startMinute` of the
 * reference week: the same wall-clock time in the cohort's zone, week after
 * week. If the reference-week meeting falls before the first meeting day, the
 * series starts a week later, so there are always `weeks` meetings on or after
 * it.
 */
export function meetingInstants(calendar: CohortCalendar, startMinute: number): Date[] {
  const first = new Date(referenceWeekStart(calendar).getTime() + startMinute * minuteMs);
  const wall = zonedParts(first, calendar.timeZone);
  const firstDay = zonedTimeToUtc({ ...startDateParts(calendar), hour: 0, minute: 0 }, calendar.timeZone);
  const shift = first < firstDay ? 1 : 0;
  const instants: Date[] = [];
  for (let k = 0; k < calendar.weeks; k++) {
    const date = addDays(wall, 7 * (k + shift));
    instants.push(zonedTimeToUtc({ ...date, hour: wall.hour, minute: wall.minute }, calendar.timeZone));
  }
  return instants;
}

/** The cell of the local week holding `instant` in `timeZone`. */
export function localCellAt(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return (p.weekday - 1) * CELLS_PER_DAY + p.hour * 2 + Math.floor(p.minute / CELL_MINUTES);
}

/** Local cells [instant, instant + 30 min) touches (two in zones with a :45 offset). */
function cellsCovering(instant: Date, timeZone: string): number[] {
  const a = localCellAt(instant, timeZone);
  const b = localCellAt(new Date(instant.getTime() + (CELL_MINUTES - 1) * minuteMs), timeZone);
  return a === b ? [a] : [a, b];
}

/** Merges sorted reference cells into [start, end) minute intervals. */
export function cellsToIntervals(cells: Iterable<number>): Interval[] {
  const sorted = [...new Set(cells)].filter((c) => c >= 0 && c < CELLS_PER_WEEK).sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === c * CELL_MINUTES) last[1] += CELL_MINUTES;
    else out.push([c * CELL_MINUTES, (c + 1) * CELL_MINUTES]);
  }
  return out;
}

/**
 * A person's local grid as minutes of the cohort's reference week: a
 * reference cell counts as regular when it falls in their regular cells in
 * every meeting week, and as "if needed" when it falls in regular or
 * if-needed cells every week but not always in regular ones.
 */
export function referenceAvailability(calendar: CohortCalendar, grid: LocalGrid): ReferenceAvailability {
  const regular = new Set(grid.regularCells);
  const available = new Set([...grid.regularCells, ...grid.ifNeededCells]);
  const regularRef: number[] = [];
  const ifNeededRef: number[] = [];
  // What the first week offers against what every week offers: the difference is lost to a clock change.
  let firstWeekCells = 0;
  let firstDifferentWeek = -1;
  for (let cell = 0; cell < CELLS_PER_WEEK; cell++) {
    const instants = meetingInstants(calendar, cell * CELL_MINUTES);
    let allRegular = true;
    let allAvailable = true;
    instants.forEach((instant, k) => {
      const local = cellsCovering(instant, grid.timeZone);
      const isAvailable = local.every((c) => available.has(c));
      if (!local.every((c) => regular.has(c))) allRegular = false;
      if (k === 0 && isAvailable) firstWeekCells++;
      if (!isAvailable && allAvailable) {
        allAvailable = false;
        if (k > 0 && (firstDifferentWeek < 0 || k < firstDifferentWeek)) firstDifferentWeek = k;
      }
    });
    if (allRegular) regularRef.push(cell);
    else if (allAvailable) ifNeededRef.push(cell);
  }
  const everyWeekCells = regularRef.length + ifNeededRef.length;
  const lostCells = firstWeekCells - everyWeekCells;
  const warnings: DaylightSavingWarning[] = [];
  if (lostCells > 0) {
    const monday = referenceWeekStart(calendar);
    const fromDate = formatLocalDate(addDays({ year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() }, 7 * Math.max(firstDifferentWeek, 0)));
    const hours = lostCells / 2;
    warnings.push({
      fromDate,
      lostCells,
      message:
        `Clocks change during the cohort, so ${hours === 1 ? "1 hour" : `${hours} hours`} of your week ` +
        `(${grid.timeZone}) no longer line up with the meetings from the week of ${fromDate}. ` +
        `Groups are only planned at times that work for you in every week.`,
    });
  }
  return { intervals: cellsToIntervals(regularRef), ifNeededIntervals: cellsToIntervals(ifNeededRef), warnings };
}

/** Where a reference-week start falls on someone's clock in the first meeting week. */
export function localSlot(calendar: CohortCalendar, startMinute: number, timeZone: string): { weekday: number; minuteOfDay: number; offsetMinutes: number } {
  const first = meetingInstants({ ...calendar, weeks: 1 }, startMinute)[0] ?? referenceWeekStart(calendar);
  const p = zonedParts(first, timeZone);
  return { weekday: p.weekday, minuteOfDay: p.hour * 60 + p.minute, offsetMinutes: utcOffsetMinutes(first, timeZone) };
}

export { WEEK_MINUTES };
