import { z } from "zod";
import { isAppError } from "@/lib/errors";
import { questionSchema, subjectiveAnswerSchema, type Question, type SubjectiveQuestion } from "@/lib/schemas/courses";
import type { AnswerOutcome } from "@/lib/courses/answers";
import { gradeSubjectiveAnswer, type SubjectiveGrade } from "../../ai/grading";
import { describeProviderError } from "../../ai/provider-errors";
import { modelFor, type ResolvedModel } from "../../ai/registry";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { recordAiUsage } from "../ai-usage";
import { recomputeAttempt, roundPoints, type AttemptTotals } from "./progress";

/**
 * AI grading of the subjective answers of a submitted quiz attempt (the
 * grade-attempt workflow calls this, one answer per step).
 *
 * An answer waits as `pending_ai`. Grading it ends in one of two states:
 * - `ai_graded`: the rubric scores and feedback are stored in aiGrade, the
 *   points in autoPoints, and the tokens in AiUsage;
 * - `needs_review`: the model could not grade it (no model connected, a reply
 *   that does not fit the rubric, a configuration problem, or a provider that
 *   stayed down through every retry). Only aiError is written, saying why, so
 *   the answer shows up in the review queue for a teacher.
 * A transient provider failure (rate limit, overload, network) is rethrown,
 * untouched, so the workflow step retries it later.
 *
 * Each answer is written, and the attempt recomputed, in one transaction, and
 * only while the answer is still `pending_ai`: a retried step or a second run
 * never grades twice, and never overwrites a teacher's review.
 */

/** A model call that hangs would hold a workflow step forever; past this it counts as a timeout (transient). */
export const gradingTimeoutMs = 2 * 60 * 1000;
/** aiError is shown in the review queue; provider messages are short, this only guards against a runaway one. */
const maxErrorLength = 1000;

export const teacherWillGrade = "A teacher will grade this answer from the review queue.";

export const offlineGradingMessage =
  "No AI model is connected, so this answer was not graded by AI. " +
  teacherWillGrade +
  " To have answers graded by AI, an administrator can connect a model: set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL (with AI_MODEL) for an OpenAI-compatible server such as Ollama, then restart Lyceum.";

/** One criterion's score as stored; a missing feedback reads as "" so the scores still show. */
const storedCriterionSchema = z.object({
  id: z.string(),
  title: z.string(),
  score: z.number(),
  min: z.number(),
  max: z.number(),
  pass: z.number(),
  passed: z.boolean(),
  feedback: z.string().catch(""),
});
export type StoredCriterion = z.infer<typeof storedCriterionSchema>;

/** What aiGrade holds for an AI-graded answer; the review queue and the learner's feedback read it back with readAiGrade. */
export const storedAiGradeSchema = z.object({
  criteria: z.array(storedCriterionSchema),
  /** Sum of the criterion scores, and of their maxima (rubric points, not the question's points). */
  total: z.number(),
  max: z.number(),
  /** Every criterion at or above its pass mark (lib/courses/rubric.ts); never the model's opinion. */
  passed: z.boolean(),
  /** The question's points this rubric result is worth (autoPoints at the time of grading). */
  points: z.number(),
  maxPoints: z.number(),
  /** The registry's model id, its provider, and the model the provider says answered. */
  model: z.string(),
  provider: z.string(),
  responseModel: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  gradedAt: z.string(),
});
export type StoredAiGrade = z.infer<typeof storedAiGradeSchema>;

