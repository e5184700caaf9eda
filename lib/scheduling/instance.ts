import { candidateStarts, coverageMask, normalizeIntervals, WEEK_MINUTES, type Interval } from "./availability";
import type { PersonId, ScheduleInput } from "./schema";

/**
 * The input compiled into flat arrays the search can walk quickly.
 *
 * "Slots" are the candidate starts (multiples of the increment). An edge joins
 * a person to a slot where the whole meeting fits in their availability; only
 * edges to viable slots (enough participants and, with facilitators, at least
 * one facilitator) are kept, since no group can ever meet anywhere else.
 */
export interface Instance {
  n: number;
  ids: PersonId[];
  isFac: Uint8Array;
  /** True when anyone is a facilitator: then every group needs exactly one. */
  facMode: boolean;
  /** Most groups a facilitator may lead (unlimited = a large number). */
  cap: Int32Array;
  starts: Int32Array;
  slotCount: number;
  length: number;
  minSize: number;
  maxSize: number;
  /** Participants per group (the facilitator, if any, is not counted here). */
  minP: number;
  maxP: number;
  useIfNeeded: boolean;
  regular: Interval[][];
  /** Regular plus, when allowed, if-needed time. */
  usable: Interval[][];
  /** Person -> viable slots (CSR); pReg marks edges inside regular time. */
  pOff: Int32Array;
  pSlot: Int32Array;
  pReg: Uint8Array;
  /** Slot -> participants (CSR) with the matching person-edge index. */
  sOff: Int32Array;
  sPerson: Int32Array;
  sEdge: Int32Array;
  /** Slot -> facilitators available there (CSR). */
  fOff: Int32Array;
  fList: Int32Array;
  /** Per facilitator index and slot: 0 unavailable, 1 if-needed time, 2 regular time. */
  facIndex: Int32Array;
  facAt: Uint8Array;
  participants: Int32Array;
  facilitators: Int32Array;
  /** Participants with at least one viable slot. */
  placeable: Int32Array;
  viable: Uint8Array;
  /** Per slot: participants and facilitators who could attend (viable or not). */
  slotParticipants: Int32Array;
  slotFacilitators: Int32Array;
}

export const UNLIMITED = 1 << 30;

