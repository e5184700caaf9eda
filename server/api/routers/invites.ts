import { inviteTokenInputSchema } from "@/lib/schemas/auth";
import { createInviteSchema, listInvitesSchema, revokeInviteSchema } from "@/lib/schemas/org";
import { previewInvite } from "../../services/accounts";
import { createInvite, listInvites, revokeInvite } from "../../services/invites";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const invitesRouter = createTRPCRouter({
  /** Public: the sign-up page shows what an invite link is for before anyone signs in. */
  preview: publicProcedure.input(inviteTokenInputSchema).query(({ input }) => previewInvite(input)),
  list: protectedProcedure.input(listInvitesSchema).query(({ ctx, input }) => listInvites(ctx.actor, input)),
  create: protectedProcedure.input(createInviteSchema).mutation(({ ctx, input }) => createInvite(ctx.actor, input)),
  revoke: protectedProcedure.input(revokeInviteSchema).mutation(({ ctx, input }) => revokeInvite(ctx.actor, input)),
});
