import { changeMemberRoleSchema, listMembersSchema, moveMemberSchema, removeMemberSchema } from "@/lib/schemas/org";
import { changeMemberRole, listMembers, moveMember, removeMember } from "../../services/members";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const membersRouter = createTRPCRouter({
  list: protectedProcedure.input(listMembersSchema).query(({ ctx, input }) => listMembers(ctx.actor, input)),
  changeRole: protectedProcedure.input(changeMemberRoleSchema).mutation(({ ctx, input }) => changeMemberRole(ctx.actor, input)),
  move: protectedProcedure.input(moveMemberSchema).mutation(({ ctx, input }) => moveMember(ctx.actor, input)),
  remove: protectedProcedure.input(removeMemberSchema).mutation(({ ctx, input }) => removeMember(ctx.actor, input)),
});
