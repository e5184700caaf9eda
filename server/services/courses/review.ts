import { AppError } from "@/lib/errors";
import { itemContentSchema } from "@/lib/schemas/course-content";
import { answerSchema, questionSchema, type Answer, type CodeLanguage, type Question, type QuestionKind } from "@/lib/schemas/courses";
import {
  confirmAnswerSchema,
  maxReviewCommentLength,
  overrideAnswerSchema,
  releaseFeedbackSchema,
  reviewQueueSchema,
  reviewSubmissionSchema,
  cohortIdInputSchema,
  type CohortIdInput,
  type ConfirmAnswerInput,
  type OverrideAnswerInput,
  type ReleaseFeedbackInput,
  type ReviewQueueInput,
  type ReviewStatus,
  type ReviewSubmissionInput,
} from "@/lib/schemas/review";
import { parseInput } from "@/lib/validation";
import type { Actor, MaybeActor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db, type Db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { recordAudit, type Page } from "../audit";
import { recordNotification, recordNotifications, requestDelivery, type NotificationDraft } from "../notifications";
import { cohortSubject, requireCohort, type CohortAccess } from "./access";
import { readAiGrade } from "./grading";
import { submissionSelect } from "./learning-assignment";
import { recomputeAssignmentProgress, recomputeAttempt, roundPoints, type AttemptTotals } from "./progress";

/**
 * The review queue of a cohort and what reviewers do with it: override or
 * confirm an answer's score, grade an assignment submission, release an
 * exam's feedback. Every change recomputes the learner's attempt and
 * progress (progress.ts) in the same transaction, writes an audit row and
 * records the learner's notification with it, so a grade, its record and
 * the learner's message commit together. An exam's scores stay hidden from
 * learners until its feedback is released, so no grade notification leaks
 * them before then.
 *
 * Who: the cohort's teachers and the unit's teachers and admins review
 * ("review" on the Cohort); the cohort's facilitators read the queue only.
 */

type Client = Db | Prisma.TransactionClient;

const answerNotFound = "This answer was not found, or you do not have access to it.";
const submissionNotFound = "This submission was not found, or you do not have access to it.";
/** Waiting for the AI grader this long means the grader is stuck, so a person may score the answer instead. */
export const stuckGradingMs = 15 * 60 * 1000;

// ---------------------------------------------------------------------------
// Who is staff of a cohort

/** Teachers and facilitators of the cohort, and teachers and admins of its unit: the people who see its dashboard and queue. */
export function isCohortStaff(actor: Actor, cohort: CohortAccess): boolean {
  const subject = cohortSubject(cohort);
  const role = cohort.member?.role;
  return role === "facilitator" || role === "teacher" || can(actor, "update", "Cohort", subject) || can(actor, "review", "Cohort", subject);
}

export function canReviewCohort(actor: Actor, cohort: CohortAccess): boolean {
  return can(actor, "review", "Cohort", cohortSubject(cohort));
}

/** The cohort, for its staff; learners are told the page is not theirs, outsiders that it does not exist. */
export async function requireCohortStaff(actor: MaybeActor, cohortId: string, client: Client = db()): Promise<CohortAccess & { actor: Actor }> {
  const cohort = await requireCohort(actor, cohortId, "read", client);
  // requireCohort asserted the actor, but TypeScript loses the narrowing across the await.
  if (!actor || !isCohortStaff(actor, cohort)) {
    throw new AppError("forbidden", "This page is for the cohort's teachers and facilitators. Learners find their course under My learning.");
  }
  return { ...cohort, actor };
}

// ---------------------------------------------------------------------------
// What waits for a person

type AnswerStatusFilter = Exclude<ReviewStatus, "all"> | "waiting";

/** Answers a person must score: the grader gave up or cannot grade them (code), or it is stuck. */
function needsPersonWhere(now: Date): Prisma.AttemptAnswerWhereInput[] {
  return [{ gradingStatus: "needs_review" }, { gradingStatus: "pending_ai", attempt: { submittedAt: { lt: new Date(now.getTime() - stuckGradingMs) } } }];
}

function answerWhere(cohortId: string, status: AnswerStatusFilter | "all", itemId: string | null, now: Date): Prisma.AttemptAnswerWhereInput {
  const attempt: Prisma.QuizAttemptWhereInput = { cohortId, submittedAt: { not: null }, ...(itemId ? { itemId } : {}) };
  const byStatus: Record<AnswerStatusFilter | "all", Prisma.AttemptAnswerWhereInput> = {
    needs_review: { OR: needsPersonWhere(now) },
    waiting: { OR: needsPersonWhere(now) },
    ai_graded: { gradingStatus: "ai_graded" },
    all: { OR: [...needsPersonWhere(now), { gradingStatus: "ai_graded" }] },
    reviewed: { gradingStatus: "reviewed" },
  };
  return { attempt, ...byStatus[status] };
}

function submissionWhere(cohortId: string, status: ReviewStatus, itemId: string | null): Prisma.AssignmentSubmissionWhereInput | null {
  if (status === "ai_graded") return null;
  return { cohortId, status: status === "reviewed" ? "reviewed" : "submitted", ...(itemId ? { itemId } : {}) };
}

/** Answers and submissions waiting for a person in a cohort (the dashboard's "pending reviews"), in two queries. */
export async function countWaitingReviews(cohortId: string, now: Date, client: Client = db()): Promise<number> {
  const [answers, submissions] = await Promise.all([
    client.attemptAnswer.count({ where: answerWhere(cohortId, "waiting", null, now) }),
    client.assignmentSubmission.count({ where: { cohortId, status: "submitted" } }),
  ]);
  return answers + submissions;
}

// ---------------------------------------------------------------------------
// The queue

export interface ReviewLearner {
  id: string;
  name: string;
  email: string;
}

export interface ReviewQuestion {
  id: string;
  kind: QuestionKind;
  prompt: string;
  points: number;
  /** Choices with the answer key marked (reviewers see the key). */
  choices: { id: string; text: string; correct: boolean }[];
  acceptedAnswers: string[];
  rubric: { id: string; title: string; description: string; min: number; max: number; pass: number }[];
  graderNotes: string | null;
  language: CodeLanguage | null;
  referenceTests: string | null;
}

export interface ReviewCriterion {
  id: string;
  title: string;
  /** What the criterion rewards, from the rubric the attempt was taken on. */
  description: string | null;
  score: number;
  min: number;
  max: number;
  pass: number;
  passed: boolean;
  feedback: string | null;
}

/** The AI grader's rubric result (pass or fail computed on the server from the scores). */
export interface AiRubricResult {
  criteria: ReviewCriterion[];
  total: number;
  max: number;
  passed: boolean;
  model: string;
}

export interface AnswerEntry {
  type: "answer";
  id: string;
  /** When the attempt was handed in. */
  at: Date;
  learner: ReviewLearner;
  item: { id: string; title: string };
  attempt: { id: string; number: number; mode: string; status: string; score: number | null; maxScore: number; passed: boolean | null };
  question: ReviewQuestion | null;
  answer: Answer | null;
  gradingStatus: string;
  /** The score that counts now: the override, else the automatic or AI score; null while pending. */
  points: number | null;
  autoPoints: number | null;
  overridePoints: number | null;
  maxPoints: number;
  ai: AiRubricResult | null;
  aiError: string | null;
  comment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  /** An exam whose feedback is not released: the learner does not see this score yet. */
  feedbackHeld: boolean;
}

export interface SubmissionEntry {
  type: "submission";
  id: string;
  at: Date;
  learner: ReviewLearner;
  item: { id: string; title: string };
  number: number;
  text: string | null;
  file: { name: string; size: number | null; type: string | null } | null;
  status: "submitted" | "reviewed";
  score: number | null;
  maxScore: number;
  feedback: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

export type ReviewEntry = AnswerEntry | SubmissionEntry;

export interface ReviewQueuePage extends Page<ReviewEntry> {
  /** False for facilitators: they read the queue, teachers score it. */
  canReview: boolean;
}

const learnerSelect = { select: { id: true, name: true, email: true } } as const;

const answerSelect = {
  id: true,
  questionId: true,
  answer: true,
  gradingStatus: true,
  autoPoints: true,
  maxPoints: true,
  aiGrade: true,
  aiError: true,
  overridePoints: true,
  overrideComment: true,
  overriddenAt: true,
  overriddenBy: { select: { name: true } },
  attempt: {
    select: {
      id: true,
      number: true,
      mode: true,
      status: true,
      score: true,
      maxScore: true,
      passed: true,
      submittedAt: true,
      questions: true,
      user: learnerSelect,
      item: { select: { id: true, title: true, publishedTitle: true, feedbackReleasedAt: true } },
    },
  },
} satisfies Prisma.AttemptAnswerSelect;
type AnswerRow = Prisma.AttemptAnswerGetPayload<{ select: typeof answerSelect }>;

const reviewSubmissionSelect = {
  ...submissionSelect,
  reviewedBy: { select: { name: true } },
  user: learnerSelect,
  item: { select: { id: true, title: true, publishedTitle: true } },
} satisfies Prisma.AssignmentSubmissionSelect;
type SubmissionRow = Prisma.AssignmentSubmissionGetPayload<{ select: typeof reviewSubmissionSelect }>;

/** The question an answer was given to, from the attempt's snapshot (with its answer key: reviewers see it). */
function snapshotQuestion(questions: Prisma.JsonValue, questionId: string): Question | null {
  const list = Array.isArray(questions)
    ? questions
    : questions && typeof questions === "object" && "questions" in questions && Array.isArray(questions.questions)
      ? questions.questions
      : [];
  const raw = list.find((q) => q !== null && typeof q === "object" && !Array.isArray(q) && q.id === questionId);
  const parsed = questionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function reviewQuestion(q: Question): ReviewQuestion {
  const base = { id: q.id, kind: q.kind, prompt: q.prompt, points: q.points, choices: [], acceptedAnswers: [], rubric: [], graderNotes: null, language: null, referenceTests: null };
  switch (q.kind) {
    case "single_choice":
    case "multiple_choice": {
      const correct = new Set(q.answerKey.correctChoiceIds);
      return { ...base, choices: q.choices.map((c) => ({ id: c.id, text: c.text, correct: correct.has(c.id) })) };
    }
    case "short_answer":
      return { ...base, acceptedAnswers: q.answerKey.acceptedAnswers };
    case "subjective":
      return { ...base, rubric: q.rubric.criteria.map((c) => ({ ...c })), graderNotes: q.graderNotes };
    case "code":
      return { ...base, language: q.language, referenceTests: q.referenceTests };
  }
}

function aiResult(json: Prisma.JsonValue, question: Question | null): AiRubricResult | null {
  const grade = readAiGrade(json);
  if (!grade) return null;
  const rubric = question?.kind === "subjective" ? question.rubric.criteria : [];
  return {
    criteria: grade.criteria.map((c) => ({ ...c, description: rubric.find((r) => r.id === c.id)?.description ?? null, feedback: c.feedback.trim() ? c.feedback : null })),
    total: grade.total,
    max: grade.max,
    passed: grade.passed,
    model: grade.responseModel || grade.model,
  };
}

function answerEntry(row: AnswerRow): AnswerEntry {
  const { attempt } = row;
  const question = snapshotQuestion(attempt.questions, row.questionId);
  const answer = answerSchema.safeParse(row.answer);
  const pending = row.gradingStatus === "pending_ai" || row.gradingStatus === "needs_review";
  return {
    type: "answer",
    id: row.id,
    at: attempt.submittedAt ?? new Date(0),
    learner: attempt.user,
    item: { id: attempt.item.id, title: attempt.item.publishedTitle ?? attempt.item.title },
    attempt: { id: attempt.id, number: attempt.number, mode: attempt.mode, status: attempt.status, score: attempt.score, maxScore: attempt.maxScore, passed: attempt.passed },
    question: question ? reviewQuestion(question) : null,
    answer: answer.success ? answer.data : null,
    gradingStatus: row.gradingStatus,
    points: row.overridePoints ?? (pending ? null : row.autoPoints),
    autoPoints: row.autoPoints,
    overridePoints: row.overridePoints,
    maxPoints: row.maxPoints,
    ai: aiResult(row.aiGrade, question),
    aiError: row.aiError,
    comment: row.overrideComment,
    reviewedBy: row.overriddenBy?.name ?? null,
    reviewedAt: row.overriddenAt,
    feedbackHeld: attempt.mode === "exam" && attempt.item.feedbackReleasedAt === null,
  };
}

function submissionEntry(row: SubmissionRow): SubmissionEntry {
  return {
    type: "submission",
    id: row.id,
    at: row.submittedAt,
    learner: row.user,
    item: { id: row.item.id, title: row.item.publishedTitle ?? row.item.title },
    number: row.number,
    text: row.text,
    file: row.fileKey ? { name: row.fileName ?? "submission", size: row.fileSize, type: row.fileType } : null,
    status: row.status,
    score: row.score,
    maxScore: row.maxScore,
    feedback: row.feedback,
    reviewedBy: row.reviewedBy?.name ?? null,
    reviewedAt: row.reviewedAt,
  };
}

interface QueueCursor {
  at: Date;
  id: string;
}

const badCursor = "This page link is not valid; start from the first page.";

function parseCursor(cursor: string | null | undefined): QueueCursor | null {
  if (!cursor) return null;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,100})$/.exec(cursor);
  if (!match) throw new AppError("invalid", badCursor);
  return { at: new Date(Number(match[1])), id: match[2]! };
}

/** Oldest first while waiting (a queue); newest first once reviewed (a history). */
function compareEntries(desc: boolean) {
  return (a: ReviewEntry, b: ReviewEntry) => {
    const byTime = a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return desc ? -byTime : byTime;
  };
}

/**
 * A page of the queue. Answers and submissions are two tables, each read in
 * the same (time, id) order from the cursor on and merged: the first `take`
 * of the merge are the first `take` of the union.
 */
export async function reviewQueue(actor: MaybeActor, input: ReviewQueueInput): Promise<ReviewQueuePage> {
  const { cohortId, cursor, status, itemId, take } = parseInput(reviewQueueSchema, input);
  const after = parseCursor(cursor);
  const cohort = await requireCohortStaff(actor, cohortId);
  const now = await appNow();
  const desc = status === "reviewed";
  const dir = desc ? "desc" : "asc";
  const beyond = desc ? "lt" : "gt";

  const answerCursor: Prisma.AttemptAnswerWhereInput = after
    ? { OR: [{ attempt: { submittedAt: { [beyond]: after.at } } }, { attempt: { submittedAt: after.at }, id: { [beyond]: after.id } }] }
    : {};
  const submissionFilter = submissionWhere(cohortId, status, itemId);
  const submissionCursor: Prisma.AssignmentSubmissionWhereInput = after
    ? { OR: [{ submittedAt: { [beyond]: after.at } }, { submittedAt: after.at, id: { [beyond]: after.id } }] }
    : {};

  const [answers, submissions] = await Promise.all([
    db().attemptAnswer.findMany({
      where: { AND: [answerWhere(cohortId, status, itemId, now), answerCursor] },
      orderBy: [{ attempt: { submittedAt: dir } }, { id: dir }],
      take: take + 1,
      select: answerSelect,
    }),
    submissionFilter
      ? db().assignmentSubmission.findMany({
          where: { AND: [submissionFilter, submissionCursor] },
          orderBy: [{ submittedAt: dir }, { id: dir }],
          take: take + 1,
          select: reviewSubmissionSelect,
        })
      : Promise.resolve([]),
  ]);

  const merged = [...answers.map(answerEntry), ...submissions.map(submissionEntry)].sort(compareEntries(desc));
  const items = merged.slice(0, take);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: merged.length > take && last ? `${last.at.getTime()}.${last.id}` : null,
    canReview: canReviewCohort(cohort.actor, cohort),
  };
}

