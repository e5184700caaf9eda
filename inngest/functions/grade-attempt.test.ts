import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import type { AnswerGradingResult } from "@/server/services/courses/grading";
import { attemptSubmitted } from "../events";
import { gradeAttempt, gradingConcurrency } from "./grade-attempt";

const event = { name: "course/attempt.submitted", data: { attemptId: "att1" } };

describe("grade-attempt", () => {
  // A fresh engine per test: the engine memoises mocked steps by id across executions.
  const engine = () => new InngestTestEngine({ function: gradeAttempt });

  it("runs on course/attempt.submitted, a few attempts at a time and one run per attempt, with retries", () => {
    const [config] = gradeAttempt["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ event: "course/attempt.submitted" }]);
    expect(config?.concurrency).toEqual([{ limit: gradingConcurrency }, { key: "event.data.attemptId", limit: 1 }]);
    expect(config?.steps.step.retries?.attempts).toBe(4);
  });

  it("grades each pending answer in its own step, then recomputes the attempt", async () => {
    const graded: AnswerGradingResult = { answerId: "a1", status: "ai_graded", points: 3, maxPoints: 4, passed: true };
    const review: AnswerGradingResult = { answerId: "a2", status: "needs_review", error: "No AI model is connected." };
    const { result, ctx } = await engine().execute({
      events: [event],
      steps: [
        { id: "list-pending", handler: () => ["a1", "a2"] },
        { id: "grade-a1", handler: () => graded },
        { id: "grade-a2", handler: () => review },
        { id: "recompute", handler: () => ({ status: "grading", score: null, maxScore: 5, passed: null }) },
      ],
    });
    expect(result).toEqual({ attemptId: "att1", graded: 1, needsReview: 1, status: "grading" });
    expect(ctx.step.run.mock.calls.map((call) => call[0])).toEqual(["list-pending", "grade-a1", "grade-a2", "recompute"]);
  });

  it("only recomputes when nothing waits for the grader (a duplicate event, a retried run)", async () => {
    const { result, ctx } = await engine().execute({
      events: [event],
      steps: [
        { id: "list-pending", handler: () => [] },
        { id: "recompute", handler: () => ({ status: "graded", score: 5, maxScore: 5, passed: true }) },
      ],
    });
    expect(result).toEqual({ attemptId: "att1", graded: 0, needsReview: 0, status: "graded" });
    expect(ctx.step.run.mock.calls.map((call) => call[0])).toEqual(["list-pending", "recompute"]);
  });

  // @inngest/test does not model a step failing for good, so the give-up path is tested on the
  // embedded executor (grade-attempt.integration.test.ts).

  it("refuses an event without an attempt id", async () => {
    await expect(attemptSubmitted.create({ attemptId: "" }).validate()).rejects.toThrow();
  });
});
