import { createCourseFixture } from "../fixtures/courses";
import { oncePerFixture } from "../fixtures/org";
import type { Caller, MatrixContext, MatrixEntry } from "../permission-matrix";

/**
 * Rows of the permission matrix for the availability procedures (merged into procedureMatrix).
 *
 * Availability is personal to the cohort's members: its learner (the fixture
 * student) and its facilitator read and save their own; the facilitator may
 * sign up as a facilitator. The unit's teacher, the org admin and a system
 * admin are not members of the fixture cohort, so they have no availability
 * to give and are refused; the admin of another organisation is told the
 * cohort does not exist. Who responded is for the cohort's staff, like its
 * dashboard.
 */

const members = ["student", "facilitator"] as const satisfies readonly Caller[];
const staff = ["teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];

const fixtureOf = oncePerFixture((f) => createCourseFixture(f, { startDate: "2026-10-05" }));

const cohortInput = async ({ f }: MatrixContext) => ({ cohortId: (await fixtureOf(f)).cohortId });

/** Tuesday 18:00-20:00 and Thursday 19:00-20:00 (if needed), local. */
const week = { timeZone: "Europe/Brussels", regularCells: [84, 85, 86, 87], ifNeededCells: [182, 183] };

export const availabilityMatrix: Record<string, MatrixEntry> = {
  "availability.mine": { allow: members, input: cohortInput },
  "availability.save": {
    allow: members,
    input: async (ctx) => ({
      ...(await cohortInput(ctx)),
      ...week,
      ...(ctx.caller === "facilitator" ? { role: "facilitator", maxGroups: 2 } : { role: "participant" }),
    }),
  },
  "availability.responses": { allow: staff, input: async (ctx) => ({ ...(await cohortInput(ctx)), filter: "all" }) },
};
