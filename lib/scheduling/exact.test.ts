import { describe, expect, it } from "vitest";
import { candidateStarts, coversMeeting, meetingsOverlap, normalizeIntervals, WEEK_MINUTES } from "./availability";
import { findViolations } from "./check";
import { solveExact } from "./exact";
import { buildInstance } from "./instance";
import { createRng, type Rng } from "./prng";
import { schedule } from "./schedule";
import type { ScheduleInput } from "./schema";
import { randomInput } from "./test-helpers";

/**
 * Naive brute force straight from the rules: every participant picks a start
 * or nothing, every facilitator picks a set of non-overlapping starts within
 * their limit; a start is feasible when its people split into groups of legal
 * size, each with exactly one facilitator when there are facilitators.
 * Returns the best (placed, people on if-needed time).
 */
function bruteForce(input: ScheduleInput): { placed: number; ifNeeded: number } {
  const { params } = input;
  const starts = candidateStarts(params.time_increment);
  const facMode = input.people.some((p) => p.is_facilitator);
  type Option = { start: number; regular: boolean };
  const optionsOf = input.people.map((p) => {
    const reg = normalizeIntervals(p.intervals);
    const usable = params.use_if_needed ? normalizeIntervals([...p.intervals, ...p.if_needed_intervals]) : reg;
    return starts
      .filter((s) => coversMeeting(usable, s, params.meeting_length))
      .map((s): Option => ({ start: s, regular: coversMeeting(reg, s, params.meeting_length) }));
  });
  const participants = input.people.map((_, i) => i).filter((i) => !input.people[i]!.is_facilitator);
  const facilitators = input.people.map((_, i) => i).filter((i) => input.people[i]!.is_facilitator);
  const facChoices = facilitators.map((f) => {
    const opts = optionsOf[f]!;
    const limit = input.people[f]!.max_groups ?? Infinity;
    const out: Option[][] = [];
    const rec = (from: number, chosen: Option[]) => {
      out.push([...chosen]);
      if (chosen.length >= limit) return;
      for (let i = from; i < opts.length; i++) {
        if (chosen.some((c) => meetingsOverlap(c.start, opts[i]!.start, params.meeting_length))) continue;
        rec(i + 1, [...chosen, opts[i]!]);
      }
    };
    rec(0, []);
    return out;
  });
  const splittable = (n: number, k: number | null): boolean => {
    if (k === null) {
      if (n === 0) return true;
      for (let g = 1; g * params.min_people <= n; g++) if (n <= g * params.max_people) return true;
      return false;
    }
    if (k === 0) return n === 0;
    return k * (params.min_people - 1) <= n && n <= k * (params.max_people - 1);
  };
  let best = { placed: 0, ifNeeded: 0 };
  const count = new Map<number, number>();
  const leaders = new Map<number, number>();
  const evaluate = (placed: number, ifNeeded: number) => {
    for (const [s, n] of count) if (!splittable(n, facMode ? (leaders.get(s) ?? 0) : null)) return;
    for (const [s, k] of leaders) if (k > 0 && !count.has(s) && !splittable(0, k)) return;
    if (placed > best.placed || (placed === best.placed && ifNeeded < best.ifNeeded)) best = { placed, ifNeeded };
  };
  const participantsRec = (i: number, placed: number, ifNeeded: number) => {
    if (i === participants.length) return evaluate(placed, ifNeeded);
    participantsRec(i + 1, placed, ifNeeded);
    for (const o of optionsOf[participants[i]!]!) {
      count.set(o.start, (count.get(o.start) ?? 0) + 1);
      participantsRec(i + 1, placed + 1, ifNeeded + (o.regular ? 0 : 1));
      const left = count.get(o.start)! - 1;
      if (left) count.set(o.start, left);
      else count.delete(o.start);
    }
  };
  const facRec = (i: number, placed: number, ifNeeded: number) => {
    if (i === facilitators.length) return participantsRec(0, placed, ifNeeded);
    for (const choice of facChoices[i]!) {
      for (const o of choice) leaders.set(o.start, (leaders.get(o.start) ?? 0) + 1);
      const used = choice.length > 0 ? 1 : 0;
      const onIfNeeded = choice.some((o) => !o.regular) ? 1 : 0;
      facRec(i + 1, placed + used, ifNeeded + onIfNeeded);
      for (const o of choice) leaders.set(o.start, leaders.get(o.start)! - 1);
    }
  };
  facRec(0, 0, 0);
  return best;
}

