import { z } from "zod";
import { inngest } from "@/inngest/client";
import { attemptSubmitted } from "@/inngest/events";
import { learnerViewOf, scoreAnswer, type AnswerOutcome, type LearnerQuestion } from "@/lib/courses";
import { AppError } from "@/lib/errors";
import { quizContentSchema, type QuizContent, type QuizMode } from "@/lib/schemas/course-content";
import { answerSchema, questionSchema, type Answer, type Question } from "@/lib/schemas/courses";
import {
  attemptIdInputSchema,
  saveCodeDraftInputSchema,
  startAttemptInputSchema,
  submitAttemptInputSchema,
  submitGraceSeconds,
  type AttemptIdInput,
  type SaveCodeDraftInput,
  type StartAttemptInput,
  type SubmitAttemptInput,
} from "@/lib/schemas/learning";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { requireLearner } from "./access";
import { readAiGrade, type StoredCriterion } from "./grading";
import { requireLearnerView, requireLearnerWriter } from "./learning-access";
import { describeInstant } from "./learning-format";
import { loadCourseState, type OutlineItem } from "./learning-outline";
import { markStarted, recomputeAttempt, roundPoints, touchLearner } from "./progress";

/**
 * Quiz attempts as a learner takes them. The server holds the questions
 * (snapshotted with their keys when the attempt starts), enforces the attempt
 * limit, the exam window and the time limit, and scores every answer itself;
 * the browser only ever sends what was chosen or typed. In exam mode, scores,
 * outcomes and feedback stay out of every DTO until the teacher releases them.
 */

type Tx = Prisma.TransactionClient;

const graceMs = submitGraceSeconds * 1000;
const attemptNotFound = "This attempt was not found, or it is not yours.";

// ---------------------------------------------------------------------------
// DTOs

/** in_progress: being answered; expired: its time ran out before it was handed in (it is closed when the learner comes back). */
export type AttemptStatusDTO = "in_progress" | "expired" | "grading" | "graded";
export type AnswerGrading = "auto" | "pending_ai" | "ai_graded" | "needs_review" | "reviewed";

export type CriterionResult = StoredCriterion;

export interface AnswerResult {
  questionId: string;
  /** What the learner sent; null when the question was left unanswered. */
  answer: Answer | null;
  /** Null while results are hidden (exam), or while a grader has yet to score it. */
  outcome: AnswerOutcome | null;
  points: number | null;
  maxPoints: number;
  /** Null while results are hidden. */
  grading: AnswerGrading | null;
  /** The AI grader's rubric scores and feedback (subjective answers), or null. */
  rubric: { criteria: CriterionResult[]; passed: boolean } | null;
  reviewerComment: string | null;
}

export interface AttemptSummary {
  id: string;
  number: number;
  mode: QuizMode;
  status: AttemptStatusDTO;
  startedAt: Date;
  deadlineAt: Date | null;
  submittedAt: Date | null;
  /** Exam results not released: score, percent and passed are null. */
  resultsHidden: boolean;
  score: number | null;
  maxScore: number;
  percent: number | null;
  passPercent: number;
  passed: boolean | null;
}

export interface AttemptDTO extends AttemptSummary {
  cohortId: string;
  itemId: string;
  /** The questions as the learner sees them (never with answer keys). */
  questions: LearnerQuestion[];
  answers: AnswerResult[];
  /** Saved code per code question (in-progress attempts only). */
  codeDrafts: Record<string, string>;
}

// ---------------------------------------------------------------------------
// Reading stored attempts

const questionsSnapshot = z.array(questionSchema);

/** The stored snapshot; it was parsed before it was written, so a failure here is a bug. */
function snapshotQuestions(json: unknown): Question[] {
  return questionsSnapshot.parse(json);
}

/** The AI grader's stored result, trimmed to what the learner sees; what does not fit is not shown. */
function readRubricResult(json: unknown): AnswerResult["rubric"] {
  const grade = readAiGrade(json);
  return grade ? { criteria: grade.criteria, passed: grade.passed } : null;
}

