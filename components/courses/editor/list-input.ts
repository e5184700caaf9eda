import type { CourseListFilter } from "@/lib/schemas/course-authoring";

/**
 * The course list input the page prefetches and the list then asks for; both
 * build it here so the query keys match and the data hydrates.
 */

export const coursePageSize = 24;

export function courseListInput(orgId: string, filters: { status?: CourseListFilter; query?: string } = {}) {
  return {
    orgId,
    take: coursePageSize,
    status: filters.status ?? "active",
    ...(filters.query ? { query: filters.query } : {}),
  };
}

export function courseEditorPath(orgId: string, courseId: string): string {
  return `/orgs/${orgId}/courses/${courseId}`;
}

export function itemEditorPath(orgId: string, courseId: string, itemId: string): string {
  return `/orgs/${orgId}/courses/${courseId}/items/${itemId}`;
}
