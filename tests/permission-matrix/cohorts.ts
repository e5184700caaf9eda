import { randomBytes } from "node:crypto";
import { db } from "../../server/db";
import { hashSecret, newSecret } from "../../server/security/tokens";
import { createCourseFixture } from "../fixtures/courses";
import { oncePerFixture } from "../fixtures/org";
import type { Caller, MatrixContext, MatrixEntry } from "../permission-matrix";

/**
 * Rows of the permission matrix for the cohorts procedures (merged into procedureMatrix).
 *
 * The fixture course sits in the Department: the teacher (at the School
 * above) and the org admin manage its cohorts; in its cohort the student is a
 * learner and the facilitator a facilitator. Calls that change a cohort get a
 * fresh one with the same members, so rows do not disturb each other.
 */

const tag = () => randomBytes(4).toString("hex");

const managers = ["teacher", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const staff = ["teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const orgMembers = ["student", "teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const everyone = ["anonymous", "student", "teacher", "facilitator", "otherOrgAdmin", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const signedIn = everyone.filter((c) => c !== "anonymous");

const courseOf = oncePerFixture((f) => createCourseFixture(f));

/** Another cohort of the fixture course with the student as learner and the facilitator as facilitator; `token` turns joining by link on. */
async function freshCohort({ f }: MatrixContext, options: { withLink?: boolean } = {}): Promise<{ cohortId: string; token: string | null }> {
  const { courseId } = await courseOf(f);
  const token = options.withLink ? newSecret() : null;
  const cohort = await db().cohort.create({
    data: {
      orgId: f.org.id,
      courseId,
      name: `Matrix cohort ${tag()}`,
      startDate: "2026-01-05",
      timeZone: "Europe/Brussels",
      inviteTokenHash: token ? hashSecret(token) : null,
      members: {
        create: [
          { userId: f.users.student.id, role: "learner" },
          { userId: f.users.facilitator.id, role: "facilitator" },
        ],
      },
    },
    select: { id: true },
  });
  return { cohortId: cohort.id, token };
}

async function studentMemberId(ctx: MatrixContext): Promise<string> {
  const { cohortId } = await freshCohort(ctx);
  const member = await db().cohortMember.findUniqueOrThrow({
    where: { cohortId_userId: { cohortId, userId: ctx.f.users.student.id } },
    select: { id: true },
  });
  return member.id;
}

export const cohortsMatrix: Record<string, MatrixEntry> = {
  "cohorts.listOfCourse": { allow: managers, input: async ({ f }) => ({ courseId: (await courseOf(f)).courseId }) },
  // Settings are for the cohort's teachers and facilitators and the unit's managers; learners only learn in it.
  "cohorts.get": { allow: staff, input: async ({ f }) => ({ cohortId: (await courseOf(f)).cohortId }) },
  "cohorts.create": {
    allow: managers,
    input: async ({ f }) => ({ courseId: (await courseOf(f)).courseId, name: `Matrix ${tag()}`, startDate: "2026-03-02", timeZone: "UTC" }),
  },
  "cohorts.update": {
    allow: managers,
    input: async (ctx) => ({
      cohortId: (await freshCohort(ctx)).cohortId,
      name: `Renamed ${tag()}`,
      startDate: "2026-03-09",
      timeZone: "Europe/Paris",
      drip: { every: 1, unit: "week", anchor: "cohort_start" },
      atRiskAfterDays: 5,
    }),
  },
  "cohorts.archive": { allow: managers, input: async (ctx) => ({ cohortId: (await freshCohort(ctx)).cohortId }) },

  "cohorts.createLink": { allow: managers, input: async (ctx) => ({ cohortId: (await freshCohort(ctx)).cohortId }) },
  "cohorts.rotateLink": { allow: managers, input: async (ctx) => ({ cohortId: (await freshCohort(ctx, { withLink: true })).cohortId }) },
  "cohorts.disableLink": { allow: managers, input: async (ctx) => ({ cohortId: (await freshCohort(ctx, { withLink: true })).cohortId }) },
  // Holding the link's secret is the permission: anyone may see what it is for, and anyone signed in may join,
  // people from other organisations included (they get a student role at the course's unit).
  "cohorts.previewJoin": { allow: everyone, input: async (ctx) => ({ token: (await freshCohort(ctx, { withLink: true })).token }) },
  "cohorts.join": { allow: signedIn, input: async (ctx) => ({ token: (await freshCohort(ctx, { withLink: true })).token }) },

  "cohorts.members": { allow: staff, input: async ({ f }) => ({ cohortId: (await courseOf(f)).cohortId }) },
  "cohorts.addMember": {
    allow: managers,
    input: async (ctx) => {
      const { cohortId } = await freshCohort(ctx);
      const { user } = await ctx.f.addMember(ctx.f.units.sibling, "facilitator", "Matrix helper");
      return { cohortId, email: user.email, role: "facilitator" };
    },
  },
  "cohorts.changeMemberRole": { allow: managers, input: async (ctx) => ({ memberId: await studentMemberId(ctx), role: "facilitator" }) },
  "cohorts.removeMember": { allow: managers, input: async (ctx) => ({ memberId: await studentMemberId(ctx) }) },

  "cohorts.mine": { allow: orgMembers, input: ({ f }) => ({ orgId: f.org.id }) },
};
