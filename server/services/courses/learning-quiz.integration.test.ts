import { beforeAll, describe, expect, it } from "vitest";
import { itemContentSchema, type ItemContentInput } from "@/lib/schemas/course-content";
import type { QuestionInput } from "@/lib/schemas/courses";
import { createCourseFixture, type CourseFixture } from "../../../tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "../../../tests/fixtures/org";
import { appRouter } from "../../api/root";
import { createCallerFactory } from "../../api/trpc";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { getAttempt, getLearnerItem, saveCodeDraft, startAttempt, submitAttempt, type AttemptDTO, type QuizItemView } from "./learning";

/**
 * Quiz attempts against PostgreSQL: keys never leave the server, scores come
 * only from the keys, exam limits / window / deadline are enforced, exam
 * results stay hidden until released, written answers wait for the AI grader
 * (its workflow event is sent), code drafts are upserted.
 */

let f: OrgFixture;

beforeAll(async () => {
  f = await createOrgFixture("Quizzes");
});

/** Distinctive texts that exist only in answer keys and grader-only fields. */
const secrets = {
  accepted: "Heliocentrism-Key-7731",
  graderNotes: "GraderNote-Secret-4410",
  referenceTests: "assert solve() == 'RefTest-Secret-9920'",
};

const richQuestions: QuestionInput[] = [
  {
    id: "single",
    kind: "single_choice",
    prompt: "Closest planet to the Sun?",
    points: 2,
    choices: [
      { id: "mercury", text: "Mercury" },
      { id: "venus", text: "Venus" },
    ],
    answerKey: { correctChoiceIds: ["mercury"] },
  },
  {
    id: "multi",
    kind: "multiple_choice",
    prompt: "Which are gas giants?",
    points: 2,
    choices: [
      { id: "jupiter", text: "Jupiter" },
      { id: "saturn", text: "Saturn" },
      { id: "mars", text: "Mars" },
    ],
    answerKey: { correctChoiceIds: ["jupiter", "saturn"] },
  },
  { id: "short", kind: "short_answer", prompt: "Name the model with the Sun at the centre.", points: 1, answerKey: { acceptedAnswers: [secrets.accepted] } },
  {
    id: "essay",
    kind: "subjective",
    prompt: "Why do we have seasons?",
    points: 4,
    graderNotes: secrets.graderNotes,
    rubric: { criteria: [{ id: "tilt", title: "Tilt", description: "Names the axial tilt.", min: 0, max: 4, pass: 2 }] },
  },
  { id: "code", kind: "code", prompt: "Write solve().", points: 3, language: "python", starterCode: "def solve():\n    pass\n", referenceTests: secrets.referenceTests },
];

const richQuiz = (overrides: Partial<Extract<ItemContentInput, { kind: "quiz" }>> = {}): ItemContentInput => ({
  kind: "quiz",
  mode: "practice",
  passPercent: 50,
  questions: richQuestions,
  ...overrides,
});

async function addQuiz(c: Pick<CourseFixture, "courseId" | "moduleId">, body: ItemContentInput, extra: Partial<Prisma.CourseItemUncheckedCreateInput> = {}): Promise<string> {
  const content = itemContentSchema.parse(body) as Prisma.InputJsonValue;
  const position = await db().courseItem.count({ where: { moduleId: c.moduleId } });
  const row = await db().courseItem.create({
    data: { courseId: c.courseId, moduleId: c.moduleId, kind: "quiz", position, title: "Quiz", content, publishedTitle: "Quiz", publishedContent: content, publishedAt: new Date(), ...extra },
    select: { id: true },
  });
  return row.id;
}

async function quizView(c: CourseFixture, itemId: string): Promise<QuizItemView> {
  const page = await getLearnerItem(f.actors.student, { cohortId: c.cohortId, itemId });
  if (page.body.kind !== "quiz") throw new Error("not a quiz");
  return page.body;
}

function expectNoSecrets(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of [...Object.values(secrets), "answerKey", "correctChoiceIds", "acceptedAnswers", "graderNotes", "referenceTests"]) {
    expect(text, `leaked ${secret}`).not.toContain(secret);
  }
}

const right = [
  { questionId: "single", answer: { kind: "single_choice" as const, choiceId: "mercury" } },
  { questionId: "multi", answer: { kind: "multiple_choice" as const, choiceIds: ["jupiter", "saturn"] } },
  { questionId: "short", answer: { kind: "short_answer" as const, text: ` ${secrets.accepted.toLowerCase()}. ` } },
];

