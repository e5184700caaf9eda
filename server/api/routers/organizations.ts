import { getOrganizationSchema, listOrganizationsPageSchema, renameOrganizationSchema } from "@/lib/schemas/org";
import {
  getOrganization,
  listMyOrganizations,
  listOrganizationsPage,
  renameOrganization,
} from "../../services/organizations";
import { createTRPCRouter, protectedProcedure, systemAdminProcedure } from "../trpc";

export const organizationsRouter = createTRPCRouter({
  mine: protectedProcedure.query(({ ctx }) => listMyOrganizations(ctx.actor)),
  all: systemAdminProcedure.input(listOrganizationsPageSchema).query(({ ctx, input }) => listOrganizationsPage(ctx.actor, input)),
  get: protectedProcedure.input(getOrganizationSchema).query(({ ctx, input }) => getOrganization(ctx.actor, input)),
  rename: protectedProcedure.input(renameOrganizationSchema).mutation(({ ctx, input }) => renameOrganization(ctx.actor, input)),
});
