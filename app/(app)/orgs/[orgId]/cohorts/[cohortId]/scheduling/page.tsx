import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-header";
import { responsesInput } from "@/components/scheduling/schedule-responses-input";
import { ScheduleWorkspace } from "@/components/scheduling/schedule-workspace";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { staffCohortFrame } from "../_lib/cohort-frame";

export const metadata: Metadata = { title: "Scheduling" };

/**
 * Scheduling a cohort's discussion groups: settings, who gave availability,
 * running the scheduler, adjusting its groups and publishing them. The
 * cohort's staff see it; those who manage the cohort change it.
 */
export default async function SchedulingPage({ params }: { params: Promise<{ orgId: string; cohortId: string }> }) {
  const { orgId, cohortId } = await params;
  const header = await staffCohortFrame(orgId, cohortId);
  const queryClient = getQueryClient();
  // Awaited, so the page renders with its data instead of a loading state.
  await Promise.all([
    queryClient.prefetchQuery(trpc.scheduling.workspace.queryOptions({ cohortId })),
    queryClient.prefetchInfiniteQuery(trpc.availability.responses.infiniteQueryOptions(responsesInput(cohortId), { getNextPageParam: (page) => page.nextCursor })),
  ]);
  return (
    <>
      <PageHeader
        title="Scheduling"
        description={`Form ${header.cohort.name}'s discussion groups from the times members gave: run the scheduler, adjust its groups by moving people, then publish them with weekly meetings.`}
      />
      <HydrateClient>
        <ScheduleWorkspace cohortId={cohortId} orgId={orgId} />
      </HydrateClient>
    </>
  );
}
