import { maxMeetingsPerWeek, type Instance } from "./instance";
import { MaxFlow } from "./flow";

/**
 * An upper bound on how many people any schedule can place, from a relaxed
 * flow: participants -> viable slots -> facilitators -> sink, where each
 * facilitator takes at most maxP participants per slot and maxP times their
 * group limit overall. Group minimum sizes and overlaps between one
 * facilitator's meetings are relaxed away. Facilitators add at most one each,
 * and no more than the groups the placed participants could fill.
 * Without facilitators it is simply the participants with a viable slot.
 */
export function upperBound(inst: Instance): number {
  if (!inst.facMode) return inst.placeable.length;
  const { slotCount: S, placeable, facilitators, pOff, pSlot } = inst;
  const F = facilitators.length;
  const source = 0;
  const personNode = (i: number) => 1 + i;
  const slotNode = (s: number) => 1 + placeable.length + s;
  const facNode = (i: number) => 1 + placeable.length + S + i;
  const sink = 1 + placeable.length + S + F;
  const flow = new MaxFlow(sink + 1);
  placeable.forEach((p, i) => {
    flow.addEdge(source, personNode(i), 1);
    for (let e = pOff[p]!; e < pOff[p + 1]!; e++) flow.addEdge(personNode(i), slotNode(pSlot[e]!), 1);
  });
  const perWeek = maxMeetingsPerWeek(inst);
  let viableFacilitators = 0;
  facilitators.forEach((f, i) => {
    const slots = pOff[f + 1]! - pOff[f]!;
    if (slots === 0) return;
    viableFacilitators++;
    for (let e = pOff[f]!; e < pOff[f + 1]!; e++) flow.addEdge(slotNode(pSlot[e]!), facNode(i), inst.maxP);
    const groups = Math.min(inst.cap[f]!, slots, perWeek);
    flow.addEdge(facNode(i), sink, groups * inst.maxP);
  });
  const participants = flow.run(source, sink);
  return participants + Math.min(viableFacilitators, Math.floor(participants / inst.minP));
}
