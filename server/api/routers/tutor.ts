import { tutorHistoryInputSchema, tutorTargetSchema } from "@/lib/schemas/tutor";
import { clearConversation, getConversation, tutorInfo } from "../../services/tutor";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The lesson tutor's transcript and model; the chat itself streams through POST /api/tutor. */
export const tutorRouter = createTRPCRouter({
  info: protectedProcedure.input(tutorTargetSchema).query(({ ctx, input }) => tutorInfo(ctx.actor, input)),
  history: protectedProcedure.input(tutorHistoryInputSchema).query(({ ctx, input }) => getConversation(ctx.actor, input)),
  clear: protectedProcedure.input(tutorTargetSchema).mutation(({ ctx, input }) => clearConversation(ctx.actor, input)),
});
