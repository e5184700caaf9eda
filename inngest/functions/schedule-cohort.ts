import { NonRetriableError, type Inngest } from "inngest";
import { isAppError } from "@/lib/errors";
import { parseScheduleInput } from "@/lib/scheduling";
import { failRun, failureMessage, finishRun, prepareRun, runScheduler, type PreparedRun } from "@/server/services/scheduling/runs";
import { inngest } from "../client";
import { scheduleRunRequested } from "../events";

export interface ScheduleCohortOptions {
  /** Progress writes at most this often (ms). */
  throttleMs?: number;
  /** Run the scheduler on the calling thread (tests). */
  inProcess?: boolean;
}

/** Our own errors (nobody gave availability, ...) say what to do and will not change on a retry. */
function settled<T>(body: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await body();
    } catch (error) {
      if (isAppError(error)) throw new NonRetriableError(error.message);
      throw error;
    }
  };
}

/**
 * Runs the scheduler for one ScheduleRun: `prepare` (mark it running, read
 * the availability, set kept groups aside), `schedule` (lib/scheduling on a
 * worker thread, progress written as it goes), `save` (result and first
 * draft). A step that keeps failing ends in `mark-failed`, which stores why,
 * so the page shows the admin an error instead of a run that never ends.
 * One run per cohort at a time.
 */
export function createScheduleCohort(client: Inngest, options: () => ScheduleCohortOptions = () => ({})) {
  return client.createFunction(
    {
      id: "schedule-cohort",
      name: "Schedule a cohort's groups",
      retries: 2,
      concurrency: [{ key: "event.data.cohortId", limit: 1 }],
      triggers: [scheduleRunRequested],
    },
    async ({ event, step }) => {
      const { runId } = event.data;
      try {
        const prepared = await step.run("prepare", settled(() => prepareRun(runId)));
        if (!prepared) return { runId, status: "skipped" as const };
        // Step results come back as JSON: parse the input again rather than trusting its shape.
        const parsed = parseScheduleInput(prepared.input);
        if (!parsed.ok) throw new Error(`the prepared input is not valid (${parsed.message})`);
        const output = await step.run("schedule", settled(() => runScheduler(runId, parsed.input, options())));
        const kept = prepared.kept as PreparedRun["kept"];
        const finished = await step.run("save", settled(() => finishRun(runId, { input: parsed.input, kept }, output as Parameters<typeof finishRun>[2])));
        return { runId, ...finished };
      } catch (error) {
        const message = failureMessage(error);
        await step.run("mark-failed", () => failRun(runId, message));
        return { runId, status: "failed" as const, error: message };
      }
    },
  );
}

export const scheduleCohort = createScheduleCohort(inngest);
