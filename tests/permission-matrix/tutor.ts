import { createCourseFixture } from "../fixtures/courses";
import { oncePerFixture } from "../fixtures/org";
import type { Caller, MatrixContext, MatrixEntry } from "../permission-matrix";

/**
 * Rows of the permission matrix for the tutor procedures (merged into procedureMatrix).
 *
 * The fixture cohort's lesson: the student is its learner, the facilitator
 * its facilitator, and the teacher and org admin manage the Department's
 * courses. Everyone who can see the cohort sees which model the tutor uses
 * (teachers through "view as learner"); the conversation itself is the
 * learner's own. The chat (POST /api/tutor) is a route handler, covered in
 * server/services/tutor.integration.test.ts.
 */

const cohortViewers = ["student", "teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const learnerOnly = ["student"] as const satisfies readonly Caller[];

const courseOf = oncePerFixture((f) => createCourseFixture(f));

async function lesson({ f }: MatrixContext): Promise<{ cohortId: string; itemId: string }> {
  const { cohortId, lessonId } = await courseOf(f);
  return { cohortId, itemId: lessonId };
}

export const tutorMatrix: Record<string, MatrixEntry> = {
  "tutor.info": { allow: cohortViewers, input: lesson },
  "tutor.history": { allow: learnerOnly, input: lesson },
  "tutor.clear": { allow: learnerOnly, input: lesson },
};
