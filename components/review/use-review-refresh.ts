"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";

/** After a review: the queue, the overview (counts, exams) and the dashboard figures are stale. */
export function useReviewRefresh(): () => Promise<unknown> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.review.pathFilter());
}
