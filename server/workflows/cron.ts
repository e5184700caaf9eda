import { zonedParts } from "@/lib/time-zone";
/**
 * Cron schedules as Inngest accepts them: five fields (minute hour
 * day-of-month month day-of-week) with `*`, lists, ranges, steps and names,
 * the @hourly/@daily/@weekly/@monthly/@yearly macros, and an optional
 * `TZ=Area/City ` prefix (UTC otherwise). When both day fields are restricted
 * a day matching either one fires, as in Vixie cron. A wall time that does not
 * exist (skipped by a daylight-saving change) does not fire; a repeated one
 * fires once.
 */
export interface CronSchedule {
  source: string;
  timeZone: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const macros: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function parseField(source: string, field: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
  const values = new Set<number>();
  const value = (text: string) => {
    const named = names.indexOf(text.toUpperCase());
    const n = named >= 0 ? named + nameBase : Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`Invalid cron "${source}": "${text}" is outside ${min}-${max}.`);
    return n;
  };
  for (const part of field.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`Invalid cron "${source}": bad step in "${part}".`);
    let from: number;
    let to: number;
    if (range === "*") [from, to] = [min, max];
    else if (range!.includes("-")) {
      const [a, b] = range!.split("-");
      [from, to] = [value(a!), value(b!)];
    } else {
      from = value(range!);
      to = stepText === undefined ? from : max;
    }
    if (from > to) throw new Error(`Invalid cron "${source}": range "${part}" runs backwards.`);
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return values;
}

export function parseCron(source: string): CronSchedule {
  let text = source.trim();
  let timeZone = "UTC";
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(text);
  if (tz) {
    timeZone = tz[1]!;
    text = text.slice(tz[0].length);
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
    } catch {
      throw new Error(`Invalid cron "${source}": unknown time zone "${timeZone}".`);
    }
  }
  text = macros[text.toLowerCase()] ?? text;
  const fields = text.split(/\s+/);
  if (fields.length !== 5) throw new Error(`Invalid cron "${source}": expected 5 fields (minute hour day month weekday).`);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const daysOfWeek = parseField(source, dow, 0, 7, dayNames);
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  return {
    source,
    timeZone,
    minutes: parseField(source, minute, 0, 59),
    hours: parseField(source, hour, 0, 23),
    daysOfMonth: parseField(source, dom, 1, 31),
    months: parseField(source, month, 1, 12, monthNames, 1),
    daysOfWeek,
    dayOfMonthRestricted: dom !== "*" && !dom.startsWith("*/"),
    dayOfWeekRestricted: dow !== "*" && !dow.startsWith("*/"),
  };
}

/** The wall-clock time in `timeZone` at `instant`, as a Date whose UTC fields hold it. */
function wallClock(instant: number, timeZone: string): number {
  if (timeZone === "UTC") return instant;
  const p = zonedParts(new Date(instant), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The earliest instant showing wall time `wall` in `timeZone`, or undefined inside a daylight-saving gap. */
function instantOf(wall: number, timeZone: string): number | undefined {
  if (timeZone === "UTC") return wall;
  const offsets = new Set([wallClock(wall - 43_200_000, timeZone) - (wall - 43_200_000), wallClock(wall + 43_200_000, timeZone) - (wall + 43_200_000)]);
  const candidates = [...offsets].map((offset) => wall - offset).filter((c) => wallClock(c, timeZone) === wall);
  return candidates.length ? Math.min(...candidates) : undefined;
}

function dayMatches(schedule: CronSchedule, wall: Date): boolean {
  const dom = schedule.daysOfMonth.has(wall.getUTCDate());
  const dow = schedule.daysOfWeek.has(wall.getUTCDay());
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return dom || dow;
  return dom && dow;
}

/** The first time strictly after `after` that the schedule fires. */
export function nextCronTime(schedule: CronSchedule | string, after: Date): Date {
  const cron = typeof schedule === "string" ? parseCron(schedule) : schedule;
  const start = wallClock(after.getTime(), cron.timeZone);
  const t = new Date(Math.floor(start / 60_000) * 60_000 + 60_000);
  const limit = start + 5 * 366 * 86_400_000;
  while (t.getTime() < limit) {
    if (!cron.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(cron, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!cron.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!cron.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      const instant = instantOf(t.getTime(), cron.timeZone);
      if (instant !== undefined && instant > after.getTime()) return new Date(instant);
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    }
  }
  throw new Error(`The cron "${cron.source}" never fires (checked five years ahead).`);
}
