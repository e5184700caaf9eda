import type { Instance } from "./instance";
import type { Rng } from "./prng";
import { Snapshot, State } from "./state";

export interface SearchProgress {
  phase: "construct" | "search";
  /** Fraction of this phase's budget used, 0..1. */
  fraction: number;
  placed: number;
  bestPlaced: number;
  upperBound: number;
}

export interface SearchOptions {
  rng: Rng;
  upperBound: number;
  /** Improvement moves to try; the search may stop earlier once the bound is met. */
  iterations: number;
  /** Safety net only: stopping on the clock makes results depend on machine speed. */
  deadline: number;
  now: () => number;
  onProgress?: (p: SearchProgress) => void;
}

export interface SearchResult {
  state: State;
  constructedPlaced: number;
  iterations: number;
  stoppedByDeadline: boolean;
}

const ROUNDS = 3;

/** Lexicographic objective: more placed, then fewer on if-needed time, then better balance. */
export function better(a: { placed: number; ifn: number; cost: number }, b: { placed: number; ifn: number; cost: number }): boolean {
  if (a.placed !== b.placed) return a.placed > b.placed;
  if (a.ifn !== b.ifn) return a.ifn < b.ifn;
  return a.cost < b.cost;
}

/** Picks a facilitator who may lead a new group at s, unplaced ones first; -1 if none. */
function pickLeader(st: State, s: number, rng: Rng | null): number {
  const { fOff, fList } = st.inst;
  const from = fOff[s]!;
  const count = fOff[s + 1]! - from;
  if (count === 0) return -1;
  const offset = rng ? rng.int(count) : 0;
  for (const unplacedOnly of [true, false]) {
    for (let i = 0; i < count; i++) {
      const f = fList[from + ((i + offset) % count)]!;
      if (unplacedOnly && st.facCount[f]! > 0) continue;
      if (st.canLead(f, s)) return f;
    }
  }
  return -1;
}

/**
 * Greedy construction: repeatedly open the group whose slot has the most
 * unplaced participants available, then let augmenting paths fill it (and
 * shuffle earlier groups to make room) before the next choice.
 */
