import { WEEK_MINUTES, type Interval } from "./availability";
import type { Rng } from "./prng";
import type { ScheduleInput } from "./schema";

/** Random test inputs. Kept in lib so any scheduling test can share them. */

/** An interval of the circular week, split at the boundary when it crosses it. */
export function wrapInterval(start: number, length: number): Interval[] {
  const a = ((start % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  const b = a + length;
  return b <= WEEK_MINUTES
    ? [[a, b]]
    : [
        [a, WEEK_MINUTES],
        [0, b - WEEK_MINUTES],
      ];
}

export interface RandomInputOptions {
  people: number;
  /** Availability is drawn inside [regionStart, regionStart + regionLength) on the circular week. */
  regionStart?: number;
  regionLength?: number;
  facilitatorShare?: number;
  params?: Partial<ScheduleInput["params"]>;
}

export function randomInput(rng: Rng, opts: RandomInputOptions): ScheduleInput {
  const regionStart = opts.regionStart ?? 0;
  const regionLength = opts.regionLength ?? WEEK_MINUTES;
  const step = 30;
  const block = (): Interval[] => {
    const length = step * (1 + rng.int(8));
    const offset = step * rng.int(Math.max(1, Math.floor((regionLength - length) / step) + 1));
    return wrapInterval(regionStart + offset, Math.min(length, regionLength));
  };
  const people = Array.from({ length: opts.people }, (_, i) => {
    const isFac = rng.next() < (opts.facilitatorShare ?? 0);
    const blocks = rng.int(4);
    const intervals: Interval[] = [];
    for (let b = 0; b < blocks; b++) intervals.push(...block());
    const ifNeeded = rng.next() < 0.5 ? block() : [];
    const r = rng.next();
    return {
      id: rng.next() < 0.5 ? `p${i}` : i,
      intervals,
      if_needed_intervals: ifNeeded,
      is_facilitator: isFac,
      max_groups: r < 0.25 ? null : 1 + rng.int(3),
    };
  });
  const minPeople = 2 + rng.int(3);
  return {
    params: {
      meeting_length: [30, 60, 90][rng.int(3)]!,
      min_people: minPeople,
      max_people: minPeople + rng.int(4),
      time_increment: [30, 60, 45][rng.int(3)]!,
      use_if_needed: rng.next() < 0.7,
      seed: rng.int(1000),
      ...opts.params,
    },
    people,
  };
}
