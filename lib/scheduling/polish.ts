import { coverageMask, meetingSlack, meetingsOverlap } from "./availability";
import { sizeCost, type Instance } from "./instance";
import type { State } from "./state";

/** One if-needed person outweighs any change in balance a single cycle can make. */
const IFN_WEIGHT = 1e9;

/** Group count used for n participants at a slot in the final output. */
export function groupCountFor(inst: Instance, n: number, k: number): number {
  if (inst.facMode) return k;
  let bestK = k;
  let best = sizeCost(inst, n, k);
  const lo = Math.max(1, Math.ceil(n / inst.maxP));
  const hi = Math.floor(n / inst.minP);
  for (let kk = lo; kk <= hi; kk++) {
    const c = sizeCost(inst, n, kk);
    if (c < best || (c === best && kk < bestK)) {
      best = c;
      bestK = kk;
    }
  }
  return bestK;
}

/**
 * With the groups fixed, makes the participant assignment optimal for the
 * second and third objectives: fewest people on if-needed time, then balance.
 * The number placed never changes. This is cycle cancelling on the residual
 * graph of the assignment flow with people contracted away: nodes are open
 * slots plus "unplaced" (SRC) and "spare capacity" (SNK); an arc s -> t moves
 * one person from s to t. With the cost of each arc the cheapest such move,
 * no negative cycle means no better assignment exists for the if-needed count
 * (a linear cost). Balance uses each slot's current group count, which keeps
 * its cost convex in the slot's head count, so the same condition is exact
 * for it too (a non-convex cost would let a slot "gain and lose" one person
 * at a profit and cycle forever). Without facilitators the best number of
 * groups for each slot's final head count is chosen afterwards.
 */
export function polishAssignment(st: State, maxRounds = 20_000): number {
  const inst = st.inst;
  const { pOff, pSlot, pReg, placeable } = inst;
  const S = inst.slotCount;
  const nodeOf = new Int32Array(S).fill(-1);
  const slots: number[] = [];
  for (let s = 0; s < S; s++) {
    if (st.k[s]! > 0) {
      nodeOf[s] = slots.length;
      slots.push(s);
    }
  }
  const m = slots.length;
  const SRC = m;
  const SNK = m + 1;
  const V = m + 2;
  // Sparse arcs: key a * V + b -> position in the arrays below.
  const arcAt = new Map<number, number>();
  const arcKey: number[] = [];
  const arcCost: number[] = [];
  const arcPerson: number[] = [];
  const arcEdge: number[] = [];
  const dist = new Float64Array(V);
  const par = new Int32Array(V);
  const color = new Int32Array(V);
  let rounds = 0;

  const setArc = (a: number, b: number, cost: number, person: number, edge: number) => {
    const key = a * V + b;
    const at = arcAt.get(key);
    if (at === undefined) {
      arcAt.set(key, arcKey.length);
      arcKey.push(key);
      arcCost.push(cost);
      arcPerson.push(person);
      arcEdge.push(edge);
    } else if (cost < arcCost[at]!) {
      arcCost[at] = cost;
      arcPerson[at] = person;
      arcEdge[at] = edge;
    }
  };

  for (; rounds < maxRounds; rounds++) {
    arcAt.clear();
    arcKey.length = arcCost.length = arcPerson.length = arcEdge.length = 0;
    for (const p of placeable) {
      const at = st.asg[p]!;
      const from = at >= 0 ? nodeOf[at]! : SRC;
      const here = at >= 0 ? (pReg[st.asgE[p]!] ? 0 : IFN_WEIGHT) : 0;
      if (at >= 0 && here > 0) setArc(from, SRC, -here, p, -1);
      for (let e = pOff[p]!; e < pOff[p + 1]!; e++) {
        const t = pSlot[e]!;
        if (t === at || nodeOf[t]! < 0) continue;
        setArc(from, nodeOf[t]!, (pReg[e] ? 0 : IFN_WEIGHT) - here, p, e);
      }
    }
    for (let i = 0; i < m; i++) {
      const s = slots[i]!;
      const n = st.cnt[s]!;
      const k = st.k[s]!;
      if (n < st.upper(s)) setArc(i, SNK, sizeCost(inst, n + 1, k) - sizeCost(inst, n, k), -1, -1);
      if (n > st.lower(s)) setArc(SNK, i, sizeCost(inst, n - 1, k) - sizeCost(inst, n, k), -1, -1);
    }
    const cycle = findNegativeCycle(V, arcKey, arcCost, dist, par, color);
    if (!cycle) break;
    // Apply every move of the cycle: arc a -> b moves arcPerson from a to b.
    for (let i = 0; i < cycle.length; i++) {
      const a = cycle[i]!;
      const b = cycle[(i + 1) % cycle.length]!;
      const at = arcAt.get(a * V + b)!;
      const p = arcPerson[at]!;
      if (p < 0) continue;
      if (b === SRC) st.setAsg(p, -1, -1);
      else st.setAsg(p, slots[b]!, arcEdge[at]!);
    }
    st.work += arcKey.length;
  }
  return rounds;
}

