import {
  addCohortMemberSchema,
  changeCohortMemberRoleSchema,
  cohortIdInputSchema,
  createCohortSchema,
  joinTokenSchema,
  listCohortMembersSchema,
  listCohortsOfCourseSchema,
  listMyCohortsSchema,
  removeCohortMemberSchema,
  updateCohortSchema,
} from "@/lib/schemas/cohorts";
import { archiveCohort, createCohort, getCohortSettings, listCohortsOfCourse, updateCohort } from "../../services/courses/cohorts";
import { createInviteLink, disableInviteLink, joinCohort, previewJoin, rotateInviteLink } from "../../services/courses/cohorts-invite";
import { addCohortMember, changeCohortMemberRole, listCohortMembers, removeCohortMember } from "../../services/courses/cohorts-members";
import { listMyCohorts } from "../../services/courses/cohorts-mine";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

/** Cohorts of a course: settings, join links, members, and a person's own cohorts. */
export const cohortsRouter = createTRPCRouter({
  listOfCourse: protectedProcedure.input(listCohortsOfCourseSchema).query(({ ctx, input }) => listCohortsOfCourse(ctx.actor, input)),
  get: protectedProcedure.input(cohortIdInputSchema).query(({ ctx, input }) => getCohortSettings(ctx.actor, input)),
  create: protectedProcedure.input(createCohortSchema).mutation(({ ctx, input }) => createCohort(ctx.actor, input)),
  update: protectedProcedure.input(updateCohortSchema).mutation(({ ctx, input }) => updateCohort(ctx.actor, input)),
  archive: protectedProcedure.input(cohortIdInputSchema).mutation(({ ctx, input }) => archiveCohort(ctx.actor, input)),

  createLink: protectedProcedure.input(cohortIdInputSchema).mutation(({ ctx, input }) => createInviteLink(ctx.actor, input)),
  rotateLink: protectedProcedure.input(cohortIdInputSchema).mutation(({ ctx, input }) => rotateInviteLink(ctx.actor, input)),
  disableLink: protectedProcedure.input(cohortIdInputSchema).mutation(({ ctx, input }) => disableInviteLink(ctx.actor, input)),
  // Public: holding the link's secret is what lets someone see what it is for.
  previewJoin: publicProcedure.input(joinTokenSchema).query(({ input }) => previewJoin(input)),
  join: protectedProcedure.input(joinTokenSchema).mutation(({ ctx, input }) => joinCohort(ctx.actor, input)),

  members: protectedProcedure.input(listCohortMembersSchema).query(({ ctx, input }) => listCohortMembers(ctx.actor, input)),
  addMember: protectedProcedure.input(addCohortMemberSchema).mutation(({ ctx, input }) => addCohortMember(ctx.actor, input)),
  changeMemberRole: protectedProcedure.input(changeCohortMemberRoleSchema).mutation(({ ctx, input }) => changeCohortMemberRole(ctx.actor, input)),
  removeMember: protectedProcedure.input(removeCohortMemberSchema).mutation(({ ctx, input }) => removeCohortMember(ctx.actor, input)),

  mine: protectedProcedure.input(listMyCohortsSchema).query(({ ctx, input }) => listMyCohorts(ctx.actor, input)),
});
