import { cleanupExpiredSessions } from "./functions/cleanup-expired-sessions";
import { deliverNotification } from "./functions/deliver-notification";
import { dailyAdminDigest } from "./functions/daily-admin-digest";
import { dispatchReminders } from "./functions/dispatch-reminders";
import { gradeAttempt } from "./functions/grade-attempt";
import { meetingReminders } from "./functions/meeting-reminders";
import { notifyUnlockedItems } from "./functions/notify-unlocked-items";
import { orgDigestFunction } from "./functions/org-digest";
import { pruneWorkflowHistoryFunction } from "./functions/prune-workflow-history";
import { scheduleCohort } from "./functions/schedule-cohort";
import { sendMailFunction } from "./functions/send-mail";
import { sweepNotificationDeliveries } from "./functions/sweep-notification-deliveries";

export { inngest } from "./client";
export * from "./events";

/** Every function the app serves (app/api/inngest/route.ts) and the embedded worker runs. */
export const functions = [sendMailFunction, cleanupExpiredSessions, pruneWorkflowHistoryFunction, deliverNotification, sweepNotificationDeliveries, dailyAdminDigest, orgDigestFunction, dispatchReminders, gradeAttempt, notifyUnlockedItems, meetingReminders, scheduleCohort];
