import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { availabilityRouter } from "./routers/availability";
import { schedulingRouter } from "./routers/scheduling";
import { cohortsRouter } from "./routers/cohorts";
import { coursesRouter } from "./routers/courses";
import { invitesRouter } from "./routers/invites";
import { learningRouter } from "./routers/learning";
import { meetingsRouter } from "./routers/meetings";
import { membersRouter } from "./routers/members";
import { notificationsRouter } from "./routers/notifications";
import { orgSettingsRouter } from "./routers/org-settings";
import { organizationsRouter } from "./routers/organizations";
import { remindersRouter } from "./routers/reminders";
import { reviewRouter } from "./routers/review";
import { tutorRouter } from "./routers/tutor";
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
  courses: coursesRouter,
  cohorts: cohortsRouter,
  tutor: tutorRouter,
  learning: learningRouter,
  review: reviewRouter,
  meetings: meetingsRouter,
  availability: availabilityRouter,
  scheduling: schedulingRouter,
});

export type AppRouter = typeof appRouter;
