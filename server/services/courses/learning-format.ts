import { dateTimeFormat } from "@/lib/intl";
/** Dates in learner-facing messages, on the reader's own wall clock. */

/** "Mon 19 Jan 2026, 00:00 (Europe/Brussels)". */
export function describeInstant(at: Date, timeZone: string): string {
  const text = dateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(at);
  return `${text.replace(/^(\w+),/, "$1")} (${timeZone.replaceAll("_", " ")})`;
}
