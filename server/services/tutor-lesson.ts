import { dateTimeFormat } from "@/lib/intl";
import { AppError } from "@/lib/errors";
import { courseAvailability, learnerViewOf, type DripCohort, type ItemAvailability } from "@/lib/courses";
import { readItemContent } from "@/lib/schemas/course-content";
import type { TutorPromptInput } from "../ai/prompts/tutor";
import { db, type Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { CohortAccess } from "./courses/access";
import { dripItemOrder, learnerItemsWhere } from "./courses/drip-order";

/**
 * The lesson a tutor chat is about, as the tutor sees it: the published
 * copy only (never the draft), whether it is open for this learner (drip and
 * scheduled publish dates, lib/courses/drip.ts), and what the prompt needs
 * about the course and the learner's progress.
 */

type Client = Db | Prisma.TransactionClient;

export const lessonNotFound = "This lesson was not found in the cohort's course, or it is not published yet.";

export interface CourseItemRow {
  id: string;
  kind: string;
  moduleId: string;
  moduleTitle: string;
  publishedTitle: string | null;
  publishedContent: Prisma.JsonValue;
  publishAt: Date | null;
  unlockOffsetDays: number | null;
}

/**
 * The course's items learners can reach, in drip order: modules by position,
 * items by position (ids break ties), AI activities left out. The same order
 * as the course outline (./courses/learning-outline.ts), in one query.
 */
export async function learnerItemsInOrder(courseId: string, client: Client = db()): Promise<CourseItemRow[]> {
  const rows = await client.courseItem.findMany({
    where: learnerItemsWhere(courseId),
    orderBy: dripItemOrder,
    select: {
      id: true,
      kind: true,
      moduleId: true,
      publishedTitle: true,
      publishedContent: true,
      publishAt: true,
      unlockOffsetDays: true,
      module: { select: { title: true } },
    },
  });
  return rows.map(({ module, ...row }) => ({ ...row, moduleTitle: module.title }));
}

/**
 * Whether an item is open for a learner at `now`: its place in the drip
 * order of the cohort, its own unlock offset and its scheduled publish date.
 * Null when the item is not one learners can reach at all.
 */
export function itemUnlockedFor(
  cohort: DripCohort,
  items: readonly Pick<CourseItemRow, "id" | "publishAt" | "unlockOffsetDays">[],
  itemId: string,
  now: Date,
  joinedAt: Date | null,
): ItemAvailability | null {
  const found = courseAvailability(cohort, items, now, joinedAt).find((i) => i.id === itemId);
  return found ? { unlocked: found.unlocked, unlocksAt: found.unlocksAt, heldBy: found.heldBy } : null;
}

export interface TutorLesson {
  item: CourseItemRow;
  title: string;
  markdown: string;
  availability: ItemAvailability;
  items: CourseItemRow[];
}

/** The published lesson of the cohort's course, with its availability for the actor (or for a learner joining now, when previewing). */
export async function loadTutorLesson(
  cohort: Pick<CohortAccess, "courseId" | "drip" | "timeZone" | "startDate">,
  itemId: string,
  now: Date,
  joinedAt: Date | null,
  client: Client = db(),
): Promise<TutorLesson> {
  const items = await learnerItemsInOrder(cohort.courseId, client);
  const item = items.find((i) => i.id === itemId);
  if (!item) throw new AppError("not_found", lessonNotFound);
  if (item.kind !== "lesson") throw new AppError("invalid", "The AI tutor helps with lessons; open a lesson to chat about it.");
  const content = readItemContent(item.publishedContent);
  const availability = itemUnlockedFor(cohort, items, itemId, now, joinedAt);
  if (!availability) throw new AppError("not_found", lessonNotFound);
  return {
    item,
    title: item.publishedTitle ?? "Lesson",
    markdown: content.kind === "lesson" ? content.markdown : "",
    availability,
    items,
  };
}

export function lockedMessage(availability: ItemAvailability, timeZone: string): string {
  if (!availability.unlocksAt) return "This lesson is not open yet.";
  const when = dateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone }).format(availability.unlocksAt);
  return `This lesson opens on ${when} (${timeZone}); the tutor can help with it from then.`;
}

/** Best score as a percentage for the prompt: "Planets quiz (best score 80%)". */
function withScore(title: string, bestScore: number | null): string {
  return bestScore === null ? title : `${title} (best score ${Math.round(bestScore * 100)}%)`;
}

/**
 * What the prompt says about the course beyond the lesson: the learner's
 * completed items in course order (with quiz scores), how many items there
 * are, and the prompts of every published quiz question, without answer
 * keys (learnerViewOf keeps only what a learner may see).
 */
export async function tutorPromptContext(
  input: { cohortId: string; userId: string; courseTitle: string; lesson: TutorLesson },
  client: Client = db(),
): Promise<TutorPromptInput> {
  const { lesson } = input;
  const progress = await client.itemProgress.findMany({
    where: { cohortId: input.cohortId, userId: input.userId, status: "completed" },
    select: { itemId: true, bestScore: true },
  });
  const done = new Map(progress.map((p) => [p.itemId, p.bestScore]));
  const completedItems = lesson.items
    .filter((i) => done.has(i.id))
    .map((i) => withScore(i.publishedTitle ?? "Untitled", i.kind === "quiz" ? (done.get(i.id) ?? null) : null));

  const quizQuestions = lesson.items
    .filter((i) => i.kind === "quiz")
    .flatMap((i) => {
      const content = readItemContent(i.publishedContent);
      return content.kind === "quiz" ? content.questions.map((q) => ({ prompt: learnerViewOf(q).prompt })) : [];
    });

  return {
    course: { title: input.courseTitle },
    lesson: { title: lesson.title, body: lesson.markdown, moduleTitle: lesson.item.moduleTitle },
    progress: { completedItems, totalItems: lesson.items.length },
    quizQuestions,
  };
}
