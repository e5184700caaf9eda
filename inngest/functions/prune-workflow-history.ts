import { cron } from "inngest";
import { pruneWorkflowHistory } from "@/server/services/maintenance";
import { inngest } from "../client";

/** Daily at 03:30 UTC: old runs and events of the embedded executor are deleted (nothing to do under an Inngest server). */
export const pruneWorkflowHistoryFunction = inngest.createFunction(
  { id: "prune-workflow-history", name: "Delete old workflow runs", triggers: [cron("30 3 * * *")] },
  async ({ event, step }) => {
    // The timer event's time, not the clock: a retry later deletes the same set.
    const now = new Date(event.ts ?? Date.now());
    return step.run("delete-old-runs", () => pruneWorkflowHistory({ now }));
  },
);
