import { cron } from "inngest";
import { deleteStaleSessions } from "@/server/services/maintenance";
import { inngest } from "../client";

/** Daily at 03:00 UTC: device sessions that ended (expired or revoked) over 30 days ago are deleted. */
export const cleanupExpiredSessions = inngest.createFunction(
  { id: "cleanup-expired-sessions", name: "Delete old device sessions", triggers: [cron("0 3 * * *")] },
  async ({ event, step }) => {
    // The timer event's time, not the clock: a retry later deletes the same set.
    const now = new Date(event.ts ?? Date.now());
    return step.run("delete-stale-sessions", () => deleteStaleSessions({ now }));
  },
);
