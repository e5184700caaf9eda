/**
 * Meeting times on the meetings pages: always in an explicit zone (the
 * viewer's profile zone), so the server and the browser render the same text,
 * and always with that zone named.
 */

import { zonedParts } from "@/lib/time-zone";

const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Built from numeric parts and our own names rather than a locale's month
 * and weekday names, which differ between ICU versions ("Sep" / "Sept") and
 * would make the server's HTML and the browser's render disagree.
 */
export function formatMeetingDay(at: Date, timeZone: string, now: Date = new Date()): string {
  return `${weekdays[zonedParts(at, timeZone).weekday - 1]} ${formatMeetingDate(at, timeZone, now)}`;
}

/** "15 Sep" (with the year when it is not this year's): formatMeetingDay without the weekday. */
export function formatMeetingDate(at: Date, timeZone: string, now: Date = new Date()): string {
  const p = zonedParts(at, timeZone);
  const sameYear = p.year === zonedParts(now, timeZone).year;
  return `${p.day} ${months[p.month - 1]}${sameYear ? "" : ` ${p.year}`}`;
}

/** "18:00". */
export function formatClock(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "Tue 15 Sep, 18:00–19:00" (the end's day too when it ends on another day). */
export function formatMeetingRange(start: Date, end: Date, timeZone: string, now: Date = new Date()): string {
  const startDay = formatMeetingDay(start, timeZone, now);
  const endDay = formatMeetingDay(end, timeZone, now);
  const endText = endDay === startDay ? formatClock(end, timeZone) : `${endDay}, ${formatClock(end, timeZone)}`;
  return `${startDay}, ${formatClock(start, timeZone)}–${endText}`;
}

/** "Tue 15 Sep, 18:00". */
export function formatMeetingStart(at: Date, timeZone: string, now: Date = new Date()): string {
  return `${formatMeetingDay(at, timeZone, now)}, ${formatClock(at, timeZone)}`;
}

/** "America/New_York" -> "America/New York". */
export function zoneName(timeZone: string): string {
  return timeZone.replaceAll("_", " ");
}

/** "in 3 days", "in 2 hours", "in 5 minutes", "now" (our own words: RelativeTimeFormat differs between ICU versions). */
export function formatUntil(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  if (ms <= 0) return "now";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `in ${plural(Math.max(1, minutes), "minute")}`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `in ${plural(hours, "hour")}`;
  return `in ${plural(Math.round(hours / 24), "day")}`;
}

/** The wall-clock day and time of an instant in a zone, for the move form's inputs. */
export function wallClockOf(at: Date, timeZone: string): { date: string; time: string } {
  const p = zonedParts(at, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
