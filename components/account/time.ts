import { dateTimeFormat, relativeTimeFormat } from "@/lib/intl";
/** Date display shared by server and client components. */

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 60 * 60 * 1000],
  ["month", 30 * 24 * 60 * 60 * 1000],
  ["week", 7 * 24 * 60 * 60 * 1000],
  ["day", 24 * 60 * 60 * 1000],
  ["hour", 60 * 60 * 1000],
  ["minute", 60 * 1000],
];

/** "just now", "5 minutes ago", "in 6 days". */
export function formatRelative(date: Date, now: number): string {
  const diff = date.getTime() - now;
  if (Math.abs(diff) < 60 * 1000) return "just now";
  const format = relativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return format.format(Math.trunc(diff / ms), unit);
  }
  return format.format(Math.trunc(diff / 60_000), "minute");
}

/** "2026-11-22 05:00 UTC": the same on server and browser, so hydration never disagrees. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "22 Nov 2026, 14:05" in `timeZone` (the browser's when omitted). */
export function formatDateTime(date: Date, timeZone?: string): string {
  return dateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}
