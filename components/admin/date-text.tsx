"use client";

import { dateTimeFormat, relativeTimeFormat } from "@/lib/intl";
import { useSyncExternalStore } from "react";

const noop = () => () => undefined;

/** True after hydration: the server and the first client render agree on UTC, then the viewer's zone takes over. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

function format(value: Date, withTime: boolean, timeZone: string | undefined): string {
  return dateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
    ...(timeZone ? { timeZone } : {}),
  }).format(value);
}

/** A date in the viewer's time zone, e.g. "3 Mar 2026" or "3 Mar 2026, 14:05". */
export function DateText({ value, withTime = false, className }: { value: Date; withTime?: boolean; className?: string }) {
  const hydrated = useHydrated();
  const text = hydrated ? format(value, withTime, undefined) : `${format(value, withTime, "UTC")}${withTime ? " UTC" : ""}`;
  return (
    <time dateTime={value.toISOString()} className={className} title={value.toISOString()}>
      {text}
    </time>
  );
}

function relative(value: Date, now: Date): string {
  const rtf = relativeTimeFormat("en", { numeric: "auto" });
  const ms = value.getTime() - now.getTime();
  const days = Math.round(ms / 86_400_000);
  if (Math.abs(days) >= 1) return rtf.format(days, "day");
  const hours = Math.round(ms / 3_600_000);
  if (Math.abs(hours) >= 1) return rtf.format(hours, "hour");
  return rtf.format(Math.round(ms / 60_000), "minute");
}

/** "in 6 days" / "2 hours ago" once hydrated (the clock differs between server and browser), the date before. */
export function RelativeDateText({ value, className }: { value: Date; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={value.toISOString()} className={className} title={hydrated ? format(value, true, undefined) : undefined}>
      {hydrated ? relative(value, new Date()) : format(value, false, "UTC")}
    </time>
  );
}
