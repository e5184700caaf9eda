import type { Prisma } from "../../generated/prisma/client";

/**
 * The items learners can reach and their drip order, defined once: published,
 * not the placeholder AI activities, modules by position then items by
 * position (ids break ties). The course home (learning-outline.ts) walks
 * modules and items in this same order; an item's index in it is its drip
 * position, so every query that computes unlock dates must use these.
 */
export function learnerItemsWhere(courseId: string | { in: string[] }): Prisma.CourseItemWhereInput {
  return { courseId, publishedAt: { not: null }, kind: { not: "ai_activity" } };
}

export const dripItemOrder = [
  { module: { position: "asc" } },
  { moduleId: "asc" },
  { position: "asc" },
  { id: "asc" },
] satisfies Prisma.CourseItemOrderByWithRelationInput[];
