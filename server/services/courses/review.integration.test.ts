import { MockLanguageModelV4 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import { itemContentSchema, type ItemContentInput } from "@/lib/schemas/course-content";
import type { ResolvedModel } from "@/server/ai/registry";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { createCourseFixture, fixtureQuizContent, type CourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { giveUpAiGrading, gradeAttemptAnswers } from "./grading";
import { startAttempt, submitAttempt } from "./learning-quiz";
import { submitAssignment } from "./learning-assignment";
import { confirmAnswer, overrideAnswer, releaseFeedback, reviewOverview, reviewQueue, reviewSubmission, type AnswerEntry, type ReviewEntry } from "./review";

/**
 * The review queue and reviewers' changes against PostgreSQL. Learner work is
 * handed in through the learning services as the fixture student, and the
 * subjective answer graded by the real grading service with the AI SDK's mock
 * model. The fixture quiz: q1 single choice (1 point), q2 subjective (4
 * points, one criterion "cause" 0-4, pass 2); it passes at 50%.
 */

let f: OrgFixture;

beforeAll(async () => {
  f = await createOrgFixture("Review");
});

/** A mock grader scoring the one criterion "cause". */
function grader(score: number, feedback = "Names the tilt only in passing."): ResolvedModel {
  const model = new MockLanguageModelV4({
    modelId: "mock-grader",
    doGenerate: async () => ({
      content: [{ type: "text", text: JSON.stringify({ criteria: [{ criterionId: "cause", score, feedback }] }) }],
      finishReason: { unified: "stop", raw: undefined },
      usage: {
        inputTokens: { total: 100, noCache: 100, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 20, text: 20, reasoning: undefined },
      },
      warnings: [],
    }),
  });
  return { model, id: "mock-grader", provider: "openai", label: "Mock grader", offline: false };
}

async function expectError(promise: Promise<unknown>, code: AppErrorCode, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), `expected AppError ${code}, got ${String(error)}`).toBe(true);
  if (!isAppError(error)) return;
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
}

/** Hands in the fixture quiz as the student: q1 right or wrong, q2 graded by the mock AI (score) or left to a person (null). */
async function takeQuiz(c: CourseFixture, options: { itemId?: string; right?: boolean; aiScore: number | null }) {
  const itemId = options.itemId ?? c.quizId;
  const started = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId });
  await submitAttempt(f.actors.student, {
    attemptId: started.id,
    answers: [
      { questionId: "q1", answer: { kind: "single_choice", choiceId: options.right === false ? "b" : "a" } },
      { questionId: "q2", answer: { kind: "subjective", text: "The Earth's axis is tilted, so sunlight hits us at different angles." } },
    ],
  });
  const essay = await db().attemptAnswer.findUniqueOrThrow({ where: { attemptId_questionId: { attemptId: started.id, questionId: "q2" } }, select: { id: true } });
  if (options.aiScore === null) await giveUpAiGrading(essay.id, "provider overloaded");
  else await gradeAttemptAnswers(started.id, { model: grader(options.aiScore) });
  return { attemptId: started.id, essayId: essay.id };
}

async function examItem(c: CourseFixture): Promise<string> {
  const content = itemContentSchema.parse({ ...fixtureQuizContent, mode: "exam", attemptLimit: 3 } satisfies ItemContentInput) as Prisma.InputJsonValue;
  const item = await db().courseItem.create({
    data: { courseId: c.courseId, moduleId: c.moduleId, kind: "quiz", position: 3, title: "Final exam", content, publishedTitle: "Final exam", publishedContent: content, publishedAt: new Date() },
    select: { id: true },
  });
  return item.id;
}

async function notificationsOf(userId: string, type: string) {
  return db().notification.findMany({ where: { userId, type }, orderBy: { createdAt: "asc" }, select: { title: true, body: true, url: true, data: true } });
}