// ---------------------------------------------------------------------------
// What the review page shows around the queue

export interface ReviewOverview {
  canReview: boolean;
  waiting: number;
  /** Quizzes and assignments of the course, in course order, for the item filter. */
  items: { id: string; title: string; kind: "quiz" | "assignment" }[];
  /** Exams, whose feedback a reviewer releases. */
  exams: { itemId: string; title: string; releasedAt: Date | null; attempted: number }[];
}

function isExamContent(json: Prisma.JsonValue | null): boolean {
  const parsed = itemContentSchema.safeParse(json);
  return parsed.success && parsed.data.kind === "quiz" && parsed.data.mode === "exam";
}

export async function reviewOverview(actor: MaybeActor, input: CohortIdInput): Promise<ReviewOverview> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  const cohort = await requireCohortStaff(actor, cohortId);
  const now = await appNow();
  const [rows, attempted, waiting] = await Promise.all([
    db().courseItem.findMany({
      where: { courseId: cohort.courseId, publishedAt: { not: null }, kind: { in: ["quiz", "assignment"] } },
      orderBy: [{ module: { position: "asc" } }, { moduleId: "asc" }, { position: "asc" }, { id: "asc" }],
      select: { id: true, kind: true, title: true, publishedTitle: true, publishedContent: true, feedbackReleasedAt: true },
    }),
    db().$queryRaw<{ itemId: string; learners: number }[]>(Prisma.sql`
      SELECT "itemId", COUNT(DISTINCT "userId")::int AS "learners"
      FROM "QuizAttempt"
      WHERE "cohortId" = ${cohortId} AND "mode" = 'exam' AND "submittedAt" IS NOT NULL
      GROUP BY "itemId"`),
    countWaitingReviews(cohortId, now),
  ]);
  const attemptedBy = new Map(attempted.map((r) => [r.itemId, r.learners]));
  const items = rows.map((r) => ({ id: r.id, title: r.publishedTitle ?? r.title, kind: r.kind === "quiz" ? ("quiz" as const) : ("assignment" as const) }));
  const exams = rows
    .filter((r) => r.kind === "quiz" && (isExamContent(r.publishedContent) || attemptedBy.has(r.id)))
    .map((r) => ({ itemId: r.id, title: r.publishedTitle ?? r.title, releasedAt: r.feedbackReleasedAt, attempted: attemptedBy.get(r.id) ?? 0 }));
  return { canReview: canReviewCohort(cohort.actor, cohort), waiting, items, exams };
}

