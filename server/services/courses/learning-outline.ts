import { z } from "zod";
import { courseAvailability, computeStreak, type DripCohort, type Streak } from "@/lib/courses";
import { quizModes, type QuizMode } from "@/lib/schemas/course-content";
import { db, type Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { LearnerViewer } from "./learning-access";

/**
 * What a learner sees of a course in one cohort: the published items in drip
 * order with when each opens, where the learner stands on each, overall
 * progress, where to continue and the streak. Built from a fixed handful of
 * queries (the course with its items, quiz modes, the learner's progress,
 * attempt counts, activity, the viewer's zone) whatever the size of the
 * course or cohort; the course home and every item page's sidebar share it.
 */

type Client = Db | Prisma.TransactionClient;

export type LearnableKind = "lesson" | "quiz" | "assignment";

/**
 * - not_started / started: nothing handed in yet, or work begun;
 * - submitted: an exam handed in whose results are not released (pass or fail stays hidden);
 * - completed: lesson opened, quiz passed, assignment handed in.
 */
export type LearnerItemStatus = "not_started" | "started" | "submitted" | "completed";

export interface OutlineItem {
  id: string;
  moduleId: string;
  kind: LearnableKind;
  title: string;
  locked: boolean;
  /** When it opens (or opened); null when nothing ever held it back. */
  unlocksAt: Date | null;
  heldBy: "drip" | "publish_date" | null;
  status: LearnerItemStatus;
  /** Best score as a whole percentage; null when there is none yet or it is hidden. */
  scorePercent: number | null;
  passed: boolean | null;
  quizMode: QuizMode | null;
  /** An exam whose results the teacher has not released: scores are left out. */
  resultsHidden: boolean;
  attemptInProgress: boolean;
}

export interface OutlineModule {
  id: string;
  title: string;
  items: OutlineItem[];
}

export interface CourseProgress {
  completed: number;
  /** Items open now. */
  available: number;
  total: number;
  /** completed / total as a whole percentage. */
  percent: number;
}

export interface ContinueTarget {
  id: string;
  title: string;
  kind: LearnableKind;
  /** True when this is the item the learner last opened; false for the next one to do. */
  resume: boolean;
}

export interface CourseState {
  course: { id: string; title: string; description: string; coverKey: string | null; published: boolean };
  modules: OutlineModule[];
  /** Every visible item, in drip order. */
  items: OutlineItem[];
  progress: CourseProgress;
  continueItem: ContinueTarget | null;
  /** The learner's streak in their own time zone; null in preview. */
  streak: Streak | null;
  /** The viewer's profile time zone: dates are shown in it. */
  viewerTimeZone: string;
  /** Feedback release dates per visible quiz, for the item pages. */
  feedbackReleasedAt: Map<string, Date | null>;
}

/** How far back activity counts for streaks: a "longest streak" older than this is not worth a bigger query. */
const streakWindowMs = 400 * 24 * 60 * 60 * 1000;

/** A quiz's mode as stored in its published content; anything unreadable counts as practice. */
const quizModeOnly = z.enum(quizModes).catch("practice");

const learnableKinds = new Set<string>(["lesson", "quiz", "assignment"]);
const isLearnable = (kind: string): kind is LearnableKind => learnableKinds.has(kind);

export function isDone(status: LearnerItemStatus): boolean {
  return status === "completed" || status === "submitted";
}

export async function loadCourseState(viewer: LearnerViewer, now: Date, client: Client = db()): Promise<CourseState> {
  const { cohort, learnerId } = viewer;
  const [course, quizzes, progressRows, attemptGroups, activity] = await Promise.all([
    client.course.findUniqueOrThrow({
      where: { id: cohort.courseId },
      select: {
        id: true,
        title: true,
        description: true,
        coverKey: true,
        publishedAt: true,
        modules: {
          orderBy: [{ position: "asc" }, { id: "asc" }],
          select: {
            id: true,
            title: true,
            // ai_activity items wait for the tools issue: learners never see them.
            items: {
              where: { publishedAt: { not: null }, kind: { not: "ai_activity" } },
              orderBy: [{ position: "asc" }, { id: "asc" }],
              select: { id: true, kind: true, title: true, publishedTitle: true, publishAt: true, unlockOffsetDays: true, feedbackReleasedAt: true },
            },
          },
        },
      },
    }),
    // Only the mode out of each quiz's published content: the questions stay in the database.
    client.$queryRaw<{ id: string; mode: string | null }[]>`
      SELECT "id", "publishedContent"->>'mode' AS "mode" FROM "CourseItem"
      WHERE "courseId" = ${cohort.courseId} AND "kind" = 'quiz' AND "publishedAt" IS NOT NULL`,
    learnerId
      ? client.itemProgress.findMany({ where: { cohortId: cohort.id, userId: learnerId }, select: { itemId: true, status: true, bestScore: true, passed: true } })
      : Promise.resolve([]),
    learnerId
      ? client.quizAttempt.groupBy({ by: ["itemId", "status"], where: { cohortId: cohort.id, userId: learnerId }, _count: { _all: true } })
      : Promise.resolve([]),
    learnerId
      ? client.learningActivity.findMany({ where: { userId: learnerId, at: { gte: new Date(now.getTime() - streakWindowMs) } }, select: { at: true } })
      : Promise.resolve([]),
  ]);

  const viewerTimeZone = viewer.timeZone;
  const modeOf = new Map(quizzes.map((q) => [q.id, quizModeOnly.parse(q.mode)]));
  const progressOf = new Map(progressRows.map((p) => [p.itemId, p]));
  const attemptsOf = new Map<string, { inProgress: boolean; submitted: number }>();
  for (const g of attemptGroups) {
    const entry = attemptsOf.get(g.itemId) ?? { inProgress: false, submitted: 0 };
    if (g.status === "in_progress") entry.inProgress = true;
    else entry.submitted += g._count._all;
    attemptsOf.set(g.itemId, entry);
  }

  const published = course.publishedAt !== null;
  const flat = published
    ? course.modules.flatMap((m) =>
        m.items.flatMap((item) => (isLearnable(item.kind) ? [{ ...item, kind: item.kind, moduleId: m.id, title: item.publishedTitle ?? item.title }] : [])),
      )
    : [];
  const dripCohort: DripCohort = { drip: cohort.drip, timeZone: cohort.timeZone, startDate: cohort.startDate };
  const feedbackReleasedAt = new Map<string, Date | null>();

  const items: OutlineItem[] = courseAvailability(dripCohort, flat, now, viewer.joinedAt).map((item) => {
    const quizMode = item.kind === "quiz" ? (modeOf.get(item.id) ?? "practice") : null;
    if (item.kind === "quiz") feedbackReleasedAt.set(item.id, item.feedbackReleasedAt);
    const resultsHidden = quizMode === "exam" && item.feedbackReleasedAt === null;
    const progress = progressOf.get(item.id);
    const attempts = attemptsOf.get(item.id) ?? { inProgress: false, submitted: 0 };
    let status: LearnerItemStatus;
    if (resultsHidden) status = attempts.submitted > 0 ? "submitted" : progress || attempts.inProgress ? "started" : "not_started";
    else status = progress?.status === "completed" ? "completed" : progress || attempts.inProgress ? "started" : "not_started";
    return {
      id: item.id,
      moduleId: item.moduleId,
      kind: item.kind,
      title: item.title,
      locked: !item.unlocked,
      unlocksAt: item.unlocksAt,
      heldBy: item.heldBy,
      status,
      scorePercent: resultsHidden || progress?.bestScore === null || progress?.bestScore === undefined ? null : Math.round(progress.bestScore * 100),
      passed: resultsHidden ? null : (progress?.passed ?? null),
      quizMode,
      resultsHidden,
      attemptInProgress: attempts.inProgress,
    };
  });

  const byModule = new Map<string, OutlineItem[]>();
  for (const item of items) byModule.set(item.moduleId, [...(byModule.get(item.moduleId) ?? []), item]);
  const modules = course.modules.flatMap((m) => {
    const its = byModule.get(m.id);
    return its ? [{ id: m.id, title: m.title, items: its }] : [];
  });

  return {
    course: { id: course.id, title: course.title, description: course.description, coverKey: course.coverKey, published },
    modules,
    items,
    progress: summarise(items),
    continueItem: continueTarget(items, viewer.lastItemId),
    streak: learnerId ? computeStreak(activity.map((a) => a.at), viewerTimeZone, now) : null,
    viewerTimeZone,
    feedbackReleasedAt,
  };
}

function summarise(items: readonly OutlineItem[]): CourseProgress {
  const completed = items.filter((i) => isDone(i.status)).length;
  const total = items.length;
  return { completed, available: items.filter((i) => !i.locked).length, total, percent: total === 0 ? 0 : Math.round((completed / total) * 100) };
}

/** The item last opened if it is open and not done yet, else the first open item not done; null when all open items are done. */
export function continueTarget(items: readonly OutlineItem[], lastItemId: string | null): ContinueTarget | null {
  const todo = (i: OutlineItem) => !i.locked && !isDone(i.status);
  const last = lastItemId ? items.find((i) => i.id === lastItemId && todo(i)) : undefined;
  const target = last ?? items.find(todo);
  return target ? { id: target.id, title: target.title, kind: target.kind, resume: target === last } : null;
}

/** Recomputes progress and "continue" after the page itself changed an item's status (a lesson just opened). */
export function withItemStatus(state: CourseState, itemId: string, status: LearnerItemStatus, lastItemId: string | null): CourseState {
  const items = state.items.map((i) => (i.id === itemId ? { ...i, status } : i));
  const modules = state.modules.map((m) => ({ ...m, items: m.items.map((i) => (i.id === itemId ? { ...i, status } : i)) }));
  return { ...state, items, modules, progress: summarise(items), continueItem: continueTarget(items, lastItemId) };
}
