import { randomBytes } from "node:crypto";
import { itemContentSchema } from "../../lib/schemas/course-content";
import { db } from "../../server/db";
import type { Prisma } from "../../server/generated/prisma/client";
import { createCourseFixture, fixtureQuizContent } from "../fixtures/courses";
import { oncePerFixture } from "../fixtures/org";
import type { Caller, MatrixContext, MatrixEntry } from "../permission-matrix";

/**
 * Rows of the permission matrix for the review procedures (merged into procedureMatrix).
 *
 * The dashboard and the review queue are for the cohort's staff: its
 * facilitator (the fixture facilitator, a cohort member) reads them, the
 * unit's teacher (at the School above), the org admin and a system admin
 * read and review. The cohort's learner (the fixture student) is refused,
 * and the admin of another organisation is told the cohort does not exist.
 * Scores change only for reviewers: facilitators read, never grade.
 */

const staff = ["teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const reviewers = ["teacher", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];

const fixtureOf = oncePerFixture((f) => createCourseFixture(f));

const quizQuestions = itemContentSchema.parse(fixtureQuizContent);

/** A handed-in attempt of the student's with its subjective answer scored by the AI (2 of 4), fresh for each call. */
async function freshAnswer({ f }: MatrixContext): Promise<{ answerId: string }> {
  const c = await fixtureOf(f);
  const who = { cohortId: c.cohortId, userId: f.users.student.id, itemId: c.quizId };
  const number = (await db().quizAttempt.count({ where: who })) + 1;
  const attempt = await db().quizAttempt.create({
    data: {
      ...who,
      number,
      mode: "practice",
      status: "graded",
      questions: (quizQuestions.kind === "quiz" ? quizQuestions.questions : []) as Prisma.InputJsonValue,
      submittedAt: new Date(),
      score: 3,
      maxScore: 5,
      passPercent: 50,
      passed: true,
      answers: {
        create: [
          { questionId: "q1", answer: { kind: "single_choice", choiceId: "a" }, outcome: "correct", gradingStatus: "auto", autoPoints: 1, maxPoints: 1 },
          { questionId: "q2", answer: { kind: "subjective", text: "The tilt." }, outcome: "partially_correct", gradingStatus: "ai_graded", autoPoints: 2, maxPoints: 4 },
        ],
      },
    },
    select: { answers: { where: { questionId: "q2" }, select: { id: true } } },
  });
  const answer = attempt.answers[0];
  if (!answer) throw new Error("The matrix answer was not created.");
  return { answerId: answer.id };
}

async function freshSubmission({ f }: MatrixContext): Promise<string> {
  const c = await fixtureOf(f);
  const who = { cohortId: c.cohortId, userId: f.users.student.id, itemId: c.assignmentId };
  const number = (await db().assignmentSubmission.count({ where: who })) + 1;
  const row = await db().assignmentSubmission.create({ data: { ...who, number, text: "My log.", maxScore: 10 }, select: { id: true } });
  return row.id;
}

/** A published exam in the fixture course whose feedback is not released yet. */
async function freshExam({ f }: MatrixContext): Promise<{ cohortId: string; itemId: string }> {
  const c = await fixtureOf(f);
  const content = itemContentSchema.parse({ ...fixtureQuizContent, mode: "exam" }) as Prisma.InputJsonValue;
  const title = `Exam ${randomBytes(3).toString("hex")}`;
  const item = await db().courseItem.create({
    data: { courseId: c.courseId, moduleId: c.moduleId, kind: "quiz", position: 10, title, content, publishedTitle: title, publishedContent: content, publishedAt: new Date() },
    select: { id: true },
  });
  return { cohortId: c.cohortId, itemId: item.id };
}

const cohortInput = async ({ f }: MatrixContext) => ({ cohortId: (await fixtureOf(f)).cohortId });

export const reviewMatrix: Record<string, MatrixEntry> = {
  "review.dashboard": { allow: staff, input: cohortInput },
  "review.overview": { allow: staff, input: cohortInput },
  "review.queue": { allow: staff, input: async (ctx) => ({ ...(await cohortInput(ctx)), status: "all" }) },
  "review.overrideAnswer": { allow: reviewers, input: async (ctx) => ({ ...(await freshAnswer(ctx)), points: 3, comment: "Matrix override." }) },
  "review.confirmAnswer": { allow: reviewers, input: freshAnswer },
  "review.reviewSubmission": { allow: reviewers, input: async (ctx) => ({ submissionId: await freshSubmission(ctx), score: 7, feedback: "Matrix feedback." }) },
  "review.releaseFeedback": { allow: reviewers, input: freshExam },
};
