import type { CohortRole } from "@/lib/schemas/cohort-roles";
import type { CohortListStatus } from "@/lib/schemas/cohorts";

/**
 * The list inputs the cohort pages prefetch and their client components ask
 * for, built in one place so the query keys match and the data hydrates. (A
 * plain module: functions from a "use client" file cannot run on the server.)
 */

export const cohortPageSize = 50;

export function courseCohortsInput(courseId: string, status: CohortListStatus = "active") {
  return { courseId, status, take: cohortPageSize };
}

export function cohortMembersInput(cohortId: string, filters: { role?: CohortRole; query?: string } = {}) {
  return {
    cohortId,
    take: cohortPageSize,
    ...(filters.role ? { role: filters.role } : {}),
    ...(filters.query ? { query: filters.query } : {}),
  };
}
