import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-header";
import { reviewQueueInput } from "@/components/review/queue-input";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { staffCohortFrame } from "../_lib/cohort-frame";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewPage({ params }: { params: Promise<{ orgId: string; cohortId: string }> }) {
  const { orgId, cohortId } = await params;
  const header = await staffCohortFrame(orgId, cohortId);
  const queryClient = getQueryClient();
  // Awaited, so the queue renders with the page instead of a loading state.
  await Promise.all([
    queryClient.prefetchQuery(trpc.review.overview.queryOptions({ cohortId })),
    queryClient.prefetchInfiniteQuery(trpc.review.queue.infiniteQueryOptions(reviewQueueInput(cohortId), { getNextPageParam: (page) => page.nextCursor })),
  ]);
  return (
    <>
      <PageHeader
        title="Review queue"
        description={
          header.canReview
            ? `Work from ${header.cohort.name} that needs a person: answers the AI could not grade, code, assignment submissions, and AI scores to confirm or override. Learners are notified of every change.`
            : `Work from ${header.cohort.name} waiting for review, and what was reviewed.`
        }
      />
      <HydrateClient>
        <ReviewWorkspace cohortId={cohortId} />
      </HydrateClient>
    </>
  );
}
