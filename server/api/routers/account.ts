import { revokeSessionSchema, updateProfileSchema } from "@/lib/schemas/auth";
import { getMe, updateProfile } from "../../services/accounts";
import { listMySessions, revokeOtherSessions, revokeSession } from "../../services/sessions";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The signed-in person's own account: profile and device sessions. */
export const accountRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => getMe(ctx.actor)),

  updateProfile: protectedProcedure
    .input(updateProfileSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx.actor, input)),

  sessions: protectedProcedure.query(({ ctx }) =>
    listMySessions(ctx.actor, { currentSessionId: ctx.deviceSessionId ?? undefined }),
  ),

  revokeSession: protectedProcedure
    .input(revokeSessionSchema)
    .mutation(({ ctx, input }) => revokeSession(ctx.actor, input)),

  // An empty id makes the service answer "sign in again" rather than sign this device out too.
  revokeOtherSessions: protectedProcedure.mutation(({ ctx }) =>
    revokeOtherSessions(ctx.actor, { currentSessionId: ctx.deviceSessionId ?? "" }),
  ),
});
