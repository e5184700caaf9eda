import { dateTimeFormat } from "@/lib/intl";
import { localSlot, meetingInstants, type CohortCalendar } from "@/lib/scheduling/cohort-calendar";
import type { ScheduleProgressData } from "@/lib/schemas/scheduling";

/**
 * Words and numbers for the scheduling page: meeting times on the reader's
 * clock (via the cohort calendar, never by hand), run phases, people counts.
 * A plain module so the server page and the client components share it.
 */

export const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const weekdayShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export function clock(minuteOfDay: number): string {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export interface LocalMeeting {
  /** 1 = Monday ... 7 = Sunday, on the reader's clock in the first meeting week. */
  weekday: number;
  minuteOfDay: number;
  /** "Tue 18:00–19:00". */
  label: string;
  /** "Tuesday 18:00". */
  long: string;
}

export function localMeeting(calendar: CohortCalendar, start: number, meetingMinutes: number, timeZone: string): LocalMeeting {
  const slot = localSlot(calendar, start, timeZone);
  const end = slot.minuteOfDay + meetingMinutes;
  return {
    weekday: slot.weekday,
    minuteOfDay: slot.minuteOfDay,
    label: `${weekdayShort[slot.weekday - 1]} ${clock(slot.minuteOfDay)}–${clock(end)}${end >= 1440 ? " (next day)" : ""}`,
    long: `${weekdayNames[slot.weekday - 1]} ${clock(slot.minuteOfDay)}`,
  };
}

/** The first meeting of a series, as a date on the reader's clock ("Tue 13 Oct 2026"). */
export function firstMeetingDate(calendar: CohortCalendar, start: number, timeZone: string): string {
  const first = meetingInstants({ ...calendar, weeks: 1 }, start)[0];
  return first ? formatDate(first, timeZone) : "";
}

export function formatDate(date: Date, timeZone: string): string {
  return dateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone }).format(date);
}

/** "YYYY-MM-DD" (a calendar date, no zone) as "Mon 5 Oct 2026". */
export function formatCalendarDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return formatDate(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)), "UTC");
}

export function people(n: number): string {
  return n === 1 ? "1 person" : `${n} people`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function zoneLabel(timeZone: string): string {
  return timeZone.replaceAll("_", " ");
}

const phaseLabels: Record<ScheduleProgressData["phase"], string> = {
  prepare: "Reading everyone's availability",
  construct: "Forming first groups",
  search: "Looking for a better arrangement",
  polish: "Balancing group sizes and times",
  done: "Finishing",
};

export function phaseLabel(phase: ScheduleProgressData["phase"]): string {
  return phaseLabels[phase];
}

/** 0..100 across the whole run: the phases take roughly these shares of it. */
export function progressPercent(progress: ScheduleProgressData | null): number {
  if (!progress) return 0;
  const spans: Record<ScheduleProgressData["phase"], [number, number]> = {
    prepare: [0, 5],
    construct: [5, 20],
    search: [20, 90],
    polish: [90, 98],
    done: [100, 100],
  };
  const [from, to] = spans[progress.phase];
  return Math.round(from + (to - from) * Math.min(1, Math.max(0, progress.fraction)));
}