/** Tiny inputs: a few hours around the week boundary, so brute force stays small. */
function tinyInput(rng: Rng, facilitatorShare: number, capOne: boolean): ScheduleInput {
  const input = randomInput(rng, {
    people: 3 + rng.int(4),
    regionStart: WEEK_MINUTES - 90,
    regionLength: 240,
    facilitatorShare,
    params: { time_increment: 60, meeting_length: rng.next() < 0.5 ? 60 : 90 },
  });
  for (const p of input.people) if (capOne && p.is_facilitator) p.max_groups = 1;
  return input;
}

describe("exact solver", () => {
  it("matches brute force on tiny inputs", () => {
    const rng = createRng(99);
    for (let trial = 0; trial < 150; trial++) {
      const input = tinyInput(rng, [0, 0.3][trial % 2]!, true);
      const expected = bruteForce(input);
      const exact = solveExact(buildInstance(input))!;
      expect({ placed: exact.placed, ifNeeded: exact.ifNeeded }, `trial ${trial}`).toEqual(expected);
      const out = schedule(input, { method: "exact" });
      expect(findViolations(input, out)).toEqual([]);
      expect(out.stats.placed_is_optimal).toBe(true);
    }
  });
});

describe("search versus the optimum", () => {
  it("matches brute force on tiny inputs, facilitators leading several groups included", () => {
    const rng = createRng(7);
    let multiLed = 0;
    for (let trial = 0; trial < 200; trial++) {
      const input = tinyInput(rng, [0, 0.3, 0.5, 0][trial % 4]!, false);
      if (trial % 4 === 3) {
        // One facilitator who may lead several small groups.
        input.people[0]!.is_facilitator = true;
        input.people[0]!.max_groups = rng.next() < 0.5 ? null : 2;
        input.params.min_people = 2;
        input.params.max_people = 2 + rng.int(2);
      }
      const expected = bruteForce(input);
      const out = schedule(input, { method: "search", effort: 0.05 });
      expect(findViolations(input, out)).toEqual([]);
      expect({ placed: out.stats.placed, ifNeeded: out.stats.on_if_needed }, `trial ${trial}`).toEqual(expected);
      const leaders = out.groups.map((g) => g.facilitator_id).filter((id) => id !== null);
      if (new Set(leaders).size < leaders.length) multiLed++;
    }
    expect(multiLed).toBeGreaterThan(10);
  });

  it("places as many as the exact solver on small cohorts (10-14 people)", () => {
    const rng = createRng(31);
    let compared = 0;
    for (let trial = 0; trial < 40; trial++) {
      const input = randomInput(rng, {
        people: 10 + rng.int(5),
        regionStart: rng.int(WEEK_MINUTES),
        regionLength: 600,
        facilitatorShare: trial % 2 ? 0.25 : 0,
        params: { time_increment: 30 },
      });
      for (const p of input.people) if (p.is_facilitator) p.max_groups = 1;
      const exact = schedule(input, { method: "exact" });
      const search = schedule(input, { method: "search", effort: 0.2 });
      expect(findViolations(input, search)).toEqual([]);
      expect(search.stats.placed, `trial ${trial}`).toBe(exact.stats.placed);
      expect(search.stats.on_if_needed, `trial ${trial}`).toBe(exact.stats.on_if_needed);
      compared += exact.stats.placed > 0 ? 1 : 0;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
