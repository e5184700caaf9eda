import type { Instance } from "./instance";

/**
 * Exact solver for small cohorts: dynamic programming over subsets of people.
 * A group is any set of min..max people (exactly one facilitator when there
 * are facilitators) sharing a start; the best schedule is the best packing of
 * disjoint groups, scored lexicographically (placed, then fewest on if-needed
 * time, then balance). It treats each facilitator as leading at most one
 * group, so it is exact when every facilitator's limit is 1 (or there are no
 * facilitators); otherwise its answer is feasible but maybe not optimal.
 */

export const EXACT_MAX_PEOPLE = 18;

export interface ExactGroup {
  slot: number;
  members: number[];
}

export interface ExactResult {
  groups: ExactGroup[];
  placed: number;
  ifNeeded: number;
  /** Whether the answer is proven optimal (facilitator limits all 1 or no facilitators). */
  optimal: boolean;
}

const PLACED = 1e8;
const IFN = 1e5;

/** People who could be in some group; the others never affect the answer. */
function relevantPeople(inst: Instance): number[] {
  const out: number[] = [];
  for (let p = 0; p < inst.n; p++) if (inst.pOff[p + 1]! > inst.pOff[p]!) out.push(p);
  return out;
}

export function exactSupported(inst: Instance): boolean {
  return relevantPeople(inst).length <= EXACT_MAX_PEOPLE;
}

export function solveExact(inst: Instance): ExactResult | null {
  const people = relevantPeople(inst);
  const n = people.length;
  if (n > EXACT_MAX_PEOPLE) return null;
  const S = inst.slotCount;
  const words = Math.ceil(S / 32);
  const avail = people.map((p) => {
    const bits = new Uint32Array(words);
    for (let e = inst.pOff[p]!; e < inst.pOff[p + 1]!; e++) {
      const s = inst.pSlot[e]!;
      bits[s >>> 5]! |= 1 << (s & 31);
    }
    return bits;
  });
  // regularMask[s]: people (as bits over `people`) on regular time at s.
  const regularMask = new Int32Array(S);
  people.forEach((p, i) => {
    for (let e = inst.pOff[p]!; e < inst.pOff[p + 1]!; e++) if (inst.pReg[e]) regularMask[inst.pSlot[e]!]! |= 1 << i;
  });
  let facMask = 0;
  people.forEach((p, i) => {
    if (inst.isFac[p]) facMask |= 1 << i;
  });
  const full = 1 << n;
  const value = new Float64Array(full).fill(-Infinity);
  const bestSlot = new Int16Array(full).fill(-1);
  const mid = inst.minSize + inst.maxSize;

  // Enumerate sets of up to max people with a common start, depth first.
  const common: Uint32Array[] = Array.from({ length: inst.maxSize + 1 }, () => new Uint32Array(words));
  common[0]!.fill(0xffffffff);
  const visit = (start: number, depth: number, mask: number, facs: number) => {
    if (depth >= inst.minSize && (!inst.facMode || facs === 1)) {
      const c = common[depth]!;
      let best = -1;
      let bestIfn = Infinity;
      for (let w = 0; w < words; w++) {
        let bits = c[w]!;
        while (bits) {
          const low = bits & -bits;
          const s = w * 32 + 31 - Math.clz32(low);
          bits ^= low;
          if (s >= S) continue;
          const ifn = popcount(mask & ~regularMask[s]!);
          if (ifn < bestIfn) {
            bestIfn = ifn;
            best = s;
          }
        }
      }
      if (best >= 0) {
        const size = depth;
        const balance = (2 * size - mid) * (2 * size - mid);
        value[mask] = size * PLACED - bestIfn * IFN - balance;
        bestSlot[mask] = best;
      }
    }
    if (depth === inst.maxSize) return;
    for (let i = start; i < n; i++) {
      const isF = (facMask >>> i) & 1;
      if (inst.facMode && facs + isF > 1) continue;
      const prev = common[depth]!;
      const next = common[depth + 1]!;
      const a = avail[i]!;
      let any = 0;
      for (let w = 0; w < words; w++) any |= next[w] = prev[w]! & a[w]!;
      if (any) visit(i + 1, depth + 1, mask | (1 << i), facs + isF);
    }
  };
  visit(0, 0, 0, 0);

  const f = new Float64Array(full);
  const choice = new Int32Array(full);
  for (let mask = 1; mask < full; mask++) {
    const low = mask & -mask;
    const rest = mask ^ low;
    let best = f[rest]!;
    let pick = 0;
    for (let sub = rest; ; sub = (sub - 1) & rest) {
      const g = sub | low;
      const v = value[g]!;
      if (v > -Infinity) {
        const total = v + f[mask ^ g]!;
        if (total > best) {
          best = total;
          pick = g;
        }
      }
      if (sub === 0) break;
    }
    f[mask] = best;
    choice[mask] = pick;
  }

  const groups: ExactGroup[] = [];
  let placed = 0;
  let ifNeeded = 0;
  for (let mask = full - 1; mask; ) {
    const g = choice[mask]!;
    if (g === 0) {
      mask ^= mask & -mask;
      continue;
    }
    const slot = bestSlot[g]!;
    const members = people.filter((_, i) => (g >>> i) & 1);
    groups.push({ slot, members });
    placed += members.length;
    ifNeeded += popcount(g & ~regularMask[slot]!);
    mask ^= g;
  }
  groups.sort((a, b) => a.slot - b.slot || a.members[0]! - b.members[0]!);
  const optimal = !inst.facMode || inst.facilitators.every((p) => inst.cap[p] === 1);
  return { groups, placed, ifNeeded, optimal };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
