import type { AvailabilityResponseFilter } from "@/lib/schemas/availability";

/**
 * The responses list input the scheduling page prefetches and its client
 * component asks for, built in one place so the query keys match. (A plain
 * module: functions from a "use client" file cannot run on the server.)
 */
export function responsesInput(cohortId: string, filter: AvailabilityResponseFilter = "all") {
  return { cohortId, filter, take: 10 };
}
