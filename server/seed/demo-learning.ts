import { itemContentSchema, type AuthorableItemKind } from "@/lib/schemas/course-content";
import type { Answer, Question, QuestionKind } from "@/lib/schemas/courses";
import type { SubmittedAnswer } from "@/lib/schemas/learning";
import { addDays, formatLocalDate, isoWeekday, localDateAt, parseLocalDate, zonedTimeToUtc } from "@/lib/time-zone";
import { resolveModel } from "../ai/registry";
import { loadActor, type Actor } from "../auth/actor";
import { appNow } from "../clock";
import { db } from "../db";
import { signUp, updateProfile } from "../services/accounts";
import { createCourse, createItem, createModule, publishAllChanges, publishCourse, updateItem } from "../services/courses/authoring";
import { createCohort } from "../services/courses/cohorts";
import { createInviteLink, joinCohort } from "../services/courses/cohorts-invite";
import { addCohortMember } from "../services/courses/cohorts-members";
import { gradeAttemptAnswers } from "../services/courses/grading";
import { getLearnerItem, saveCodeDraft, startAttempt, submitAssignment, submitAttempt } from "../services/courses/learning";
import { activityBucket } from "../services/courses/progress";
import { overrideAnswer, reviewQueue, reviewSubmission } from "../services/courses/review";
import { demoLearners, demoPassword } from "./demo-accounts";
import { demoCourse, demoModules } from "./demo-course";

/**
 * The learning half of the demo: the demo teacher writes "Motion and Forces"
 * from demo-course.ts and publishes it, opens a cohort with a weekly drip
 * that started a week or so ago, and nine learners are each somewhere else in
 * it (far ahead, on track, failing, away, never started), so the course home,
 * the dashboard and the review queue have something to show. Everything is
 * written through the services people use; only time is not (see
 * spreadOverTime).
 */

export const demoCohortName = "Physics · Autumn 2026";
export const demoCohortTimeZone = "Europe/Brussels";
/** Shorter than the default week, so the learners who drifted away show up as at risk. */
const demoAtRiskAfterDays = 5;
const dayMs = 24 * 60 * 60 * 1000;

interface DemoPerson {
  userId: string;
  name: string;
  email: string;
}

export interface DemoLearningInput {
  orgId: string;
  /** The unit the course belongs to: the one the demo facilitator and student are members of. */
  unitId: string;
  teacher: DemoPerson;
  facilitator: DemoPerson;
  /** The demo student: already in the organisation, joins the cohort by its link. */
  student: DemoPerson;
}

export interface DemoLearningResult {
  courseId: string;
  cohortId: string;
}

/**
 * The Monday on or before the day a week ago, in the cohort's zone: 7 to 13
 * days ago, so weeks 1 and 2 are open today and week 3 opens within the week.
 */
export function demoCohortStartDate(now: Date, timeZone: string): string {
  const today = parseLocalDate(localDateAt(now, timeZone));
  if (!today) throw new Error(`Could not read today's date in ${timeZone}.`);
  const weekAgo = addDays(today, -7);
  return formatLocalDate(addDays(weekAgo, 1 - isoWeekday(weekAgo.year, weekAgo.month, weekAgo.day)));
}

// ---------------------------------------------------------------------------
// The course

interface DemoCourseItems {
  courseId: string;
  /** Lesson ids in course order. */
  lessons: string[];
  practiceQuiz: { id: string; questions: Question[] };
  assignmentId: string;
}

async function writeCourse(teacher: Actor, orgId: string, unitId: string): Promise<DemoCourseItems> {
  const course = await createCourse(teacher, { orgId, unitId, title: demoCourse.title, description: demoCourse.description });
  const lessons: string[] = [];
  let practiceQuiz: DemoCourseItems["practiceQuiz"] | undefined;
  let assignmentId: string | undefined;
  for (const [week, demoModule] of demoModules.entries()) {
    const { id: moduleId } = await createModule(teacher, { courseId: course.id, title: demoModule.title });
    for (const demoItem of demoModule.items) {
      const content = itemContentSchema.parse(demoItem.content);
      if (content.kind === "ai_activity") throw new Error(`The demo course's “${demoItem.title}” is an AI activity, which cannot be published yet.`);
      const kind: AuthorableItemKind = content.kind;
      const { id } = await createItem(teacher, { moduleId, kind, title: demoItem.title });
      // A module is a week: its items open together, `week` weeks after the cohort starts.
      await updateItem(teacher, { itemId: id, title: demoItem.title, content: demoItem.content, unlockOffsetDays: week * 7 });
      if (content.kind === "lesson") lessons.push(id);
      if (content.kind === "quiz" && content.mode === "practice") practiceQuiz ??= { id, questions: content.questions };
      if (content.kind === "assignment") assignmentId ??= id;
    }
  }
  const { skipped } = await publishAllChanges(teacher, { courseId: course.id });
  if (skipped.length > 0) {
    throw new Error(`The demo course could not be published: ${skipped.map((s) => `“${s.title}”: ${s.reason}`).join(" ")}`);
  }
  await publishCourse(teacher, { courseId: course.id });
  if (!practiceQuiz || !assignmentId) throw new Error("The demo course needs a practice quiz and an assignment: see server/seed/demo-course.ts.");
  return { courseId: course.id, lessons, practiceQuiz, assignmentId };
}

