import { meetingsOverlap } from "./availability";
import type { Instance } from "./instance";

/**
 * The classic one-pass greedy, kept as a baseline for the benchmark: take
 * the start with the most unplaced people, form a group there from the people
 * with the fewest other options, never revisit a choice.
 */
export function greedyBaseline(inst: Instance): { placed: number; ifNeeded: number; groups: number } {
  const { pOff, pSlot, pReg, sOff, sPerson, sEdge, fOff, fList } = inst;
  const S = inst.slotCount;
  const placed = new Uint8Array(inst.n);
  const ledSlots: number[][] = Array.from({ length: inst.n }, () => []);
  const degree = (p: number) => pOff[p + 1]! - pOff[p]!;
  let placedCount = 0;
  let ifNeeded = 0;
  let groups = 0;
  const canLead = (f: number, s: number) =>
    ledSlots[f]!.length < inst.cap[f]! && ledSlots[f]!.every((t) => !meetingsOverlap(inst.starts[s]!, inst.starts[t]!, inst.length));
  for (;;) {
    let best = -1;
    let bestScore = 0;
    let bestLeader = -1;
    for (let s = 0; s < S; s++) {
      if (!inst.viable[s]) continue;
      let free = 0;
      for (let i = sOff[s]!; i < sOff[s + 1]!; i++) if (!placed[sPerson[i]!]) free++;
      if (free < inst.minP) continue;
      let leader = -1;
      if (inst.facMode) {
        for (let i = fOff[s]!; i < fOff[s + 1]!; i++) {
          const f = fList[i]!;
          if (!canLead(f, s)) continue;
          const rank = (x: number) => (ledSlots[x]!.length > 0 ? 1e6 : 0) + degree(x);
          if (leader < 0 || rank(f) < rank(leader)) leader = f;
        }
        if (leader < 0) continue;
      }
      const score = Math.min(free, inst.maxP) + (leader >= 0 && ledSlots[leader]!.length === 0 ? 1 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = s;
        bestLeader = leader;
      }
    }
    if (best < 0) break;
    const candidates: { p: number; reg: number }[] = [];
    for (let i = sOff[best]!; i < sOff[best + 1]!; i++) {
      const p = sPerson[i]!;
      if (!placed[p]) candidates.push({ p, reg: pReg[sEdge[i]!]! });
    }
    candidates.sort((a, b) => degree(a.p) - degree(b.p) || b.reg - a.reg || a.p - b.p);
    for (const { p, reg } of candidates.slice(0, inst.maxP)) {
      placed[p] = 1;
      placedCount++;
      if (!reg) ifNeeded++;
    }
    if (bestLeader >= 0) {
      if (ledSlots[bestLeader]!.length === 0) {
        placedCount++;
        const e = findEdge(pOff, pSlot, bestLeader, best);
        if (e >= 0 && !pReg[e]) ifNeeded++;
      }
      ledSlots[bestLeader]!.push(best);
    }
    groups++;
  }
  return { placed: placedCount, ifNeeded, groups };
}

function findEdge(pOff: Int32Array, pSlot: Int32Array, p: number, s: number): number {
  for (let e = pOff[p]!; e < pOff[p + 1]!; e++) if (pSlot[e] === s) return e;
  return -1;
}