async function walkQueue(actor: Actor, cohortId: string, status: "needs_review" | "ai_graded" | "all" | "reviewed", take = 20): Promise<ReviewEntry[]> {
  const seen: ReviewEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof reviewQueue>> = await reviewQueue(actor, { cohortId, status, cursor, take });
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe("overrideAnswer", () => {
  it("recomputes the attempt, its pass mark and the learner's best score, audits it and tells the learner", async () => {
    const c = await createCourseFixture(f);
    // 1 (q1) + 1 of 4 (q2) = 2 of 5 = 40%: failed.
    const { attemptId, essayId } = await takeQuiz(c, { aiScore: 1 });
    const before = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { score: true, passed: true, status: true } });
    expect(before).toEqual({ score: 2, passed: false, status: "graded" });

    const result = await overrideAnswer(f.actors.teacher, { answerId: essayId, points: 3, comment: "  You explain the tilt well.  " });
    expect(result).toMatchObject({ points: 3, gradingStatus: "reviewed", notified: true, attempt: { status: "graded", score: 4, maxScore: 5, passed: true } });

    const answer = await db().attemptAnswer.findUniqueOrThrow({ where: { id: essayId } });
    expect(answer).toMatchObject({ overridePoints: 3, overrideComment: "You explain the tilt well.", overriddenById: f.users.teacher.id, gradingStatus: "reviewed" });
    expect(answer.overriddenAt).toBeInstanceOf(Date);
    const attempt = await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { score: true, passed: true } });
    expect(attempt).toEqual({ score: 4, passed: true });
    const progress = await db().itemProgress.findUniqueOrThrow({ where: { cohortId_userId_itemId: { cohortId: c.cohortId, userId: f.users.student.id, itemId: c.quizId } } });
    expect(progress).toMatchObject({ bestScore: 0.8, passed: true, status: "completed" });

    const [note] = await notificationsOf(f.users.student.id, "course.grade_updated").then((all) => all.filter((n) => (n.data as { cohortId?: string }).cohortId === c.cohortId));
    expect(note).toMatchObject({ title: "Graded: Planets quiz", url: `/orgs/${f.org.id}/cohorts/${c.cohortId}/learn/${c.quizId}` });
    expect(note?.data).toMatchObject({ score: 4, maxScore: 5, comment: "You explain the tilt well." });
    expect(note?.body).toContain("4 / 5");

    const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: essayId, action: "grade.overridden" } });
    expect(audit).toMatchObject({ orgId: f.org.id, actorId: f.users.teacher.id, targetType: "AttemptAnswer" });
    expect(audit.data).toMatchObject({ before: { points: 1, status: "ai_graded" }, after: { points: 3, status: "reviewed" } });
  });

  it("can lower a grade: a passed quiz fails again and stops counting as complete", async () => {
    const c = await createCourseFixture(f);
    const { essayId } = await takeQuiz(c, { aiScore: 4 });
    await overrideAnswer(f.actors.schoolAdmin, { answerId: essayId, points: 0, comment: null });
    const progress = await db().itemProgress.findUniqueOrThrow({ where: { cohortId_userId_itemId: { cohortId: c.cohortId, userId: f.users.student.id, itemId: c.quizId } } });
    expect(progress).toMatchObject({ bestScore: 0.2, passed: false, status: "started", completedAt: null });
  });

  it("refuses points outside the question's range and changes nothing", async () => {
    const c = await createCourseFixture(f);
    const { essayId } = await takeQuiz(c, { aiScore: 1 });
    await expectError(overrideAnswer(f.actors.teacher, { answerId: essayId, points: 5, comment: null }), "invalid", /worth 4 points: give between 0 and 4/);
    await expectError(overrideAnswer(f.actors.teacher, { answerId: essayId, points: -1, comment: null }), "invalid", /cannot be negative/);
    await expectError(overrideAnswer(f.actors.teacher, { answerId: essayId, points: 1.234, comment: null }), "invalid", /two decimals/);
    const answer = await db().attemptAnswer.findUniqueOrThrow({ where: { id: essayId } });
    expect(answer).toMatchObject({ overridePoints: null, gradingStatus: "ai_graded", autoPoints: 1 });
  });

  it("lets facilitators read the queue but not change scores; learners and outsiders are refused", async () => {
    const c = await createCourseFixture(f);
    const { essayId } = await takeQuiz(c, { aiScore: null });

    const seen = await reviewQueue(f.actors.facilitator, { cohortId: c.cohortId, status: "needs_review" });
    expect(seen.canReview).toBe(false);
    expect(seen.items.map((e) => e.id)).toContain(essayId);
    expect((await reviewQueue(f.actors.teacher, { cohortId: c.cohortId })).canReview).toBe(true);

    await expectError(overrideAnswer(f.actors.facilitator, { answerId: essayId, points: 2, comment: null }), "forbidden", /Facilitators can read/);
    await expectError(confirmAnswer(f.actors.facilitator, { answerId: essayId }), "forbidden");
    await expectError(overrideAnswer(f.actors.student, { answerId: essayId, points: 4, comment: null }), "forbidden");
    await expectError(reviewQueue(f.actors.student, { cohortId: c.cohortId }), "forbidden");
    await expectError(overrideAnswer(f.actors.otherAdmin, { answerId: essayId, points: 2, comment: null }), "not_found");
    await expectError(reviewQueue(f.actors.otherAdmin, { cohortId: c.cohortId }), "not_found");
    await expectError(overrideAnswer(f.actors.teacher, { answerId: "no-such-answer", points: 1, comment: null }), "not_found");

    const answer = await db().attemptAnswer.findUniqueOrThrow({ where: { id: essayId } });
    expect(answer).toMatchObject({ overridePoints: null, gradingStatus: "needs_review" });
    expect(await db().auditLog.count({ where: { targetId: essayId } })).toBe(0);
  });

  it("finishes the grading of an attempt that waited for a person", async () => {
    const c = await createCourseFixture(f);
    const { attemptId, essayId } = await takeQuiz(c, { aiScore: null });
    expect(await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true, score: true } })).toEqual({ status: "grading", score: null });
    const result = await overrideAnswer(f.actors.teacher, { answerId: essayId, points: 2.5, comment: "Half of the story." });
    expect(result.attempt).toEqual({ status: "graded", score: 3.5, maxScore: 5, passed: true });
  });
});