// ---------------------------------------------------------------------------
// Changes

export interface AnswerReviewResult {
  answerId: string;
  points: number | null;
  gradingStatus: "reviewed";
  attempt: AttemptTotals;
  /** Whether the learner was told (not while the attempt is still being graded, nor before an exam's feedback is released). */
  notified: boolean;
}

interface AnswerTarget {
  cohort: CohortAccess & { actor: Actor };
  answer: { id: string; gradingStatus: string; autoPoints: number | null; overridePoints: number | null; maxPoints: number; questionId: string };
  attempt: { id: string; userId: string; mode: string; status: string; submittedAt: Date | null };
  item: { id: string; title: string; feedbackReleasedAt: Date | null };
}

/** The answer and its cohort, for a reviewer; outsiders learn nothing about it. */
async function reviewableAnswer(actor: MaybeActor, answerId: string): Promise<AnswerTarget> {
  const row = await db().attemptAnswer.findUnique({
    where: { id: answerId },
    select: {
      id: true,
      gradingStatus: true,
      autoPoints: true,
      overridePoints: true,
      maxPoints: true,
      questionId: true,
      attempt: {
        select: {
          id: true,
          cohortId: true,
          userId: true,
          mode: true,
          status: true,
          submittedAt: true,
          item: { select: { id: true, title: true, publishedTitle: true, feedbackReleasedAt: true } },
        },
      },
    },
  });
  if (!row) throw new AppError("not_found", answerNotFound);
  const cohort = await requireCohortStaff(actor, row.attempt.cohortId).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "not_found" ? new AppError("not_found", answerNotFound) : error;
  });
  if (!canReviewCohort(cohort.actor, cohort)) {
    throw new AppError("forbidden", "Only the cohort's teachers can change scores. Facilitators can read the review queue.");
  }
  if (!row.attempt.submittedAt) throw new AppError("conflict", "The learner has not handed in this attempt yet, so there is nothing to review.");
  const { attempt, ...answer } = row;
  return {
    cohort,
    answer,
    attempt,
    item: { id: attempt.item.id, title: attempt.item.publishedTitle ?? attempt.item.title, feedbackReleasedAt: attempt.item.feedbackReleasedAt },
  };
}

