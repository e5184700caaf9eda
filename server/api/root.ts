import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { invitesRouter } from "./routers/invites";
import { membersRouter } from "./routers/members";
import { notificationsRouter } from "./routers/notifications";
import { orgSettingsRouter } from "./routers/org-settings";
import { organizationsRouter } from "./routers/organizations";
import { remindersRouter } from "./routers/reminders";
import { unitsRouter } from "./routers/units";
import { workflowsRouter } from "./routers/workflows";
import { createTRPCRouter } from "./trpc";

/** Mounts the domain routers; procedures live in ./routers. */
export const appRouter = createTRPCRouter({
  account: accountRouter,
  organizations: organizationsRouter,
  units: unitsRouter,
  members: membersRouter,
  invites: invitesRouter,
  audit: auditRouter,
  orgSettings: orgSettingsRouter,
  workflows: workflowsRouter,
  reminders: remindersRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