// ---------------------------------------------------------------------------
// The cohort

async function openCohort(teacher: Actor, courseId: string, facilitatorEmail: string, now: Date) {
  const startDate = demoCohortStartDate(now, demoCohortTimeZone);
  const cohort = await createCohort(teacher, {
    courseId,
    name: demoCohortName,
    startDate,
    timeZone: demoCohortTimeZone,
    drip: { every: 1, unit: "week", anchor: "cohort_start" },
    atRiskAfterDays: demoAtRiskAfterDays,
  });
  await addCohortMember(teacher, { cohortId: cohort.id, email: facilitatorEmail, role: "facilitator" });
  const { url } = await createInviteLink(teacher, { cohortId: cohort.id });
  // The link's secret is its last path segment; it stays in memory and is never printed.
  const joinToken = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  const start = parseLocalDate(startDate);
  if (!start) throw new Error(`The demo cohort's start date ${startDate} is not a date.`);
  // The first morning of the course, when the learners who were there from the start joined.
  const firstMorning = zonedTimeToUtc({ ...start, hour: 9, minute: 0 }, demoCohortTimeZone);
  return { cohortId: cohort.id, joinToken, firstMorning };
}

// ---------------------------------------------------------------------------
// The learners and their stories

type AnswerStyle = "right" | "partial" | "wrong" | "blank";
type QuizStory = Record<QuestionKind, AnswerStyle>;

const quizStories = {
  perfect: { single_choice: "right", multiple_choice: "right", short_answer: "right", subjective: "right", code: "right" },
  mixed: { single_choice: "right", multiple_choice: "partial", short_answer: "wrong", subjective: "partial", code: "partial" },
  solid: { single_choice: "right", multiple_choice: "right", short_answer: "right", subjective: "partial", code: "blank" },
  failing: { single_choice: "right", multiple_choice: "wrong", short_answer: "wrong", subjective: "blank", code: "blank" },
} satisfies Record<string, QuizStory>;

interface LearnerStory {
  email: string;
  /** Lessons opened, from the first. */
  lessonsOpened: number;
  /** How the practice quiz went; "in_progress" = started, with code saved, not handed in. */
  quiz: keyof typeof quizStories | "in_progress" | null;
  /** The lab write-up handed in as text. */
  assignment: string | null;
  /** The teacher scored this learner's written answers and lab write-up. */
  reviewed: boolean;
  /** Days before today on which the learner was active (0 = today). Empty: never. */
  activeDaysAgo: number[];
  /** Joined this many days ago; absent: on the cohort's first morning. */
  joinedDaysAgo?: number;
}

const labWriteUp = `Height: 1.80 m (measured with a tape measure from the bottom of the coin).

| Drop | Time (s) | g (m/s²) |
| --- | --- | --- |
| 1 | 0.62 | 9.37 |
| 2 | 0.60 | 10.00 |
| 3 | 0.61 | 9.67 |
| 4 | 0.59 | 10.34 |
| 5 | 0.61 | 9.67 |

Average g = 9.81 m/s² (by luck, the spread is large).

Sources of error: my reaction time when starting and stopping the phone's stopwatch (about 0.1 s, which is large compared with 0.6 s), and judging the exact moment the coin hits the floor by ear.`;

const shortLabWriteUp =
  "I dropped a key from 2.0 m five times: 0.65, 0.63, 0.64, 0.66 and 0.64 s, so 0.644 s on average. g = 2s/t² = 2 × 2.0 / 0.644² ≈ 9.6 m/s². Errors: my reaction time on the stopwatch, and the key tumbling on the way down (air resistance).";

