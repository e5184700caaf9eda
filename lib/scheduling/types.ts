import type { UnassignedCode } from "./reasons";
import type { PersonId } from "./schema";

export interface ScheduleGroup {
  /** Everyone in the group, facilitator included (and counted in the size). */
  members: PersonId[];
  facilitator_id: PersonId | null;
  /** Minutes from Monday 00:00 UTC. */
  start: number;
  /** Members whose meeting is not entirely inside their regular time. */
  if_needed: PersonId[];
}

export interface UnassignedPerson {
  id: PersonId;
  code: UnassignedCode;
  reason: string;
}

export interface ScheduleStats {
  people: number;
  participants: number;
  facilitators: number;
  placed: number;
  placed_participants: number;
  placed_facilitators: number;
  unassigned: number;
  groups: number;
  /** People placed whose meeting is not entirely inside their regular time. */
  on_if_needed: number;
  group_size_min: number | null;
  group_size_max: number | null;
  /** No schedule can place more than this many people (a proven bound). */
  upper_bound: number;
  /** True when `placed` is proven to be the most possible. */
  placed_is_optimal: boolean;
  method: "exact" | "search";
  /** Placed by the greedy construction before improvement (search only). */
  constructed_placed: number | null;
  iterations: number;
  /** True only if the safety time limit cut the search short (then results may vary between machines). */
  stopped_by_time_limit: boolean;
  seed: number;
  run_time_ms: number;
}

export interface ScheduleOutput {
  groups: ScheduleGroup[];
  unassigned: UnassignedPerson[];
  stats: ScheduleStats;
}

export interface ScheduleProgress {
  phase: "prepare" | "construct" | "search" | "polish" | "done";
  /** Fraction of the phase done, 0..1. */
  fraction: number;
  placed: number;
  bestPlaced: number;
  upperBound: number;
  elapsedMs: number;
}

export interface ScheduleOptions {
  /** Called now and then during long runs (never changes the result). */
  onProgress?: (progress: ScheduleProgress) => void;
  /** "auto" solves small cohorts exactly and searches otherwise. */
  method?: "auto" | "search" | "exact";
  /** Multiplies the search's move budget (default 1). */
  effort?: number;
  /** Safety net for huge inputs; results stay deterministic unless it is hit. Default 120 s. */
  timeLimitMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}
