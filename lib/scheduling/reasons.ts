import { coverageMask, meetingsOverlap } from "./availability";
import type { Instance } from "./instance";
import type { SchedulePerson } from "./schema";

export const unassignedCodes = [
  "no_availability",
  "only_if_needed",
  "no_fitting_time",
  "no_facilitator",
  "too_few_people",
  "facilitators_full",
  "groups_full",
  "shared_times_taken",
  "not_needed",
] as const;
export type UnassignedCode = (typeof unassignedCodes)[number];

export interface FinalGroup {
  slot: number;
  facilitator: number;
}

export interface Reason {
  code: UnassignedCode;
  reason: string;
}

function hours(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}-hour` : `${minutes}-minute`;
}

/** Why person p was left out, in words that say what would help. */
export function explainUnassigned(inst: Instance, person: SchedulePerson, p: number, groups: readonly FinalGroup[]): Reason {
  const isFac = inst.isFac[p] === 1;
  if (inst.usable[p]!.length === 0) {
    if (!inst.useIfNeeded && person.if_needed_intervals.length > 0) {
      return {
        code: "only_if_needed",
        reason: "Only \"if needed\" times were given and this run does not use them. Add some regular weekly times.",
      };
    }
    return { code: "no_availability", reason: "No available times were given. Add the weekly times you could meet." };
  }
  const mask = coverageMask(inst.usable[p]!, Array.from(inst.starts), inst.length);
  const slots: number[] = [];
  mask.forEach((v, s) => v && slots.push(s));
  if (slots.length === 0) {
    return {
      code: "no_fitting_time",
      reason: `None of the available blocks fits a whole ${hours(inst.length)} meeting. Add a block of at least ${inst.length} minutes.`,
    };
  }
  const hint = !inst.useIfNeeded && person.if_needed_intervals.length > 0 ? " (\"If needed\" times were not used in this run.)" : "";
  if (isFac) {
    if (!slots.some((s) => inst.slotParticipants[s]! >= inst.minP)) {
      return {
        code: "too_few_people",
        reason: `At none of these times are ${inst.minP} participants available, the fewest a group needs besides its facilitator. Adding more times would help.${hint}`,
      };
    }
    return {
      code: "not_needed",
      reason: `The groups at these times already have facilitators, and too few unplaced participants remain at these times for another group. Adding more times would help.${hint}`,
    };
  }
  if (inst.facMode && !slots.some((s) => inst.slotFacilitators[s]! > 0)) {
    return {
      code: "no_facilitator",
      reason: `No facilitator is available at any of these times. Adding times when facilitators are free would help.${hint}`,
    };
  }
  const viable = slots.filter((s) => inst.viable[s]);
  if (viable.length === 0) {
    return {
      code: "too_few_people",
      reason: `At none of these times can ${inst.minSize} people${inst.facMode ? " (including a facilitator)" : ""} meet, the smallest group allowed. Adding more times would help.${hint}`,
    };
  }
  if (inst.facMode) {
    const anyLeader = viable.some((s) => {
      for (let i = inst.fOff[s]!; i < inst.fOff[s + 1]!; i++) {
        const f = inst.fList[i]!;
        const led = groups.filter((g) => g.facilitator === f);
        if (led.length >= inst.cap[f]!) continue;
        if (led.every((g) => !meetingsOverlap(inst.starts[s]!, inst.starts[g.slot]!, inst.length))) return true;
      }
      return false;
    });
    if (!anyLeader) {
      return {
        code: "facilitators_full",
        reason: `Every facilitator available at these times already leads as many groups as they can. More facilitators, or more times, would help.${hint}`,
      };
    }
  }
  if (groups.some((g) => viable.includes(g.slot))) {
    return {
      code: "groups_full",
      reason: `The groups meeting at these times are full, and too few unplaced people share one of these times to start another group. Adding more times would help.${hint}`,
    };
  }
  return {
    code: "shared_times_taken",
    reason: `The people who share these times are in groups at other times they also gave, leaving too few to start a group here. Adding more times would help.${hint}`,
  };
}