const demoLearnerStories: LearnerStory[] = [
  { email: "student@demo.lyceum.dev", lessonsOpened: 2, quiz: "mixed", assignment: null, reviewed: false, activeDaysAgo: [0, 1, 2, 6] },
  { email: "amara@demo.lyceum.dev", lessonsOpened: 4, quiz: "perfect", assignment: labWriteUp, reviewed: true, activeDaysAgo: [0, 1, 2, 3, 4, 5, 6] },
  { email: "lucas@demo.lyceum.dev", lessonsOpened: 4, quiz: "perfect", assignment: shortLabWriteUp, reviewed: false, activeDaysAgo: [1, 3, 4, 6] },
  { email: "sofia@demo.lyceum.dev", lessonsOpened: 3, quiz: "solid", assignment: null, reviewed: false, activeDaysAgo: [2, 3, 5] },
  { email: "kenji@demo.lyceum.dev", lessonsOpened: 2, quiz: "failing", assignment: null, reviewed: false, activeDaysAgo: [2, 4] },
  { email: "priya@demo.lyceum.dev", lessonsOpened: 1, quiz: null, assignment: null, reviewed: false, activeDaysAgo: [6] },
  { email: "mateo@demo.lyceum.dev", lessonsOpened: 0, quiz: null, assignment: null, reviewed: false, activeDaysAgo: [] },
  { email: "chloe@demo.lyceum.dev", lessonsOpened: 0, quiz: null, assignment: null, reviewed: false, activeDaysAgo: [], joinedDaysAgo: 1 },
  { email: "fatima@demo.lyceum.dev", lessonsOpened: 2, quiz: "in_progress", assignment: null, reviewed: false, activeDaysAgo: [0, 1, 3] },
];

/** What the demo learners write for the practice quiz's written and code questions, by question id. */
const writtenAnswers: Record<string, Partial<Record<AnswerStyle, string>>> = {
  "explain-velocity": {
    right:
      "Velocity is a vector: it has a size (the speed) and a direction. Going round the roundabout the car keeps turning, so its direction changes all the time. The speed stays at 30 km/h, but because the direction changes, the velocity is not constant.",
    partial: "Because the car goes round in a circle instead of a straight line, so it is not constant.",
  },
  "avg-velocity-code": {
    right: "def average_velocity(positions, dt):\n    elapsed = (len(positions) - 1) * dt\n    return (positions[-1] - positions[0]) / elapsed\n",
    partial: "def average_velocity(positions, dt):\n    return sum(positions) / len(positions) / dt\n",
  },
};

/** Code a learner is still writing (saved as they type), by question id. */
const unfinishedCode: Record<string, string> = {
  "avg-velocity-code": "def average_velocity(positions, dt):\n    # displacement = last position - first position\n    displacement = positions[-1] - positions[0]\n",
};

function written(question: Question, style: AnswerStyle): string {
  const text = writtenAnswers[question.id]?.[style];
  if (text === undefined) throw new Error(`The demo has no ${style} answer to question “${question.id}”: add one to writtenAnswers in server/seed/demo-learning.ts.`);
  return text;
}

/** The answer a learner following `style` gives; null leaves the question unanswered. */
function answerFor(question: Question, style: AnswerStyle): Answer | null {
  if (style === "blank") return null;
  switch (question.kind) {
    case "single_choice": {
      const key = question.answerKey.correctChoiceIds;
      const choice = style === "right" ? key[0] : question.choices.find((c) => !key.includes(c.id))?.id;
      return choice ? { kind: "single_choice", choiceId: choice } : null;
    }
    case "multiple_choice": {
      const key = question.answerKey.correctChoiceIds;
      const others = question.choices.filter((c) => !key.includes(c.id)).map((c) => c.id);
      const chosen = style === "right" ? key : style === "partial" ? [...key.slice(0, 1), ...others.slice(0, 1)] : others;
      return { kind: "multiple_choice", choiceIds: chosen };
    }
    case "short_answer": {
      const accepted = question.answerKey.acceptedAnswers[0] ?? "";
      // The classic slip on a numeric answer: off by a factor of two.
      const wrong = Number.isFinite(Number(accepted)) ? String(Number(accepted) * 2) : "I am not sure";
      return { kind: "short_answer", text: style === "right" ? accepted : wrong };
    }
    case "subjective":
      return { kind: "subjective", text: written(question, style) };
    case "code":
      return { kind: "code", code: written(question, style) };
  }
}

function quizAnswers(questions: readonly Question[], story: QuizStory): SubmittedAnswer[] {
  return questions.flatMap((q) => {
    const answer = answerFor(q, story[q.kind]);
    return answer ? [{ questionId: q.id, answer }] : [];
  });
}

interface Cast {
  cohortId: string;
  course: DemoCourseItems;
  teacher: Actor;
}

async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(db(), userId);
  if (!actor) throw new Error("A demo account vanished while seeding.");
  return actor;
}

