import {
  archiveUnitSchema,
  createUnitSchema,
  moveUnitSchema,
  renameUnitSchema,
  restoreUnitSchema,
  unitTreeSchema,
} from "@/lib/schemas/org";
import { archiveUnit, createUnit, getUnitTree, moveUnit, renameUnit, restoreUnit } from "../../services/units";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const unitsRouter = createTRPCRouter({
  tree: protectedProcedure.input(unitTreeSchema).query(({ ctx, input }) => getUnitTree(ctx.actor, input)),
  create: protectedProcedure.input(createUnitSchema).mutation(({ ctx, input }) => createUnit(ctx.actor, input)),
  rename: protectedProcedure.input(renameUnitSchema).mutation(({ ctx, input }) => renameUnit(ctx.actor, input)),
  move: protectedProcedure.input(moveUnitSchema).mutation(({ ctx, input }) => moveUnit(ctx.actor, input)),
  archive: protectedProcedure.input(archiveUnitSchema).mutation(({ ctx, input }) => archiveUnit(ctx.actor, input)),
  restore: protectedProcedure.input(restoreUnitSchema).mutation(({ ctx, input }) => restoreUnit(ctx.actor, input)),
});