/**
 * The learner's "grade updated" notification, recorded in the change's
 * transaction; none while the attempt waits for other answers (there is no
 * score yet) or while an exam's feedback is held back.
 */
async function recordGradeNotification(
  tx: Prisma.TransactionClient,
  target: { cohort: CohortAccess; userId: string; item: { id: string; title: string }; heldBack: boolean },
  grade: { score: number | null; maxScore: number; comment: string | null },
): Promise<string | null> {
  if (target.heldBack || grade.score === null) return null;
  const comment = grade.comment && grade.comment.length > maxReviewCommentLength ? `${grade.comment.slice(0, maxReviewCommentLength - 1)}…` : grade.comment;
  const result = await recordNotification(
    tx,
    target.userId,
    "course.grade_updated",
    {
      orgId: target.cohort.orgId,
      cohortId: target.cohort.id,
      itemId: target.item.id,
      itemTitle: target.item.title,
      courseTitle: target.cohort.course.title,
      score: grade.score,
      maxScore: grade.maxScore,
      comment,
    },
    { orgId: target.cohort.orgId },
  );
  return result?.notificationId ?? null;
}

/** Email and Discord go out after the commit; a lost request is picked up by the delivery sweeper. */
async function deliverAfterCommit(notificationIds: (string | null)[]): Promise<void> {
  const ids = notificationIds.filter((id): id is string => id !== null);
  if (ids.length === 0) return;
  try {
    await requestDelivery(ids);
  } catch (error) {
    console.warn("review: could not request delivery of a notification; the sweeper will retry.", error);
  }
}

