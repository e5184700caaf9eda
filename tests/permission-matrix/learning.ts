import { randomBytes } from "node:crypto";
import { itemContentSchema } from "../../lib/schemas/course-content";
import { db } from "../../server/db";
import type { Prisma } from "../../server/generated/prisma/client";
import { startAttempt } from "../../server/services/courses/learning";
import { createCourseFixture, type CourseFixture } from "../fixtures/courses";
import { oncePerFixture, type OrgFixture } from "../fixtures/org";
import type { Caller, MatrixContext, MatrixEntry } from "../permission-matrix";

/**
 * Rows of the permission matrix for the learning procedures (merged into procedureMatrix).
 *
 * Only the cohort's learner (the fixture student) learns. The course home and
 * item pages are also open to "view as learner": the rows ask for a preview
 * for every caller but the student, so the teacher (unit), the facilitator
 * (cohort), the org admin and a system admin are allowed there, while the
 * admin of another organisation is told the cohort does not exist.
 * Attempts are personal: nobody but their learner may read or hand them in.
 */

const tag = () => randomBytes(4).toString("hex");

const learnerOnly = ["student"] as const satisfies readonly Caller[];
const learnerOrPreviewer = ["student", "teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];

interface LearningFixture extends CourseFixture {
  /** A practice quiz with one code question, for code drafts. */
  codeQuizId: string;
}

async function createLearningFixture(f: OrgFixture): Promise<LearningFixture> {
  const course = await createCourseFixture(f);
  const content = itemContentSchema.parse({
    kind: "quiz",
    questions: [{ id: "code", kind: "code", prompt: "Print hello.", language: "python", starterCode: "print()" }],
  }) as Prisma.InputJsonValue;
  const item = await db().courseItem.create({
    data: { courseId: course.courseId, moduleId: course.moduleId, kind: "quiz", position: 3, title: "Code quiz", content, publishedTitle: "Code quiz", publishedContent: content, publishedAt: new Date() },
    select: { id: true },
  });
  return { ...course, codeQuizId: item.id };
}

const fixtureOf = oncePerFixture(createLearningFixture);

/** The student's attempt in progress at a quiz (started, or resumed, through the service). */
async function studentAttempt({ f }: MatrixContext, itemId: (c: LearningFixture) => string): Promise<string> {
  const c = await fixtureOf(f);
  return (await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: itemId(c) })).id;
}

export const learningMatrix: Record<string, MatrixEntry> = {
  "learning.home": {
    allow: learnerOrPreviewer,
    input: async ({ f, caller }) => ({ cohortId: (await fixtureOf(f)).cohortId, preview: caller !== "student" }),
  },
  "learning.item": {
    allow: learnerOrPreviewer,
    input: async ({ f, caller }) => {
      const c = await fixtureOf(f);
      return { cohortId: c.cohortId, itemId: c.lessonId, preview: caller !== "student" };
    },
  },
  "learning.attempt": {
    allow: learnerOnly,
    input: async (ctx) => ({ attemptId: await studentAttempt(ctx, (c) => c.quizId) }),
  },
  "learning.startAttempt": {
    allow: learnerOnly,
    input: async ({ f }) => {
      const c = await fixtureOf(f);
      return { cohortId: c.cohortId, itemId: c.quizId };
    },
  },
  "learning.saveCodeDraft": {
    allow: learnerOnly,
    input: async (ctx) => {
      const c = await fixtureOf(ctx.f);
      await studentAttempt(ctx, (x) => x.codeQuizId);
      return { cohortId: c.cohortId, itemId: c.codeQuizId, questionId: "code", code: `print("${tag()}")` };
    },
  },
  "learning.submitAttempt": {
    allow: learnerOnly,
    input: async (ctx) => ({
      attemptId: await studentAttempt(ctx, (c) => c.quizId),
      answers: [{ questionId: "q1", answer: { kind: "single_choice", choiceId: "a" } }],
    }),
  },
  "learning.submitAssignment": {
    allow: learnerOnly,
    input: async ({ f }) => {
      const c = await fixtureOf(f);
      return { cohortId: c.cohortId, itemId: c.assignmentId, text: `Observation ${tag()}` };
    },
  },
};
