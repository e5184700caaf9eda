import { meetingsOverlap } from "./availability";
import { sizeCost, type Instance } from "./instance";

/**
 * A schedule under construction: open groups (slot, facilitator) plus an
 * assignment of participants to slots. Groups at the same slot are pooled:
 * their members are split evenly only at the end, so the participant side is
 * a b-matching with lower bounds (k * minP <= count <= k * maxP per slot).
 *
 * Invariant kept by every public operation: every slot's count lies within its
 * bounds. `augment` then makes the assignment a maximum one for the current
 * groups (no alternating path from an unplaced participant to a slot with
 * room), so "placed" is exact for the chosen groups.
 */
export class State {
  readonly inst: Instance;
  readonly asg: Int32Array;
  readonly asgE: Int32Array;
  readonly cnt: Int32Array;
  readonly k: Int32Array;
  readonly head: Int32Array;
  readonly nxt: Int32Array;
  readonly prv: Int32Array;
  readonly gSlot: Int32Array;
  readonly gFac: Int32Array;
  readonly facCount: Int32Array;
  readonly facIfn: Int32Array;
  nG = 0;
  placedP = 0;
  placedF = 0;
  ifnP = 0;
  ifnF = 0;
  /** Edges scanned so far: a deterministic measure of effort. */
  work = 0;

  private stamp = 0;
  private readonly vis: Int32Array;
  private readonly parP: Int32Array;
  private readonly parE: Int32Array;
  private readonly parPrev: Int32Array;
  private readonly queue: Int32Array;

  constructor(inst: Instance) {
    this.inst = inst;
    const { n, slotCount: S } = inst;
    this.asg = new Int32Array(n).fill(-1);
    this.asgE = new Int32Array(n).fill(-1);
    this.cnt = new Int32Array(S);
    this.k = new Int32Array(S);
    this.head = new Int32Array(S).fill(-1);
    this.nxt = new Int32Array(n).fill(-1);
    this.prv = new Int32Array(n).fill(-1);
    const maxGroups = Math.floor(inst.participants.length / Math.max(1, inst.minP)) + 1;
    this.gSlot = new Int32Array(maxGroups);
    this.gFac = new Int32Array(maxGroups);
    this.facCount = new Int32Array(n);
    this.facIfn = new Int32Array(n);
    this.vis = new Int32Array(S);
    this.parP = new Int32Array(S);
    this.parE = new Int32Array(S);
    this.parPrev = new Int32Array(S);
    this.queue = new Int32Array(S);
  }

  get placed(): number {
    return this.placedP + this.placedF;
  }

  get ifNeeded(): number {
    return this.ifnP + this.ifnF;
  }

  lower(s: number): number {
    return this.k[s]! * this.inst.minP;
  }

  upper(s: number): number {
    return this.k[s]! * this.inst.maxP;
  }

  balanceCost(): number {
    let total = 0;
    for (let s = 0; s < this.inst.slotCount; s++) if (this.k[s]) total += sizeCost(this.inst, this.cnt[s]!, this.k[s]!);
    return total;
  }

  /** Moves participant p to slot s through edge e (or unassigns when s = -1). */
  setAsg(p: number, s: number, e: number): void {
    const old = this.asg[p]!;
    if (old >= 0) {
      const pv = this.prv[p]!;
      const nx = this.nxt[p]!;
      if (pv >= 0) this.nxt[pv] = nx;
      else this.head[old] = nx;
      if (nx >= 0) this.prv[nx] = pv;
      this.cnt[old]! -= 1;
      if (!this.inst.pReg[this.asgE[p]!]) this.ifnP--;
      this.placedP--;
    }
    this.asg[p] = s;
    this.asgE[p] = e;
    if (s >= 0) {
      const h = this.head[s]!;
      this.nxt[p] = h;
      this.prv[p] = -1;
      if (h >= 0) this.prv[h] = p;
      this.head[s] = p;
      this.cnt[s]! += 1;
      if (!this.inst.pReg[e]) this.ifnP++;
      this.placedP++;
    }
  }

  /** Whether facilitator f may lead one more group at slot s. */
  canLead(f: number, s: number): boolean {
    const inst = this.inst;
    if (!inst.facAt[inst.facIndex[f]! * inst.slotCount + s]) return false;
    if (this.facCount[f]! >= inst.cap[f]!) return false;
    if (this.facCount[f] === 0) return true;
    const start = inst.starts[s]!;
    for (let g = 0; g < this.nG; g++) {
      if (this.gFac[g] === f && meetingsOverlap(start, inst.starts[this.gSlot[g]!]!, inst.length)) return false;
    }
    return true;
  }

