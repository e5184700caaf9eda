"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime, formatRelative, formatUtc } from "./time";

/*
 * "Now" as an external store: null while rendering on the server and during
 * hydration (so both render the same UTC text), then the browser's clock,
 * ticking every 30 seconds so "5 minutes ago" stays true.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Client-side navigation can mount this long after the last tick.
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
}

/** A date in the browser's time zone, relative ("5 minutes ago") or absolute. */
export function LocalTime({ date, relative = false }: { date: Date; relative?: boolean }) {
  const current = useNow();
  const absolute = current === null ? formatUtc(date) : formatDateTime(date);
  // A timestamp slightly ahead of this browser's clock still reads "just now", not "in 1 minute".
  const text =
    current === null || !relative ? absolute : formatRelative(new Date(Math.min(date.getTime(), current)), current);
  return (
    <time dateTime={date.toISOString()} title={relative ? absolute : undefined}>
      {text}
    </time>
  );
}
