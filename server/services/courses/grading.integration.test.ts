import { APICallError } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { readItemContent } from "@/lib/schemas/course-content";
import { resolveModel, type ResolvedModel } from "@/server/ai/registry";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { createCourseFixture, type CourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import {
  giveUpAiGrading,
  gradeAttemptAnswers,
  offlineGradingMessage,
  readAiGrade,
  recomputeGradedAttempt,
  rubricOutcome,
  rubricPoints,
  teacherWillGrade,
} from "./grading";

/**
 * AI grading against PostgreSQL with the AI SDK's mock model. The fixture
 * quiz has a single-choice question (1 point) and a subjective one (4 points,
 * one criterion "cause" scored 0-4, pass 2); the quiz passes at 50%.
 */

let f: OrgFixture;
let course: CourseFixture;

beforeAll(async () => {
  f = await createOrgFixture("Grading");
  course = await createCourseFixture(f);
});

type Reply = { text: string } | { error: Error };

/** A mock grader answering each call with the next scripted reply (the last one repeats). */
function mockGrader(...replies: Reply[]) {
  let calls = 0;
  const mock = new MockLanguageModelV4({
    modelId: "mock-grader",
    doGenerate: async () => {
      const reply = replies[Math.min(calls, replies.length - 1)]!;
      calls += 1;
      if ("error" in reply) throw reply.error;
      return {
        content: [{ type: "text", text: reply.text }],
        finishReason: { unified: "stop", raw: undefined },
        usage: {
          inputTokens: { total: 120, noCache: 120, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 40, text: 40, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
  const resolved: ResolvedModel = { model: mock, id: "mock-grader", provider: "openai", label: "Mock grader", offline: false };
  return { mock, resolved, calls: () => calls };
}

const scores = (score: number, feedback = "Names the tilt; say how it changes the angle of sunlight.") =>
  ({ text: JSON.stringify({ criteria: [{ criterionId: "cause", score, feedback }] }) }) as const;

/** A submitted attempt: q1 answered right (1 point, auto), q2 waiting for the AI grader. */
async function submittedAttempt(options: { text?: string; status?: "grading" | "in_progress"; questions?: Prisma.InputJsonValue } = {}) {
  const quiz = await db().courseItem.findUniqueOrThrow({ where: { id: course.quizId }, select: { publishedContent: true } });
  const content = readItemContent(quiz.publishedContent);
  if (content.kind !== "quiz") throw new Error("The fixture quiz is not a quiz.");
  const number = (await db().quizAttempt.count({ where: { cohortId: course.cohortId, userId: f.users.student.id, itemId: course.quizId } })) + 1;
  const inProgress = options.status === "in_progress";
  return db().quizAttempt.create({
    data: {
      cohortId: course.cohortId,
      userId: f.users.student.id,
      itemId: course.quizId,
      number,
      mode: "practice",
      status: options.status ?? "grading",
      questions: options.questions ?? (content.questions as Prisma.InputJsonValue),
      submittedAt: inProgress ? null : new Date(),
      maxScore: 5,
      passPercent: 50,
      answers: {
        create: [
          { questionId: "q1", answer: { kind: "single_choice", choiceId: "a" }, outcome: "correct", gradingStatus: "auto", autoPoints: 1, maxPoints: 1 },
          {
            questionId: "q2",
            answer: { kind: "subjective", text: options.text ?? "Earth's axis is tilted, so each hemisphere gets more direct sunlight half the year." },
            outcome: "needs_review",
            gradingStatus: "pending_ai",
            maxPoints: 4,
          },
        ],
      },
    },
    select: { id: true },
  });
}

async function subjectiveAnswer(attemptId: string) {
  return db().attemptAnswer.findUniqueOrThrow({ where: { attemptId_questionId: { attemptId, questionId: "q2" } } });
}

async function attempt(attemptId: string) {
  return db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true, score: true, passed: true, maxScore: true } });
}

async function usageRows(since: Date) {
  return db().aiUsage.findMany({ where: { userId: f.users.student.id, purpose: "grading", createdAt: { gte: since } } });
}

describe("rubric points and outcome", () => {
  it("scales the part of the rubric's range reached to the question's points", () => {
    const criteria = [
      { score: 3, min: 1, max: 5 },
      { score: 2, min: 0, max: 2 },
    ];
    // (5 - 1) / (7 - 1) of 3 points.
    expect(rubricPoints(criteria, 3)).toBe(2);
    expect(rubricPoints([{ score: 1, min: 1, max: 5 }], 10)).toBe(0);
    expect(rubricPoints([{ score: 5, min: 1, max: 5 }], 10)).toBe(10);
    expect(rubricPoints([{ score: 1, min: 0, max: 3 }], 1)).toBe(0.33);
  });

  it("calls a passing verdict correct, a failing one with points partially correct, none incorrect", () => {
    expect(rubricOutcome(4, 4)).toBe("correct");
    expect(rubricOutcome(3, 4)).toBe("partially_correct");
    expect(rubricOutcome(1.5, 4)).toBe("partially_correct");
    expect(rubricOutcome(0, 4)).toBe("incorrect");
  });
});

describe("gradeAttemptAnswers", () => {
  it("stores the AI grade, the points and the tokens, and recomputes the attempt to graded and passed", async () => {
    const since = new Date();
    const { id } = await submittedAttempt();
    const grader = mockGrader(scores(3));

    const results = await gradeAttemptAnswers(id, { model: grader.resolved });

    const answer = await subjectiveAnswer(id);
    expect(results).toEqual([{ answerId: answer.id, status: "ai_graded", points: 3, maxPoints: 4, passed: true }]);
    expect(answer).toMatchObject({ gradingStatus: "ai_graded", autoPoints: 3, outcome: "partially_correct", aiError: null, overridePoints: null });
    expect(readAiGrade(answer.aiGrade)).toEqual({
      criteria: [{ id: "cause", title: "Cause", score: 3, min: 0, max: 4, pass: 2, passed: true, feedback: "Names the tilt; say how it changes the angle of sunlight." }],
      total: 3,
      max: 4,
      passed: true,
      points: 3,
      maxPoints: 4,
      model: "mock-grader",
      provider: "openai",
      responseModel: "mock-grader",
      inputTokens: 120,
      outputTokens: 40,
      gradedAt: expect.any(String),
    });
    expect(await attempt(id)).toEqual({ status: "graded", score: 4, maxScore: 5, passed: true });
    const progress = await db().itemProgress.findUniqueOrThrow({
      where: { cohortId_userId_itemId: { cohortId: course.cohortId, userId: f.users.student.id, itemId: course.quizId } },
    });
    expect(progress).toMatchObject({ status: "completed", passed: true, bestScore: 0.8 });
    expect(await usageRows(since)).toEqual([
      expect.objectContaining({ orgId: f.org.id, userId: f.users.student.id, purpose: "grading", provider: "openai", model: "mock-grader", inputTokens: 120, outputTokens: 40 }),
    ]);
    // The prompt carries the question and the learner's answer.
    expect(JSON.stringify(grader.mock.doGenerateCalls[0]?.prompt)).toContain("Why do we have seasons?");
  });

  it("fails the answer on the server's verdict when the criterion is below its pass mark", async () => {
    const { id } = await submittedAttempt({ text: "Because the Earth is closer to the Sun in summer." });
    await gradeAttemptAnswers(id, { model: mockGrader(scores(1, "Distance is not the cause.")).resolved });
    expect(await subjectiveAnswer(id)).toMatchObject({ gradingStatus: "ai_graded", autoPoints: 1, outcome: "partially_correct" });
    // 2 of 5 points = 40%, under the 50% pass mark.
    expect(await attempt(id)).toEqual({ status: "graded", score: 2, maxScore: 5, passed: false });
  });

  it("is idempotent: a second run calls the model for nothing and changes nothing", async () => {
    const since = new Date();
    const { id } = await submittedAttempt();
    const grader = mockGrader(scores(4));
    await gradeAttemptAnswers(id, { model: grader.resolved });
    const before = await subjectiveAnswer(id);

    expect(await gradeAttemptAnswers(id, { model: grader.resolved })).toEqual([]);
    expect(grader.calls()).toBe(1);
    expect(await subjectiveAnswer(id)).toEqual(before);
    expect(await usageRows(since)).toHaveLength(1);
  });

  it("sends malformed output to review with a clear message, storing no grade and no usage", async () => {
    const since = new Date();
    const { id } = await submittedAttempt();
    const results = await gradeAttemptAnswers(id, { model: mockGrader({ text: '{"criteria": [{"criterionId": "cause", ' }).resolved });

    const answer = await subjectiveAnswer(id);
    const message = `The AI grader returned a reply that is not valid grading data (not JSON). Nothing was saved: try grading again, or grade this answer by hand. ${teacherWillGrade}`;
    expect(results).toEqual([{ answerId: answer.id, status: "needs_review", error: message }]);
    expect(answer).toMatchObject({ gradingStatus: "needs_review", aiError: message, aiGrade: null, autoPoints: null, outcome: "needs_review" });
    expect(await attempt(id)).toEqual({ status: "grading", score: null, maxScore: 5, passed: null });
    expect(await usageRows(since)).toEqual([]);
  });

  it("sends JSON of the wrong shape and out-of-range scores to review", async () => {
    const wrongShape = await submittedAttempt();
    await gradeAttemptAnswers(wrongShape.id, { model: mockGrader({ text: '{"scores": {"cause": 4}}' }).resolved });
    expect((await subjectiveAnswer(wrongShape.id)).aiError).toMatch(/^The AI grader returned a reply that is not valid grading data \(JSON of the wrong shape\)/);

    const outOfRange = await submittedAttempt();
    await gradeAttemptAnswers(outOfRange.id, { model: mockGrader(scores(7)).resolved });
    const answer = await subjectiveAnswer(outOfRange.id);
    expect(answer).toMatchObject({ gradingStatus: "needs_review", aiGrade: null, autoPoints: null });
    expect(answer.aiError).toBe(
      `The AI grader returned scores that do not fit the rubric: a score of 7 for "Cause", outside 0-4. Nothing was saved: try grading again, or grade this answer by hand. ${teacherWillGrade}`,
    );
  });

  it("rethrows a transient provider failure and leaves the answer waiting, so the workflow retries", async () => {
    const since = new Date();
    const { id } = await submittedAttempt();
    const overloaded = new APICallError({ message: "Service Unavailable", url: "https://api.openai.com/v1/responses", requestBodyValues: {}, statusCode: 503, isRetryable: true });
    const grader = mockGrader({ error: overloaded }, scores(2));

    const error = await gradeAttemptAnswers(id, { model: grader.resolved, maxRetries: 0 }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("rate_limited");
    expect((error as Error).message).toBe("The AI provider (OpenAI) is overloaded; try again in a minute.");
    expect(await subjectiveAnswer(id)).toMatchObject({ gradingStatus: "pending_ai", aiError: null, aiGrade: null });
    expect(await usageRows(since)).toEqual([]);

    // The retry succeeds.
    await gradeAttemptAnswers(id, { model: grader.resolved, maxRetries: 0 });
    expect(await subjectiveAnswer(id)).toMatchObject({ gradingStatus: "ai_graded", autoPoints: 2 });
    expect(await attempt(id)).toMatchObject({ status: "graded", score: 3, passed: true });
  });

  it("sends a configuration problem (a refused API key) to review with what to fix", async () => {
    const { id } = await submittedAttempt();
    const refused = new APICallError({ message: "Incorrect API key", url: "https://api.openai.com/v1/responses", requestBodyValues: {}, statusCode: 401, isRetryable: false });
    await gradeAttemptAnswers(id, { model: mockGrader({ error: refused }).resolved, maxRetries: 0 });
    expect(await subjectiveAnswer(id)).toMatchObject({
      gradingStatus: "needs_review",
      aiError: `The AI grader could not grade this answer: The AI provider refused the API key: check OPENAI_API_KEY. ${teacherWillGrade}`,
    });
  });

  it("does not pretend with the offline model: the answer goes to a teacher, with how to connect a model", async () => {
    const since = new Date();
    const { id } = await submittedAttempt();
    const offline = resolveModel("grading", {});
    expect(offline.offline).toBe(true);
    await gradeAttemptAnswers(id, { model: offline });
    expect(await subjectiveAnswer(id)).toMatchObject({ gradingStatus: "needs_review", aiError: offlineGradingMessage, aiGrade: null, autoPoints: null });
    expect(offlineGradingMessage).toMatch(/OPENAI_API_KEY/);
    expect(await usageRows(since)).toEqual([]);
    expect(await attempt(id)).toMatchObject({ status: "grading", score: null });
  });

  it("sends an answer whose question is missing from the attempt's snapshot to review without calling the model", async () => {
    const { id } = await submittedAttempt({ questions: [] });
    const grader = mockGrader(scores(4));
    await gradeAttemptAnswers(id, { model: grader.resolved });
    expect(grader.calls()).toBe(0);
    expect((await subjectiveAnswer(id)).aiError).toBe(`This answer cannot be graded by AI: its question (q2) is not in the quiz saved with the attempt. ${teacherWillGrade}`);
  });

  it("leaves an attempt still in progress alone", async () => {
    const { id } = await submittedAttempt({ status: "in_progress" });
    const grader = mockGrader(scores(4));
    expect(await gradeAttemptAnswers(id, { model: grader.resolved })).toEqual([]);
    expect(grader.calls()).toBe(0);
    expect(await subjectiveAnswer(id)).toMatchObject({ gradingStatus: "pending_ai" });
  });

  it("never overwrites a teacher's review", async () => {
    const { id } = await submittedAttempt();
    const answer = await subjectiveAnswer(id);
    await db().attemptAnswer.update({ where: { id: answer.id }, data: { gradingStatus: "reviewed", overridePoints: 4, overriddenById: f.users.teacher.id } });
    const grader = mockGrader(scores(0));
    expect(await gradeAttemptAnswers(id, { model: grader.resolved })).toEqual([]);
    expect(await giveUpAiGrading(answer.id, "boom")).toEqual({ answerId: answer.id, status: "skipped" });
    expect(await subjectiveAnswer(id)).toMatchObject({ gradingStatus: "reviewed", overridePoints: 4, aiError: null });
  });

  it("gives up on an answer the provider kept failing, handing it to a teacher", async () => {
    const { id } = await submittedAttempt();
    const answer = await subjectiveAnswer(id);
    const result = await giveUpAiGrading(answer.id, "The AI provider (OpenAI) is overloaded; try again in a minute.");
    const message = `The AI grader was unavailable through several attempts (The AI provider (OpenAI) is overloaded; try again in a minute). ${teacherWillGrade}`;
    expect(result).toEqual({ answerId: answer.id, status: "needs_review", error: message });
    expect(await subjectiveAnswer(id)).toMatchObject({ gradingStatus: "needs_review", aiError: message });
    expect(await recomputeGradedAttempt(id)).toEqual({ status: "grading", score: null, maxScore: 5, passed: null });
    expect(await recomputeGradedAttempt("no-such-attempt")).toBeNull();
  });
});
