import { AppError } from "@/lib/errors";
import {
  courseIdInputSchema,
  createItemSchema,
  itemIdInputSchema,
  itemPublishState,
  maxItemsPerModule,
  updateItemSchema,
  type CourseIdInput,
  type CreateItemInput,
  type ItemIdInput,
  type ItemPublishState,
  type UpdateItemInput,
} from "@/lib/schemas/course-authoring";
import { emptyContent, itemContentSchema, itemKindLabels, readItemContent, type CourseItemKind, type ItemContent } from "@/lib/schemas/course-content";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import {
  compactItems,
  copyTitle,
  describeActivity,
  hasActivity,
  learnerActivityOn,
  lockCourse,
  requireAuthoredItem,
  requireEditableCourse,
  requireEditableModule,
  type ItemRow,
} from "./authoring-shared";
import type { CourseAccess } from "./access";

/** Course items as their authors see them: the draft, its publish state, and publishing it. */

export interface ItemEditorDTO {
  id: string;
  orgId: string;
  courseId: string;
  courseTitle: string;
  courseArchived: boolean;
  moduleId: string;
  moduleTitle: string;
  kind: CourseItemKind;
  /** The draft. */
  title: string;
  content: ItemContent;
  draftUpdatedAt: Date;
  state: ItemPublishState;
  publishedTitle: string | null;
  publishedAt: Date | null;
  publishAt: Date | null;
  unlockOffsetDays: number | null;
  /** Why the draft cannot be published as it is, or null when it can. */
  publishProblem: string | null;
}

/** What stops a draft from being published, in words that say what to do; null when nothing does. */
export function publishProblem(kind: CourseItemKind, content: unknown): string | null {
  if (kind === "ai_activity") return "AI activities cannot be published yet: they arrive with teacher-built AI tools.";
  const parsed = itemContentSchema.safeParse(content);
  if (!parsed.success || parsed.data.kind !== kind) {
    const issues = parsed.success ? "its content is of another kind" : parsed.error.issues.map((i) => i.message).join(" ");
    return `The draft has problems: ${issues} Open it in the editor, fix them and save.`;
  }
  const draft = parsed.data;
  switch (draft.kind) {
    case "lesson":
      return draft.markdown.trim() === "" ? "Write the lesson before publishing it." : null;
    case "quiz":
      return draft.questions.length === 0 ? "Add at least one question before publishing this quiz." : null;
    case "assignment":
      return draft.instructions.trim() === "" ? "Write the assignment's instructions before publishing it." : null;
  }
}

function toEditorDTO(item: ItemRow, course: CourseAccess, now: Date): ItemEditorDTO {
  return {
    id: item.id,
    orgId: course.orgId,
    courseId: course.id,
    courseTitle: course.title,
    courseArchived: course.archivedAt !== null,
    moduleId: item.moduleId,
    moduleTitle: item.module.title,
    kind: item.kind,
    title: item.title,
    content: readItemContent(item.content),
    draftUpdatedAt: item.draftUpdatedAt,
    state: itemPublishState(item, now),
    publishedTitle: item.publishedTitle,
    publishedAt: item.publishedAt,
    publishAt: item.publishAt,
    unlockOffsetDays: item.unlockOffsetDays,
    publishProblem: publishProblem(item.kind, item.content),
  };
}

async function editorView(actor: MaybeActor, itemId: string): Promise<ItemEditorDTO> {
  const { item, course } = await requireAuthoredItem(actor, itemId);
  return toEditorDTO(item, course, await appNow());
}

/** Adds an empty item of `kind` at the end of a module. */
export async function createItem(actor: MaybeActor, input: CreateItemInput): Promise<ItemEditorDTO> {
  const { moduleId, kind, title } = parseInput(createItemSchema, input);
  const found = await requireEditableModule(actor, moduleId);
  const now = await appNow();
  const created = await db().$transaction(async (tx) => {
    await lockCourse(tx, found.course.id);
    const count = await tx.courseItem.count({ where: { moduleId } });
    if (count >= maxItemsPerModule) {
      throw new AppError("conflict", `A module holds at most ${maxItemsPerModule} items. Add a new module for the rest.`);
    }
    return tx.courseItem.create({
      data: { courseId: found.course.id, moduleId, kind, title, position: count, content: emptyContent(kind) as Prisma.InputJsonValue, draftUpdatedAt: now },
      select: { id: true },
    });
  });
  return editorView(actor, created.id);
}