/** One learner's story, told through the learner's own actions and, for reviewed work, the teacher's. */
async function live(learner: Actor, story: LearnerStory, cast: Cast): Promise<void> {
  const { cohortId, course, teacher } = cast;
  for (const itemId of course.lessons.slice(0, story.lessonsOpened)) await getLearnerItem(learner, { cohortId, itemId });

  let attemptId: string | null = null;
  if (story.quiz) {
    const attempt = await startAttempt(learner, { cohortId, itemId: course.practiceQuiz.id });
    if (story.quiz === "in_progress") {
      for (const q of course.practiceQuiz.questions.filter((question) => question.kind === "code")) {
        await saveCodeDraft(learner, { cohortId, itemId: course.practiceQuiz.id, questionId: q.id, code: unfinishedCode[q.id] ?? q.starterCode });
      }
    } else {
      await submitAttempt(learner, { attemptId: attempt.id, answers: quizAnswers(course.practiceQuiz.questions, quizStories[story.quiz]) });
      attemptId = attempt.id;
    }
  }
  const submission = story.assignment ? await submitAssignment(learner, { cohortId, itemId: course.assignmentId, text: story.assignment }) : null;

  if (!story.reviewed) return;
  if (attemptId) {
    // The demo is seeded without AI: the offline grader hands written answers to the teacher, as it does on any install without a model.
    await gradeAttemptAnswers(attemptId, { model: resolveModel("grading", {}) });
    const queue = await reviewQueue(teacher, { cohortId, status: "needs_review", itemId: course.practiceQuiz.id, take: 100 });
    for (const entry of queue.items) {
      if (entry.type !== "answer" || entry.attempt.id !== attemptId) continue;
      const comment = entry.question?.kind === "code" ? "Correct and easy to read. What happens with a single position?" : "Exactly: velocity is a vector, and on the roundabout its direction keeps changing.";
      await overrideAnswer(teacher, { answerId: entry.id, points: entry.maxPoints, comment });
    }
  }
  if (submission) {
    await reviewSubmission(teacher, {
      submissionId: submission.id,
      score: submission.maxScore - 1,
      feedback: "Careful measurements and a good error analysis. Time more drops (ten or more) to shrink the effect of your reaction time.",
    });
  }
}

/**
 * Time is the one thing the services cannot fake: everything above happened
 * just now. So that the dashboard shows who drifted away and the course home
 * a streak, each learner's join date, last activity and activity record are
 * moved to the days of their story, in this one direct write.
 */
async function spreadOverTime(cohortId: string, firstMorning: Date, now: Date, learners: { userId: string; story: LearnerStory }[]): Promise<void> {
  const writes = learners.flatMap(({ userId, story }) => {
    const days = [...new Set(story.activeDaysAgo)].sort((a, b) => a - b);
    const activity = days.map((d) => new Date(now.getTime() - d * dayMs));
    const earliest = activity[activity.length - 1]?.getTime() ?? now.getTime();
    const joined = story.joinedDaysAgo === undefined ? firstMorning.getTime() : now.getTime() - story.joinedDaysAgo * dayMs;
    return [
      db().learningActivity.deleteMany({ where: { userId, cohortId } }),
      db().learningActivity.createMany({ data: activity.map((at) => ({ userId, cohortId, at, bucket: activityBucket(at) })) }),
      db().cohortMember.update({
        where: { cohortId_userId: { cohortId, userId } },
        data: { joinedAt: new Date(Math.min(joined, earliest)), lastActiveAt: activity[0] ?? null },
      }),
    ];
  });
  await db().$transaction(writes);
}

// ---------------------------------------------------------------------------

export async function seedDemoLearning(input: DemoLearningInput): Promise<DemoLearningResult> {
  const teacher = await actorOf(input.teacher.userId);
  const now = await appNow();
  // The demo's people live where the cohort does, so its dates read the same for all of them.
  for (const person of [input.teacher, input.facilitator, input.student]) {
    await updateProfile(await actorOf(person.userId), { name: person.name, timeZone: demoCohortTimeZone });
  }

  const course = await writeCourse(teacher, input.orgId, input.unitId);
  const { cohortId, joinToken, firstMorning } = await openCohort(teacher, course.courseId, input.facilitator.email, now);
  await joinCohort(await actorOf(input.student.userId), { token: joinToken });

  const cast: Cast = { cohortId, course, teacher };
  const learners: { userId: string; story: LearnerStory }[] = [];
  for (const story of demoLearnerStories) {
    const userId = await learnerFor(story.email, input.student, joinToken);
    await live(await actorOf(userId), story, cast);
    learners.push({ userId, story });
  }
  await spreadOverTime(cohortId, firstMorning, now, learners);
  return { courseId: course.courseId, cohortId };
}

/** The demo student, or a new account made from the cohort's join link, as a person following it would. */
async function learnerFor(email: string, student: DemoPerson, joinToken: string): Promise<string> {
  if (email === student.email) return student.userId;
  const account = demoLearners.find((a) => a.email === email);
  if (!account) throw new Error(`The demo learner ${email} has no account in demoLearners (server/seed/demo-accounts.ts).`);
  const { userId } = await signUp({ name: account.name, email: account.email, password: demoPassword, cohortInvite: joinToken });
  return userId;
}