const storedAnswerSchema = answerSchema.nullable().catch(null);

const answerOutcomes = new Set<string>(["correct", "partially_correct", "incorrect", "empty", "not_a_number", "needs_review"]);
const isOutcome = (value: string): value is AnswerOutcome => answerOutcomes.has(value);

const summarySelect = {
  id: true,
  cohortId: true,
  userId: true,
  itemId: true,
  number: true,
  mode: true,
  status: true,
  startedAt: true,
  deadlineAt: true,
  submittedAt: true,
  score: true,
  maxScore: true,
  passPercent: true,
  passed: true,
} satisfies Prisma.QuizAttemptSelect;
type SummaryRow = Prisma.QuizAttemptGetPayload<{ select: typeof summarySelect }>;

const detailSelect = {
  ...summarySelect,
  questions: true,
  answers: {
    select: {
      questionId: true,
      answer: true,
      outcome: true,
      gradingStatus: true,
      autoPoints: true,
      maxPoints: true,
      aiGrade: true,
      overridePoints: true,
      overrideComment: true,
    },
  },
} satisfies Prisma.QuizAttemptSelect;
type DetailRow = Prisma.QuizAttemptGetPayload<{ select: typeof detailSelect }>;

export function isExpired(deadlineAt: Date | null, now: Date): boolean {
  return deadlineAt !== null && now.getTime() > deadlineAt.getTime() + graceMs;
}

const modeOf = (mode: string): QuizMode => (mode === "exam" ? "exam" : "practice");

/** Exam results stay hidden until the teacher releases them (CourseItem.feedbackReleasedAt). */
export function resultsHiddenFor(mode: string, feedbackReleasedAt: Date | null): boolean {
  return modeOf(mode) === "exam" && feedbackReleasedAt === null;
}

export function attemptSummary(row: SummaryRow, feedbackReleasedAt: Date | null, now: Date): AttemptSummary {
  const resultsHidden = resultsHiddenFor(row.mode, feedbackReleasedAt);
  const status: AttemptStatusDTO = row.status === "in_progress" ? (isExpired(row.deadlineAt, now) ? "expired" : "in_progress") : row.status;
  const score = resultsHidden ? null : row.score;
  return {
    id: row.id,
    number: row.number,
    mode: modeOf(row.mode),
    status,
    startedAt: row.startedAt,
    deadlineAt: row.deadlineAt,
    submittedAt: row.submittedAt,
    resultsHidden,
    score,
    maxScore: row.maxScore,
    percent: score === null ? null : row.maxScore > 0 ? Math.round((score / row.maxScore) * 100) : 100,
    passPercent: row.passPercent,
    passed: resultsHidden ? null : row.passed,
  };
}

function answerResult(row: DetailRow["answers"][number], hidden: boolean): AnswerResult {
  const answer = storedAnswerSchema.parse(row.answer);
  if (hidden) {
    return { questionId: row.questionId, answer, outcome: null, points: null, maxPoints: row.maxPoints, grading: null, rubric: null, reviewerComment: null };
  }
  const pending = row.overridePoints === null && (row.gradingStatus === "pending_ai" || row.gradingStatus === "needs_review");
  return {
    questionId: row.questionId,
    answer,
    outcome: pending || !isOutcome(row.outcome) ? null : row.outcome,
    points: pending ? null : (row.overridePoints ?? row.autoPoints),
    maxPoints: row.maxPoints,
    grading: row.gradingStatus,
    rubric: readRubricResult(row.aiGrade),
    reviewerComment: row.overrideComment,
  };
}

