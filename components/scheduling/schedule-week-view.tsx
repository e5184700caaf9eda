"use client";

import type { CohortCalendar } from "@/lib/scheduling/cohort-calendar";
import type { GroupReport } from "@/lib/scheduling/draft";
import { cn } from "@/lib/utils";
import { clock, localMeeting, people, weekdayNames, weekdayShort, zoneLabel } from "./schedule-format";

interface Block {
  key: string;
  name: string;
  size: number;
  weekday: number;
  minuteOfDay: number;
  label: string;
  problems: number;
  lane: number;
  lanes: number;
}

/** Groups placed on the reader's week; groups that overlap share their time side by side. */
function layout(groups: readonly GroupReport[], calendar: CohortCalendar, meetingMinutes: number, timeZone: string): Block[] {
  const blocks = groups.map((g) => {
    const local = localMeeting(calendar, g.start, meetingMinutes, timeZone);
    return { key: g.key, name: g.name, size: g.size, weekday: local.weekday, minuteOfDay: local.minuteOfDay, label: local.label, problems: g.problems.length, lane: 0, lanes: 1 };
  });
  for (let day = 1; day <= 7; day++) {
    const today = blocks.filter((b) => b.weekday === day).sort((a, b) => a.minuteOfDay - b.minuteOfDay || a.name.localeCompare(b.name));
    // Greedy lanes within each cluster of overlapping meetings.
    let cluster: typeof today = [];
    let clusterEnd = -1;
    const close = () => {
      const lanes = Math.max(1, ...cluster.map((b) => b.lane + 1));
      for (const b of cluster) b.lanes = lanes;
      cluster = [];
    };
    for (const block of today) {
      if (block.minuteOfDay >= clusterEnd) close();
      const laneEnds: number[] = [];
      for (const other of cluster) laneEnds[other.lane] = Math.max(laneEnds[other.lane] ?? -1, other.minuteOfDay + meetingMinutes);
      let lane = 0;
      while (laneEnds[lane] !== undefined && laneEnds[lane]! > block.minuteOfDay) lane++;
      block.lane = lane;
      cluster.push(block);
      clusterEnd = Math.max(clusterEnd, block.minuteOfDay + meetingMinutes);
    }
    close();
  }
  return blocks;
}

/**
 * The draft's groups on a week in the reader's zone: seven day columns, each
 * group a block at its local time (lib/scheduling/cohort-calendar localSlot).
 * Only the hours that hold meetings are drawn. On narrow screens the same
 * groups come as a list by day instead.
 */
export function ScheduleWeekView({
  groups,
  calendar,
  meetingMinutes,
  timeZone,
}: {
  groups: readonly GroupReport[];
  calendar: CohortCalendar;
  meetingMinutes: number;
  timeZone: string;
}) {
  const blocks = layout(groups, calendar, meetingMinutes, timeZone);
  if (blocks.length === 0) return null;
  const first = Math.max(0, Math.floor(Math.min(...blocks.map((b) => b.minuteOfDay)) / 60) - 1) * 60;
  const last = Math.min(24 * 60, Math.ceil(Math.max(...blocks.map((b) => b.minuteOfDay + meetingMinutes)) / 60 + 1) * 60);
  const hours = Array.from({ length: (last - first) / 60 }, (_, i) => first + i * 60);
  // A long day of meetings is drawn tighter, so the week stays on a screen or two.
  const hourHeight = hours.length > 12 ? 30 : 48;
  const top = (minute: number) => ((minute - first) / 60) * hourHeight;

  return (
    <section aria-labelledby="week-heading" className="space-y-3">
      <h3 id="week-heading" className="text-base font-semibold">
        Week view <span className="text-sm font-normal text-muted-foreground">· times in {zoneLabel(timeZone)} (your time zone)</span>
      </h3>
      {/* Phones: a list by day. */}
      <ol className="space-y-3 md:hidden" aria-label="Groups by day">
        {[1, 2, 3, 4, 5, 6, 7].map((day) => {
          const today = blocks.filter((b) => b.weekday === day).sort((a, b) => a.minuteOfDay - b.minuteOfDay);
          if (today.length === 0) return null;
          return (
            <li key={day}>
              <p className="text-sm font-medium">{weekdayNames[day - 1]}</p>
              <ul className="mt-1 space-y-1">
                {today.map((b) => (
                  <li key={b.key}>
                    <a
                      href={`#group-${b.key}`}
                      className={cn(
                        "flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm hover:bg-accent",
                        b.problems > 0 && "border-destructive/60 bg-destructive/5",
                      )}
                    >
                      <span className="font-medium">{b.name}</span>
                      <span className="text-muted-foreground">
                        {b.label.slice(4)} · {people(b.size)}
                        {b.problems > 0 ? " · needs attention" : ""}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      {/* Wider screens: the week grid. */}
      <div className="hidden overflow-x-auto rounded-lg border md:block" data-testid="week-view">
        <div className="grid min-w-[44rem] grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]">
          <div className="border-b bg-muted/40" />
          {weekdayShort.map((d, i) => (
            <div key={d} className="border-b border-l bg-muted/40 px-2 py-1.5 text-center text-xs font-medium" aria-hidden="true">
              {d}
              <span className="sr-only">{weekdayNames[i]}</span>
            </div>
          ))}
          <div className="relative" style={{ height: hours.length * hourHeight }} aria-hidden="true">
            {hours.map((h) => (
              <span key={h} className="absolute right-2 -translate-y-1/2 text-[11px] text-muted-foreground tabular-nums" style={{ top: top(h) }}>
                {h === first ? "" : clock(h)}
              </span>
            ))}
          </div>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <ul key={day} className="relative border-l" style={{ height: hours.length * hourHeight }} aria-label={weekdayNames[day - 1]}>
              {hours.slice(1).map((h) => (
                <li key={h} aria-hidden="true" className="pointer-events-none absolute inset-x-0 border-t border-dashed border-border/70" style={{ top: top(h) }} />
              ))}
              {blocks
                .filter((b) => b.weekday === day)
                .map((b) => (
                  <li
                    key={b.key}
                    className="absolute px-0.5"
                    style={{
                      top: top(b.minuteOfDay),
                      height: Math.max(20, (Math.min(meetingMinutes, 24 * 60 - b.minuteOfDay) / 60) * hourHeight),
                      left: `${(b.lane / b.lanes) * 100}%`,
                      width: `${100 / b.lanes}%`,
                    }}
                  >
                    <a
                      href={`#group-${b.key}`}
                      data-testid="week-block"
                      className={cn(
                        "flex h-full flex-col overflow-hidden rounded-md border px-1.5 py-1 text-[11px] leading-tight shadow-xs",
                        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
                        b.problems > 0 ? "border-destructive bg-destructive/10 text-destructive" : "border-primary/40 bg-primary/10 text-foreground hover:bg-primary/20",
                      )}
                    >
                      <span className="truncate font-semibold">{b.name}</span>
                      <span className="truncate">
                        {clock(b.minuteOfDay)} · {b.size}
                        <span className="sr-only"> people{b.problems > 0 ? ", needs attention" : ""}</span>
                      </span>
                    </a>
                  </li>
                ))}
            </ul>
          ))}
        </div>
      </div>
    </section>
  );
}
