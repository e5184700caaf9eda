import {
  attemptIdInputSchema,
  courseHomeInputSchema,
  learnerItemInputSchema,
  saveCodeDraftInputSchema,
  startAttemptInputSchema,
  submitAssignmentInputSchema,
  submitAttemptInputSchema,
} from "@/lib/schemas/learning";
import {
  getAttempt,
  getCourseHome,
  getLearnerItem,
  saveCodeDraft,
  startAttempt,
  submitAssignment,
  submitAttempt,
} from "../../services/courses/learning";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** A learner's cohort: course home, item pages, attempts, code drafts and written submissions (files: POST /api/submissions). */
export const learningRouter = createTRPCRouter({
  home: protectedProcedure.input(courseHomeInputSchema).query(({ ctx, input }) => getCourseHome(ctx.actor, input)),
  item: protectedProcedure.input(learnerItemInputSchema).query(({ ctx, input }) => getLearnerItem(ctx.actor, input)),
  attempt: protectedProcedure.input(attemptIdInputSchema).query(({ ctx, input }) => getAttempt(ctx.actor, input)),
  startAttempt: protectedProcedure.input(startAttemptInputSchema).mutation(({ ctx, input }) => startAttempt(ctx.actor, input)),
  saveCodeDraft: protectedProcedure.input(saveCodeDraftInputSchema).mutation(({ ctx, input }) => saveCodeDraft(ctx.actor, input)),
  submitAttempt: protectedProcedure.input(submitAttemptInputSchema).mutation(({ ctx, input }) => submitAttempt(ctx.actor, input)),
  submitAssignment: protectedProcedure.input(submitAssignmentInputSchema).mutation(({ ctx, input }) => submitAssignment(ctx.actor, input)),
});