async function applyAnswerReview(
  actor: Actor,
  target: AnswerTarget,
  change: { overridePoints: number | null; comment: string | null; audit: "grade.overridden" | "grade.confirmed" },
): Promise<AnswerReviewResult> {
  const now = await appNow();
  const { answer, attempt, item, cohort } = target;
  const { totals, notificationId } = await db().$transaction(async (tx) => {
    await tx.attemptAnswer.update({
      where: { id: answer.id },
      data: {
        overridePoints: change.overridePoints,
        ...(change.audit === "grade.overridden" ? { overrideComment: change.comment } : {}),
        overriddenById: actor.userId,
        overriddenAt: now,
        gradingStatus: "reviewed",
      },
    });
    const totals = await recomputeAttempt(tx, attempt.id, now);
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: actor.userId,
      action: change.audit,
      targetType: "AttemptAnswer",
      targetId: answer.id,
      data: {
        cohortId: cohort.id,
        itemId: item.id,
        itemTitle: item.title,
        learnerId: attempt.userId,
        questionId: answer.questionId,
        before: { points: answer.overridePoints ?? answer.autoPoints, status: answer.gradingStatus },
        after: { points: change.overridePoints ?? answer.autoPoints, status: "reviewed" },
        ...(change.comment ? { comment: change.comment } : {}),
      },
    });
    const heldBack = attempt.mode === "exam" && item.feedbackReleasedAt === null;
    // Confirming changes nothing the learner sees unless it finishes the grading.
    const tell = change.audit === "grade.overridden" || (attempt.status !== "graded" && totals.status === "graded");
    const notificationId = tell
      ? await recordGradeNotification(tx, { cohort, userId: attempt.userId, item, heldBack }, { score: totals.score, maxScore: totals.maxScore, comment: change.comment })
      : null;
    return { totals, notificationId };
  });
  await deliverAfterCommit([notificationId]);
  return {
    answerId: answer.id,
    points: change.overridePoints ?? answer.autoPoints,
    gradingStatus: "reviewed",
    attempt: totals,
    notified: notificationId !== null,
  };
}

