import { reviewPageSize, type ReviewStatus } from "@/lib/schemas/review";

/** The queue input the page prefetches and its client component asks for, built in one place so the query keys match. */
export function reviewQueueInput(cohortId: string, filters: { status?: ReviewStatus; itemId?: string | null } = {}) {
  return {
    cohortId,
    take: reviewPageSize,
    status: filters.status ?? "needs_review",
    ...(filters.itemId ? { itemId: filters.itemId } : {}),
  };
}