/** aiGrade JSON back to its type; null when there is none (or it is not one this code wrote). */
export function readAiGrade(json: unknown): StoredAiGrade | null {
  if (json === null || json === undefined) return null;
  const parsed = storedAiGradeSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * The question's points for a rubric result: the part of the rubric's range
 * the scores reached, so all minima earn 0 points and all maxima earn every
 * point: points x (sum of scores - sum of minima) / (sum of maxima - sum of
 * minima), to two decimals. Each criterion's max is above its min, so the
 * range is never empty.
 */
export function rubricPoints(criteria: readonly { score: number; min: number; max: number }[], points: number): number {
  const low = criteria.reduce((sum, c) => sum + c.min, 0);
  const high = criteria.reduce((sum, c) => sum + c.max, 0);
  const reached = criteria.reduce((sum, c) => sum + c.score, 0);
  if (high <= low) return 0;
  const fraction = Math.min(1, Math.max(0, (reached - low) / (high - low)));
  return roundPoints(points * fraction);
}

/** A passing verdict is "correct"; a failing one with some points "partially_correct"; none at all "incorrect". */
/** "Correct" means full marks, as for objective questions; whether the answer passed the rubric is shown beside it. */
export function rubricOutcome(points: number, maxPoints: number): AnswerOutcome {
  if (points >= maxPoints) return "correct";
  return points > 0 ? "partially_correct" : "incorrect";
}

export interface GradingOptions {
  /** The model to grade with; default: the registry's grading model (modelFor("grading")). Tests pass a mock. */
  model?: ResolvedModel;
  /** The AI SDK's own retries of a transient failure inside one step (its default is 2). */
  maxRetries?: number;
}

export type AnswerGradingResult =
  | { answerId: string; status: "ai_graded"; points: number; maxPoints: number; passed: boolean }
  | { answerId: string; status: "needs_review"; error: string }
  /** Not pending (graded, reviewed, not an AI answer) or its attempt is not submitted: nothing was done. */
  | { answerId: string; status: "skipped" };

const answerSelect = {
  id: true,
  attemptId: true,
  questionId: true,
  answer: true,
  gradingStatus: true,
  maxPoints: true,
  attempt: { select: { userId: true, status: true, submittedAt: true, questions: true, cohort: { select: { orgId: true } } } },
} satisfies Prisma.AttemptAnswerSelect;

type LoadedAnswer = Prisma.AttemptAnswerGetPayload<{ select: typeof answerSelect }>;

/** The ids of an attempt's answers that wait for the AI grader; none when the attempt is missing or not submitted. */
export async function pendingAiAnswerIds(attemptId: string): Promise<string[]> {
  const rows = await db().attemptAnswer.findMany({
    where: { attemptId, gradingStatus: "pending_ai", attempt: { submittedAt: { not: null }, status: { not: "in_progress" } } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Grades every pending answer of a submitted attempt, one after the other (the workflow does the same, one step each). */
export async function gradeAttemptAnswers(attemptId: string, options: GradingOptions = {}): Promise<AnswerGradingResult[]> {
  const results: AnswerGradingResult[] = [];
  for (const answerId of await pendingAiAnswerIds(attemptId)) {
    results.push(await gradeAttemptAnswer(answerId, options));
  }
  return results;
}

/** Grades one pending answer; see the module comment for what ends where. Throws only for transient provider failures. */
export async function gradeAttemptAnswer(answerId: string, options: GradingOptions = {}): Promise<AnswerGradingResult> {
  const answer = await db().attemptAnswer.findUnique({ where: { id: answerId }, select: answerSelect });
  if (!answer || answer.gradingStatus !== "pending_ai") return { answerId, status: "skipped" };
  if (!answer.attempt.submittedAt || answer.attempt.status === "in_progress") return { answerId, status: "skipped" };

  const question = questionOf(answer.attempt.questions, answer.questionId);
  if (!question.ok) return markForReview(answer, `This answer cannot be graded by AI: ${question.reason}. ${teacherWillGrade}`);
  const text = subjectiveAnswerSchema.safeParse(answer.answer);
  if (!text.success) return markForReview(answer, `This answer cannot be graded by AI: it is not a written answer to a subjective question. ${teacherWillGrade}`);

  let resolved: ResolvedModel;
  try {
    resolved = options.model ?? modelFor("grading");
  } catch (error) {
    // A configuration the registry refuses (OPENAI_BASE_URL without AI_MODEL) will not heal on a retry.
    if (!isAppError(error)) throw error;
    return markForReview(answer, `The AI grader could not grade this answer: ${error.message} ${teacherWillGrade}`);
  }
  let grade: SubjectiveGrade;
  try {
    grade = await gradeSubjectiveAnswer({
      model: resolved.model,
      question: question.value.prompt,
      rubric: question.value.rubric,
      graderNotes: question.value.graderNotes,
      answer: text.data.text,
      maxRetries: options.maxRetries,
      abortSignal: AbortSignal.timeout(gradingTimeoutMs),
    });
  } catch (error) {
    const described = describeProviderError(error, resolved);
    if (described.kind === "offline") return markForReview(answer, offlineGradingMessage);
    if (described.transient) throw described.error;
    // The grader's own refusals (a reply that does not fit the rubric, an answer too long) already say what happened.
    if (isAppError(error)) return markForReview(answer, `${error.message} ${teacherWillGrade}`);
    return markForReview(answer, `The AI grader could not grade this answer: ${described.error.message} ${teacherWillGrade}`);
  }

  const points = rubricPoints(grade.criteria, answer.maxPoints);
  const now = await appNow();
  const stored: StoredAiGrade = {
    criteria: grade.criteria,
    total: grade.total,
    max: grade.max,
    passed: grade.passed,
    points,
    maxPoints: answer.maxPoints,
    model: resolved.id,
    provider: resolved.provider,
    responseModel: grade.modelId || resolved.id,
    inputTokens: grade.usage.inputTokens,
    outputTokens: grade.usage.outputTokens,
    gradedAt: now.toISOString(),
  };
  await db().$transaction(async (tx) => {
    // The tokens were spent whether or not this write wins a race with a reviewer.
    await recordAiUsage(
      { orgId: answer.attempt.cohort.orgId, userId: answer.attempt.userId, purpose: "grading", model: resolved, ...grade.usage },
      tx,
    );
    const updated = await tx.attemptAnswer.updateMany({
      where: { id: answer.id, gradingStatus: "pending_ai" },
      data: {
        gradingStatus: "ai_graded",
        aiGrade: stored as Prisma.InputJsonValue,
        aiError: null,
        autoPoints: points,
        outcome: rubricOutcome(points, question.value.points),
      },
    });
    if (updated.count > 0) await recomputeAttempt(tx, answer.attemptId, now);
  });
  return { answerId, status: "ai_graded", points, maxPoints: answer.maxPoints, passed: grade.passed };
}

/**
 * The workflow's last word on an answer whose grading kept failing with a
 * transient error through every retry: a teacher grades it instead.
 */
export async function giveUpAiGrading(answerId: string, reason: string): Promise<AnswerGradingResult> {
  const answer = await db().attemptAnswer.findUnique({ where: { id: answerId }, select: answerSelect });
  if (!answer || answer.gradingStatus !== "pending_ai") return { answerId, status: "skipped" };
  return markForReview(answer, `The AI grader was unavailable through several attempts (${reason.trim().replace(/\.$/, "")}). ${teacherWillGrade}`);
}

/** Recomputes an attempt's score and status after grading; null when the attempt is gone. */
export async function recomputeGradedAttempt(attemptId: string): Promise<AttemptTotals | null> {
  const now = await appNow();
  return db().$transaction(async (tx) => {
    const exists = await tx.quizAttempt.findUnique({ where: { id: attemptId }, select: { id: true } });
    return exists ? recomputeAttempt(tx, attemptId, now) : null;
  });
}

async function markForReview(answer: LoadedAnswer, message: string): Promise<AnswerGradingResult> {
  const error = clip(message, maxErrorLength);
  const now = await appNow();
  await db().$transaction(async (tx) => {
    const updated = await tx.attemptAnswer.updateMany({
      where: { id: answer.id, gradingStatus: "pending_ai" },
      data: { gradingStatus: "needs_review", aiError: error },
    });
    if (updated.count > 0) await recomputeAttempt(tx, answer.attemptId, now);
  });
  return { answerId: answer.id, status: "needs_review", error };
}

type QuestionLookup = { ok: true; value: SubjectiveQuestion } | { ok: false; reason: string };

const identified = z.object({ id: z.string() });

/**
 * The question an answer was given to, from the attempt's snapshot (the
 * published questions, with answer keys, when the attempt started). The
 * snapshot is a list of questions; a `{ questions }` wrapper is read too.
 */
function questionOf(snapshot: unknown, questionId: string): QuestionLookup {
  const list: unknown[] = Array.isArray(snapshot)
    ? snapshot
    : typeof snapshot === "object" && snapshot !== null && Array.isArray((snapshot as { questions?: unknown }).questions)
      ? (snapshot as { questions: unknown[] }).questions
      : [];
  const raw = list.find((q) => identified.safeParse(q).data?.id === questionId);
  if (raw === undefined) return { ok: false, reason: `its question (${questionId}) is not in the quiz saved with the attempt` };
  const parsed = questionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "its question, as saved with the attempt, could not be read" };
  const question: Question = parsed.data;
  if (question.kind !== "subjective") return { ok: false, reason: "its question is not a subjective question with a rubric" };
  return { ok: true, value: question };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
