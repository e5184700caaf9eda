import type { Inngest } from "inngest";
import {
  giveUpAiGrading,
  gradeAttemptAnswer,
  pendingAiAnswerIds,
  recomputeGradedAttempt,
  type AnswerGradingResult,
  type GradingOptions,
} from "@/server/services/courses/grading";
import { inngest } from "../client";
import { attemptSubmitted } from "../events";

/** Attempts graded at once across the app, so a whole class submitting together does not flood the model. */
export const gradingConcurrency = 5;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Grades the answers of a submitted quiz attempt that wait for the AI grader,
 * one step per answer (`grade-<answerId>`), then recomputes the attempt. A
 * step that fails with a transient provider error (rate limit, overload,
 * network) is retried with backoff; once the retries are spent a
 * `give-up-<answerId>` step hands the answer to a teacher. Everything else
 * (no model connected, a reply that does not fit the rubric) is settled
 * inside the grading step itself. One run per attempt at a time, so a
 * duplicate event never calls the model twice for one answer.
 */
export function createGradeAttempt(client: Inngest, options: () => GradingOptions = () => ({})) {
  return client.createFunction(
    {
      id: "grade-attempt",
      name: "Grade a quiz attempt with AI",
      retries: 4,
      triggers: [attemptSubmitted],
      concurrency: [{ limit: gradingConcurrency }, { key: "event.data.attemptId", limit: 1 }],
    },
    async ({ event, step }) => {
      const { attemptId } = event.data;
      const pending = await step.run("list-pending", () => pendingAiAnswerIds(attemptId));
      const results: AnswerGradingResult[] = [];
      for (const answerId of pending) {
        const result = await step
          .run(`grade-${answerId}`, () => gradeAttemptAnswer(answerId, options()))
          .catch((error: unknown) => step.run(`give-up-${answerId}`, () => giveUpAiGrading(answerId, messageOf(error))));
        results.push(result);
      }
      const totals = await step.run("recompute", () => recomputeGradedAttempt(attemptId));
      return {
        attemptId,
        graded: results.filter((r) => r.status === "ai_graded").length,
        needsReview: results.filter((r) => r.status === "needs_review").length,
        status: totals?.status ?? null,
      };
    },
  );
}

export const gradeAttempt = createGradeAttempt(inngest);
