import { listAuditLogSchema } from "@/lib/schemas/org";
import { listAuditLog } from "../../services/audit";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: protectedProcedure.input(listAuditLogSchema).query(({ ctx, input }) => listAuditLog(ctx.actor, input)),
});
