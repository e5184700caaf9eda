import {
  authoringUnitsSchema,
  courseIdInputSchema,
  createCourseSchema,
  createItemSchema,
  createModuleSchema,
  itemIdInputSchema,
  listCoursesSchema,
  moduleIdInputSchema,
  moveItemSchema,
  moveModuleSchema,
  renameModuleSchema,
  updateCourseSchema,
  updateItemSchema,
} from "@/lib/schemas/course-authoring";
import {
  archiveCourse,
  clearCourseCover,
  createCourse,
  createItem,
  createModule,
  deleteItem,
  deleteModule,
  duplicateCourse,
  duplicateItem,
  getCourse,
  getCourseOutline,
  getItemForEditing,
  listAuthoringUnits,
  listCourses,
  moveItem,
  moveModule,
  publishAllChanges,
  publishCourse,
  publishItem,
  renameModule,
  restoreCourse,
  unpublishCourse,
  unpublishItem,
  updateCourse,
  updateItem,
} from "../../services/courses/authoring";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/**
 * Course authoring (teachers and org admins). Cover images and zip imports
 * are multipart uploads, so they go through app/api/courses/[courseId]/cover
 * and /import instead.
 */
export const coursesRouter = createTRPCRouter({
  list: protectedProcedure.input(listCoursesSchema).query(({ ctx, input }) => listCourses(ctx.actor, input)),
  authoringUnits: protectedProcedure.input(authoringUnitsSchema).query(({ ctx, input }) => listAuthoringUnits(ctx.actor, input)),
  create: protectedProcedure.input(createCourseSchema).mutation(({ ctx, input }) => createCourse(ctx.actor, input)),
  get: protectedProcedure.input(courseIdInputSchema).query(({ ctx, input }) => getCourse(ctx.actor, input)),
  outline: protectedProcedure.input(courseIdInputSchema).query(({ ctx, input }) => getCourseOutline(ctx.actor, input)),
  update: protectedProcedure.input(updateCourseSchema).mutation(({ ctx, input }) => updateCourse(ctx.actor, input)),
  clearCover: protectedProcedure.input(courseIdInputSchema).mutation(({ ctx, input }) => clearCourseCover(ctx.actor, input.courseId)),
  publish: protectedProcedure.input(courseIdInputSchema).mutation(({ ctx, input }) => publishCourse(ctx.actor, input)),
  unpublish: protectedProcedure.input(courseIdInputSchema).mutation(({ ctx, input }) => unpublishCourse(ctx.actor, input)),
  archive: protectedProcedure.input(courseIdInputSchema).mutation(({ ctx, input }) => archiveCourse(ctx.actor, input)),
  restore: protectedProcedure.input(courseIdInputSchema).mutation(({ ctx, input }) => restoreCourse(ctx.actor, input)),
  duplicate: protectedProcedure.input(courseIdInputSchema).mutation(({ ctx, input }) => duplicateCourse(ctx.actor, input)),
  publishAllChanges: protectedProcedure.input(courseIdInputSchema).mutation(({ ctx, input }) => publishAllChanges(ctx.actor, input)),

  createModule: protectedProcedure.input(createModuleSchema).mutation(({ ctx, input }) => createModule(ctx.actor, input)),
  renameModule: protectedProcedure.input(renameModuleSchema).mutation(({ ctx, input }) => renameModule(ctx.actor, input)),
  deleteModule: protectedProcedure.input(moduleIdInputSchema).mutation(({ ctx, input }) => deleteModule(ctx.actor, input)),
  moveModule: protectedProcedure.input(moveModuleSchema).mutation(({ ctx, input }) => moveModule(ctx.actor, input)),

  createItem: protectedProcedure.input(createItemSchema).mutation(({ ctx, input }) => createItem(ctx.actor, input)),
  getItem: protectedProcedure.input(itemIdInputSchema).query(({ ctx, input }) => getItemForEditing(ctx.actor, input)),
  updateItem: protectedProcedure.input(updateItemSchema).mutation(({ ctx, input }) => updateItem(ctx.actor, input)),
  publishItem: protectedProcedure.input(itemIdInputSchema).mutation(({ ctx, input }) => publishItem(ctx.actor, input)),
  unpublishItem: protectedProcedure.input(itemIdInputSchema).mutation(({ ctx, input }) => unpublishItem(ctx.actor, input)),
  deleteItem: protectedProcedure.input(itemIdInputSchema).mutation(({ ctx, input }) => deleteItem(ctx.actor, input)),
  duplicateItem: protectedProcedure.input(itemIdInputSchema).mutation(({ ctx, input }) => duplicateItem(ctx.actor, input)),
  moveItem: protectedProcedure.input(moveItemSchema).mutation(({ ctx, input }) => moveItem(ctx.actor, input)),
});
