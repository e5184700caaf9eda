import type { Prisma } from "../../generated/prisma/client";

/**
 * The one write path for learner progress. Scores and completion are derived
 * here from what the server recorded (attempts, answers, submissions, visits),
 * never taken from the client:
 * - a lesson is complete once the learner has opened it;
 * - a quiz is complete once an attempt is fully graded and passed;
 * - an assignment is complete once it is handed in; its score comes from review.
 */

type Tx = Prisma.TransactionClient;

/** Every UTC offset is a multiple of 15 minutes, so a 15-minute bucket never straddles a local midnight. */
export const activityBucketMs = 15 * 60 * 1000;

export function activityBucket(at: Date): number {
  return Math.floor(at.getTime() / activityBucketMs);
}

/** Records that the learner did something now: streak activity, last active time and last item. */
export async function touchLearner(tx: Tx, input: { cohortId: string; userId: string; itemId?: string | null; at: Date }): Promise<void> {
  const { cohortId, userId, itemId, at } = input;
  await tx.learningActivity.createMany({ data: [{ userId, bucket: activityBucket(at), cohortId, at }], skipDuplicates: true });
  await tx.cohortMember.updateMany({
    where: { cohortId, userId },
    data: { lastActiveAt: at, ...(itemId ? { lastItemId: itemId } : {}) },
  });
}

/** Marks a lesson (or any item that completes on opening) complete, once. */
export async function completeOnVisit(tx: Tx, input: { cohortId: string; userId: string; itemId: string; at: Date }): Promise<void> {
  const { cohortId, userId, itemId, at } = input;
  await tx.itemProgress.upsert({
    where: { cohortId_userId_itemId: { cohortId, userId, itemId } },
    create: { cohortId, userId, itemId, status: "completed", startedAt: at, completedAt: at },
    update: {},
  });
}

/** Marks an item started (first open of a quiz or assignment) without touching completion. */
export async function markStarted(tx: Tx, input: { cohortId: string; userId: string; itemId: string; at: Date }): Promise<void> {
  const { cohortId, userId, itemId, at } = input;
  await tx.itemProgress.upsert({
    where: { cohortId_userId_itemId: { cohortId, userId, itemId } },
    create: { cohortId, userId, itemId, status: "started", startedAt: at },
    update: {},
  });
}

const pendingStatuses = ["pending_ai", "needs_review"] as const;

export interface AttemptTotals {
  status: "grading" | "graded";
  score: number | null;
  maxScore: number;
  passed: boolean | null;
}

/** Rounds points to two decimals so sums of fractions read cleanly. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/**
 * An attempt's totals from its answers: graded only when every answer has a
 * score (an override counts); the pass mark is the quiz's when it started.
 */
export function attemptTotals(
  answers: readonly { gradingStatus: string; autoPoints: number | null; overridePoints: number | null; maxPoints: number }[],
  maxScore: number,
  passPercent: number,
): AttemptTotals {
  const points = answers.map((a) => a.overridePoints ?? (pendingStatuses.includes(a.gradingStatus as (typeof pendingStatuses)[number]) ? null : a.autoPoints));
  if (points.some((p) => p === null)) return { status: "grading", score: null, maxScore, passed: null };
  const score = roundPoints(points.reduce<number>((sum, p) => sum + (p ?? 0), 0));
  const passed = maxScore === 0 ? true : (score / maxScore) * 100 >= passPercent - 1e-9;
  return { status: "graded", score, maxScore, passed };
}

/** Recomputes a submitted attempt from its answers, then the learner's progress on that quiz. */
export async function recomputeAttempt(tx: Tx, attemptId: string, at: Date): Promise<AttemptTotals> {
  const attempt = await tx.quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      cohortId: true,
      userId: true,
      itemId: true,
      maxScore: true,
      passPercent: true,
      submittedAt: true,
      answers: { select: { gradingStatus: true, autoPoints: true, overridePoints: true, maxPoints: true } },
    },
  });
  const totals = attemptTotals(attempt.answers, attempt.maxScore, attempt.passPercent);
  if (attempt.submittedAt) {
    await tx.quizAttempt.update({ where: { id: attemptId }, data: { status: totals.status, score: totals.score, passed: totals.passed } });
  }
  await recomputeQuizProgress(tx, { cohortId: attempt.cohortId, userId: attempt.userId, itemId: attempt.itemId, at });
  return totals;
}

/** Best score and completion of a quiz over all of the learner's graded attempts (an override may lower them). */
export async function recomputeQuizProgress(tx: Tx, input: { cohortId: string; userId: string; itemId: string; at: Date }): Promise<void> {
  const { cohortId, userId, itemId, at } = input;
  const graded = await tx.quizAttempt.findMany({
    where: { cohortId, userId, itemId, status: "graded" },
    select: { score: true, maxScore: true, passed: true, submittedAt: true },
  });
  const best = graded.reduce<number | null>((b, a) => {
    const fraction = a.maxScore > 0 ? (a.score ?? 0) / a.maxScore : 1;
    return b === null || fraction > b ? fraction : b;
  }, null);
  const passedAttempts = graded.filter((a) => a.passed);
  const passed = graded.length === 0 ? null : passedAttempts.length > 0;
  const completedAt = passedAttempts.map((a) => a.submittedAt ?? at).sort((x, y) => x.getTime() - y.getTime())[0] ?? null;
  const data = { bestScore: best, passed, status: completedAt ? ("completed" as const) : ("started" as const), completedAt };
  await tx.itemProgress.upsert({
    where: { cohortId_userId_itemId: { cohortId, userId, itemId } },
    create: { cohortId, userId, itemId, startedAt: at, ...data },
    update: data,
  });
}

/** An assignment is complete once handed in; its score is the latest reviewed submission's. */
export async function recomputeAssignmentProgress(tx: Tx, input: { cohortId: string; userId: string; itemId: string; at: Date }): Promise<void> {
  const { cohortId, userId, itemId, at } = input;
  const submissions = await tx.assignmentSubmission.findMany({
    where: { cohortId, userId, itemId },
    orderBy: { number: "desc" },
    select: { submittedAt: true, score: true, maxScore: true, status: true },
  });
  if (submissions.length === 0) return;
  const first = submissions[submissions.length - 1]!;
  const reviewed = submissions.find((s) => s.status === "reviewed" && s.score !== null);
  const bestScore = reviewed ? (reviewed.maxScore > 0 ? (reviewed.score ?? 0) / reviewed.maxScore : 1) : null;
  const data = { status: "completed" as const, completedAt: first.submittedAt, bestScore, passed: null };
  await tx.itemProgress.upsert({
    where: { cohortId_userId_itemId: { cohortId, userId, itemId } },
    create: { cohortId, userId, itemId, startedAt: at, ...data },
    update: data,
  });
}