export function attemptDTO(row: DetailRow, feedbackReleasedAt: Date | null, now: Date, codeDrafts: Record<string, string> = {}): AttemptDTO {
  const summary = attemptSummary(row, feedbackReleasedAt, now);
  const questions = snapshotQuestions(row.questions);
  const byQuestion = new Map(row.answers.map((a) => [a.questionId, a]));
  const answers = questions.flatMap((q) => {
    const a = byQuestion.get(q.id);
    return a ? [answerResult(a, summary.resultsHidden)] : [];
  });
  return {
    ...summary,
    cohortId: row.cohortId,
    itemId: row.itemId,
    questions: questions.map(learnerViewOf),
    answers,
    codeDrafts: row.status === "in_progress" ? codeDrafts : {},
  };
}

async function codeDraftsOf(client: Tx | ReturnType<typeof db>, where: { cohortId: string; userId: string; itemId: string }): Promise<Record<string, string>> {
  const rows = await client.codeDraft.findMany({ where, select: { questionId: true, code: true } });
  return Object.fromEntries(rows.map((r) => [r.questionId, r.code]));
}

// ---------------------------------------------------------------------------
// Whether an attempt may start

export type StartBlockReason = "preview" | "read_only" | "locked" | "no_questions" | "not_open_yet" | "closed" | "limit_reached";

export interface StartBlock {
  reason: StartBlockReason;
  message: string;
}

/** Why a new attempt cannot start now, or null when it can. An attempt already in progress is resumed, not blocked. */
export function startBlock(quiz: QuizContent, attemptsUsed: number, now: Date, timeZone: string): StartBlock | null {
  if (quiz.questions.length === 0) return { reason: "no_questions", message: "This quiz has no questions yet. Check back later." };
  if (quiz.opensAt && now.getTime() < Date.parse(quiz.opensAt)) {
    return { reason: "not_open_yet", message: `This ${quiz.mode === "exam" ? "exam" : "quiz"} opens ${describeInstant(new Date(quiz.opensAt), timeZone)}.` };
  }
  if (quiz.closesAt && now.getTime() >= Date.parse(quiz.closesAt)) {
    return { reason: "closed", message: `This ${quiz.mode === "exam" ? "exam" : "quiz"} closed ${describeInstant(new Date(quiz.closesAt), timeZone)}. No new attempts can start.` };
  }
  if (quiz.attemptLimit !== null && attemptsUsed >= quiz.attemptLimit) {
    return {
      reason: "limit_reached",
      message: `You have used ${quiz.attemptLimit === 1 ? "your only attempt" : `all ${quiz.attemptLimit} attempts`} at this ${quiz.mode === "exam" ? "exam" : "quiz"}.`,
    };
  }
  return null;
}

/** Deadline of a new attempt: its time limit, cut short by the window closing. */
function deadlineFor(quiz: QuizContent, startedAt: Date): Date | null {
  const limit = quiz.timeLimitMinutes !== null ? startedAt.getTime() + quiz.timeLimitMinutes * 60_000 : null;
  const closes = quiz.closesAt ? Date.parse(quiz.closesAt) : null;
  const deadline = limit !== null && closes !== null ? Math.min(limit, closes) : (limit ?? closes);
  return deadline === null ? null : new Date(deadline);
}

// ---------------------------------------------------------------------------
// Loading the quiz a learner works on

interface LearnerQuiz {
  cohortId: string;
  userId: string;
  item: OutlineItem;
  quiz: QuizContent;
  timeZone: string;
  feedbackReleasedAt: Date | null;
}

/** The published quiz for a learner: refused when it is not visible (not_found) or still locked (with its date). */
async function learnerQuiz(actor: MaybeActor, cohortId: string, itemId: string, now: Date): Promise<LearnerQuiz> {
  const viewer = await requireLearnerWriter(actor, cohortId);
  const state = await loadCourseState(viewer, now);
  const item = state.items.find((i) => i.id === itemId && i.kind === "quiz");
  if (!item) throw new AppError("not_found", "This quiz was not found, or it is not published yet.");
  assertUnlocked(item, state.viewerTimeZone);
  const row = await db().courseItem.findUniqueOrThrow({ where: { id: itemId }, select: { publishedContent: true, feedbackReleasedAt: true } });
  return { cohortId, userId: viewer.learnerId, item, quiz: quizContentSchema.parse(row.publishedContent), timeZone: state.viewerTimeZone, feedbackReleasedAt: row.feedbackReleasedAt };
}