/** Sets an answer's points (0..its maximum) with an optional comment, then recomputes the attempt and tells the learner. */
export async function overrideAnswer(actor: MaybeActor, input: OverrideAnswerInput): Promise<AnswerReviewResult> {
  const { answerId, points, comment } = parseInput(overrideAnswerSchema, input);
  const target = await reviewableAnswer(actor, answerId);
  const max = target.answer.maxPoints;
  if (points > max + 1e-9) {
    const message = `This question is worth ${max} ${max === 1 ? "point" : "points"}: give between 0 and ${max}.`;
    throw new AppError("invalid", message, { fieldErrors: { points: [message] } });
  }
  return applyAnswerReview(target.cohort.actor, target, { overridePoints: roundPoints(points), comment, audit: "grade.overridden" });
}

/** Accepts the automatic or AI score as it is, marking the answer reviewed. */
export async function confirmAnswer(actor: MaybeActor, input: ConfirmAnswerInput): Promise<AnswerReviewResult> {
  const { answerId } = parseInput(confirmAnswerSchema, input);
  const target = await reviewableAnswer(actor, answerId);
  if (target.answer.gradingStatus === "reviewed") {
    throw new AppError("conflict", "This answer was already reviewed. To change its score, save an override.");
  }
  if (target.answer.autoPoints === null) {
    throw new AppError("invalid", "This answer has no score to confirm yet: give it points with an override.");
  }
  return applyAnswerReview(target.cohort.actor, target, { overridePoints: null, comment: null, audit: "grade.confirmed" });
}

