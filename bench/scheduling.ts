/**
 * `npm run bench:scheduling`: the scheduler on synthetic cohorts (issue 5).
 *
 * Cohorts of 100, 500 and 2,000 people in UTC-5, UTC+1 and UTC+9 with 2-4
 * weekly blocks of 1-3 h between 08:00 and 22:00 local (half with one extra
 * if-needed block), groups of 4-8, 60- and 90-minute meetings, with no
 * facilitators and with about one facilitator per six people (limits 1-3).
 * For each: the one-pass greedy baseline, the search's result against the
 * proven upper bound, people on if-needed time, group sizes and run time.
 * Then small cohorts (12-16 people) where the exact optimum can be computed.
 */
import { buildInstance } from "../lib/scheduling/instance";
import { greedyBaseline } from "../lib/scheduling/greedy";
import { findViolations } from "../lib/scheduling/check";
import { schedule } from "../lib/scheduling/schedule";
import { syntheticCohort } from "../lib/scheduling/synthetic";

const pct = (a: number, b: number) => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)}%`);
const pad = (s: string | number, n: number) => String(s).padStart(n);

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => pad(c, widths[i]!)).join("  ");
}

const started = performance.now();
const widths = [6, 5, 4, 8, 8, 8, 8, 7, 6, 6, 9, 8];
console.log("Scheduler benchmark (one core; times include everything from input to output)\n");
console.log(
  row(["people", "facil", "len", "greedy", "placed", "bound", "gap", "if-need", "groups", "sizes", "time ms", "rules"], widths),
);
const worst = { gap: 0 };
for (const people of [100, 500, 2000]) {
  for (const facilitatorShare of [0, 1 / 6]) {
    for (const meetingLength of [60, 90]) {
      const input = syntheticCohort({ people, seed: people + meetingLength, facilitatorShare, meetingLength });
      const greedy = greedyBaseline(buildInstance(input));
      const t = performance.now();
      const out = schedule(input);
      const ms = performance.now() - t;
      const s = out.stats;
      const violations = findViolations(input, out).length;
      const gap = (s.upper_bound - s.placed) / Math.max(1, s.upper_bound);
      worst.gap = Math.max(worst.gap, gap);
      console.log(
        row(
          [
            people,
            s.facilitators,
            meetingLength,
            pct(greedy.placed, people),
            pct(s.placed, people),
            pct(s.upper_bound, people),
            `${(100 * gap).toFixed(1)}%`,
            s.on_if_needed,
            s.groups,
            `${s.group_size_min ?? "-"}-${s.group_size_max ?? "-"}`,
            Math.round(ms),
            violations === 0 ? "ok" : `${violations} BROKEN`,
          ],
          widths,
        ),
      );
    }
  }
}
console.log(`\ngreedy = one-pass greedy baseline; bound = proven upper bound on placed; gap = (bound - placed) / bound.`);
console.log(`Largest gap to the bound: ${(100 * worst.gap).toFixed(2)}% (the bound is not always reachable, so the gap to the optimum is at most this).\n`);

console.log("Small cohorts against the exact optimum (subset dynamic programming), facilitator limit 1:\n");
const w2 = [6, 5, 4, 7, 7, 7, 9, 9, 9];
console.log(row(["people", "facil", "len", "greedy", "search", "exact", "if-n s/e", "search ms", "exact ms"], w2));
let equal = 0;
let total = 0;
let ifnEqual = 0;
for (let seed = 1; seed <= 16; seed++) {
  const people = 12 + (seed % 5);
  const facilitatorShare = seed % 2 ? 1 / 6 : 0;
  const meetingLength = seed % 3 ? 60 : 90;
  // One time zone and two weekdays, so that a dozen people can meet at all.
  const input = syntheticCohort({ people, seed: 1000 + seed, facilitatorShare, meetingLength, zones: [1], days: [1, 3] });
  for (const p of input.people) if (p.is_facilitator) p.max_groups = 1;
  const greedy = greedyBaseline(buildInstance(input));
  let t = performance.now();
  const search = schedule(input, { method: "search" });
  const searchMs = performance.now() - t;
  t = performance.now();
  const exact = schedule(input, { method: "exact" });
  const exactMs = performance.now() - t;
  total++;
  if (search.stats.placed === exact.stats.placed) equal++;
  if (search.stats.on_if_needed === exact.stats.on_if_needed) ifnEqual++;
  console.log(
    row(
      [
        people,
        search.stats.facilitators,
        meetingLength,
        greedy.placed,
        search.stats.placed,
        exact.stats.placed,
        `${search.stats.on_if_needed}/${exact.stats.on_if_needed}`,
        Math.round(searchMs),
        Math.round(exactMs),
      ],
      w2,
    ),
  );
}
console.log(`\nSearch placed the optimum on ${equal}/${total} small cohorts, with the optimal if-needed count on ${ifnEqual}/${total}.`);
console.log(`Total bench time ${((performance.now() - started) / 1000).toFixed(1)} s.`);