export function assertUnlocked(item: OutlineItem, timeZone: string): void {
  if (item.locked && item.unlocksAt) {
    throw new AppError("forbidden", `“${item.title}” is locked until ${describeInstant(item.unlocksAt, timeZone)}.`);
  }
}

// ---------------------------------------------------------------------------
// Closing an attempt whose time ran out

/**
 * Closes an attempt nobody handed in before its deadline: it counts as
 * submitted at the deadline, with code saved on the server in time as its
 * code answers (for a reviewer) and every other question unanswered.
 */
async function closeExpiredAttempt(tx: Tx, attempt: { id: string; cohortId: string; userId: string; itemId: string; deadlineAt: Date | null; questions: unknown }, now: Date): Promise<void> {
  const closedAt = attempt.deadlineAt ?? now;
  const claimed = await tx.quizAttempt.updateMany({ where: { id: attempt.id, status: "in_progress" }, data: { status: "grading", submittedAt: closedAt } });
  if (claimed.count === 0) return;
  const drafts = await tx.codeDraft.findMany({
    where: { cohortId: attempt.cohortId, userId: attempt.userId, itemId: attempt.itemId, updatedAt: { lte: new Date(closedAt.getTime() + graceMs) } },
    select: { questionId: true, code: true },
  });
  const draftOf = new Map(drafts.map((d) => [d.questionId, d.code]));
  const answers = snapshotQuestions(attempt.questions).map((q) => {
    const code = q.kind === "code" ? draftOf.get(q.id) : undefined;
    return code !== undefined && code.trim() !== "" ? { questionId: q.id, answer: { kind: "code" as const, code } } : { questionId: q.id, answer: null };
  });
  await tx.attemptAnswer.createMany({ data: answerRows(attempt.id, snapshotQuestions(attempt.questions), answers).rows });
  await recomputeAttempt(tx, attempt.id, now);
}

// ---------------------------------------------------------------------------
// Scoring a submission

interface ScoredRows {
  rows: Prisma.AttemptAnswerCreateManyInput[];
  needsAi: boolean;
}

const kindNames: Record<Question["kind"], string> = {
  single_choice: "a single-choice",
  multiple_choice: "a multiple-choice",
  short_answer: "a short-answer",
  subjective: "a written-answer",
  code: "a code",
};

/** One answer row per question of the attempt: objective ones scored now, written ones sent to the AI grader, code to a reviewer. */
function answerRows(attemptId: string, questions: readonly Question[], given: readonly { questionId: string; answer: Answer | null }[]): ScoredRows {
  const byId = new Map(given.map((g) => [g.questionId, g.answer]));
  const known = new Set(questions.map((q) => q.id));
  const unknown = given.filter((g) => !known.has(g.questionId)).map((g) => `"${g.questionId}"`);
  if (unknown.length > 0) throw new AppError("invalid", `These answers are for questions that are not part of this attempt: ${unknown.join(", ")}. Reload the page and submit again.`);
  let needsAi = false;
  const rows = questions.map((q, index): Prisma.AttemptAnswerCreateManyInput => {
    const answer = byId.get(q.id) ?? null;
    const base = { attemptId, questionId: q.id, maxPoints: q.points };
    if (answer === null) return { ...base, answer: Prisma.JsonNull, outcome: "empty", gradingStatus: "auto", autoPoints: 0 };
    if (answer.kind !== q.kind) {
      throw new AppError("invalid", `Question ${index + 1} is ${kindNames[q.kind]} question, but its answer is of another kind. Reload the page and answer again.`);
    }
    const stored = answer as Prisma.InputJsonValue;
    if ((answer.kind === "subjective" && answer.text.trim() === "") || (answer.kind === "code" && answer.code.trim() === "")) {
      return { ...base, answer: stored, outcome: "empty", gradingStatus: "auto", autoPoints: 0 };
    }
    const scored = scoreAnswer(q, answer);
    if (q.kind === "subjective") {
      needsAi = true;
      return { ...base, answer: stored, outcome: scored.outcome, gradingStatus: "pending_ai", autoPoints: null };
    }
    if (q.kind === "code") return { ...base, answer: stored, outcome: scored.outcome, gradingStatus: "needs_review", autoPoints: null };
    return { ...base, answer: stored, outcome: scored.outcome, gradingStatus: "auto", autoPoints: scored.points };
  });
  return { rows, needsAi };
}

