import { dateTimeFormat } from "../intl";
import type { ReminderSchedule } from "./schedule";
import { parseLocalDate, zonedParts } from "../time-zone";

/** What people read about a reminder: its offsets, its schedule, when it sends next. */

/** The offsets the form offers, in minutes before the time. */
export const offsetPresets = [
  { minutes: 0, label: "At the time" },
  { minutes: 10, label: "10 min before" },
  { minutes: 30, label: "30 min before" },
  { minutes: 60, label: "1 hour before" },
  { minutes: 1440, label: "1 day before" },
] as const;

export const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const weekdayShortNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** 0 -> "at the time", 60 -> "1 hour before", 90 -> "1 hour 30 minutes before", 2880 -> "2 days before". */
export function offsetLabel(minutes: number): string {
  if (minutes === 0) return "at the time";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days && plural(days, "day"), hours && plural(hours, "hour"), mins && plural(mins, "minute")].filter(Boolean);
  return `${parts.join(" ")} before`;
}

function sendFormat(timeZone: string, withYear: boolean): Intl.DateTimeFormat {
  return dateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
}

/** "Tue 8 Dec, 08:00" in `timeZone`; the year is added when it is not the year of `now` there. */
export function formatWhen(instant: Date, timeZone: string, now: Date = instant): string {
  const withYear = zonedParts(instant, timeZone).year !== zonedParts(now, timeZone).year;
  const parts = sendFormat(timeZone, withYear).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const date = [get("weekday"), get("day"), get("month"), withYear ? get("year") : ""].filter(Boolean).join(" ");
  return `${date}, ${get("hour")}:${get("minute")}`;
}

/** "Next: Tue 8 Dec, 08:00 (1 hour before)". */
export function describeNextSend(
  next: { sendAt: Date; offsetMinutes: number } | null,
  timeZone: string,
  now: Date,
): string {
  if (!next) return "No more sends";
  return `Next: ${formatWhen(next.sendAt, timeZone, now)} (${offsetLabel(next.offsetMinutes)})`;
}

function weekdaysText(weekdays: readonly number[]): string {
  const days = [...new Set(weekdays)].sort((a, b) => a - b);
  const key = days.join(",");
  if (key === "1,2,3,4,5,6,7") return "Every day";
  if (key === "1,2,3,4,5") return "Weekdays";
  if (key === "6,7") return "Weekends";
  if (days.length === 1) return `Every ${weekdayNames[(days[0] ?? 1) - 1]}`;
  return `Every ${days.map((d) => weekdayShortNames[d - 1]).join(", ")}`;
}

const onceFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" });

/** "Weekdays at 09:00", "Every Mon, Thu at 18:30", "Once, Tue 8 Dec 2026 at 09:00". */
export function describeSchedule(schedule: ReminderSchedule): string {
  if (schedule.kind === "recurring") return `${weekdaysText(schedule.weekdays)} at ${schedule.time}`;
  const date = parseLocalDate(schedule.date);
  // The date is a calendar date: format it in UTC so no zone shifts it.
  const text = date ? onceFormat.format(new Date(Date.UTC(date.year, date.month - 1, date.day))).replace(/,/g, "") : schedule.date;
  return `Once, ${text} at ${schedule.time}`;
}

/** "Europe/Brussels" -> "Europe/Brussels", "America/New_York" -> "America/New York". */
export function timeZoneLabel(timeZone: string): string {
  return timeZone.replaceAll("_", " ");
}
