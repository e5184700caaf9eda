import { describe, expect, it } from "vitest";
import { findViolations } from "./check";
import {
  analyseDraft,
  applyMove,
  describeStart,
  draftAsSchedule,
  markManualChanges,
  moveEffects,
  setGroupStart,
  startsThatWork,
  type DraftGroup,
  type DraftInput,
  type DraftPerson,
  withoutMeetings,
} from "./draft";
import { createRng } from "./prng";
import { schedule } from "./schedule";
import { randomInput } from "./test-helpers";

const day = 1440;
const tue = day;
const wed = 2 * day;

/** Someone free on the given [start, end) blocks (minutes of the reference week). */
function person(id: string, name: string, blocks: [number, number][], extra: Partial<DraftPerson> = {}): DraftPerson {
  return { id, name, isFacilitator: false, intervals: blocks, ifNeededIntervals: [], maxGroups: null, ...extra };
}

// Brussels cohort in October (CEST, UTC+2): Tue 16:00 UTC is 18:00 on a Brussels clock.
const view = { calendar: { timeZone: "Europe/Brussels", startDate: "2026-10-05", weeks: 2 }, timeZone: "Europe/Brussels" };
const params = { meetingMinutes: 60, minSize: 3, maxSize: 4 };
const tue16 = tue + 16 * 60;
const wed16 = wed + 16 * 60;

const evenings: [number, number][] = [
  [tue + 15 * 60, tue + 19 * 60],
  [wed + 15 * 60, wed + 19 * 60],
];

function cohort(): DraftPerson[] {
  return [
    person("lee", "Lee", evenings, { isFacilitator: true, maxGroups: 1 }),
    person("kim", "Kim", evenings, { isFacilitator: true, maxGroups: 2 }),
    person("ana", "Ana", [[wed + 15 * 60, wed + 19 * 60]]),
    person("bo", "Bo", evenings),
    person("cy", "Cy", evenings),
    person("di", "Di", [[tue + 15 * 60, tue + 16 * 60]], { ifNeededIntervals: [[tue + 16 * 60, tue + 19 * 60]] }),
    person("ed", "Ed", evenings),
  ];
}

function draft(groups: DraftGroup[], people = cohort()): DraftInput {
  return { people, params, groups, view };
}

const g1: DraftGroup = { key: "g1", name: "Group 1", start: tue16, memberIds: ["lee", "bo", "cy", "di"] };
const g2: DraftGroup = { key: "g2", name: "Group 2", start: wed16, memberIds: ["kim", "ana", "ed"] };

