import { listAvailabilityResponsesSchema, myAvailabilityInputSchema, saveAvailabilitySchema } from "@/lib/schemas/availability";
import { getMyAvailability, listAvailabilityResponses, saveMyAvailability } from "../../services/scheduling/availability";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** A cohort member's weekly availability (the enrolment wizard), and who has responded (the cohort's staff). */
export const availabilityRouter = createTRPCRouter({
  mine: protectedProcedure.input(myAvailabilityInputSchema).query(({ ctx, input }) => getMyAvailability(ctx.actor, input)),
  save: protectedProcedure.input(saveAvailabilitySchema).mutation(({ ctx, input }) => saveMyAvailability(ctx.actor, input)),
  responses: protectedProcedure.input(listAvailabilityResponsesSchema).query(({ ctx, input }) => listAvailabilityResponses(ctx.actor, input)),
});
