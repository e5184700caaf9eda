import { orgSettingsInputSchema, setSlackWebhookSchema } from "@/lib/schemas/org-settings";
import {
  clearSlackWebhook,
  getOrgSettings,
  requestDigestNow,
  sendSlackTestMessage,
  setSlackWebhook,
} from "../../services/org-settings";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const orgSettingsRouter = createTRPCRouter({
  get: protectedProcedure.input(orgSettingsInputSchema).query(({ ctx, input }) => getOrgSettings(ctx.actor, input)),
  setSlackWebhook: protectedProcedure.input(setSlackWebhookSchema).mutation(({ ctx, input }) => setSlackWebhook(ctx.actor, input)),
  clearSlackWebhook: protectedProcedure.input(orgSettingsInputSchema).mutation(({ ctx, input }) => clearSlackWebhook(ctx.actor, input)),
  sendSlackTest: protectedProcedure.input(orgSettingsInputSchema).mutation(({ ctx, input }) => sendSlackTestMessage(ctx.actor, input)),
  sendDigestNow: protectedProcedure.input(orgSettingsInputSchema).mutation(({ ctx, input }) => requestDigestNow(ctx.actor, input)),
});