describe("analyseDraft", () => {
  it("finds nothing wrong with a draft that keeps every rule, and counts it", () => {
    const analysis = analyseDraft(draft([g1, g2]));
    expect(analysis.problems).toEqual([]);
    expect(analysis.valid).toBe(true);
    expect(analysis.figures).toEqual({ people: 7, placed: 7, placedPercent: 100, unassigned: 0, onIfNeeded: 1, groups: 2, sizeMin: 3, sizeMax: 4 });
    expect(analysis.groups.map((g) => g.facilitatorId)).toEqual(["lee", "kim"]);
    expect(analysis.groups[0]?.ifNeededIds).toEqual(["di"]);
    expect(analysis.people.get("di")).toMatchObject({ groupKeys: ["g1"], onIfNeeded: true, problems: [] });
  });

  it("says in words, in the reader's zone, who is not free at their group's time", () => {
    const analysis = analyseDraft(draft([{ ...g1, memberIds: [...g1.memberIds, "ana"] }, { ...g2, memberIds: ["kim", "ed", "cy"] }]));
    expect(analysis.problems.map((p) => p.message)).toContain("Ana is not free at Tue 18:00 your time");
    expect(analysis.people.get("ana")?.problems.map((p) => p.code)).toEqual(["not_available"]);
    expect(analysis.valid).toBe(false);
  });

  it("reports sizes outside the bounds and missing or extra facilitators", () => {
    const analysis = analyseDraft(
      draft([
        { key: "g1", name: "Group 1", start: tue16, memberIds: ["lee", "bo"] },
        { key: "g3", name: "Group 3", start: wed16, memberIds: ["ana", "cy", "ed"] },
        { key: "g4", name: "Group 4", start: tue16, memberIds: ["kim", "lee", "bo", "cy", "ed"] },
      ]),
    );
    const messages = analysis.problems.map((p) => p.message);
    expect(messages).toContain("Group 1 has 2 people; at least 3");
    expect(messages).toContain("Group 3 has no facilitator");
    expect(messages).toContain("Group 4 has 5 people; at most 4");
    expect(messages).toContain("Group 4 has 2 facilitators (Kim and Lee); keep one");
    expect(messages).toContain("Bo is in Group 1 and Group 4; keep them in one");
    expect(analysis.groups.find((g) => g.key === "g4")?.facilitatorId).toBeNull();
  });

  it("holds facilitators to their limit and never in two places at once", () => {
    const analysis = analyseDraft(
      draft([
        { key: "a", name: "Group 1", start: tue16, memberIds: ["lee", "bo", "cy"] },
        { key: "b", name: "Group 2", start: wed16, memberIds: ["lee", "ana", "ed"] },
        { key: "c", name: "Group 3", start: tue + 16 * 60 + 30, memberIds: ["kim", "di", "bo"] },
        { key: "d", name: "Group 4", start: tue + 17 * 60, memberIds: ["kim", "cy", "ed"] },
      ]),
    );
    const messages = analysis.problems.map((p) => p.message);
    expect(messages).toContain("Lee leads 2 groups; their limit is 1");
    expect(messages).toContain("Kim leads Group 3 and Group 4 at overlapping times");
  });

  it("names groups with people who gave no availability, and meeting times off the grid", () => {
    const analysis = analyseDraft(draft([{ ...g1, start: tue16 + 15, memberIds: [...g1.memberIds.slice(0, 3), "ghost"] }]));
    expect(analysis.problems.map((p) => p.code).sort()).toEqual(["bad_start", "unknown_person"]);
  });

  it("does not count if-needed time when the run does not use it", () => {
    const analysis = analyseDraft({ ...draft([g1, g2]), params: { ...params, useIfNeeded: false } });
    expect(analysis.problems.map((p) => p.message)).toEqual(["Di is not free at Tue 18:00 your time"]);
  });

  it("agrees with the scheduler's own rule check on drafts made by random moves", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = createRng(seed);
      const input = randomInput(rng, { people: 14, facilitatorShare: 0.25, params: { time_increment: 30 } });
      const people: DraftPerson[] = input.people.map((p) => ({
        id: String(p.id),
        name: `P${p.id}`,
        isFacilitator: p.is_facilitator,
        intervals: p.intervals,
        ifNeededIntervals: p.if_needed_intervals,
        maxGroups: p.max_groups,
      }));
      const out = schedule({ ...input, people: input.people.map((p) => ({ ...p, id: String(p.id) })) });
      let groups: DraftGroup[] = out.groups.map((g, i) => ({ key: `g${i}`, name: `Group ${i + 1}`, start: g.start, memberIds: g.members.map(String) }));
      const draftParams = { meetingMinutes: input.params.meeting_length, minSize: input.params.min_people, maxSize: input.params.max_people, useIfNeeded: input.params.use_if_needed };
      expect(analyseDraft({ people, params: draftParams, groups }).valid).toBe(true);
      for (let m = 0; m < 4 && groups.length > 0; m++) {
        const who = people[rng.int(people.length)]!;
        const from = groups.find((g) => g.memberIds.includes(who.id))?.key ?? null;
        const to = rng.next() < 0.2 ? null : groups[rng.int(groups.length)]!.key;
        groups = applyMove(groups, { personId: who.id, from, to });
        const d = { people, params: draftParams, groups };
        const independent = draftAsSchedule(d);
        expect(analyseDraft(d).valid, `seed ${seed} move ${m}`).toBe(findViolations(independent.input, independent.output).length === 0);
      }
    }
  });
});