  private addFacilitator(f: number, s: number, sign: 1 | -1): void {
    const inst = this.inst;
    const before = this.facCount[f]!;
    this.facCount[f] = before + sign;
    if (before === 0 && sign > 0) this.placedF++;
    if (before === 1 && sign < 0) this.placedF--;
    if (inst.facAt[inst.facIndex[f]! * inst.slotCount + s] === 1) {
      const ifn = this.facIfn[f]!;
      this.facIfn[f] = ifn + sign;
      if (ifn === 0 && sign > 0) this.ifnF++;
      if (ifn === 1 && sign < 0) this.ifnF--;
    }
  }

  /**
   * Opens a group at slot s led by f (-1 without facilitators) and fills it up
   * to its lower bound, pulling people from unplaced or from slots above their
   * own lower bound. Returns false when it cannot be filled; the state is then
   * inconsistent and the caller must restore a snapshot.
   */
  open(s: number, f: number): boolean {
    if (this.nG >= this.gSlot.length) return false;
    this.gSlot[this.nG] = s;
    this.gFac[this.nG] = f;
    this.nG++;
    this.k[s]! += 1;
    if (f >= 0) this.addFacilitator(f, s, 1);
    while (this.cnt[s]! < this.lower(s)) if (!this.pullInto(s)) return false;
    return true;
  }

  /** Closes group g; members beyond the slot's new capacity become unplaced (augment re-places them). */
  close(g: number): void {
    const s = this.gSlot[g]!;
    const f = this.gFac[g]!;
    const last = this.nG - 1;
    this.gSlot[g] = this.gSlot[last]!;
    this.gFac[g] = this.gFac[last]!;
    this.nG = last;
    this.k[s]! -= 1;
    if (f >= 0) this.addFacilitator(f, s, -1);
    let excess = this.cnt[s]! - this.upper(s);
    // Release people on if-needed time first: they are the ones we'd rather move.
    for (const wantIfn of [true, false]) {
      let p = this.head[s]!;
      while (excess > 0 && p >= 0) {
        const next = this.nxt[p]!;
        if (!this.inst.pReg[this.asgE[p]!] === wantIfn) {
          this.setAsg(p, -1, -1);
          excess--;
        }
        p = next;
      }
    }
  }

  /** Hands group g to facilitator f2 (same slot). */
  swapFacilitator(g: number, f2: number): void {
    const s = this.gSlot[g]!;
    this.addFacilitator(this.gFac[g]!, s, -1);
    this.gFac[g] = f2;
    this.addFacilitator(f2, s, 1);
  }

  /**
   * Reverse BFS from slot s for one more member: an unplaced participant, or
   * one taken from a slot above its lower bound, moved along a chain of
   * reassignments ending in s.
   */
  private pullInto(s: number): boolean {
    const inst = this.inst;
    const { sOff, sPerson, sEdge } = inst;
    const stamp = ++this.stamp;
    const vis = this.vis;
    const q = this.queue;
    vis[s] = stamp;
    q[0] = s;
    let qh = 0;
    let qt = 1;
    while (qh < qt) {
      const u = q[qh++]!;
      const end = sOff[u + 1]!;
      this.work += end - sOff[u]!;
      for (let i = sOff[u]!; i < end; i++) {
        const p = sPerson[i]!;
        const a = this.asg[p]!;
        if (a === u) continue;
        if (a < 0 || (vis[a] !== stamp && this.cnt[a]! > this.lower(a))) {
          this.setAsg(p, u, sEdge[i]!);
          let cur = u;
          while (cur !== s) {
            const r = this.parP[cur]!;
            const to = this.parPrev[cur]!;
            this.setAsg(r, to, this.parE[cur]!);
            cur = to;
          }
          return true;
        }
        if (vis[a] === stamp) continue;
        vis[a] = stamp;
        this.parP[a] = p;
        this.parE[a] = sEdge[i]!;
        this.parPrev[a] = u;
        q[qt++] = a;
      }
    }
    return false;
  }