// ---------------------------------------------------------------------------
// Use cases

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Starts an attempt, or returns the one in progress. Enforces the window,
 * the attempt limit and one attempt at a time; snapshots the published
 * questions (with keys, kept server-side) and the pass mark.
 */
export async function startAttempt(actor: MaybeActor, input: StartAttemptInput): Promise<AttemptDTO> {
  const { cohortId, itemId } = parseInput(startAttemptInputSchema, input);
  const now = await appNow();
  const lq = await learnerQuiz(actor, cohortId, itemId, now);
  const who = { cohortId, userId: lq.userId, itemId };

  const attempt = async () =>
    db().$transaction(async (tx) => {
      const current = await tx.quizAttempt.findFirst({ where: { ...who, status: "in_progress" }, select: { id: true, deadlineAt: true, questions: true } });
      if (current && !isExpired(current.deadlineAt, now)) return current.id;
      if (current) await closeExpiredAttempt(tx, { ...who, ...current }, now);

      const last = await tx.quizAttempt.findFirst({ where: who, orderBy: { number: "desc" }, select: { number: true } });
      const used = last?.number ?? 0;
      const block = startBlock(lq.quiz, used, now, lq.timeZone);
      if (block) throw new AppError("conflict", block.message);

      const created = await tx.quizAttempt.create({
        data: {
          ...who,
          number: used + 1,
          mode: lq.quiz.mode,
          status: "in_progress",
          questions: lq.quiz.questions as Prisma.InputJsonValue,
          startedAt: now,
          deadlineAt: deadlineFor(lq.quiz, now),
          maxScore: roundPoints(lq.quiz.questions.reduce((sum, q) => sum + q.points, 0)),
          passPercent: lq.quiz.passPercent,
        },
        select: { id: true },
      });
      await markStarted(tx, { ...who, at: now });
      await touchLearner(tx, { ...who, at: now });
      return created.id;
    });

  let attemptId: string;
  try {
    attemptId = await attempt();
  } catch (error) {
    // Two tabs starting at once: one wins the number, the other resumes what it made.
    if (!isUniqueViolation(error)) throw error;
    attemptId = await attempt();
  }
  return loadAttemptDTO(attemptId, lq.feedbackReleasedAt, now);
}

async function loadAttemptDTO(attemptId: string, feedbackReleasedAt: Date | null, now: Date): Promise<AttemptDTO> {
  const row = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: detailSelect });
  const drafts = row.status === "in_progress" ? await codeDraftsOf(db(), { cohortId: row.cohortId, userId: row.userId, itemId: row.itemId }) : {};
  return attemptDTO(row, feedbackReleasedAt, now, drafts);
}

/** The learner's own attempt, refused to anyone else as not found. */
async function ownAttempt(actor: MaybeActor, attemptId: string) {
  requireActor(actor);
  const row = await db().quizAttempt.findUnique({
    where: { id: attemptId },
    select: { ...summarySelect, questions: true, item: { select: { feedbackReleasedAt: true, publishedAt: true } } },
  });
  if (!row || row.userId !== actor.userId) throw new AppError("not_found", attemptNotFound);
  return row;
}

/**
 * Hands in an attempt. Each answer is checked against its question's kind;
 * objective answers are scored from the key, written answers wait for the AI
 * grader (its workflow is started once the answers are saved), code waits for
 * a reviewer. Refused after the deadline (plus a short grace) and when the
 * attempt was already handed in.
 */
