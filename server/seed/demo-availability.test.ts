import { describe, expect, it } from "vitest";
import { schedule, parseScheduleInput } from "@/lib/scheduling";
import { referenceAvailability } from "@/lib/scheduling/cohort-calendar";
import { cellsOf, demoMeetingsStartDate, demoMeetingWeeks, demoWeeks } from "./demo-availability";
import { demoCohortTimeZone } from "./demo-learning";

/**
 * The demo's availability, scheduled the way the cohort will be (60-minute
 * meetings, groups of 3 to 6, the cohort's defaults): three groups and
 * Fatima left out, whatever week the demo is seeded in. The meeting weeks
 * tried straddle each daylight-saving change of Brussels, the United States
 * and Sydney (Mexico, Lagos, Tokyo, Kolkata and Dubai keep one offset).
 */

function scheduleFrom(startDate: string) {
  const calendar = { timeZone: demoCohortTimeZone, startDate, weeks: demoMeetingWeeks };
  const people = demoWeeks.map((w) => {
    const ref = referenceAvailability(calendar, { timeZone: w.timeZone, regularCells: cellsOf(w.regular), ifNeededCells: cellsOf(w.ifNeeded ?? []) });
    return { id: w.email, intervals: ref.intervals, if_needed_intervals: ref.ifNeededIntervals, is_facilitator: w.role === "facilitator", max_groups: w.maxGroups ?? null };
  });
  const parsed = parseScheduleInput({ params: { meeting_length: 60, min_people: 3, max_people: 6 }, people });
  if (!parsed.ok) throw new Error(parsed.message);
  return schedule(parsed.input);
}

describe("the demo availability", () => {
  // Six weeks from 2 March cross the US, Brussels and Sydney spring changes; from 28 September, the autumn ones.
  it.each(["2026-03-02", "2026-06-01", "2026-09-28", "2026-10-19"])(
    "forms three groups and leaves Fatima out for meetings from %s",
    (startDate) => {
      const out = scheduleFrom(startDate);
      expect(out.groups).toHaveLength(3);
      expect(out.unassigned.map((u) => u.id)).toEqual(["fatima@demo.lyceum.dev"]);
      expect(out.unassigned[0]?.reason).toMatch(/facilitator|people/);
      expect(out.groups.map((g) => g.members.length).sort()).toEqual([3, 3, 4]);
    },
  );

  it("leaves the demo student without availability, so they meet the wizard", () => {
    expect(demoWeeks.map((w) => w.email)).not.toContain("student@demo.lyceum.dev");
  });

  it("starts the meetings on the Monday after the seed date, in the cohort's zone", () => {
    // Sunday 23:30 UTC is already Monday in Brussels: the next Monday is a week on.
    expect(demoMeetingsStartDate(new Date("2026-11-22T23:30:00Z"), "Europe/Brussels")).toBe("2026-11-30");
    expect(demoMeetingsStartDate(new Date("2026-11-22T12:00:00Z"), "Europe/Brussels")).toBe("2026-11-23");
    expect(demoMeetingsStartDate(new Date("2026-11-25T12:00:00Z"), "Europe/Brussels")).toBe("2026-11-30");
  });
});
