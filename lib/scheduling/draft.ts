import { coversMeeting, meetingsOverlap, normalizeIntervals, WEEK_MINUTES, type Interval } from "./availability";
import { localSlot, type CohortCalendar } from "./cohort-calendar";
import type { ScheduleInput } from "./schema";
import type { ScheduleOutput } from "./types";

/**
 * The admin's draft of a cohort's groups, checked against the same hard
 * rules as the scheduler (lib/scheduling/check.ts), but answered in words a
 * person can act on and attached to the group and the person they concern.
 * Pure, so the scheduling page runs it on every move (instant feedback) and
 * the server runs it again before saving and publishing.
 */

export interface DraftPerson {
  id: string;
  name: string;
  isFacilitator: boolean;
  /** [start, end) minutes of the cohort's reference week (UTC). */
  intervals: readonly Interval[];
  ifNeededIntervals: readonly Interval[];
  /** Facilitators only: most groups they lead; null = no limit. */
  maxGroups: number | null;
}

export interface DraftParams {
  meetingMinutes: number;
  minSize: number;
  maxSize: number;
  /** Whether "if needed" time counts as available (the scheduler's use_if_needed; default true). */
  useIfNeeded?: boolean;
  /** Meetings start on multiples of this many minutes (default 30). */
  increment?: number;
}

export interface DraftGroup {
  key: string;
  name: string;
  start: number;
  /** Everyone in the group, its facilitator included. */
  memberIds: readonly string[];
  manual?: boolean;
}

/** How to say a meeting time: the cohort's calendar and the reader's zone ("Tue 18:00 your time"). */
export interface DraftView {
  calendar: CohortCalendar;
  timeZone: string;
}

export type DraftProblemCode =
  | "unknown_person"
  | "not_available"
  | "too_small"
  | "too_large"
  | "no_facilitator"
  | "two_facilitators"
  | "over_limit"
  | "overlapping_groups"
  | "in_two_groups"
  | "bad_start";

export interface DraftProblem {
  code: DraftProblemCode;
  message: string;
  /** The group it concerns (the first one, for problems between groups). */
  groupKey: string | null;
  personId: string | null;
}

export interface GroupReport {
  key: string;
  name: string;
  start: number;
  size: number;
  /** The group's facilitator when it has exactly one. */
  facilitatorId: string | null;
  /** Members for whom the meeting is not entirely in their regular time. */
  ifNeededIds: string[];
  problems: DraftProblem[];
}

export interface PersonReport {
  id: string;
  /** Groups this person is in (facilitators may lead several). */
  groupKeys: string[];
  onIfNeeded: boolean;
  problems: DraftProblem[];
}

export interface DraftFigures {
  people: number;
  placed: number;
  /** Whole percent of people placed (0 when nobody gave availability). */
  placedPercent: number;
  unassigned: number;
  onIfNeeded: number;
  groups: number;
  sizeMin: number | null;
  sizeMax: number | null;
}

export interface DraftAnalysis {
  /** In the draft's order. */
  groups: GroupReport[];
  people: Map<string, PersonReport>;
  /** Every problem once, groups first. */
  problems: DraftProblem[];
  /** No hard rule is broken: the draft may be published. */
  valid: boolean;
  figures: DraftFigures;
  /** Whether groups need exactly one facilitator (someone in the cohort is one). */
  facilitatorMode: boolean;
}

export interface DraftInput {
  people: readonly DraftPerson[];
  params: DraftParams;
  groups: readonly DraftGroup[];
  view?: DraftView;
}

const weekdayShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "Tue 18:00 your time" in the reader's zone; "Tue 16:00 UTC" without a view. */
export function describeStart(start: number, view?: DraftView): string {
  if (!view) {
    const m = ((start % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
    return `${weekdayShort[Math.floor(m / 1440)]} ${pad(Math.floor((m % 1440) / 60))}:${pad(m % 60)} UTC`;
  }
  const slot = localSlot(view.calendar, start, view.timeZone);
  return `${weekdayShort[slot.weekday - 1]} ${pad(Math.floor(slot.minuteOfDay / 60))}:${pad(slot.minuteOfDay % 60)} your time`;
}

function people(n: number): string {
  return n === 1 ? "1 person" : `${n} people`;
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Availability a person may be scheduled in, and their regular time alone, normalised once. */
interface Usable {
  usable: Interval[];
  regular: Interval[];
}

function usableOf(person: DraftPerson, params: DraftParams): Usable {
  const regular = normalizeIntervals(person.intervals);
  const useIfNeeded = params.useIfNeeded ?? true;
  return { regular, usable: useIfNeeded ? normalizeIntervals([...person.intervals, ...person.ifNeededIntervals]) : regular };
}

function cacheOf(list: readonly DraftPerson[], params: DraftParams) {
  const byId = new Map(list.map((p) => [p.id, p]));
  const usable = new Map<string, Usable>();
  const get = (id: string): Usable | null => {
    const person = byId.get(id);
    if (!person) return null;
    let u = usable.get(id);
    if (!u) {
      u = usableOf(person, params);
      usable.set(id, u);
    }
    return u;
  };
  return { byId, get };
}

/** Checks a draft against the hard rules; see the module comment. */
export function analyseDraft(input: DraftInput): DraftAnalysis {
  const { params, view } = input;
  const increment = params.increment ?? 30;
  const { byId, get } = cacheOf(input.people, params);
  const facilitatorMode = input.people.some((p) => p.isFacilitator);
  const nameOf = (id: string) => byId.get(id)?.name ?? "Someone";
  const problems: DraftProblem[] = [];
  const personProblems = new Map<string, DraftProblem[]>();
  const groupsOfPerson = new Map<string, string[]>();
  const ifNeededPeople = new Set<string>();
  const add = (problem: DraftProblem, group: GroupReport | null) => {
    problems.push(problem);
    group?.problems.push(problem);
    if (problem.personId) {
      const list = personProblems.get(problem.personId) ?? [];
      list.push(problem);
      personProblems.set(problem.personId, list);
    }
  };

  const reports: GroupReport[] = input.groups.map((g) => {
    const facilitators = g.memberIds.filter((id) => byId.get(id)?.isFacilitator);
    return {
      key: g.key,
      name: g.name,
      start: g.start,
      size: g.memberIds.length,
      facilitatorId: facilitators.length === 1 ? facilitators[0]! : null,
      ifNeededIds: [],
      problems: [],
    };
  });
  const reportOf = new Map(reports.map((r) => [r.key, r]));

  input.groups.forEach((g, gi) => {
    const report = reports[gi]!;
    const validStart = Number.isInteger(g.start) && g.start >= 0 && g.start < WEEK_MINUTES && g.start % increment === 0;
    if (!validStart) {
      add({ code: "bad_start", message: `${g.name} has a meeting time that is not on the ${increment === 30 ? "half hour" : `${increment}-minute grid`}; choose another`, groupKey: g.key, personId: null }, report);
    }
    const when = describeStart(g.start, view);
    for (const id of g.memberIds) {
      const person = byId.get(id);
      if (!person) {
        add({ code: "unknown_person", message: `Someone in ${g.name} has not given availability for this cohort`, groupKey: g.key, personId: id }, report);
        continue;
      }
      (groupsOfPerson.get(id) ?? groupsOfPerson.set(id, []).get(id)!).push(g.key);
      const u = get(id)!;
      if (!validStart) continue;
      if (!coversMeeting(u.usable, g.start, params.meetingMinutes)) {
        add({ code: "not_available", message: `${person.name} is not free at ${when}`, groupKey: g.key, personId: id }, report);
      } else if (!coversMeeting(u.regular, g.start, params.meetingMinutes)) {
        report.ifNeededIds.push(id);
        ifNeededPeople.add(id);
      }
    }
    const size = g.memberIds.length;
    if (size < params.minSize) {
      add({ code: "too_small", message: `${g.name} has ${people(size)}; at least ${params.minSize}`, groupKey: g.key, personId: null }, report);
    } else if (size > params.maxSize) {
      add({ code: "too_large", message: `${g.name} has ${people(size)}; at most ${params.maxSize}`, groupKey: g.key, personId: null }, report);
    }
    if (facilitatorMode) {
      const facilitators = g.memberIds.filter((id) => byId.get(id)?.isFacilitator);
      if (facilitators.length === 0) {
        add({ code: "no_facilitator", message: `${g.name} has no facilitator`, groupKey: g.key, personId: null }, report);
      } else if (facilitators.length > 1) {
        add(
          { code: "two_facilitators", message: `${g.name} has ${facilitators.length} facilitators (${listNames(facilitators.map(nameOf))}); keep one`, groupKey: g.key, personId: null },
          report,
        );
      }
    }
  });

  // Between groups: nobody in two groups, facilitators within their limit and never in two places at once.
  for (const [id, keys] of groupsOfPerson) {
    const person = byId.get(id)!;
    if (keys.length < 2) continue;
    const groupNames = keys.map((k) => reportOf.get(k)?.name ?? k);
    if (!person.isFacilitator || !facilitatorMode) {
      add({ code: "in_two_groups", message: `${person.name} is in ${listNames(groupNames)}; keep them in one`, groupKey: keys[0]!, personId: id }, reportOf.get(keys[0]!) ?? null);
      continue;
    }
    if (person.maxGroups !== null && keys.length > person.maxGroups) {
      add(
        { code: "over_limit", message: `${person.name} leads ${keys.length} groups; their limit is ${person.maxGroups}`, groupKey: keys[0]!, personId: id },
        reportOf.get(keys[0]!) ?? null,
      );
    }
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = reportOf.get(keys[i]!)!;
        const b = reportOf.get(keys[j]!)!;
        if (meetingsOverlap(a.start, b.start, params.meetingMinutes)) {
          add({ code: "overlapping_groups", message: `${person.name} leads ${a.name} and ${b.name} at overlapping times`, groupKey: b.key, personId: id }, b);
        }
      }
    }
  }

  const peopleReports = new Map<string, PersonReport>();
  for (const person of input.people) {
    peopleReports.set(person.id, {
      id: person.id,
      groupKeys: groupsOfPerson.get(person.id) ?? [],
      onIfNeeded: ifNeededPeople.has(person.id),
      problems: personProblems.get(person.id) ?? [],
    });
  }
  const sizes = input.groups.map((g) => g.memberIds.length);
  const placed = input.people.filter((p) => (groupsOfPerson.get(p.id)?.length ?? 0) > 0).length;
  return {
    groups: reports,
    people: peopleReports,
    problems,
    valid: problems.length === 0,
    facilitatorMode,
    figures: {
      people: input.people.length,
      placed,
      placedPercent: input.people.length === 0 ? 0 : Math.round((placed / input.people.length) * 100),
      unassigned: input.people.length - placed,
      onIfNeeded: ifNeededPeople.size,
      groups: input.groups.length,
      sizeMin: sizes.length ? Math.min(...sizes) : null,
      sizeMax: sizes.length ? Math.max(...sizes) : null,
    },
  };
}

// ---------------------------------------------------------------------------
// Edits

export interface DraftMove {
  personId: string;
  /** The group they leave, or null when they come from the unassigned list. */
  from: string | null;
  /** The group they join, or null to leave them unassigned. */
  to: string | null;
}

/** The draft after one move; the groups it touches are marked as changed by hand. */
export function applyMove<G extends DraftGroup>(groups: readonly G[], move: DraftMove): G[] {
  if (move.from === move.to) return [...groups];
  return groups.map((g) => {
    if (g.key === move.from && g.memberIds.includes(move.personId)) {
      return { ...g, memberIds: g.memberIds.filter((id) => id !== move.personId), manual: true };
    }
    if (g.key === move.to && !g.memberIds.includes(move.personId)) {
      return { ...g, memberIds: [...g.memberIds, move.personId], manual: true };
    }
    return g;
  });
}

/** The draft with one group moved to another start (marked as changed by hand). */
export function setGroupStart<G extends DraftGroup>(groups: readonly G[], key: string, start: number): G[] {
  return groups.map((g) => (g.key === key && g.start !== start ? { ...g, start, manual: true } : g));
}

/**
 * What a move would do, in words, before it is made: the problems it would
 * add to the groups it touches. The "Move to…" menu shows these next to each
 * choice; an empty list means the move keeps both groups valid.
 */
export function moveEffects(input: DraftInput, move: DraftMove): DraftProblem[] {
  if (move.from === move.to) return [];
  const touched = new Set([move.from, move.to].filter((k): k is string => k !== null));
  const involved = (p: DraftProblem) => (p.groupKey !== null && touched.has(p.groupKey)) || p.personId === move.personId;
  const before = new Set(analyseDraft(input).problems.filter(involved).map((p) => p.message));
  const after = analyseDraft({ ...input, groups: applyMove(input.groups, move) }).problems.filter(involved);
  return after.filter((p) => !before.has(p.message));
}

export interface StartOption {
  start: number;
  /** Members who would be on "if needed" time. */
  ifNeeded: number;
}

/**
 * The starts at which every member of a group can come (and its facilitator
 * has no other group at an overlapping time), for "change the meeting time".
 */
export function startsThatWork(input: DraftInput, key: string): StartOption[] {
  const group = input.groups.find((g) => g.key === key);
  if (!group) return [];
  const increment = input.params.increment ?? 30;
  const { byId, get } = cacheOf(input.people, input.params);
  const members = group.memberIds.map(get).filter((u): u is Usable => u !== null);
  const facilitators = group.memberIds.filter((id) => byId.get(id)?.isFacilitator);
  const otherStarts = input.groups.filter((g) => g.key !== key && g.memberIds.some((id) => facilitators.includes(id))).map((g) => g.start);
  const options: StartOption[] = [];
  for (let start = 0; start < WEEK_MINUTES; start += increment) {
    if (!members.every((u) => coversMeeting(u.usable, start, input.params.meetingMinutes))) continue;
    if (otherStarts.some((s) => meetingsOverlap(s, start, input.params.meetingMinutes))) continue;
    options.push({ start, ifNeeded: members.filter((u) => !coversMeeting(u.regular, start, input.params.meetingMinutes)).length });
  }
  return options;
}

/**
 * A group is "changed by hand" when it is new, or its members or time differ
 * from the saved draft (renaming alone does not pin it), or it was already.
 * The server decides this, so "keep my changes" does not trust the client.
 */
export function markManualChanges<G extends DraftGroup>(previous: readonly DraftGroup[], next: readonly G[]): (G & { manual: boolean })[] {
  const before = new Map(previous.map((g) => [g.key, g]));
  return next.map((g) => {
    const old = before.get(g.key);
    if (!old) return { ...g, manual: true };
    const sameMembers = old.memberIds.length === g.memberIds.length && new Set([...old.memberIds, ...g.memberIds]).size === g.memberIds.length;
    return { ...g, manual: Boolean(old.manual) || !sameMembers || old.start !== g.start };
  });
}

/** The draft in the scheduler's wire form, so lib/scheduling/check.ts can check it independently. */
export function draftAsSchedule(input: DraftInput): { input: ScheduleInput; output: ScheduleOutput } {
  const scheduleInput: ScheduleInput = {
    params: {
      meeting_length: input.params.meetingMinutes,
      min_people: input.params.minSize,
      max_people: input.params.maxSize,
      time_increment: input.params.increment ?? 30,
      use_if_needed: input.params.useIfNeeded ?? true,
      seed: 0,
    },
    people: input.people.map((p) => ({
      id: p.id,
      intervals: [...p.intervals],
      if_needed_intervals: [...p.ifNeededIntervals],
      is_facilitator: p.isFacilitator,
      max_groups: p.maxGroups,
    })),
  };
  const analysis = analyseDraft(input);
  const placed = new Set(input.groups.flatMap((g) => g.memberIds));
  const output: ScheduleOutput = {
    groups: input.groups.map((g, i) => ({
      members: [...g.memberIds],
      facilitator_id: analysis.facilitatorMode ? (analysis.groups[i]?.facilitatorId ?? null) : null,
      start: g.start,
      if_needed: analysis.groups[i]?.ifNeededIds ?? [],
    })),
    unassigned: input.people.filter((p) => !placed.has(p.id)).map((p) => ({ id: p.id, code: "no_fitting_time" as const, reason: "" })),
    stats: {
      people: input.people.length,
      participants: input.people.filter((p) => !p.isFacilitator).length,
      facilitators: input.people.filter((p) => p.isFacilitator).length,
      placed: analysis.figures.placed,
      placed_participants: 0,
      placed_facilitators: 0,
      unassigned: analysis.figures.unassigned,
      groups: input.groups.length,
      on_if_needed: analysis.figures.onIfNeeded,
      group_size_min: analysis.figures.sizeMin,
      group_size_max: analysis.figures.sizeMax,
      upper_bound: 0,
      placed_is_optimal: false,
      method: "search",
      constructed_placed: null,
      iterations: 0,
      stopped_by_time_limit: false,
      seed: 0,
      run_time_ms: 0,
    },
  };
  return { input: scheduleInput, output };
}

/**
 * `intervals` without the meetings [start, start + length) (taken round the
 * week) that someone already has: a facilitator whose kept groups meet then
 * can never be given another group that overlaps them.
 */
export function withoutMeetings(intervals: readonly Interval[], starts: readonly number[], length: number): Interval[] {
  let out = normalizeIntervals(intervals);
  for (const start of starts) {
    const s = ((start % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
    const windows: Interval[] = s + length <= WEEK_MINUTES ? [[s, s + length]] : [[s, WEEK_MINUTES], [0, s + length - WEEK_MINUTES]];
    for (const [a, b] of windows) {
      out = out.flatMap(([x, y]): Interval[] => {
        if (b <= x || a >= y) return [[x, y]];
        const parts: Interval[] = [];
        if (x < a) parts.push([x, a]);
        if (b < y) parts.push([b, y]);
        return parts;
      });
    }
  }
  return out;
}