/** Bellman-Ford from a virtual source; returns the nodes of one negative cycle in order, or null. */
function findNegativeCycle(
  V: number,
  keys: readonly number[],
  cost: readonly number[],
  dist: Float64Array,
  par: Int32Array,
  color: Int32Array,
): number[] | null {
  dist.fill(0);
  par.fill(-1);
  for (let iter = 0; iter < V + 1; iter++) {
    let changed = false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const a = Math.floor(key / V);
      const b = key - a * V;
      const d = dist[a]! + cost[i]!;
      if (d < dist[b]! - 1e-9) {
        dist[b] = d;
        par[b] = a;
        changed = true;
      }
    }
    if (!changed) return null;
    // A cycle in the parent graph is a negative cycle: look for one every pass.
    color.fill(0);
    for (let start = 0; start < V; start++) {
      if (color[start]) continue;
      let v = start;
      while (v >= 0 && color[v] === 0) {
        color[v] = start + 1;
        v = par[v]!;
      }
      if (v >= 0 && color[v] === start + 1) {
        const cycle: number[] = [];
        let u = v;
        do {
          cycle.push(u);
          u = par[u]!;
        } while (u !== v);
        // Parent pointers run backwards along arcs.
        return cycle.reverse();
      }
    }
  }
  return null;
}

export interface ConcreteGroup {
  slot: number;
  facilitator: number;
  /** Participants only; the facilitator is added at output. */
  participants: number[];
}

/** Splits each slot's pooled participants into its groups, sizes differing by at most one. */
export function splitGroups(st: State): ConcreteGroup[] {
  const inst = st.inst;
  const groups: ConcreteGroup[] = [];
  for (let s = 0; s < inst.slotCount; s++) {
    if (st.k[s] === 0) continue;
    const members: number[] = [];
    for (let p = st.head[s]!; p >= 0; p = st.nxt[p]!) members.push(p);
    members.sort((a, b) => a - b);
    const leaders: number[] = [];
    for (let g = 0; g < st.nG; g++) if (st.gSlot[g] === s) leaders.push(st.gFac[g]!);
    leaders.sort((a, b) => a - b);
    const k = groupCountFor(inst, members.length, st.k[s]!);
    const q = Math.floor(members.length / k);
    const r = members.length - q * k;
    let at = 0;
    for (let j = 0; j < k; j++) {
      const size = q + (j < r ? 1 : 0);
      groups.push({ slot: s, facilitator: inst.facMode ? leaders[j]! : -1, participants: members.slice(at, at + size) });
      at += size;
    }
  }
  return groups;
}

/**
 * Last objective, "sensible local hours". The input has no time zones, so the
 * best available signal is people's own stated time: each group may move to
 * another start where every member can still come, nobody goes from regular
 * to if-needed time, and its facilitator's meetings still don't overlap; it
 * moves when that sits the meeting deeper inside members' blocks (the sum of
 * each member's smaller margin before/after, capped at two hours), which keeps
 * meetings away from the edges of the hours people offered.
 */
export function centerStarts(inst: Instance, groups: ConcreteGroup[]): void {
  const S = inst.slotCount;
  const len = inst.length;
  const starts = Array.from(inst.starts);
  const CAP = 120;
  groups.forEach((group, gi) => {
    const members = group.facilitator >= 0 ? [group.facilitator, ...group.participants] : group.participants;
    const allowed = new Uint8Array(S).fill(1);
    const margins = new Float64Array(S);
    for (const p of members) {
      const reg = coverageMask(inst.regular[p]!, starts, len);
      const usable = inst.useIfNeeded ? coverageMask(inst.usable[p]!, starts, len) : reg;
      const regularNow = reg[group.slot] === 1;
      for (let s = 0; s < S; s++) {
        if (!allowed[s]) continue;
        if (!(regularNow ? reg[s] : usable[s])) {
          allowed[s] = 0;
          continue;
        }
        const slack = meetingSlack(reg[s] ? inst.regular[p]! : inst.usable[p]!, starts[s]!, len);
        margins[s]! += Math.min(CAP, Math.max(0, slack));
      }
    }
    if (group.facilitator >= 0) {
      groups.forEach((other, oi) => {
        if (oi === gi || other.facilitator !== group.facilitator) return;
        for (let s = 0; s < S; s++) if (meetingsOverlap(starts[s]!, starts[other.slot]!, len)) allowed[s] = 0;
      });
    }
    let best = group.slot;
    for (let s = 0; s < S; s++) if (allowed[s] && margins[s]! > margins[best]!) best = s;
    group.slot = best;
  });
}