export async function submitAttempt(actor: MaybeActor, input: SubmitAttemptInput): Promise<AttemptDTO> {
  const { attemptId, answers } = parseInput(submitAttemptInputSchema, input);
  const attempt = await ownAttempt(actor, attemptId);
  await requireLearner(actor, attempt.cohortId);
  const now = await appNow();
  const feedbackReleasedAt = attempt.item.feedbackReleasedAt;

  if (attempt.status !== "in_progress") {
    throw new AppError("conflict", `Attempt ${attempt.number} was already handed in${attempt.submittedAt ? ` at ${attempt.submittedAt.toISOString().slice(11, 16)} UTC` : ""}. Start a new attempt to answer again.`);
  }
  if (isExpired(attempt.deadlineAt, now)) {
    await db().$transaction((tx) => closeExpiredAttempt(tx, attempt, now));
    const timeZone = (await db().user.findUnique({ where: { id: attempt.userId }, select: { timeZone: true } }))?.timeZone ?? "UTC";
    throw new AppError(
      "conflict",
      `The time for this attempt ended ${describeInstant(attempt.deadlineAt ?? now, timeZone)}, so these answers were not accepted. The attempt was closed with the code you had saved.`,
    );
  }

  const questions = snapshotQuestions(attempt.questions);
  const { rows, needsAi } = answerRows(attemptId, questions, answers);

  await db().$transaction(async (tx) => {
    const claimed = await tx.quizAttempt.updateMany({ where: { id: attemptId, status: "in_progress" }, data: { status: "grading", submittedAt: now } });
    if (claimed.count === 0) throw new AppError("conflict", "This attempt was already handed in. Reload the page to see its results.");
    await tx.attemptAnswer.createMany({ data: rows });
    await recomputeAttempt(tx, attemptId, now);
    await touchLearner(tx, { cohortId: attempt.cohortId, userId: attempt.userId, itemId: attempt.itemId, at: now });
  });

  if (needsAi) {
    try {
      await inngest.send(attemptSubmitted.create({ attemptId }));
    } catch (error) {
      // The answers are saved and stay "waiting for the grader", where the review queue shows them.
      console.error(`Could not request AI grading of attempt ${attemptId}:`, error);
    }
  }
  return loadAttemptDTO(attemptId, feedbackReleasedAt, now);
}

/** One of the learner's attempts, for its results page and for polling while the AI grader works. */
export async function getAttempt(actor: MaybeActor, input: AttemptIdInput): Promise<AttemptDTO> {
  const { attemptId } = parseInput(attemptIdInputSchema, input);
  const attempt = await ownAttempt(actor, attemptId);
  await requireLearnerView(actor, attempt.cohortId, false);
  return loadAttemptDTO(attemptId, attempt.item.feedbackReleasedAt, await appNow());
}

/** Saves the code of one code question while the learner types (the client calls this about once a second). */
export async function saveCodeDraft(actor: MaybeActor, input: SaveCodeDraftInput): Promise<{ savedAt: Date }> {
  const { cohortId, itemId, questionId, code } = parseInput(saveCodeDraftInputSchema, input);
  requireActor(actor);
  await requireLearner(actor, cohortId);
  const now = await appNow();
  const who = { cohortId, userId: actor.userId, itemId };
  const attempt = await db().quizAttempt.findFirst({ where: { ...who, status: "in_progress" }, select: { deadlineAt: true, questions: true } });
  if (!attempt) throw new AppError("conflict", "Start an attempt at this quiz before writing code; this one was handed in or has not started.");
  if (isExpired(attempt.deadlineAt, now)) throw new AppError("conflict", "The time for this attempt is up, so the code was not saved.");
  const question = snapshotQuestions(attempt.questions).find((q) => q.id === questionId);
  if (!question || question.kind !== "code") throw new AppError("invalid", "Drafts are saved for code questions of this attempt only. Reload the page.");
  await db().$transaction(async (tx) => {
    await tx.codeDraft.upsert({
      where: { cohortId_userId_itemId_questionId: { ...who, questionId } },
      create: { ...who, questionId, code },
      update: { code },
    });
    await touchLearner(tx, { ...who, at: now });
  });
  return { savedAt: now };
}

