import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { invitesRouter } from "./routers/invites";
import { membersRouter } from "./routers/members";
import { organizationsRouter } from "./routers/organizations";
import { unitsRouter } from "./routers/units";
import { createTRPCRouter } from "./trpc";

/** Mounts the domain routers; procedures live in ./routers. */
export const appRouter = createTRPCRouter({
  account: accountRouter,
  organizations: organizationsRouter,
  units: unitsRouter,
  members: membersRouter,
  invites: invitesRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
