import { FlameIcon } from "lucide-react";
import type { Streak } from "@/lib/courses";
import { cn } from "@/lib/utils";

/** The learning streak: a lit flame once the learner studied today, a grey one while today is still open. */
export function StreakBadge({ streak }: { streak: Streak }) {
  const lit = streak.activeToday;
  const days = `${streak.current} ${streak.current === 1 ? "day" : "days"}`;
  const caption =
    streak.current === 0 ? "Study today to start a streak" : lit ? "Studied today" : "Study today to keep it going";
  return (
    <div className="flex items-center gap-3 rounded-xl border bg-card px-4 py-3" data-testid="streak">
      <span
        aria-hidden="true"
        className={cn("flex size-10 items-center justify-center rounded-full", lit ? "bg-orange-500/15 text-orange-500" : "bg-muted text-muted-foreground")}
      >
        <FlameIcon className={cn("size-6", lit && "fill-orange-500/30")} />
      </span>
      <div className="min-w-0">
        <p className="text-lg leading-tight font-semibold tabular-nums">
          {days}
          <span className="sr-only"> learning streak</span>
        </p>
        <p className="text-xs text-muted-foreground">
          {caption}
          {streak.longest > streak.current ? ` · best ${streak.longest}` : ""}
        </p>
      </div>
    </div>
  );
}