/** The draft of an item, with answer keys: for its authors only. */
export async function getItemForEditing(actor: MaybeActor, input: ItemIdInput): Promise<ItemEditorDTO> {
  const { itemId } = parseInput(itemIdInputSchema, input);
  return editorView(actor, itemId);
}

function changedMeanwhile(): AppError {
  return new AppError("conflict", "Someone else saved this item while you were editing it. Copy your changes, reload the page and make them again.");
}

/**
 * Saves the draft (title and content) and the item's schedule. Learners see
 * nothing of the draft until it is published; the schedule (publish date,
 * unlock offset) applies at once.
 */
export async function updateItem(actor: MaybeActor, input: UpdateItemInput): Promise<ItemEditorDTO> {
  const { itemId, title, content, publishAt, unlockOffsetDays, baseDraftUpdatedAt } = parseInput(updateItemSchema, input);
  const { item } = await requireAuthoredItem(actor, itemId, { editable: true });
  if (content.kind !== item.kind) {
    const kind = itemKindLabels[item.kind].toLowerCase();
    const message = `This item is ${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}; its type cannot change. Create a new item instead.`;
    throw new AppError("invalid", message, { fieldErrors: { "content.kind": [message] } });
  }
  if (baseDraftUpdatedAt !== undefined && Date.parse(baseDraftUpdatedAt) !== item.draftUpdatedAt.getTime()) throw changedMeanwhile();
  // Compared after parsing both, so key order (jsonb sorts keys) and defaults do not count as changes.
  const draftChanged = title !== item.title || JSON.stringify(content) !== JSON.stringify(readItemContent(item.content));
  const now = await appNow();
  const updated = await db().courseItem.updateMany({
    where: { id: itemId, draftUpdatedAt: item.draftUpdatedAt },
    data: {
      publishAt: publishAt ? new Date(publishAt) : null,
      unlockOffsetDays,
      ...(draftChanged ? { title, content: content as Prisma.InputJsonValue, draftUpdatedAt: now } : {}),
    },
  });
  if (updated.count === 0) throw changedMeanwhile();
  return editorView(actor, itemId);
}

async function publishRow(tx: Prisma.TransactionClient, item: { id: string; title: string; content: unknown; draftUpdatedAt: Date }, now: Date): Promise<boolean> {
  // Never before the draft's own time, or a later save would not count as a change.
  const at = new Date(Math.max(now.getTime(), item.draftUpdatedAt.getTime()));
  const updated = await tx.courseItem.updateMany({
    where: { id: item.id, draftUpdatedAt: item.draftUpdatedAt },
    data: { publishedTitle: item.title, publishedContent: item.content as Prisma.InputJsonValue, publishedAt: at },
  });
  return updated.count === 1;
}

/** Copies the draft to what learners see. Refuses a draft that is not ready (see publishProblem). */
export async function publishItem(actor: MaybeActor, input: ItemIdInput): Promise<ItemEditorDTO> {
  const { itemId } = parseInput(itemIdInputSchema, input);
  const { item } = await requireAuthoredItem(actor, itemId, { editable: true });
  const problem = publishProblem(item.kind, item.content);
  if (problem) throw new AppError("invalid", problem);
  const now = await appNow();
  const published = await db().$transaction((tx) => publishRow(tx, item, now));
  if (!published) throw changedMeanwhile();
  return editorView(actor, itemId);
}

/** Hides the item from learners again; the draft and learners' records stay. */
export async function unpublishItem(actor: MaybeActor, input: ItemIdInput): Promise<ItemEditorDTO> {
  const { itemId } = parseInput(itemIdInputSchema, input);
  await requireAuthoredItem(actor, itemId, { editable: true });
  await db().courseItem.update({
    where: { id: itemId },
    data: { publishedTitle: null, publishedContent: Prisma.DbNull, publishedAt: null },
  });
  return editorView(actor, itemId);
}