describe("confirmAnswer", () => {
  it("accepts the AI score as reviewed without changing it", async () => {
    const c = await createCourseFixture(f);
    const { attemptId, essayId } = await takeQuiz(c, { aiScore: 3 });
    const result = await confirmAnswer(f.actors.teacher, { answerId: essayId });
    expect(result).toMatchObject({ points: 3, gradingStatus: "reviewed", attempt: { score: 4, passed: true }, notified: false });
    expect(await db().attemptAnswer.findUniqueOrThrow({ where: { id: essayId } })).toMatchObject({ gradingStatus: "reviewed", overridePoints: null, autoPoints: 3 });
    expect(await db().quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { score: true } })).toEqual({ score: 4 });
    await expectError(confirmAnswer(f.actors.teacher, { answerId: essayId }), "conflict", /already reviewed/);
  });

  it("refuses an answer with no score to confirm", async () => {
    const c = await createCourseFixture(f);
    const { essayId } = await takeQuiz(c, { aiScore: null });
    await expectError(confirmAnswer(f.actors.teacher, { answerId: essayId }), "invalid", /no score to confirm/);
  });
});

describe("exams", () => {
  it("holds back grade notifications until the feedback is released, then tells everyone who took it", async () => {
    const c = await createCourseFixture(f);
    const examId = await examItem(c);
    const { essayId } = await takeQuiz(c, { itemId: examId, aiScore: null });
    const before = (await notificationsOf(f.users.student.id, "course.grade_updated")).length;

    const override = await overrideAnswer(f.actors.teacher, { answerId: essayId, points: 4, comment: "Excellent." });
    expect(override.notified).toBe(false);
    expect(await notificationsOf(f.users.student.id, "course.grade_updated")).toHaveLength(before);
    const [entry] = await walkQueue(f.actors.teacher, c.cohortId, "reviewed");
    expect(entry).toMatchObject({ type: "answer", feedbackHeld: true });

    const overview = await reviewOverview(f.actors.teacher, { cohortId: c.cohortId });
    expect(overview.exams).toEqual([{ itemId: examId, title: "Final exam", releasedAt: null, attempted: 1 }]);

    await expectError(releaseFeedback(f.actors.facilitator, { cohortId: c.cohortId, itemId: examId }), "forbidden");
    const released = await releaseFeedback(f.actors.teacher, { cohortId: c.cohortId, itemId: examId });
    expect(released).toMatchObject({ itemId: examId, notified: 1 });
    expect((await db().courseItem.findUniqueOrThrow({ where: { id: examId } })).feedbackReleasedAt).toEqual(released.releasedAt);
    const told = (await notificationsOf(f.users.student.id, "course.feedback_released")).filter((n) => n.url?.endsWith(`/learn/${examId}`));
    expect(told).toHaveLength(1);
    expect(told[0]?.title).toBe("Results released: Final exam");

    await expectError(releaseFeedback(f.actors.teacher, { cohortId: c.cohortId, itemId: examId }), "conflict", /already released/);
    // Once released, a later change reaches the learner.
    expect((await overrideAnswer(f.actors.teacher, { answerId: essayId, points: 3, comment: null })).notified).toBe(true);
  });

  it("has nothing to release for a practice quiz or a lesson", async () => {
    const c = await createCourseFixture(f);
    await expectError(releaseFeedback(f.actors.teacher, { cohortId: c.cohortId, itemId: c.quizId }), "invalid", /practice quiz/);
    await expectError(releaseFeedback(f.actors.teacher, { cohortId: c.cohortId, itemId: c.lessonId }), "invalid", /not a quiz/);
    await expectError(releaseFeedback(f.actors.otherAdmin, { cohortId: c.cohortId, itemId: c.quizId }), "not_found");
  });
});