describe("answer keys", () => {
  it("never reach the learner: not in the item page, the attempt, its results or the preview", async () => {
    const c = await createCourseFixture(f);
    const quizId = await addQuiz(c, richQuiz());
    const started = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: quizId });
    expect(started.questions.map((q) => q.id)).toEqual(["single", "multi", "short", "essay", "code"]);
    expectNoSecrets(started);
    expectNoSecrets(await quizView(c, quizId));
    const result = await submitAttempt(f.actors.student, { attemptId: started.id, answers: right });
    expectNoSecrets(result);
    expectNoSecrets(await getAttempt(f.actors.student, { attemptId: started.id }));
    expectNoSecrets(await quizView(c, quizId));
    expectNoSecrets(await getLearnerItem(f.actors.teacher, { cohortId: c.cohortId, itemId: quizId, preview: true }));
  });
});

describe("submitAttempt", () => {
  it("scores from the key only, whatever extra fields the client sends, and sends written answers to the AI grader", async () => {
    const c = await createCourseFixture(f);
    const quizId = await addQuiz(c, richQuiz());
    const started = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: quizId });
    const trpc = createCallerFactory(appRouter)({ actor: f.actors.student, deviceSessionId: null, headers: new Headers() });
    const forged = {
      attemptId: started.id,
      score: 12,
      passed: true,
      answers: [
        { questionId: "single", answer: { kind: "single_choice", choiceId: "venus", points: 2, outcome: "correct" }, autoPoints: 2 },
        { questionId: "multi", answer: { kind: "multiple_choice", choiceIds: ["jupiter"] } },
        right[2],
        { questionId: "essay", answer: { kind: "subjective", text: "The axis is tilted by 23.4 degrees." } },
        { questionId: "code", answer: { kind: "code", code: "def solve():\n    return 1\n" } },
      ],
    };
    const result = await trpc.learning.submitAttempt(forged as Parameters<typeof trpc.learning.submitAttempt>[0]);
    expect(result.status).toBe("grading");
    expect(result.score).toBeNull();
    const byId = Object.fromEntries(result.answers.map((a) => [a.questionId, a]));
    expect(byId.single).toMatchObject({ outcome: "incorrect", points: 0, grading: "auto" });
    expect(byId.multi).toMatchObject({ outcome: "incorrect", points: 0 });
    expect(byId.short).toMatchObject({ outcome: "correct", points: 1 });
    expect(byId.essay).toMatchObject({ grading: "pending_ai", points: null, outcome: null });
    expect(byId.code).toMatchObject({ grading: "needs_review", points: null });

    const stored = await db().attemptAnswer.findMany({ where: { attemptId: started.id }, select: { questionId: true, answer: true, autoPoints: true } });
    expect(stored.find((a) => a.questionId === "single")?.answer).toEqual({ kind: "single_choice", choiceId: "venus" });
    const events = await db().workflowEvent.findMany({ where: { name: "course/attempt.submitted" }, select: { payload: true } });
    expect(events.some((e) => JSON.stringify(e.payload).includes(started.id))).toBe(true);

    // Once the grader and a reviewer score the rest, the attempt is graded from the stored points.
    await db().attemptAnswer.updateMany({ where: { attemptId: started.id, questionId: { in: ["essay", "code"] } }, data: { gradingStatus: "reviewed", overridePoints: 3 } });
    const { recomputeAttempt } = await import("./progress");
    await db().$transaction((tx) => recomputeAttempt(tx, started.id, new Date()));
    const graded = await getAttempt(f.actors.student, { attemptId: started.id });
    expect(graded).toMatchObject({ status: "graded", score: 7, maxScore: 12, passed: true, percent: 58 });
  });

  it("marks a passed practice quiz complete and refuses a second hand-in", async () => {
    const c = await createCourseFixture(f);
    const quizId = await addQuiz(c, richQuiz({ passPercent: 60, questions: richQuestions.slice(0, 3) }));
    const attempt = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: quizId });
    const result = await submitAttempt(f.actors.student, { attemptId: attempt.id, answers: right });
    expect(result).toMatchObject({ status: "graded", score: 5, maxScore: 5, passed: true, percent: 100, resultsHidden: false });
    await expect(submitAttempt(f.actors.student, { attemptId: attempt.id, answers: right })).rejects.toMatchObject({ code: "conflict" });
    const progress = await db().itemProgress.findUniqueOrThrow({ where: { cohortId_userId_itemId: { cohortId: c.cohortId, userId: f.users.student.id, itemId: quizId } } });
    expect(progress).toMatchObject({ status: "completed", bestScore: 1, passed: true });
    // Practice without a limit: another attempt starts.
    const again = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: quizId });
    expect(again.number).toBe(2);
  });

  it("refuses an answer of the wrong kind or to an unknown question, and stores nothing", async () => {
    const c = await createCourseFixture(f);
    const quizId = await addQuiz(c, richQuiz());
    const attempt = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: quizId });
    await expect(submitAttempt(f.actors.student, { attemptId: attempt.id, answers: [{ questionId: "single", answer: { kind: "short_answer", text: "Mercury" } }] })).rejects.toThrow(
      /Question 1 is a single-choice question/,
    );
    await expect(submitAttempt(f.actors.student, { attemptId: attempt.id, answers: [{ questionId: "nope", answer: { kind: "short_answer", text: "x" } }] })).rejects.toThrow(/not part of this attempt: "nope"/);
    await expect(submitAttempt(f.actors.student, { attemptId: attempt.id, answers: [{ questionId: "single", answer: { kind: "single_choice", choiceId: "pluto" } }] })).rejects.toThrow(
      /not part of this question/,
    );
    expect(await db().attemptAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
    expect((await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe("in_progress");
    // Nobody else may hand it in or read it.
    await expect(submitAttempt(f.actors.teacher, { attemptId: attempt.id, answers: right })).rejects.toMatchObject({ code: "not_found" });
    await expect(getAttempt(f.actors.facilitator, { attemptId: attempt.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("exam mode", () => {
  it("enforces the attempt limit and hides results until they are released", async () => {
    const c = await createCourseFixture(f);
    const examId = await addQuiz(c, richQuiz({ mode: "exam", attemptLimit: 1 }));
    const attempt = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: examId });
    const essay = { questionId: "essay", answer: { kind: "subjective" as const, text: "Because the axis is tilted." } };
    // Starting again resumes the attempt in progress rather than opening another.
    expect((await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: examId })).id).toBe(attempt.id);
    const result = await submitAttempt(f.actors.student, { attemptId: attempt.id, answers: [...right, essay] });
    expect(result).toMatchObject({ resultsHidden: true, score: null, percent: null, passed: null });
    expect(result.answers.every((a) => a.outcome === null && a.points === null && a.grading === null && a.rubric === null)).toBe(true);
    await expect(startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: examId })).rejects.toThrow(/used your only attempt/);
    const hidden = await quizView(c, examId);
    expect(hidden).toMatchObject({ resultsReleased: false, startBlock: { reason: "limit_reached" }, latest: { score: null, resultsHidden: true } });
    expect(hidden.attempts[0]).toMatchObject({ score: null, passed: null });

    await db().attemptAnswer.updateMany({ where: { attemptId: attempt.id, gradingStatus: { in: ["pending_ai", "needs_review"] } }, data: { gradingStatus: "reviewed", overridePoints: 0, overrideComment: "See me." } });
    const { recomputeAttempt } = await import("./progress");
    await db().$transaction((tx) => recomputeAttempt(tx, attempt.id, new Date()));
    expect(await getAttempt(f.actors.student, { attemptId: attempt.id })).toMatchObject({ score: null, resultsHidden: true });

    await db().courseItem.update({ where: { id: examId }, data: { feedbackReleasedAt: new Date() } });
    const released: AttemptDTO = await getAttempt(f.actors.student, { attemptId: attempt.id });
    expect(released).toMatchObject({ resultsHidden: false, status: "graded", score: 5, maxScore: 12, passed: false });
    expect(released.answers.find((a) => a.questionId === "essay")).toMatchObject({ points: 0, reviewerComment: "See me." });
  });

  it("starts only inside the window, and the deadline is the time limit cut short by the close", async () => {
    const c = await createCourseFixture(f);
    const hour = 3600_000;
    const future = await addQuiz(c, richQuiz({ mode: "exam", opensAt: new Date(Date.now() + 24 * hour).toISOString() }));
    await expect(startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: future })).rejects.toThrow(/opens \w{3} \d{1,2} \w{3} \d{4}/);
    const past = await addQuiz(c, richQuiz({ mode: "exam", opensAt: new Date(Date.now() - 48 * hour).toISOString(), closesAt: new Date(Date.now() - 24 * hour).toISOString() }));
    await expect(startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: past })).rejects.toThrow(/closed/);
    expect(await db().quizAttempt.count({ where: { cohortId: c.cohortId } })).toBe(0);

    const closesAt = new Date(Date.now() + 10 * 60_000);
    const open = await addQuiz(c, richQuiz({ mode: "exam", timeLimitMinutes: 60, closesAt: closesAt.toISOString() }));
    const attempt = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: open });
    expect(attempt.deadlineAt?.getTime()).toBe(closesAt.getTime());
  });

  it("refuses answers after the deadline and its grace, closing the attempt with the saved code", async () => {
    const c = await createCourseFixture(f);
    const examId = await addQuiz(c, richQuiz({ mode: "exam", attemptLimit: 2, timeLimitMinutes: 30 }));
    const attempt = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: examId });
    expect(attempt.deadlineAt!.getTime() - attempt.startedAt.getTime()).toBe(30 * 60_000);
    await saveCodeDraft(f.actors.student, { cohortId: c.cohortId, itemId: examId, questionId: "code", code: "def solve():\n    return 42\n" });

    // The draft was saved in time (before the deadline the test moves back below).
    await db().$executeRaw`UPDATE "CodeDraft" SET "updatedAt" = ${new Date(Date.now() - 120_000)} WHERE "itemId" = ${examId}`;

    // Within the 30-second grace the hand-in still counts.
    await db().quizAttempt.update({ where: { id: attempt.id }, data: { deadlineAt: new Date(Date.now() - 10_000) } });
    const inGrace = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: examId });
    expect(inGrace.id).toBe(attempt.id);

    await db().quizAttempt.update({ where: { id: attempt.id }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    await expect(submitAttempt(f.actors.student, { attemptId: attempt.id, answers: right })).rejects.toThrow(/time for this attempt ended/);
    const closed = await db().quizAttempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { status: true, answers: { select: { questionId: true, answer: true, gradingStatus: true } } } });
    expect(closed.status).toBe("grading");
    expect(closed.answers.find((a) => a.questionId === "code")).toMatchObject({ gradingStatus: "needs_review", answer: { kind: "code", code: "def solve():\n    return 42\n" } });
    expect(closed.answers.find((a) => a.questionId === "single")).toMatchObject({ gradingStatus: "auto", answer: null });

    // The closed attempt counted: one of two is left.
    const second = await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: examId });
    expect(second.number).toBe(2);
    await expect(saveCodeDraft(f.actors.student, { cohortId: c.cohortId, itemId: examId, questionId: "code", code: "x" })).resolves.toBeDefined();
  });
});