// ---------------------------------------------------------------------------
// The quiz part of the item page

export interface QuizItemView {
  kind: "quiz";
  instructions: string;
  mode: QuizMode;
  attemptLimit: number | null;
  timeLimitMinutes: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  passPercent: number;
  questionCount: number;
  maxScore: number;
  /** Exam results are released (always true in practice mode). */
  resultsReleased: boolean;
  attemptsUsed: number;
  /** Newest first, at most 50. */
  attempts: AttemptSummary[];
  /** The attempt to resume, with its questions and saved code. */
  inProgress: AttemptDTO | null;
  /** The newest handed-in attempt with its per-question results. */
  latest: AttemptDTO | null;
  /** Why a new attempt cannot start, or null. */
  startBlock: StartBlock | null;
  /** Preview only: the published questions as learners will see them. */
  previewQuestions: LearnerQuestion[] | null;
}

export async function quizItemView(input: {
  itemId: string;
  cohortId: string;
  learnerId: string | null;
  content: QuizContent;
  feedbackReleasedAt: Date | null;
  readOnly: boolean;
  timeZone: string;
  now: Date;
}): Promise<QuizItemView> {
  const { itemId, cohortId, learnerId, content, feedbackReleasedAt, now } = input;
  const base = {
    kind: "quiz" as const,
    instructions: content.instructions,
    mode: content.mode,
    attemptLimit: content.attemptLimit,
    timeLimitMinutes: content.timeLimitMinutes,
    opensAt: content.opensAt ? new Date(content.opensAt) : null,
    closesAt: content.closesAt ? new Date(content.closesAt) : null,
    passPercent: content.passPercent,
    questionCount: content.questions.length,
    maxScore: roundPoints(content.questions.reduce((sum, q) => sum + q.points, 0)),
    resultsReleased: !resultsHiddenFor(content.mode, feedbackReleasedAt),
  };
  if (!learnerId) {
    return { ...base, attemptsUsed: 0, attempts: [], inProgress: null, latest: null, startBlock: { reason: "preview", message: "Previewing as a learner: attempts cannot start." }, previewQuestions: content.questions.map(learnerViewOf) };
  }
  const who = { cohortId, userId: learnerId, itemId };
  const [rows, attemptsUsed, current, latestSubmitted, drafts] = await Promise.all([
    db().quizAttempt.findMany({ where: who, orderBy: { number: "desc" }, take: 50, select: summarySelect }),
    db().quizAttempt.count({ where: who }),
    db().quizAttempt.findFirst({ where: { ...who, status: "in_progress" }, select: detailSelect }),
    db().quizAttempt.findFirst({ where: { ...who, status: { not: "in_progress" } }, orderBy: { number: "desc" }, select: detailSelect }),
    codeDraftsOf(db(), who),
  ]);
  const resumable = current && !isExpired(current.deadlineAt, now) ? current : null;
  // An expired attempt still counts; starting again closes it first.
  const block = input.readOnly ? { reason: "read_only" as const, message: "This cohort has ended: its quizzes are read-only." } : resumable ? null : startBlock(content, attemptsUsed, now, input.timeZone);
  return {
    ...base,
    attemptsUsed,
    attempts: rows.map((r) => attemptSummary(r, feedbackReleasedAt, now)),
    inProgress: resumable ? attemptDTO(resumable, feedbackReleasedAt, now, drafts) : null,
    latest: latestSubmitted ? attemptDTO(latestSubmitted, feedbackReleasedAt, now) : null,
    startBlock: block,
    previewQuestions: null,
  };
}