describe("describeStart", () => {
  it("says the time on the reader's clock, or in UTC without one", () => {
    expect(describeStart(tue16, view)).toBe("Tue 18:00 your time");
    expect(describeStart(tue16, { ...view, timeZone: "America/New_York" })).toBe("Tue 12:00 your time");
    expect(describeStart(tue16)).toBe("Tue 16:00 UTC");
  });
});

describe("moves", () => {
  it("moves a person between groups, to and from the unassigned list, and marks what changed", () => {
    const moved = applyMove([g1, g2], { personId: "bo", from: "g1", to: "g2" });
    expect(moved.map((g) => [g.key, g.memberIds, g.manual])).toEqual([
      ["g1", ["lee", "cy", "di"], true],
      ["g2", ["kim", "ana", "ed", "bo"], true],
    ]);
    const out = applyMove([g1, g2], { personId: "bo", from: "g1", to: null });
    expect(out[0]?.memberIds).toEqual(["lee", "cy", "di"]);
    expect(out[1]).toBe(g2);
    const back = applyMove(out, { personId: "bo", from: null, to: "g2" });
    expect(back[1]?.memberIds).toEqual(["kim", "ana", "ed", "bo"]);
  });

  it("tells before a move what it would break", () => {
    const d = draft([g1, g2]);
    expect(moveEffects(d, { personId: "ed", from: "g2", to: "g1" }).map((p) => p.message)).toEqual([
      "Group 1 has 5 people; at most 4",
      "Group 2 has 2 people; at least 3",
    ]);
    expect(moveEffects(d, { personId: "ana", from: "g2", to: "g1" }).map((p) => p.message)).toContain("Ana is not free at Tue 18:00 your time");
    expect(moveEffects(d, { personId: "cy", from: "g1", to: "g2" }).map((p) => p.message)).toEqual([]);
  });

  it("offers the meeting times every member can make, away from the facilitator's other groups", () => {
    const options = startsThatWork(draft([g1, g2]), "g1");
    // Everyone in Group 1 is free Tue 15:00-19:00 UTC, Di only "if needed" after 16:00; nobody else in it is free Wednesday.
    expect(options.map((o) => (o.start - tue) / 30)).toEqual([30, 31, 32, 33, 34, 35, 36]);
    expect(options.map((o) => o.ifNeeded)).toEqual([0, 1, 1, 1, 1, 1, 1]);
    const kimTwice = draft([g1, g2, { key: "g3", name: "Group 3", start: tue16, memberIds: ["kim", "bo", "cy"] }]);
    expect(startsThatWork(kimTwice, "g3").map((o) => o.start)).not.toContain(wed16);
    expect(setGroupStart([g1], "g1", tue + 17 * 60)[0]).toMatchObject({ start: tue + 17 * 60, manual: true });
  });

  it("pins groups whose members or time changed, not those only renamed", () => {
    const next = markManualChanges(
      [g1, g2, { key: "g3", name: "Group 3", start: tue16, memberIds: ["a"], manual: true }],
      [
        { ...g1, name: "Tuesday people" },
        { ...g2, memberIds: ["kim", "ana", "ed", "cy"] },
        { key: "g3", name: "Group 3", start: tue16, memberIds: ["a"] },
        { key: "g9", name: "New", start: tue16, memberIds: [] },
      ],
    );
    expect(next.map((g) => g.manual)).toEqual([false, true, true, true]);
  });
});

describe("withoutMeetings", () => {
  it("cuts kept meetings out of someone's time, round the end of the week too", () => {
    expect(withoutMeetings([[tue + 15 * 60, tue + 19 * 60]], [tue + 16 * 60], 60)).toEqual([
      [tue + 15 * 60, tue + 16 * 60],
      [tue + 17 * 60, tue + 19 * 60],
    ]);
    expect(withoutMeetings([[10_000, 10_080], [0, 120]], [10_050], 60)).toEqual([[30, 120], [10_000, 10_050]]);
    expect(withoutMeetings([[0, 60]], [], 60)).toEqual([[0, 60]]);
  });
});
