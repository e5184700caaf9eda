import { dateTimeFormat } from "@/lib/intl";
/** Dates and numbers on the learner pages, formatted in an explicit zone so server and browser render the same text. */

/** "Mon 19 Jan, 00:00" (with the year when it is not this year's). */
export function formatUnlock(at: Date, timeZone: string, now: Date = new Date()): string {
  const sameYear = dateTimeFormat("en-GB", { year: "numeric", timeZone }).format(at) === dateTimeFormat("en-GB", { year: "numeric", timeZone }).format(now);
  return dateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  })
    .format(at)
    .replace(/^(\w+),/, "$1");
}

/** "19 Jan 2026, 14:05". */
export function formatWhen(at: Date, timeZone: string): string {
  return dateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(at);
}

/** "America/New_York" -> "America/New York". */
export function zoneLabel(timeZone: string): string {
  return timeZone.replaceAll("_", " ");
}

/** 7.5 -> "7.5", 7 -> "7". */
export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "1 h 05 min", "12 min", "45 s" for a countdown. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
