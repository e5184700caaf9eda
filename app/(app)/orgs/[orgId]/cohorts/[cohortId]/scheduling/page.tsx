import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { responsesInput } from "@/components/scheduling/schedule-responses-input";
import { ScheduleWorkspace } from "@/components/scheduling/schedule-workspace";
import { isAppError } from "@/lib/errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { currentActor } from "@/server/auth/current";
import { cohortHeader } from "@/server/services/courses/dashboard";

export const metadata: Metadata = { title: "Scheduling" };

/**
 * Scheduling a cohort's discussion groups: settings, who gave availability,
 * running the scheduler, adjusting its groups and publishing them. The
 * cohort's staff see it; those who manage the cohort change it.
 */
export default async function SchedulingPage({ params }: { params: Promise<{ orgId: string; cohortId: string }> }) {
  const { orgId, cohortId } = await params;
  const header = await cohortHeader(await currentActor(), { cohortId }).catch((error: unknown) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  if (header.cohort.orgId !== orgId) notFound();
  if (!header.isStaff) redirect(`/orgs/${orgId}/cohorts/${cohortId}/learn`);
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
