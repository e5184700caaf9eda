import { describe, expect, it } from "vitest";
import { activityBucket, attemptTotals } from "./progress";

const answer = (gradingStatus: string, autoPoints: number | null, maxPoints: number, overridePoints: number | null = null) => ({ gradingStatus, autoPoints, overridePoints, maxPoints });

describe("attemptTotals", () => {
  it("sums scored answers and applies the pass mark", () => {
    expect(attemptTotals([answer("auto", 1, 1), answer("ai_graded", 2.5, 4)], 5, 60)).toEqual({ status: "graded", score: 3.5, maxScore: 5, passed: true });
    expect(attemptTotals([answer("auto", 0, 1), answer("ai_graded", 2.5, 4)], 5, 60)).toEqual({ status: "graded", score: 2.5, maxScore: 5, passed: false });
  });

  it("waits while an answer has no score, unless a reviewer overrode it", () => {
    expect(attemptTotals([answer("auto", 1, 1), answer("pending_ai", null, 4)], 5, 60)).toMatchObject({ status: "grading", score: null, passed: null });
    expect(attemptTotals([answer("auto", 1, 1), answer("needs_review", null, 4, 3)], 5, 60)).toEqual({ status: "graded", score: 4, maxScore: 5, passed: true });
  });

  it("lets an override lower a score", () => {
    expect(attemptTotals([answer("reviewed", 4, 4, 1)], 4, 50)).toMatchObject({ score: 1, passed: false });
  });

  it("passes exactly at the pass mark", () => {
    expect(attemptTotals([answer("auto", 3, 5)], 5, 60).passed).toBe(true);
  });
});

describe("activityBucket", () => {
  it("puts instants 15 minutes apart in different buckets and within one in the same", () => {
    const t = Date.UTC(2026, 11, 6, 10, 0, 0);
    expect(activityBucket(new Date(t))).toBe(activityBucket(new Date(t + 14 * 60_000)));
    expect(activityBucket(new Date(t + 15 * 60_000))).toBe(activityBucket(new Date(t)) + 1);
  });
});