export function construct(inst: Instance, onProgress?: (fraction: number) => void): State {
  const st = new State(inst);
  const S = inst.slotCount;
  const freeAvail = new Int32Array(S);
  const dead = new Uint8Array(S);
  const snap = new Snapshot(st);
  const total = Math.max(1, inst.placeable.length);
  for (;;) {
    freeAvail.fill(0);
    for (const p of inst.placeable) {
      if (st.asg[p]! >= 0) continue;
      for (let e = inst.pOff[p]!; e < inst.pOff[p + 1]!; e++) freeAvail[inst.pSlot[e]!]! += 1;
    }
    let best = -1;
    let bestScore = -1;
    for (let s = 0; s < S; s++) {
      if (dead[s] || freeAvail[s]! < inst.minP) continue;
      let score = Math.min(freeAvail[s]!, inst.maxP) * 2;
      if (inst.facMode) {
        // An unplaced facilitator here is worth one more placed person.
        for (let i = inst.fOff[s]!; i < inst.fOff[s + 1]!; i++) {
          if (st.facCount[inst.fList[i]!] === 0) {
            score += 2;
            break;
          }
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (best < 0) break;
    const bestLeader = inst.facMode ? pickLeader(st, best, null) : -1;
    if (inst.facMode && bestLeader < 0) {
      dead[best] = 1;
      continue;
    }
    snap.save(st);
    const before = st.placed;
    if (st.open(best, bestLeader)) {
      st.augment();
      if (st.placed > before) {
        dead.fill(0);
        onProgress?.(st.placedP / total);
        continue;
      }
    }
    snap.load(st);
    dead[best] = 1;
  }
  return st;
}

/**
 * Simulated annealing over the set of open groups. Each move changes groups
 * (open, close, move to another start, hand to another facilitator) and then
 * re-optimises the participants exactly with augmenting paths, so the score
 * of a group set is its true maximum placement.
 */
export function improve(st: State, opts: SearchOptions): SearchResult {
  const inst = st.inst;
  const { rng } = opts;
  const constructedPlaced = st.placed;
  const cur = new Snapshot(st);
  const best = new Snapshot(st);
  let curScore = { placed: st.placed, ifn: st.ifNeeded, cost: st.balanceCost() };
  let bestScore = { ...curScore };
  const unplaced: number[] = [];
  const viableSlots: number[] = [];
  for (let s = 0; s < inst.slotCount; s++) if (inst.viable[s]) viableSlots.push(s);
  const viableFacs = Array.from(inst.facilitators).filter((f) => inst.pOff[f + 1]! > inst.pOff[f]!);
  const t0 = 0.8;
  const t1 = 0.3;
  const total = opts.iterations;
  const patience = Math.max(2_000, 4 * inst.n);
  let lastImprovement = 0;
  let lastRound = 0;
  let it = 0;
  let stoppedByDeadline = false;
  if (viableSlots.length === 0) return { state: st, constructedPlaced, iterations: 0, stoppedByDeadline };

  const randomSlotOf = (p: number): number => {
    const from = inst.pOff[p]!;
    return inst.pSlot[from + rng.int(inst.pOff[p + 1]! - from)]!;
  };
  const groupsAt = (s: number): number[] => {
    const out: number[] = [];
    for (let g = 0; g < st.nG; g++) if (st.gSlot[g] === s) out.push(g);
    return out;
  };
  const groupsLedBy = (f: number): number[] => {
    const out: number[] = [];
    for (let g = 0; g < st.nG; g++) if (st.gFac[g] === f) out.push(g);
    return out;
  };
  const pick = <T>(xs: readonly T[]): T | undefined => xs[rng.int(xs.length)];

  /** Move a group to slot s (same facilitator). */
  const moveGroup = (g: number, s: number): boolean => {
    const f = st.gFac[g]!;
    st.close(g);
    if (f >= 0 && !st.canLead(f, s)) return false;
    return st.open(s, f);
  };

  /**
   * Targeted compound move: someone available at s sits in a group at t;
   * close that group and open one at s, so t's members and the unplaced
   * around s can regroup there.
   */
  const relocateNear = (s: number): boolean => {
    const from = inst.sOff[s]!;
    const count = inst.sOff[s + 1]! - from;
    if (count === 0) return false;
    const q = inst.sPerson[from + rng.int(count)]!;
    const t = st.asg[q]!;
    if (t < 0 || t === s) return false;
    const g = pick(groupsAt(t));
    if (g === undefined) return false;
    const f = st.gFac[g]!;
    st.close(g);
    if (f < 0) return st.open(s, -1);
    if (st.canLead(f, s)) return st.open(s, f);
    const leader = pickLeader(st, s, rng);
    return leader >= 0 && st.open(s, leader);
  };

  const moveWithFacilitators = (): boolean => {
    const r = rng.next();
    if (r < 0.45 && unplaced.length > 0) {
      const u = pick(unplaced)!;
      const s = randomSlotOf(u);
      if (inst.isFac[u]) {
        if (!st.canLead(u, s)) return false;
        const here = groupsAt(s);
        if (here.length > 0 && rng.next() < 0.5) {
          st.swapFacilitator(pick(here)!, u);
          return true;
        }
        return st.open(s, u);
      }
      if (rng.next() < 0.5) return relocateNear(s);
      const f = pickLeader(st, s, rng);
      if (f >= 0) return st.open(s, f);
      // Nobody free to lead here: bring one of an available facilitator's groups over.
      const from = inst.fOff[s]!;
      const count = inst.fOff[s + 1]! - from;
      if (count === 0) return false;
      const g = pick(groupsLedBy(inst.fList[from + rng.int(count)]!));
      return g !== undefined && st.gSlot[g] !== s && moveGroup(g, s);
    }
    if (st.nG === 0 || r > 0.9) {
      const f = pick(viableFacs);
      if (f === undefined) return false;
      const s = randomSlotOf(f);
      return st.canLead(f, s) && st.open(s, f);
    }
    const g = rng.int(st.nG);
    if (r < 0.6) {
      st.close(g);
      return true;
    }
    if (r < 0.78) return moveGroup(g, randomSlotOf(st.gFac[g]!));
    const s = st.gSlot[g]!;
    const from = inst.fOff[s]!;
    const f2 = inst.fList[from + rng.int(inst.fOff[s + 1]! - from)]!;
    if (f2 === st.gFac[g] || !st.canLead(f2, s)) return false;
    st.swapFacilitator(g, f2);
    return true;
  };

  const moveWithoutFacilitators = (): boolean => {
    const r = rng.next();
    const target = (): number => (unplaced.length > 0 && rng.next() < 0.7 ? randomSlotOf(pick(unplaced)!) : pick(viableSlots)!);
    if (st.nG > 0 && r < 0.25 && unplaced.length > 0) return relocateNear(randomSlotOf(pick(unplaced)!));
    if (st.nG === 0 || r < 0.5) return st.open(target(), -1);
    const g = rng.int(st.nG);
    if (r < 0.75) {
      st.close(g);
      return true;
    }
    return moveGroup(g, target());
  };

  const progressEvery = 256;
  for (it = 0; it < total; it++) {
    if (it % progressEvery === 0) {
      if (opts.now() > opts.deadline) {
        stoppedByDeadline = true;
        break;
      }
      opts.onProgress?.({
        phase: "search",
        fraction: it / total,
        placed: curScore.placed,
        bestPlaced: bestScore.placed,
        upperBound: opts.upperBound,
      });
    }
    if (bestScore.placed >= opts.upperBound && it - lastImprovement > patience) break;

    unplaced.length = 0;
    for (const p of inst.placeable) if (st.asg[p]! < 0) unplaced.push(p);
    for (const f of viableFacs) if (st.facCount[f] === 0) unplaced.push(f);

    const ok = inst.facMode ? moveWithFacilitators() : moveWithoutFacilitators();
    if (!ok) {
      cur.load(st);
      continue;
    }
    st.augment();
    const score = { placed: st.placed, ifn: st.ifNeeded, cost: st.balanceCost() };
    const delta = score.placed - curScore.placed - 0.1 * (score.ifn - curScore.ifn) - 0.002 * (score.cost - curScore.cost);
    // Annealing runs in a few rounds, each restarting hot from the best so far.
    const round = Math.floor((it * ROUNDS) / total);
    if (round !== lastRound) {
      lastRound = round;
      best.load(st);
      cur.save(st);
      curScore = { ...bestScore };
      continue;
    }
    const temp = t0 * Math.pow(t1 / t0, (it * ROUNDS) / total - round);
    if (delta >= 0 || rng.next() < Math.exp(delta / temp)) {
      cur.save(st);
      curScore = score;
      if (better(score, bestScore)) {
        bestScore = score;
        best.save(st);
        lastImprovement = it;
      }
    } else {
      cur.load(st);
    }
  }
  best.load(st);
  return { state: st, constructedPlaced, iterations: it, stoppedByDeadline };
}