describe("saveCodeDraft", () => {
  it("upserts one draft per question and brings it back with the attempt", async () => {
    const c = await createCourseFixture(f);
    const quizId = await addQuiz(c, richQuiz());
    await expect(saveCodeDraft(f.actors.student, { cohortId: c.cohortId, itemId: quizId, questionId: "code", code: "early" })).rejects.toThrow(/Start an attempt/);
    await startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: quizId });
    await saveCodeDraft(f.actors.student, { cohortId: c.cohortId, itemId: quizId, questionId: "code", code: "def solve():" });
    await saveCodeDraft(f.actors.student, { cohortId: c.cohortId, itemId: quizId, questionId: "code", code: "def solve():\n    return 1" });
    const drafts = await db().codeDraft.findMany({ where: { cohortId: c.cohortId, itemId: quizId } });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.code).toBe("def solve():\n    return 1");
    expect((await quizView(c, quizId)).inProgress?.codeDrafts).toEqual({ code: "def solve():\n    return 1" });

    await expect(saveCodeDraft(f.actors.student, { cohortId: c.cohortId, itemId: quizId, questionId: "short", code: "x" })).rejects.toThrow(/code questions of this attempt only/);
    await expect(saveCodeDraft(f.actors.student, { cohortId: c.cohortId, itemId: quizId, questionId: "code", code: "x".repeat(100_001) })).rejects.toThrow(/under 100,000 characters/);
    await expect(saveCodeDraft(f.actors.teacher, { cohortId: c.cohortId, itemId: quizId, questionId: "code", code: "x" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("locked quizzes", () => {
  it("cannot be started before they unlock", async () => {
    const c = await createCourseFixture(f);
    const quizId = await addQuiz(c, richQuiz(), { publishAt: new Date(Date.now() + 86_400_000) });
    await expect(startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: quizId })).rejects.toThrow(/is locked until/);
    await expect(startAttempt(f.actors.student, { cohortId: c.cohortId, itemId: "missing-item" })).rejects.toMatchObject({ code: "not_found" });
  });
});