export interface SubmissionReviewResult {
  submissionId: string;
  score: number;
  maxScore: number;
  status: "reviewed";
  notified: boolean;
}

/** Grades an assignment submission (score 0..its maximum, optional feedback) and tells the learner. */
export async function reviewSubmission(actor: MaybeActor, input: ReviewSubmissionInput): Promise<SubmissionReviewResult> {
  const { submissionId, score, feedback } = parseInput(reviewSubmissionSchema, input);
  const row = await db().assignmentSubmission.findUnique({
    where: { id: submissionId },
    select: { id: true, cohortId: true, userId: true, itemId: true, number: true, maxScore: true, score: true, status: true, item: { select: { title: true, publishedTitle: true } } },
  });
  if (!row) throw new AppError("not_found", submissionNotFound);
  const cohort = await requireCohortStaff(actor, row.cohortId).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "not_found" ? new AppError("not_found", submissionNotFound) : error;
  });
  if (!canReviewCohort(cohort.actor, cohort)) {
    throw new AppError("forbidden", "Only the cohort's teachers can grade submissions. Facilitators can read the review queue.");
  }
  if (score > row.maxScore + 1e-9) {
    const message = `This assignment is worth ${row.maxScore} ${row.maxScore === 1 ? "point" : "points"}: give between 0 and ${row.maxScore}.`;
    throw new AppError("invalid", message, { fieldErrors: { score: [message] } });
  }
  const reviewer = cohort.actor;
  const item = { id: row.itemId, title: row.item.publishedTitle ?? row.item.title };
  const now = await appNow();
  const points = roundPoints(score);
  const notificationId = await db().$transaction(async (tx) => {
    await tx.assignmentSubmission.update({
      where: { id: row.id },
      data: { status: "reviewed", score: points, feedback, reviewedById: reviewer.userId, reviewedAt: now },
    });
    await recomputeAssignmentProgress(tx, { cohortId: row.cohortId, userId: row.userId, itemId: row.itemId, at: now });
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: reviewer.userId,
      action: "submission.reviewed",
      targetType: "AssignmentSubmission",
      targetId: row.id,
      data: {
        cohortId: cohort.id,
        itemId: item.id,
        itemTitle: item.title,
        learnerId: row.userId,
        number: row.number,
        before: { score: row.score, status: row.status },
        after: { score: points, status: "reviewed" },
      },
    });
    return recordGradeNotification(tx, { cohort, userId: row.userId, item, heldBack: false }, { score: points, maxScore: row.maxScore, comment: feedback });
  });
  await deliverAfterCommit([notificationId]);
  return { submissionId: row.id, score: points, maxScore: row.maxScore, status: "reviewed", notified: notificationId !== null };
}

