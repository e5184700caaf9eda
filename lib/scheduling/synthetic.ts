import { WEEK_MINUTES, type Interval } from "./availability";
import { createRng } from "./prng";
import type { ScheduleInput } from "./schema";

/**
 * Seeded synthetic cohorts for tests and the benchmark: people in fixed-offset
 * time zones (Americas UTC-5, Europe UTC+1, Asia-Pacific UTC+9) with 2-4 weekly
 * blocks of 1-3 hours between 08:00 and 22:00 local, half of them with one
 * extra "if needed" block.
 */
export interface CohortOptions {
  people: number;
  seed: number;
  /** Share of facilitators (0 = none). Facilitators lead 1-3 groups. */
  facilitatorShare?: number;
  meetingLength?: number;
  minPeople?: number;
  maxPeople?: number;
  zones?: readonly number[];
  blocks?: readonly [min: number, max: number];
  /** Local weekdays blocks fall on (0 = Monday); all seven by default. */
  days?: readonly number[];
}

export const DEFAULT_ZONES = [-5, 1, 9] as const;

/** A local weekly block converted to UTC, split at the week boundary if needed. */
export function localBlockToUtc(day: number, startMinute: number, duration: number, utcOffsetHours: number): Interval[] {
  const start = (((day * 1440 + startMinute - utcOffsetHours * 60) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  const end = start + duration;
  if (end <= WEEK_MINUTES) return [[start, end]];
  return [
    [start, WEEK_MINUTES],
    [0, end - WEEK_MINUTES],
  ];
}

export function syntheticCohort(opts: CohortOptions): ScheduleInput {
  const rng = createRng(opts.seed);
  const zones = opts.zones ?? DEFAULT_ZONES;
  const [minBlocks, maxBlocks] = opts.blocks ?? [2, 4];
  const days = opts.days ?? [0, 1, 2, 3, 4, 5, 6];
  const block = (zone: number): Interval[] => {
    const duration = 60 * (1 + rng.int(3));
    const latestStart = 22 * 60 - duration;
    const startMinute = 8 * 60 + 30 * rng.int((latestStart - 8 * 60) / 30 + 1);
    return localBlockToUtc(days[rng.int(days.length)]!, startMinute, duration, zone);
  };
  const people = Array.from({ length: opts.people }, (_, i) => {
    const zone = zones[rng.int(zones.length)]!;
    const count = minBlocks + rng.int(maxBlocks - minBlocks + 1);
    const intervals: Interval[] = [];
    for (let b = 0; b < count; b++) intervals.push(...block(zone));
    const ifNeeded = rng.next() < 0.5 ? block(zone) : [];
    const isFac = (opts.facilitatorShare ?? 0) > 0 && rng.next() < (opts.facilitatorShare ?? 0);
    return {
      id: `p${i}`,
      intervals,
      if_needed_intervals: ifNeeded,
      is_facilitator: isFac,
      max_groups: isFac ? 1 + rng.int(3) : null,
    };
  });
  return {
    params: {
      meeting_length: opts.meetingLength ?? 60,
      min_people: opts.minPeople ?? 4,
      max_people: opts.maxPeople ?? 8,
      time_increment: 30,
      use_if_needed: true,
      seed: opts.seed,
    },
    people,
  };
}
