import { z } from "zod";
import { authorableItemKinds, itemContentSchema, itemTitleSchema } from "./course-content";
import { dripOffsetDaysSchema } from "./courses";
import { idOf } from "./ids";
import { orgIdSchema, unitIdSchema } from "./org";
import { pageTakeSchema } from "./paging";

/**
 * Inputs of course authoring (server/services/courses/authoring*.ts): courses,
 * their modules and items. One schema feeds the tRPC input, the editor forms
 * and the services, which parse again so every edge gets the same messages.
 */

export const courseIdSchema = idOf("a course");
export const moduleIdSchema = idOf("a module");
export const itemIdSchema = idOf("an item");

export const maxCourseTitleLength = 200;
export const maxCourseDescriptionLength = 5000;
export const maxModuleTitleLength = 200;
/** A course holds at most this many modules, and a module this many items: the editor shows them all at once. */
export const maxModulesPerCourse = 100;
export const maxItemsPerModule = 200;

export const courseTitleSchema = z
  .string({ error: "Give the course a title." })
  .trim()
  .min(1, "Give the course a title.")
  .max(maxCourseTitleLength, `Keep the title to ${maxCourseTitleLength} characters or fewer.`);

export const courseDescriptionSchema = z
  .string({ error: "Describe the course in a few sentences." })
  .trim()
  .max(maxCourseDescriptionLength, `Keep the description to ${maxCourseDescriptionLength.toLocaleString("en")} characters or fewer.`)
  .default("");

export const moduleTitleSchema = z
  .string({ error: "Give the module a title." })
  .trim()
  .min(1, "Give the module a title.")
  .max(maxModuleTitleLength, `Keep the module title to ${maxModuleTitleLength} characters or fewer.`);

/** A 0-based place in a list; larger than the list means "at the end". */
const positionSchema = z
  .number({ error: "Choose where to move it." })
  .int("The position is a whole number.")
  .min(0, "The position is 0 or more.")
  .max(10_000, "The position is too large.");

// ---------------------------------------------------------------------------
// Courses

export const courseStatuses = ["draft", "published", "archived"] as const;
export type CourseStatus = (typeof courseStatuses)[number];

export const courseStatusLabels: Record<CourseStatus, string> = { draft: "Draft", published: "Published", archived: "Archived" };

/** List filters: "active" = drafts and published courses (everything not archived). */
export const courseListFilters = ["active", ...courseStatuses] as const;
export type CourseListFilter = (typeof courseListFilters)[number];

export const listCoursesSchema = z.object({
  orgId: orgIdSchema,
  status: z.enum(courseListFilters, { error: "Choose which courses to show: active, draft, published or archived." }).default("active"),
  query: z
    .string()
    .trim()
    .max(200, "Search with 200 characters or fewer.")
    .optional()
    .transform((v) => (v ? v : undefined)),
  cursor: z.string().max(64, "This page link is not valid; start from the first page.").optional(),
  take: pageTakeSchema.default(24),
});
export type ListCoursesInput = z.input<typeof listCoursesSchema>;

export const authoringUnitsSchema = z.object({ orgId: orgIdSchema });
export type AuthoringUnitsInput = z.input<typeof authoringUnitsSchema>;

export const createCourseSchema = z.object({
  orgId: orgIdSchema,
  unitId: unitIdSchema,
  title: courseTitleSchema,
  description: courseDescriptionSchema,
});
export type CreateCourseInput = z.input<typeof createCourseSchema>;

export const courseIdInputSchema = z.object({ courseId: courseIdSchema });
export type CourseIdInput = z.input<typeof courseIdInputSchema>;

export const updateCourseSchema = z.object({
  courseId: courseIdSchema,
  title: courseTitleSchema,
  description: courseDescriptionSchema,
});
export type UpdateCourseInput = z.input<typeof updateCourseSchema>;

// ---------------------------------------------------------------------------
// Modules

export const createModuleSchema = z.object({ courseId: courseIdSchema, title: moduleTitleSchema });
export type CreateModuleInput = z.input<typeof createModuleSchema>;

export const renameModuleSchema = z.object({ moduleId: moduleIdSchema, title: moduleTitleSchema });
export type RenameModuleInput = z.input<typeof renameModuleSchema>;

export const moduleIdInputSchema = z.object({ moduleId: moduleIdSchema });
export type ModuleIdInput = z.input<typeof moduleIdInputSchema>;

export const moveModuleSchema = z.object({ moduleId: moduleIdSchema, position: positionSchema });
export type MoveModuleInput = z.input<typeof moveModuleSchema>;

// ---------------------------------------------------------------------------
// Items

export const createItemSchema = z.object({
  moduleId: moduleIdSchema,
  kind: z.enum(authorableItemKinds, { error: "Choose what to add: a lesson, a quiz or an assignment." }),
  title: itemTitleSchema,
});
export type CreateItemInput = z.input<typeof createItemSchema>;

export const itemIdInputSchema = z.object({ itemId: itemIdSchema });
export type ItemIdInput = z.input<typeof itemIdInputSchema>;

const publishAtSchema = z.iso
  .datetime({ offset: true, error: "Give the publish date as a date and time." })
  .nullish()
  // Normalised to UTC, and kept a string so the parsed value parses again (the tRPC edge and the service both parse).
  .transform((v) => (v ? new Date(v).toISOString() : null));

export const updateItemSchema = z.object({
  itemId: itemIdSchema,
  title: itemTitleSchema,
  /** The whole draft content; its kind must be the item's kind. */
  content: itemContentSchema,
  /** Learners see the published item only from this instant on; null = as soon as it is published. */
  publishAt: publishAtSchema,
  unlockOffsetDays: dripOffsetDaysSchema,
  /**
   * The draft's `draftUpdatedAt` the editor started from: when someone else
   * saved in between, the save is refused instead of overwriting their work.
   */
  baseDraftUpdatedAt: z.iso.datetime({ offset: true, error: "Reload the item and make your change again." }).optional(),
});
export type UpdateItemInput = z.input<typeof updateItemSchema>;

export const moveItemSchema = z.object({ itemId: itemIdSchema, moduleId: moduleIdSchema, position: positionSchema });
export type MoveItemInput = z.input<typeof moveItemSchema>;

/**
 * Where an item stands for learners:
 * - draft: never published (or unpublished), learners do not see it;
 * - changed: published, and the draft has changes learners do not see yet;
 * - scheduled: published, shown to learners from `publishAt` on;
 * - published: learners see the draft as it is.
 */
export const itemPublishStates = ["draft", "changed", "scheduled", "published"] as const;
export type ItemPublishState = (typeof itemPublishStates)[number];

export const itemPublishStateLabels: Record<ItemPublishState, string> = {
  draft: "Draft",
  changed: "Unpublished changes",
  scheduled: "Scheduled",
  published: "Published",
};

/** The state of an item from its dates (see itemPublishStates). */
export function itemPublishState(
  item: { publishedAt: Date | null; draftUpdatedAt: Date; publishAt: Date | null },
  now: Date,
): ItemPublishState {
  if (!item.publishedAt) return "draft";
  if (item.draftUpdatedAt.getTime() > item.publishedAt.getTime()) return "changed";
  if (item.publishAt && item.publishAt.getTime() > now.getTime()) return "scheduled";
  return "published";
}