export interface ReleaseFeedbackResult {
  itemId: string;
  releasedAt: Date;
  /** Learners told that their results are ready. */
  notified: number;
}

/**
 * Shows an exam's scores and feedback to learners. Release is per item (the
 * course's exam), so learners of every cohort of the course who took it see
 * their results from now on, and each of them is told.
 */
export async function releaseFeedback(actor: MaybeActor, input: ReleaseFeedbackInput): Promise<ReleaseFeedbackResult> {
  const { cohortId, itemId } = parseInput(releaseFeedbackSchema, input);
  const cohort = await requireCohort(actor, cohortId, "review");
  const item = await db().courseItem.findFirst({
    where: { id: itemId, courseId: cohort.courseId },
    select: { id: true, kind: true, title: true, publishedTitle: true, publishedContent: true, feedbackReleasedAt: true },
  });
  if (!item) throw new AppError("not_found", "This exam was not found in the cohort's course.");
  const title = item.publishedTitle ?? item.title;
  if (item.kind !== "quiz") throw new AppError("invalid", `“${title}” is not a quiz, so it has no exam feedback to release.`);
  if (item.feedbackReleasedAt) throw new AppError("conflict", `The feedback of “${title}” was already released.`);
  const examAttempts = await db().quizAttempt.count({ where: { itemId, mode: "exam" } });
  if (!isExamContent(item.publishedContent) && examAttempts === 0) {
    throw new AppError("invalid", `“${title}” is a practice quiz: learners see its feedback at once, so there is nothing to release.`);
  }

  const now = await appNow();
  const { notificationIds, notified } = await db().$transaction(async (tx) => {
    // Conditional, so two reviewers releasing at once notify only once.
    const released = await tx.courseItem.updateMany({ where: { id: item.id, feedbackReleasedAt: null }, data: { feedbackReleasedAt: now } });
    if (released.count === 0) throw new AppError("conflict", `The feedback of “${title}” was already released.`);
    const takers = await tx.quizAttempt.findMany({
      where: { itemId: item.id, mode: "exam", submittedAt: { not: null } },
      distinct: ["cohortId", "userId"],
      select: { cohortId: true, userId: true, cohort: { select: { orgId: true } } },
    });
    const drafts: NotificationDraft<"course.feedback_released">[] = takers.map((t) => ({
      userId: t.userId,
      type: "course.feedback_released",
      context: { orgId: t.cohort.orgId, cohortId: t.cohortId, itemId: item.id, itemTitle: title, courseTitle: cohort.course.title },
      options: { orgId: t.cohort.orgId, dedupeKey: `course.feedback_released:${item.id}:${t.cohortId}` },
    }));
    const results = await recordNotifications(tx, drafts, { skipInvalid: true });
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: actor?.userId ?? null,
      action: "exam.feedback_released",
      targetType: "CourseItem",
      targetId: item.id,
      data: { cohortId: cohort.id, itemTitle: title, learners: takers.length },
    });
    return { notificationIds: results.map((r) => (r?.created ? r.notificationId : null)), notified: takers.length };
  });
  await deliverAfterCommit(notificationIds);
  return { itemId: item.id, releasedAt: now, notified };
}
