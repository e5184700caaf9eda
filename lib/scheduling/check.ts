import { coversMeeting, meetingsOverlap, normalizeIntervals, WEEK_MINUTES } from "./availability";
import type { ScheduleInput } from "./schema";
import type { ScheduleOutput } from "./types";

/**
 * Independent check of the hard rules, written from the issue text rather
 * than from the solver's data structures. Returns one message per violation.
 */
export function findViolations(input: ScheduleInput, output: ScheduleOutput): string[] {
  const { params } = input;
  const problems: string[] = [];
  const byId = new Map(input.people.map((p) => [`${typeof p.id}:${p.id}`, p]));
  const key = (id: string | number) => `${typeof id}:${id}`;
  const facMode = input.people.some((p) => p.is_facilitator);
  const seen = new Set<string>();
  const led = new Map<string, number[]>();

  output.groups.forEach((g, gi) => {
    const where = `group ${gi} (start ${g.start})`;
    if (!Number.isInteger(g.start) || g.start < 0 || g.start >= WEEK_MINUTES || g.start % params.time_increment !== 0) {
      problems.push(`${where}: start is not a candidate start`);
    }
    if (g.members.length < params.min_people || g.members.length > params.max_people) {
      problems.push(`${where}: size ${g.members.length} outside ${params.min_people}-${params.max_people}`);
    }
    if (new Set(g.members.map(key)).size !== g.members.length) problems.push(`${where}: a member is listed twice`);
    const facs = g.members.filter((id) => byId.get(key(id))?.is_facilitator);
    if (facMode) {
      if (facs.length !== 1) problems.push(`${where}: has ${facs.length} facilitators`);
      if (g.facilitator_id === null || key(g.facilitator_id) !== (facs[0] === undefined ? "" : key(facs[0]))) {
        problems.push(`${where}: facilitator_id does not name its facilitator`);
      }
    } else if (g.facilitator_id !== null) {
      problems.push(`${where}: facilitator_id set without facilitators`);
    }
    for (const id of g.members) {
      const person = byId.get(key(id));
      if (!person) {
        problems.push(`${where}: unknown member ${id}`);
        continue;
      }
      const usable = params.use_if_needed ? [...person.intervals, ...person.if_needed_intervals] : person.intervals;
      if (!coversMeeting(normalizeIntervals(usable), g.start, params.meeting_length)) {
        problems.push(`${where}: ${id} is not available`);
      }
      if (person.is_facilitator) {
        const list = led.get(key(id)) ?? [];
        list.push(g.start);
        led.set(key(id), list);
      } else {
        if (seen.has(key(id))) problems.push(`${id} is in two groups`);
        seen.add(key(id));
      }
    }
  });

  for (const [id, starts] of led) {
    const person = byId.get(id)!;
    if (person.max_groups !== null && starts.length > person.max_groups) {
      problems.push(`facilitator ${person.id} leads ${starts.length} groups, more than ${person.max_groups}`);
    }
    for (let i = 0; i < starts.length; i++) {
      for (let j = i + 1; j < starts.length; j++) {
        if (meetingsOverlap(starts[i]!, starts[j]!, params.meeting_length)) {
          problems.push(`facilitator ${person.id} has overlapping groups at ${starts[i]} and ${starts[j]}`);
        }
      }
    }
  }

  const unassigned = new Set(output.unassigned.map((u) => key(u.id)));
  for (const p of input.people) {
    const inGroup = seen.has(key(p.id)) || led.has(key(p.id));
    if (inGroup && unassigned.has(key(p.id))) problems.push(`${p.id} is both placed and unassigned`);
    if (!inGroup && !unassigned.has(key(p.id))) problems.push(`${p.id} is neither placed nor unassigned`);
  }
  if (output.unassigned.length !== unassigned.size) problems.push("someone is listed twice as unassigned");
  const placed = seen.size + led.size;
  if (output.stats.placed !== placed) problems.push(`stats.placed is ${output.stats.placed}, groups hold ${placed}`);
  return problems;
}
