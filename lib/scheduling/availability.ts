/**
 * Availability maths on the UTC week. Minutes run from Monday 00:00 UTC (0) to
 * the end of Sunday (10,080); intervals are half-open [start, end). A block
 * that crosses the week boundary arrives split in two ([x, 10080) and [0, y));
 * everything here treats the week as a circle so such a block is one block.
 */

export const WEEK_MINUTES = 10_080;

export type Interval = readonly [start: number, end: number];

/** Sorted, merged, non-empty intervals within [0, WEEK_MINUTES). */
export function normalizeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .map(([a, b]): Interval => [Math.max(0, a), Math.min(WEEK_MINUTES, b)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/**
 * Blocks on the circular week: a block that touches both ends of the week is
 * joined into one block whose end lies past WEEK_MINUTES.
 * Returns null when the whole week is covered.
 */
function circularBlocks(intervals: readonly Interval[]): Interval[] | null {
  const merged = normalizeIntervals(intervals);
  const first = merged[0];
  const last = merged[merged.length - 1];
  if (!first || !last) return [];
  if (merged.length === 1 && first[0] === 0 && first[1] === WEEK_MINUTES) return null;
  if (merged.length > 1 && first[0] === 0 && last[1] === WEEK_MINUTES) {
    return [...merged.slice(1, -1), [last[0], WEEK_MINUTES + first[1]]];
  }
  return merged;
}

/** The candidate meeting starts: every multiple of `increment` inside the week. */
export function candidateStarts(increment: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s < WEEK_MINUTES; s += increment) starts.push(s);
  return starts;
}

/** Whether [start, start + length) (taken round the week) lies inside the union of `intervals`. */
export function coversMeeting(intervals: readonly Interval[], start: number, length: number): boolean {
  return coverageMask(intervals, [start], length)[0] === 1;
}

/**
 * For each start, 1 when the whole meeting [start, start + length) mod week
 * lies inside the union of `intervals`, else 0.
 */
export function coverageMask(intervals: readonly Interval[], starts: readonly number[], length: number): Uint8Array {
  const mask = new Uint8Array(starts.length);
  if (length > WEEK_MINUTES) return mask;
  const blocks = circularBlocks(intervals);
  if (blocks === null) return mask.fill(1);
  for (const [a, b] of blocks) {
    for (let i = 0; i < starts.length; i++) {
      if (mask[i]) continue;
      const s = starts[i] ?? 0;
      if ((a <= s && s + length <= b) || (a <= s + WEEK_MINUTES && s + WEEK_MINUTES + length <= b)) mask[i] = 1;
    }
  }
  return mask;
}

/**
 * Minutes of slack around a meeting inside the block that holds it: the
 * smaller of the time before and after it, or -1 when no block holds it.
 */
export function meetingSlack(intervals: readonly Interval[], start: number, length: number): number {
  const blocks = circularBlocks(intervals);
  if (blocks === null) return WEEK_MINUTES;
  for (const [a, b] of blocks) {
    for (const s of [start, start + WEEK_MINUTES]) {
      if (a <= s && s + length <= b) return Math.min(s - a, b - s - length);
    }
  }
  return -1;
}

/** Whether two meetings of `length` minutes starting at s and t overlap on the circular week. */
export function meetingsOverlap(s: number, t: number, length: number): boolean {
  const d = (((t - s) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  return d < length || WEEK_MINUTES - d < length;
}