/** Deletes an item nobody has worked on yet; one with learners' work is refused (unpublish it instead). */
export async function deleteItem(actor: MaybeActor, input: ItemIdInput): Promise<{ id: string }> {
  const { itemId } = parseInput(itemIdInputSchema, input);
  const { item, course } = await requireAuthoredItem(actor, itemId, { editable: true });
  await db().$transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const activity = await learnerActivityOn(tx, [itemId]);
    if (hasActivity(activity)) {
      throw new AppError(
        "conflict",
        `Learners have worked on “${item.title}” (${describeActivity(activity)}). Deleting it would erase their work: unpublish it to hide it instead.`,
      );
    }
    const deleted = await tx.courseItem.deleteMany({ where: { id: itemId } });
    if (deleted.count > 0) await compactItems(tx, item.moduleId);
  });
  return { id: itemId };
}

/** A draft copy "Copy of …" right after the item; nothing of it is published. */
export async function duplicateItem(actor: MaybeActor, input: ItemIdInput): Promise<ItemEditorDTO> {
  const { itemId } = parseInput(itemIdInputSchema, input);
  const { course } = await requireAuthoredItem(actor, itemId, { editable: true });
  const now = await appNow();
  const copy = await db().$transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const source = await tx.courseItem.findUnique({
      where: { id: itemId },
      select: { moduleId: true, kind: true, position: true, title: true, content: true, unlockOffsetDays: true },
    });
    if (!source) throw new AppError("not_found", "This item was deleted meanwhile. Reload the course.");
    const count = await tx.courseItem.count({ where: { moduleId: source.moduleId } });
    if (count >= maxItemsPerModule) {
      throw new AppError("conflict", `A module holds at most ${maxItemsPerModule} items. Add a new module for the copy.`);
    }
    await tx.courseItem.updateMany({ where: { moduleId: source.moduleId, position: { gt: source.position } }, data: { position: { increment: 1 } } });
    return tx.courseItem.create({
      data: {
        courseId: course.id,
        moduleId: source.moduleId,
        kind: source.kind,
        position: source.position + 1,
        title: copyTitle(source.title),
        content: source.content as Prisma.InputJsonValue,
        draftUpdatedAt: now,
        unlockOffsetDays: source.unlockOffsetDays,
      },
      select: { id: true },
    });
  });
  return editorView(actor, copy.id);
}

export interface PublishAllResult {
  published: { id: string; title: string }[];
  /** Drafts that were not ready, and why. */
  skipped: { id: string; title: string; reason: string }[];
}

/** Publishes every draft with changes that is ready; reports the others with what to fix. */
export async function publishAllChanges(actor: MaybeActor, input: CourseIdInput): Promise<PublishAllResult> {
  const { courseId } = parseInput(courseIdInputSchema, input);
  await requireEditableCourse(actor, courseId);
  const now = await appNow();
  const items = await db().courseItem.findMany({
    where: { courseId, kind: { not: "ai_activity" } },
    orderBy: [{ module: { position: "asc" } }, { position: "asc" }],
    select: { id: true, kind: true, title: true, content: true, draftUpdatedAt: true, publishedAt: true },
  });
  const pending = items.filter((i) => !i.publishedAt || i.draftUpdatedAt.getTime() > i.publishedAt.getTime());
  const result: PublishAllResult = { published: [], skipped: [] };
  const ready = pending.filter((item) => {
    const reason = publishProblem(item.kind, item.content);
    if (reason) result.skipped.push({ id: item.id, title: item.title, reason });
    return reason === null;
  });
  await db().$transaction(async (tx) => {
    for (const item of ready) {
      if (await publishRow(tx, item, now)) result.published.push({ id: item.id, title: item.title });
      else result.skipped.push({ id: item.id, title: item.title, reason: "It was saved again while publishing; publish it once more." });
    }
  });
  return result;
}
