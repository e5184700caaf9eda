import {
  cohortDashboardSchema,
  cohortIdInputSchema,
  confirmAnswerSchema,
  overrideAnswerSchema,
  releaseFeedbackSchema,
  reviewQueueSchema,
  reviewSubmissionSchema,
} from "@/lib/schemas/review";
import { cohortDashboard } from "../../services/courses/dashboard";
import { confirmAnswer, overrideAnswer, releaseFeedback, reviewOverview, reviewQueue, reviewSubmission } from "../../services/courses/review";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** A cohort's dashboard and review queue, for its teachers and facilitators (scores: teachers only). */
export const reviewRouter = createTRPCRouter({
  dashboard: protectedProcedure.input(cohortDashboardSchema).query(({ ctx, input }) => cohortDashboard(ctx.actor, input)),
  overview: protectedProcedure.input(cohortIdInputSchema).query(({ ctx, input }) => reviewOverview(ctx.actor, input)),
  queue: protectedProcedure.input(reviewQueueSchema).query(({ ctx, input }) => reviewQueue(ctx.actor, input)),
  overrideAnswer: protectedProcedure.input(overrideAnswerSchema).mutation(({ ctx, input }) => overrideAnswer(ctx.actor, input)),
  confirmAnswer: protectedProcedure.input(confirmAnswerSchema).mutation(({ ctx, input }) => confirmAnswer(ctx.actor, input)),
  reviewSubmission: protectedProcedure.input(reviewSubmissionSchema).mutation(({ ctx, input }) => reviewSubmission(ctx.actor, input)),
  releaseFeedback: protectedProcedure.input(releaseFeedbackSchema).mutation(({ ctx, input }) => releaseFeedback(ctx.actor, input)),
});
