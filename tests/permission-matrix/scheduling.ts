import { randomBytes } from "node:crypto";
import { addDays, formatLocalDate, isoWeekday, localDateAt, parseLocalDate } from "../../lib/time-zone";
import { db } from "../../server/db";
import { createCourseFixture } from "../fixtures/courses";
import { oncePerFixture } from "../fixtures/org";
import type { Caller, MatrixContext, MatrixEntry } from "../permission-matrix";

/**
 * Rows of the permission matrix for the scheduling procedures (merged into procedureMatrix).
 *
 * The cohort's staff (its facilitator, the unit's teacher, the org admin and
 * system admins) see the scheduling page; only those who manage the cohort
 * (the unit's teacher and admins) change settings, run, edit and publish.
 * Learners are refused; the admin of another organisation is told the cohort
 * does not exist. Calls that change something get a cohort of their own.
 */

const tag = () => randomBytes(4).toString("hex");
const staff = ["teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const managers = ["teacher", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];

const courseOf = oncePerFixture((f) => createCourseFixture(f));

/** Tuesday 16:00-19:00 UTC of the reference week. */
const tuesday = [[1440 + 16 * 60, 1440 + 19 * 60]];

function futureMonday(): string {
  const today = parseLocalDate(localDateAt(new Date(), "UTC"))!;
  const ahead = addDays(today, 21);
  return formatLocalDate(addDays(ahead, (8 - isoWeekday(ahead.year, ahead.month, ahead.day)) % 7));
}

/**
 * A cohort of the fixture course (the student a learner, the facilitator its
 * facilitator) whose student and one more learner gave availability, with a
 * finished run whose draft puts both in one valid group.
 */
async function freshScheduledCohort({ f }: MatrixContext): Promise<{ cohortId: string; runId: string }> {
  const { courseId } = await courseOf(f);
  const other = await db().user.create({ data: { email: `matrix-sched-${tag()}@example.test`, name: `Matrix ${tag()}` }, select: { id: true } });
  const cohort = await db().cohort.create({
    data: {
      orgId: f.org.id,
      courseId,
      name: `Matrix scheduling ${tag()}`,
      startDate: "2026-01-05",
      timeZone: "UTC",
      meetingMinutes: 60,
      groupMinSize: 2,
      groupMaxSize: 4,
      meetingWeeks: 2,
      meetingsStartDate: futureMonday(),
      members: {
        create: [
          { userId: f.users.student.id, role: "learner" },
          { userId: f.users.facilitator.id, role: "facilitator" },
          { userId: other.id, role: "learner" },
        ],
      },
    },
    select: { id: true },
  });
  await db().cohortAvailability.createMany({
    data: [f.users.student.id, other.id].map((userId) => ({
      cohortId: cohort.id,
      userId,
      role: "participant" as const,
      timeZone: "UTC",
      regularCells: [],
      ifNeededCells: [],
      intervals: tuesday,
      ifNeededIntervals: [],
    })),
  });
  const run = await db().scheduleRun.create({
    data: {
      cohortId: cohort.id,
      status: "succeeded",
      params: { meeting_length: 60, min_people: 2, max_people: 4, time_increment: 30, use_if_needed: true, seed: 1 },
      result: { groups: [], unassigned: [], stats: {} },
      draft: { version: 1, groups: [{ key: "g1", name: "Group 1", start: 1440 + 16 * 60, memberIds: [f.users.student.id, other.id], manual: false }] },
    },
    select: { id: true },
  });
  return { cohortId: cohort.id, runId: run.id };
}

const readInput = async ({ f }: MatrixContext) => ({ cohortId: (await courseOf(f)).cohortId });
const sharedRun = oncePerFixture((f) => freshScheduledCohort({ f, caller: "systemAdmin", actor: null }));

export const schedulingMatrix: Record<string, MatrixEntry> = {
  "scheduling.settings": { allow: staff, input: readInput },
  "scheduling.workspace": { allow: staff, input: readInput },
  "scheduling.run": { allow: staff, input: async ({ f }) => ({ runId: (await sharedRun(f)).runId }) },
  "scheduling.updateSettings": {
    allow: managers,
    input: async (ctx) => ({
      cohortId: (await freshScheduledCohort(ctx)).cohortId,
      meetingMinutes: 90,
      groupMinSize: 3,
      groupMaxSize: 5,
      meetingWeeks: 6,
      meetingsStartDate: null,
    }),
  },
  "scheduling.setAvailabilityOpen": { allow: managers, input: async (ctx) => ({ cohortId: (await freshScheduledCohort(ctx)).cohortId, open: false }) },
  "scheduling.startRun": { allow: managers, input: async (ctx) => ({ cohortId: (await freshScheduledCohort(ctx)).cohortId, keepManualChanges: true }) },
  "scheduling.saveDraft": {
    allow: managers,
    input: async (ctx) => {
      const { runId } = await freshScheduledCohort(ctx);
      return { runId, baseVersion: 1, groups: [{ key: "g1", name: "Renamed group", start: 1440 + 16 * 60 + 30, memberIds: [ctx.f.users.student.id] }] };
    },
  },
  "scheduling.publish": { allow: managers, input: async (ctx) => ({ runId: (await freshScheduledCohort(ctx)).runId, draftVersion: 1 }) },
};
