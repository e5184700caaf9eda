import { coversMeeting } from "./availability";
import { centerStarts, polishAssignment, splitGroups, type ConcreteGroup } from "./polish";
import { exactSupported, solveExact } from "./exact";
import { buildInstance, type Instance } from "./instance";
import { upperBound } from "./bounds";
import { createRng } from "./prng";
import { explainUnassigned } from "./reasons";
import { parseScheduleInput, type ScheduleInput, type ScheduleInputJson } from "./schema";
import { construct, improve } from "./search";
import type { ScheduleOptions, ScheduleOutput, ScheduleProgress, ScheduleGroup, UnassignedPerson } from "./types";

/** Cohorts with at most this many possible members are solved exactly by default. */
export const AUTO_EXACT_PEOPLE = 14;

/** Move budget of the search for a cohort of n people, before `effort`. */
export function defaultIterations(n: number): number {
  // Each move costs roughly O(n), so the budget shrinks with size to keep
  // 500 people near one second and 2,000 within a few seconds on one core.
  return Math.round(Math.min(200_000, Math.max(50_000, 3e7 / Math.max(1, n))));
}

/**
 * Forms discussion groups from weekly availability (issue 5, part 1).
 *
 * Small cohorts are solved exactly (subset dynamic programming). Larger ones
 * use a greedy construction followed by simulated annealing over which groups
 * are open (start, facilitator), where every candidate group set is scored by
 * an exact maximum assignment of participants (augmenting paths with group
 * size bounds), then polished by cycle cancelling for if-needed time and
 * balance. Deterministic for a given seed.
 */
export function schedule(input: ScheduleInput, options: ScheduleOptions = {}): ScheduleOutput {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const report = (p: Omit<ScheduleProgress, "elapsedMs">) => options.onProgress?.({ ...p, elapsedMs: now() - started });
  report({ phase: "prepare", fraction: 0, placed: 0, bestPlaced: 0, upperBound: 0 });

  const inst = buildInstance(input);
  const bound = upperBound(inst);
  const method = options.method ?? "auto";
  const capsAllOne = inst.facilitators.every((f) => inst.cap[f] === 1);
  const useExact =
    method === "exact" || (method === "auto" && capsAllOne && exactSupported(inst) && relevantCount(inst) <= AUTO_EXACT_PEOPLE);

  let groups: ConcreteGroup[];
  let placedIsOptimal: boolean;
  let constructedPlaced: number | null = null;
  let iterations = 0;
  let stoppedByDeadline = false;
  const exact = useExact ? solveExact(inst) : null;
  if (exact) {
    groups = exact.groups.map((g) => {
      const facilitator = g.members.find((p) => inst.isFac[p]) ?? -1;
      return { slot: g.slot, facilitator, participants: g.members.filter((p) => p !== facilitator) };
    });
    placedIsOptimal = exact.optimal || exact.placed >= bound;
  } else {
    const st = construct(inst, (fraction) =>
      report({ phase: "construct", fraction, placed: 0, bestPlaced: 0, upperBound: bound }),
    );
    constructedPlaced = st.placed;
    const result = improve(st, {
      rng: createRng(input.params.seed),
      upperBound: bound,
      iterations: Math.round(defaultIterations(inst.n) * (options.effort ?? 1)),
      deadline: started + (options.timeLimitMs ?? 120_000),
      now,
      onProgress: (p) => report(p),
    });
    iterations = result.iterations;
    stoppedByDeadline = result.stoppedByDeadline;
    report({ phase: "polish", fraction: 0, placed: st.placed, bestPlaced: st.placed, upperBound: bound });
    polishAssignment(st);
    groups = splitGroups(st);
    placedIsOptimal = st.placed >= bound;
  }
  centerStarts(inst, groups);
  const output = buildOutput(input, inst, groups, bound);
  output.stats.placed_is_optimal = placedIsOptimal;
  output.stats.method = exact ? "exact" : "search";
  output.stats.constructed_placed = constructedPlaced;
  output.stats.iterations = iterations;
  output.stats.stopped_by_time_limit = stoppedByDeadline;
  output.stats.run_time_ms = Math.round(now() - started);
  report({ phase: "done", fraction: 1, placed: output.stats.placed, bestPlaced: output.stats.placed, upperBound: bound });
  return output;
}

/** Parses the JSON wire format first; throws with a field-naming message when it is invalid. */
export function scheduleJson(json: ScheduleInputJson | unknown, options?: ScheduleOptions): ScheduleOutput {
  const parsed = parseScheduleInput(json);
  if (!parsed.ok) throw new Error(parsed.message);
  return schedule(parsed.input, options);
}

function relevantCount(inst: Instance): number {
  let count = 0;
  for (let p = 0; p < inst.n; p++) if (inst.pOff[p + 1]! > inst.pOff[p]!) count++;
  return count;
}

function buildOutput(input: ScheduleInput, inst: Instance, groups: ConcreteGroup[], bound: number): ScheduleOutput {
  const placedP = new Set<number>();
  const placedF = new Set<number>();
  const ifNeededPeople = new Set<number>();
  const sorted = [...groups].sort(
    (a, b) => a.slot - b.slot || (a.facilitator >= 0 ? a.facilitator - b.facilitator : (a.participants[0] ?? 0) - (b.participants[0] ?? 0)),
  );
  const outGroups: ScheduleGroup[] = sorted.map((g) => {
    const members = g.facilitator >= 0 ? [g.facilitator, ...g.participants] : [...g.participants];
    const start = inst.starts[g.slot]!;
    const ifNeeded = members.filter((p) => !isRegularAt(inst, p, g.slot));
    for (const p of ifNeeded) ifNeededPeople.add(p);
    for (const p of g.participants) placedP.add(p);
    if (g.facilitator >= 0) placedF.add(g.facilitator);
    return {
      members: members.map((p) => inst.ids[p]!),
      facilitator_id: g.facilitator >= 0 ? inst.ids[g.facilitator]! : null,
      start,
      if_needed: ifNeeded.map((p) => inst.ids[p]!),
    };
  });
  const finalGroups = groups.map((g) => ({ slot: g.slot, facilitator: g.facilitator }));
  const unassigned: UnassignedPerson[] = [];
  input.people.forEach((person, p) => {
    if (placedP.has(p) || placedF.has(p)) return;
    unassigned.push({ id: person.id, ...explainUnassigned(inst, person, p, finalGroups) });
  });
  const sizes = outGroups.map((g) => g.members.length);
  return {
    groups: outGroups,
    unassigned,
    stats: {
      people: inst.n,
      participants: inst.participants.length,
      facilitators: inst.facilitators.length,
      placed: placedP.size + placedF.size,
      placed_participants: placedP.size,
      placed_facilitators: placedF.size,
      unassigned: unassigned.length,
      groups: outGroups.length,
      on_if_needed: ifNeededPeople.size,
      group_size_min: sizes.length ? Math.min(...sizes) : null,
      group_size_max: sizes.length ? Math.max(...sizes) : null,
      upper_bound: bound,
      placed_is_optimal: false,
      method: "search",
      constructed_placed: null,
      iterations: 0,
      stopped_by_time_limit: false,
      seed: input.params.seed,
      run_time_ms: 0,
    },
  };
}

function isRegularAt(inst: Instance, p: number, slot: number): boolean {
  return coversMeeting(inst.regular[p]!, inst.starts[slot]!, inst.length);
}
