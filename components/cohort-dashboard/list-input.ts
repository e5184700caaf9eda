import { dashboardPageSize, type DashboardFilter } from "@/lib/schemas/review";

/**
 * The dashboard input the page prefetches and its client component asks for:
 * built in one place so the query keys match and the data hydrates.
 */
export function cohortDashboardInput(cohortId: string, filters: { filter?: DashboardFilter; search?: string } = {}) {
  return {
    cohortId,
    take: dashboardPageSize,
    filter: filters.filter ?? "all",
    ...(filters.search ? { search: filters.search } : {}),
  };
}