export function buildInstance(input: ScheduleInput): Instance {
  const { params, people } = input;
  const n = people.length;
  const starts = candidateStarts(params.time_increment);
  const S = starts.length;
  const length = params.meeting_length;
  const facMode = people.some((p) => p.is_facilitator);
  const minP = facMode ? params.min_people - 1 : params.min_people;
  const maxP = facMode ? params.max_people - 1 : params.max_people;

  const isFac = new Uint8Array(n);
  const cap = new Int32Array(n);
  const regular: Interval[][] = [];
  const usable: Interval[][] = [];
  const masks: { full: Uint8Array; reg: Uint8Array }[] = [];
  const slotParticipants = new Int32Array(S);
  const slotFacilitators = new Int32Array(S);
  people.forEach((p, i) => {
    isFac[i] = p.is_facilitator ? 1 : 0;
    cap[i] = p.is_facilitator ? (p.max_groups ?? UNLIMITED) : 0;
    const reg = normalizeIntervals(p.intervals);
    const all = params.use_if_needed ? normalizeIntervals([...p.intervals, ...p.if_needed_intervals]) : reg;
    regular.push(reg);
    usable.push(all);
    const full = coverageMask(all, starts, length);
    masks.push({ full, reg: all === reg ? full : coverageMask(reg, starts, length) });
    const counts = p.is_facilitator ? slotFacilitators : slotParticipants;
    for (let s = 0; s < S; s++) if (full[s]) counts[s]! += 1;
  });

  const viable = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    viable[s] = slotParticipants[s]! >= minP && (!facMode || slotFacilitators[s]! >= 1) ? 1 : 0;
  }

  const pOff = new Int32Array(n + 1);
  const slotsOf: number[] = [];
  const regOf: number[] = [];
  for (let i = 0; i < n; i++) {
    const { full, reg } = masks[i]!;
    for (let s = 0; s < S; s++) {
      if (full[s] && viable[s]) {
        slotsOf.push(s);
        regOf.push(reg[s] ? 1 : 0);
      }
    }
    pOff[i + 1] = slotsOf.length;
  }
  const pSlot = Int32Array.from(slotsOf);
  const pReg = Uint8Array.from(regOf);

  const participants: number[] = [];
  const facilitators: number[] = [];
  for (let i = 0; i < n; i++) (isFac[i] ? facilitators : participants).push(i);

  // Slot -> participants, regular edges first so searches prefer regular time.
  const sOff = new Int32Array(S + 1);
  for (const p of participants) for (let e = pOff[p]!; e < pOff[p + 1]!; e++) sOff[pSlot[e]! + 1]! += 1;
  for (let s = 0; s < S; s++) sOff[s + 1]! += sOff[s]!;
  const fill = sOff.slice(0, S);
  const sPerson = new Int32Array(sOff[S]!);
  const sEdge = new Int32Array(sOff[S]!);
  for (const wantReg of [1, 0]) {
    for (const p of participants) {
      for (let e = pOff[p]!; e < pOff[p + 1]!; e++) {
        if (pReg[e] !== wantReg) continue;
        const at = fill[pSlot[e]!]!++;
        sPerson[at] = p;
        sEdge[at] = e;
      }
    }
  }

  const facIndex = new Int32Array(n).fill(-1);
  facilitators.forEach((f, i) => (facIndex[f] = i));
  const facAt = new Uint8Array(facilitators.length * S);
  const fOff = new Int32Array(S + 1);
  facilitators.forEach((f, i) => {
    for (let e = pOff[f]!; e < pOff[f + 1]!; e++) {
      facAt[i * S + pSlot[e]!] = pReg[e] ? 2 : 1;
      fOff[pSlot[e]! + 1]! += 1;
    }
  });
  for (let s = 0; s < S; s++) fOff[s + 1]! += fOff[s]!;
  const fFill = fOff.slice(0, S);
  const fList = new Int32Array(fOff[S]!);
  for (const f of facilitators) for (let e = pOff[f]!; e < pOff[f + 1]!; e++) fList[fFill[pSlot[e]!]!++] = f;

  const placeable = participants.filter((p) => pOff[p + 1]! > pOff[p]!);

  return {
    n,
    ids: people.map((p) => p.id),
    isFac,
    facMode,
    cap,
    starts: Int32Array.from(starts),
    slotCount: S,
    length,
    minSize: params.min_people,
    maxSize: params.max_people,
    minP,
    maxP,
    useIfNeeded: params.use_if_needed,
    regular,
    usable,
    pOff,
    pSlot,
    pReg,
    sOff,
    sPerson,
    sEdge,
    fOff,
    fList,
    facIndex,
    facAt,
    participants: Int32Array.from(participants),
    facilitators: Int32Array.from(facilitators),
    placeable: Int32Array.from(placeable),
    viable,
    slotParticipants,
    slotFacilitators,
  };
}

/** Most non-overlapping meetings that fit in a week: a bound on any facilitator's groups. */
export function maxMeetingsPerWeek(inst: Instance): number {
  return Math.max(1, Math.floor(WEEK_MINUTES / inst.length));
}

/**
 * Balance penalty of one slot holding `n` participants in `k` groups split as
 * evenly as possible: sum over groups of (2 * size - (min + max))^2, i.e. four
 * times the squared distance of each size from the middle of the allowed range.
 */
export function sizeCost(inst: Instance, n: number, k: number): number {
  if (k <= 0) return 0;
  const extra = inst.facMode ? 1 : 0;
  const mid = inst.minSize + inst.maxSize;
  const q = Math.floor(n / k);
  const r = n - q * k;
  const big = 2 * (q + 1 + extra) - mid;
  const small = 2 * (q + extra) - mid;
  return r * big * big + (k - r) * small * small;
}