  /**
   * One augmenting path from any unplaced participant to a slot with room,
   * by forward BFS. Returns false when the assignment is already maximum.
   */
  augmentOne(): boolean {
    const inst = this.inst;
    const { pOff, pSlot, placeable } = inst;
    const stamp = ++this.stamp;
    const vis = this.vis;
    const q = this.queue;
    let qt = 0;
    for (let i = 0; i < placeable.length; i++) {
      const p = placeable[i]!;
      if (this.asg[p]! >= 0) continue;
      const end = pOff[p + 1]!;
      this.work += end - pOff[p]! + 1;
      for (let e = pOff[p]!; e < end; e++) {
        const s = pSlot[e]!;
        if (this.k[s] === 0 || vis[s] === stamp) continue;
        vis[s] = stamp;
        this.parP[s] = p;
        this.parE[s] = e;
        this.parPrev[s] = -1;
        if (this.cnt[s]! < this.upper(s)) return this.applyForward(s);
        q[qt++] = s;
      }
    }
    let qh = 0;
    while (qh < qt) {
      const u = q[qh++]!;
      for (let r = this.head[u]!; r >= 0; r = this.nxt[r]!) {
        const end = pOff[r + 1]!;
        this.work += end - pOff[r]! + 1;
        for (let e = pOff[r]!; e < end; e++) {
          const t = pSlot[e]!;
          if (this.k[t] === 0 || vis[t] === stamp) continue;
          vis[t] = stamp;
          this.parP[t] = r;
          this.parE[t] = e;
          this.parPrev[t] = u;
          if (this.cnt[t]! < this.upper(t)) return this.applyForward(t);
          q[qt++] = t;
        }
      }
    }
    return false;
  }

  private applyForward(t: number): true {
    let cur = t;
    while (cur >= 0) {
      const r = this.parP[cur]!;
      const from = this.parPrev[cur]!;
      this.setAsg(r, cur, this.parE[cur]!);
      cur = from;
    }
    return true;
  }

  augment(): void {
    while (this.augmentOne());
  }
}

/** A copy of everything a move can change, to undo rejected moves. */
export class Snapshot {
  readonly asg: Int32Array;
  readonly asgE: Int32Array;
  readonly cnt: Int32Array;
  readonly k: Int32Array;
  readonly head: Int32Array;
  readonly nxt: Int32Array;
  readonly prv: Int32Array;
  readonly gSlot: Int32Array;
  readonly gFac: Int32Array;
  readonly facCount: Int32Array;
  readonly facIfn: Int32Array;
  nG = 0;
  placedP = 0;
  placedF = 0;
  ifnP = 0;
  ifnF = 0;

  constructor(st: State) {
    this.asg = st.asg.slice();
    this.asgE = st.asgE.slice();
    this.cnt = st.cnt.slice();
    this.k = st.k.slice();
    this.head = st.head.slice();
    this.nxt = st.nxt.slice();
    this.prv = st.prv.slice();
    this.gSlot = st.gSlot.slice();
    this.gFac = st.gFac.slice();
    this.facCount = st.facCount.slice();
    this.facIfn = st.facIfn.slice();
    this.save(st);
  }

  save(st: State): void {
    this.asg.set(st.asg);
    this.asgE.set(st.asgE);
    this.cnt.set(st.cnt);
    this.k.set(st.k);
    this.head.set(st.head);
    this.nxt.set(st.nxt);
    this.prv.set(st.prv);
    this.gSlot.set(st.gSlot.subarray(0, st.nG));
    this.gFac.set(st.gFac.subarray(0, st.nG));
    this.facCount.set(st.facCount);
    this.facIfn.set(st.facIfn);
    this.nG = st.nG;
    this.placedP = st.placedP;
    this.placedF = st.placedF;
    this.ifnP = st.ifnP;
    this.ifnF = st.ifnF;
  }

  load(st: State): void {
    st.asg.set(this.asg);
    st.asgE.set(this.asgE);
    st.cnt.set(this.cnt);
    st.k.set(this.k);
    st.head.set(this.head);
    st.nxt.set(this.nxt);
    st.prv.set(this.prv);
    st.gSlot.set(this.gSlot.subarray(0, this.nG));
    st.gFac.set(this.gFac.subarray(0, this.nG));
    st.facCount.set(this.facCount);
    st.facIfn.set(this.facIfn);
    st.nG = this.nG;
    st.placedP = this.placedP;
    st.placedF = this.placedF;
    st.ifnP = this.ifnP;
    st.ifnF = this.ifnF;
  }
}