describe("reviewSubmission", () => {
  it("grades a submission, sets the learner's score and tells them", async () => {
    const c = await createCourseFixture(f);
    const handedIn = await submitAssignment(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId, text: "Day 1: a thin crescent." });
    await expectError(reviewSubmission(f.actors.teacher, { submissionId: handedIn.id, score: 11, feedback: null }), "invalid", /worth 10 points/);
    await expectError(reviewSubmission(f.actors.facilitator, { submissionId: handedIn.id, score: 8, feedback: null }), "forbidden");

    const result = await reviewSubmission(f.actors.teacher, { submissionId: handedIn.id, score: 8, feedback: "Careful notes; add the times." });
    expect(result).toMatchObject({ score: 8, maxScore: 10, status: "reviewed", notified: true });
    expect(await db().assignmentSubmission.findUniqueOrThrow({ where: { id: handedIn.id } })).toMatchObject({
      status: "reviewed",
      score: 8,
      feedback: "Careful notes; add the times.",
      reviewedById: f.users.teacher.id,
    });
    const progress = await db().itemProgress.findUniqueOrThrow({ where: { cohortId_userId_itemId: { cohortId: c.cohortId, userId: f.users.student.id, itemId: c.assignmentId } } });
    expect(progress).toMatchObject({ bestScore: 0.8, status: "completed" });
    const notes = (await notificationsOf(f.users.student.id, "course.grade_updated")).filter((n) => n.url?.endsWith(`/learn/${c.assignmentId}`));
    expect(notes.at(-1)?.data).toMatchObject({ score: 8, maxScore: 10, comment: "Careful notes; add the times." });
    expect(await db().auditLog.count({ where: { targetId: handedIn.id, action: "submission.reviewed" } })).toBe(1);
  });
});

