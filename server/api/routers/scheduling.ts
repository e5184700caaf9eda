import { cohortIdInputSchema } from "@/lib/schemas/cohorts";
import { publishRunSchema, runIdInputSchema, saveDraftSchema, setAvailabilityOpenSchema, startRunSchema, updateSchedulingSettingsSchema } from "@/lib/schemas/scheduling";
import { publishRun } from "../../services/scheduling/publish";
import { getRun, saveDraft, startRun } from "../../services/scheduling/runs";
import { getSchedulingSettings, setAvailabilityOpen, updateSchedulingSettings } from "../../services/scheduling/settings";
import { getSchedulingWorkspace } from "../../services/scheduling/workspace";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** Scheduling a cohort: settings, runs with progress, the editable draft, publishing. Who may do what is checked in the services. */
export const schedulingRouter = createTRPCRouter({
  settings: protectedProcedure.input(cohortIdInputSchema).query(({ ctx, input }) => getSchedulingSettings(ctx.actor, input)),
  updateSettings: protectedProcedure.input(updateSchedulingSettingsSchema).mutation(({ ctx, input }) => updateSchedulingSettings(ctx.actor, input)),
  setAvailabilityOpen: protectedProcedure.input(setAvailabilityOpenSchema).mutation(({ ctx, input }) => setAvailabilityOpen(ctx.actor, input)),
  workspace: protectedProcedure.input(cohortIdInputSchema).query(({ ctx, input }) => getSchedulingWorkspace(ctx.actor, input)),
  startRun: protectedProcedure.input(startRunSchema).mutation(({ ctx, input }) => startRun(ctx.actor, input)),
  run: protectedProcedure.input(runIdInputSchema).query(({ ctx, input }) => getRun(ctx.actor, input)),
  saveDraft: protectedProcedure.input(saveDraftSchema).mutation(({ ctx, input }) => saveDraft(ctx.actor, input)),
  publish: protectedProcedure.input(publishRunSchema).mutation(({ ctx, input }) => publishRun(ctx.actor, input)),
});
