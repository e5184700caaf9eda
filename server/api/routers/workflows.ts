import {
  cancelWorkflowRunSchema,
  getWorkflowRunSchema,
  listWorkflowRunsSchema,
  retryWorkflowRunSchema,
} from "@/lib/schemas/workflows";
import {
  cancelWorkflowRun,
  getWorkflowRun,
  listWorkflowRuns,
  retryWorkflowRun,
  workflowRunsOverview,
} from "../../services/workflow-runs";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** Workflow runs of the embedded executor; the service lets only system admins in. */
export const workflowsRouter = createTRPCRouter({
  overview: protectedProcedure.query(({ ctx }) => workflowRunsOverview(ctx.actor)),
  list: protectedProcedure.input(listWorkflowRunsSchema).query(({ ctx, input }) => listWorkflowRuns(ctx.actor, input)),
  get: protectedProcedure.input(getWorkflowRunSchema).query(({ ctx, input }) => getWorkflowRun(ctx.actor, input)),
  cancel: protectedProcedure.input(cancelWorkflowRunSchema).mutation(({ ctx, input }) => cancelWorkflowRun(ctx.actor, input)),
  retry: protectedProcedure.input(retryWorkflowRunSchema).mutation(({ ctx, input }) => retryWorkflowRun(ctx.actor, input)),
});