describe("reviewQueue", () => {
  it("lists what needs a person, what the AI graded and what was reviewed, with the answer, the rubric result and the points", async () => {
    const c = await createCourseFixture(f);
    const ai = await takeQuiz(c, { aiScore: 1 });
    const manual = await takeQuiz(c, { aiScore: null, right: false });
    const handedIn = await submitAssignment(f.actors.student, { cohortId: c.cohortId, itemId: c.assignmentId, text: "Night 1: full moon." });

    const waiting = await walkQueue(f.actors.teacher, c.cohortId, "needs_review");
    expect(waiting.map((e) => e.id).sort()).toEqual([manual.essayId, handedIn.id].sort());
    const aiGraded = await walkQueue(f.actors.teacher, c.cohortId, "ai_graded");
    expect(aiGraded.map((e) => e.id)).toEqual([ai.essayId]);
    expect((await walkQueue(f.actors.teacher, c.cohortId, "all")).map((e) => e.id)).toHaveLength(3);
    expect(await walkQueue(f.actors.teacher, c.cohortId, "reviewed")).toEqual([]);

    const entry = aiGraded[0] as AnswerEntry;
    expect(entry).toMatchObject({
      type: "answer",
      learner: { id: f.users.student.id, name: f.users.student.name, email: f.users.student.email },
      item: { id: c.quizId, title: "Planets quiz" },
      question: { id: "q2", kind: "subjective", prompt: "Why do we have seasons?", points: 4 },
      answer: { kind: "subjective", text: "The Earth's axis is tilted, so sunlight hits us at different angles." },
      gradingStatus: "ai_graded",
      points: 1,
      maxPoints: 4,
      feedbackHeld: false,
      ai: { total: 1, max: 4, passed: false, criteria: [{ id: "cause", title: "Cause", description: "Names the axial tilt.", score: 1, min: 0, max: 4, pass: 2, passed: false, feedback: "Names the tilt only in passing." }] },
    });
    const manualEntry = waiting.find((e) => e.id === manual.essayId) as AnswerEntry;
    expect(manualEntry.points).toBeNull();
    expect(manualEntry.aiError).toMatch(/AI grader was unavailable/);
    const submission = waiting.find((e) => e.id === handedIn.id);
    expect(submission).toMatchObject({ type: "submission", text: "Night 1: full moon.", status: "submitted", maxScore: 10, file: null });

    // Filtered by item, and a page at a time without repeats or gaps.
    expect((await walkQueue(f.actors.teacher, c.cohortId, "all", 1)).map((e) => e.id)).toEqual((await walkQueue(f.actors.teacher, c.cohortId, "all")).map((e) => e.id));
    const onlyAssignment = await reviewQueue(f.actors.teacher, { cohortId: c.cohortId, status: "all", itemId: c.assignmentId });
    expect(onlyAssignment.items.map((e) => e.id)).toEqual([handedIn.id]);

    await overrideAnswer(f.actors.teacher, { answerId: manual.essayId, points: 2, comment: null });
    expect((await walkQueue(f.actors.teacher, c.cohortId, "needs_review")).map((e) => e.id)).toEqual([handedIn.id]);
    const reviewed = await walkQueue(f.actors.teacher, c.cohortId, "reviewed");
    expect(reviewed[0]).toMatchObject({ id: manual.essayId, points: 2, overridePoints: 2, reviewedBy: f.users.teacher.name });

    const overview = await reviewOverview(f.actors.facilitator, { cohortId: c.cohortId });
    expect(overview).toMatchObject({ canReview: false, waiting: 1, exams: [] });
    expect(overview.items.map((i) => i.id)).toEqual([c.quizId, c.assignmentId]);
  });

  it("refuses a made-up page link", async () => {
    const c = await createCourseFixture(f);
    await expectError(reviewQueue(f.actors.teacher, { cohortId: c.cohortId, cursor: "not a cursor" }), "invalid", /start from the first page/);
  });
});
