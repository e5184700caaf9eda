import { APICallError } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readItemContent } from "@/lib/schemas/course-content";
import { resolveModel, type ResolvedModel } from "@/server/ai/registry";
import { db } from "@/server/db";
import { offlineGradingMessage, teacherWillGrade, type GradingOptions } from "@/server/services/courses/grading";
import { resetWorkflowTables, runsOf, testApp, testClient } from "@/server/workflows/test-support";
import { createCourseFixture, type CourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { attemptSubmitted } from "../events";
import { createGradeAttempt } from "./grade-attempt";

/**
 * grade-attempt on the embedded executor with the AI SDK's mock model: the
 * real retries, backoff and give-up step. The fixture quiz: q1 single choice
 * (1 point, answered right), q2 subjective (4 points, criterion "cause" 0-4,
 * pass 2); the quiz passes at 50%.
 */

let f: OrgFixture;
let course: CourseFixture;

beforeAll(async () => {
  f = await createOrgFixture("Grade workflow");
  course = await createCourseFixture(f);
});
beforeEach(resetWorkflowTables);

const fnId = "grade-workflow-grade-attempt";
const overloaded = () => new APICallError({ message: "Service Unavailable", url: "https://api.openai.com/v1/responses", requestBodyValues: {}, statusCode: 503, isRetryable: true });

/** A mock grader that fails with 503 `failures` times, then scores every answer 3 of 4. */
function flakyGrader(failures: number) {
  let calls = 0;
  const model = new MockLanguageModelV4({
    modelId: "mock-grader",
    doGenerate: async () => {
      calls += 1;
      if (calls <= failures) throw overloaded();
      return {
        content: [{ type: "text", text: JSON.stringify({ criteria: [{ criterionId: "cause", score: 3, feedback: "Names the tilt." }] }) }],
        finishReason: { unified: "stop", raw: undefined },
        usage: {
          inputTokens: { total: 100, noCache: 100, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 30, text: 30, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
  const resolved: ResolvedModel = { model, id: "mock-grader", provider: "openai", label: "Mock grader", offline: false };
  return { resolved, calls: () => calls };
}

function appWith(options: GradingOptions) {
  const client = testClient("grade-workflow");
  return testApp(client, [createGradeAttempt(client, () => ({ maxRetries: 0, ...options }))]);
}

/** Runs until nothing is due, moving the clock past each retry backoff. */
async function drain(app: ReturnType<typeof appWith>, rounds = 8) {
  const engine = app.engine();
  for (let i = 0; i < rounds; i++) {
    await engine.runUntilIdle();
    app.clock.advance(1000);
  }
}

/** A submitted attempt with `subjective` answers waiting for the AI grader (q2, and copies of it). */
async function submittedAttempt(subjective = 1): Promise<string> {
  const quiz = await db().courseItem.findUniqueOrThrow({ where: { id: course.quizId }, select: { publishedContent: true } });
  const content = readItemContent(quiz.publishedContent);
  if (content.kind !== "quiz") throw new Error("The fixture quiz is not a quiz.");
  const q2 = content.questions.find((q) => q.id === "q2");
  const copies = Array.from({ length: subjective - 1 }, (_, i) => ({ ...q2, id: `q2-${i}` }));
  const number = (await db().quizAttempt.count({ where: { cohortId: course.cohortId, userId: f.users.student.id, itemId: course.quizId } })) + 1;
  const pending = ["q2", ...copies.map((c) => c.id)].map((questionId) => ({
    questionId,
    answer: { kind: "subjective", text: "The axis is tilted." },
    outcome: "needs_review",
    gradingStatus: "pending_ai" as const,
    maxPoints: 4,
  }));
  const attempt = await db().quizAttempt.create({
    data: {
      cohortId: course.cohortId,
      userId: f.users.student.id,
      itemId: course.quizId,
      number,
      mode: "practice",
      status: "grading",
      questions: [...content.questions, ...copies],
      submittedAt: new Date(),
      maxScore: 1 + 4 * subjective,
      passPercent: 50,
      answers: {
        create: [{ questionId: "q1", answer: { kind: "single_choice", choiceId: "a" }, outcome: "correct", gradingStatus: "auto", autoPoints: 1, maxPoints: 1 }, ...pending],
      },
    },
    select: { id: true },
  });
  return attempt.id;
}

async function answersOf(attemptId: string) {
  return db().attemptAnswer.findMany({ where: { attemptId, gradingStatus: { not: "auto" } }, orderBy: { questionId: "asc" } });
}

describe("grade-attempt on the embedded executor", () => {
  it("grades every pending answer, one step each, and leaves the attempt graded", async () => {
    const grader = flakyGrader(0);
    const app = appWith({ model: grader.resolved });
    await app.engine().sync();
    const attemptId = await submittedAttempt(2);

    await app.client.send(attemptSubmitted.create({ attemptId }));
    await drain(app, 2);

    const answers = await answersOf(attemptId);
    expect(answers.map((a) => [a.gradingStatus, a.autoPoints])).toEqual([
      ["ai_graded", 3],
      ["ai_graded", 3],
    ]);
    expect(await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "graded", score: 7, maxScore: 9, passed: true });
    const [run] = await runsOf(fnId);
    expect(run?.status).toBe("completed");
    expect(run?.output).toMatchObject({ data: { attemptId, graded: 2, needsReview: 0, status: "graded" } });
    expect(run?.steps.map((s) => s.name).sort()).toEqual(["list-pending", "recompute", ...answers.map((a) => `grade-${a.id}`)].sort());

    // A duplicate event grades nothing again.
    await app.client.send(attemptSubmitted.create({ attemptId }));
    await drain(app, 2);
    expect(grader.calls()).toBe(2);
  });

  it("retries a provider that is overloaded, then grades", async () => {
    const grader = flakyGrader(2);
    const app = appWith({ model: grader.resolved });
    await app.engine().sync();
    const attemptId = await submittedAttempt();

    await app.client.send(attemptSubmitted.create({ attemptId }));
    await app.engine().runUntilIdle();
    // After the first failure the answer still waits, with no error recorded.
    expect((await answersOf(attemptId))[0]).toMatchObject({ gradingStatus: "pending_ai", aiError: null });
    await drain(app);

    expect(grader.calls()).toBe(3);
    expect((await answersOf(attemptId))[0]).toMatchObject({ gradingStatus: "ai_graded", autoPoints: 3 });
    expect(await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "graded", score: 4, passed: true });
    expect((await runsOf(fnId))[0]?.status).toBe("completed");
  });

  it("hands the answer to a teacher once the retries are spent", async () => {
    const grader = flakyGrader(100);
    const app = appWith({ model: grader.resolved });
    await app.engine().sync();
    const attemptId = await submittedAttempt();

    await app.client.send(attemptSubmitted.create({ attemptId }));
    await drain(app, 10);

    // retries: 4 = 5 attempts of the step, then the give-up step.
    expect(grader.calls()).toBe(5);
    const [answer] = await answersOf(attemptId);
    expect(answer).toMatchObject({ gradingStatus: "needs_review", aiGrade: null, autoPoints: null });
    expect(answer?.aiError).toBe(
      `The AI grader was unavailable through several attempts (The AI provider (OpenAI) is overloaded; try again in a minute). ${teacherWillGrade}`,
    );
    const [run] = await runsOf(fnId);
    expect(run?.status).toBe("completed");
    expect(run?.steps.map((s) => s.name)).toContain(`give-up-${answer?.id}`);
    expect(await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "grading", score: null });
  });

  it("with no model connected, sends the answer to review at once", async () => {
    const app = appWith({ model: resolveModel("grading", {}) });
    await app.engine().sync();
    const attemptId = await submittedAttempt();

    await app.client.send(attemptSubmitted.create({ attemptId }));
    await drain(app, 2);

    expect((await answersOf(attemptId))[0]).toMatchObject({ gradingStatus: "needs_review", aiError: offlineGradingMessage });
    expect((await runsOf(fnId))[0]?.output).toMatchObject({ data: { graded: 0, needsReview: 1, status: "grading" } });
  });
});
