"use client";

import { TimerIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils";
import { formatRemaining } from "../format";

/**
 * Time left until an attempt's deadline, corrected for this browser's clock
 * (from the server's time when the page was made). Announces 5 minutes and
 * 1 minute left, and calls onExpire once when time is up.
 */
export function Countdown({ deadlineAt, serverNow, onExpire }: { deadlineAt: Date; serverNow: Date; onExpire: () => void }) {
  const [skew] = useState(() => serverNow.getTime() - Date.now());
  const [now, setNow] = useState(() => Date.now() + skew);
  const expired = useRef(false);
  const remaining = deadlineAt.getTime() - now;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + skew), 1000);
    return () => clearInterval(timer);
  }, [skew]);

  useEffect(() => {
    if (remaining <= 0 && !expired.current) {
      expired.current = true;
      onExpire();
    }
  }, [remaining, onExpire]);

  const minutesLeft = Math.ceil(remaining / 60_000);
  const announcement = remaining <= 0 ? "Time is up." : minutesLeft === 5 || minutesLeft === 1 ? `${minutesLeft} ${minutesLeft === 1 ? "minute" : "minutes"} left.` : "";
  const urgent = remaining < 60_000;
  return (
    <div
      className={cn(
        "inline-flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm font-medium tabular-nums",
        urgent ? "border-destructive/60 bg-destructive/10 text-destructive" : remaining < 5 * 60_000 ? "border-orange-500/50 bg-orange-500/10" : "bg-card",
      )}
      data-testid="countdown"
    >
      <TimerIcon aria-hidden="true" className="size-4" />
      <span>
        <span className="sr-only">Time left: </span>
        {formatRemaining(remaining)}
      </span>
      <span className="sr-only" aria-live="assertive">
        {announcement}
      </span>
    </div>
  );
}
