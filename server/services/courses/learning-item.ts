import { AppError } from "@/lib/errors";
import { readItemContent } from "@/lib/schemas/course-content";
import { learnerItemInputSchema, type LearnerItemInput } from "@/lib/schemas/learning";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import { requireLearnerView } from "./learning-access";
import { assignmentItemView, type AssignmentItemView } from "./learning-assignment";
import type { CohortHeader } from "./learning-home";
import { loadCourseState, withItemStatus, type CourseProgress, type LearnableKind, type LearnerItemStatus, type OutlineModule, type OutlineItem } from "./learning-outline";
import { assertUnlocked, quizItemView, type QuizItemView } from "./learning-quiz";
import { completeOnVisit, touchLearner } from "./progress";

/**
 * One item as a learner opens it: a lesson's Markdown, a quiz's settings and
 * attempts, an assignment's instructions and submissions, with the course
 * outline for the sidebar and previous / next. Opening it is what records the
 * visit: a lesson is complete once opened, and every item becomes "continue
 * where you left off". A preview records nothing and may open locked items
 * (the teacher sees when learners will).
 */

export interface LessonItemView {
  kind: "lesson";
  markdown: string;
}

export interface NavTarget {
  id: string;
  title: string;
  kind: LearnableKind;
  locked: boolean;
  unlocksAt: Date | null;
}

export interface LearnerItemDTO {
  preview: boolean;
  cohort: CohortHeader;
  course: { id: string; title: string };
  item: {
    id: string;
    kind: LearnableKind;
    title: string;
    moduleId: string;
    moduleTitle: string;
    status: LearnerItemStatus;
    /** Only ever true in preview: learners cannot open locked items. */
    locked: boolean;
    unlocksAt: Date | null;
  };
  outline: OutlineModule[];
  progress: CourseProgress;
  previous: NavTarget | null;
  next: NavTarget | null;
  /** For quizzes in practice mode: the lesson whose tutor can coach (the nearest open lesson before the quiz). */
  tutorLesson: { id: string; title: string } | null;
  viewerTimeZone: string;
  body: LessonItemView | QuizItemView | AssignmentItemView;
}

const itemNotFound = "This item was not found, or it is not published yet.";

function navTarget(item: OutlineItem | undefined): NavTarget | null {
  return item ? { id: item.id, title: item.title, kind: item.kind, locked: item.locked, unlocksAt: item.unlocksAt } : null;
}

export async function getLearnerItem(actor: MaybeActor, input: LearnerItemInput): Promise<LearnerItemDTO> {
  const { cohortId, itemId, preview } = parseInput(learnerItemInputSchema, input);
  requireActor(actor);
  const viewer = await requireLearnerView(actor, cohortId, preview);
  const now = await appNow();
  let state = await loadCourseState(viewer, now);
  const index = state.items.findIndex((i) => i.id === itemId);
  const found = state.items[index];
  if (!found) throw new AppError("not_found", itemNotFound);
  if (!viewer.preview) assertUnlocked(found, state.viewerTimeZone);

  const row = await db().courseItem.findUniqueOrThrow({ where: { id: itemId }, select: { publishedContent: true, feedbackReleasedAt: true } });
  const content = readItemContent(row.publishedContent);
  const learnerId = viewer.learnerId;

  if (learnerId && !viewer.readOnly) {
    const who = { cohortId, userId: learnerId, itemId };
    await db().$transaction(async (tx) => {
      if (content.kind === "lesson") await completeOnVisit(tx, { ...who, at: now });
      await touchLearner(tx, { ...who, at: now });
    });
    state = withItemStatus(state, itemId, content.kind === "lesson" ? "completed" : found.status, itemId);
  }
  const item = state.items[index] ?? found;
  const itemModule = state.modules.find((m) => m.id === item.moduleId);

  let body: LearnerItemDTO["body"];
  if (content.kind === "lesson") body = { kind: "lesson", markdown: content.markdown };
  else if (content.kind === "quiz") {
    body = await quizItemView({ itemId, cohortId, learnerId, content, feedbackReleasedAt: row.feedbackReleasedAt, readOnly: viewer.readOnly, timeZone: state.viewerTimeZone, now });
  } else if (content.kind === "assignment") body = await assignmentItemView({ itemId, cohortId, learnerId, content, readOnly: viewer.readOnly });
  else throw new AppError("not_found", itemNotFound);

  const tutorLesson = item.kind === "quiz" ? state.items.slice(0, index).reverse().find((i) => i.kind === "lesson" && !i.locked) : undefined;
  const { cohort } = viewer;
  return {
    preview: viewer.preview,
    cohort: { id: cohort.id, orgId: cohort.orgId, name: cohort.name, readOnly: viewer.readOnly && !viewer.preview },
    course: { id: state.course.id, title: state.course.title },
    item: {
      id: item.id,
      kind: item.kind,
      title: item.title,
      moduleId: item.moduleId,
      moduleTitle: itemModule?.title ?? "",
      status: item.status,
      locked: item.locked,
      unlocksAt: item.unlocksAt,
    },
    outline: state.modules,
    progress: state.progress,
    previous: navTarget(state.items[index - 1]),
    next: navTarget(state.items[index + 1]),
    tutorLesson: tutorLesson ? { id: tutorLesson.id, title: tutorLesson.title } : null,
    viewerTimeZone: state.viewerTimeZone,
    body,
  };
}
