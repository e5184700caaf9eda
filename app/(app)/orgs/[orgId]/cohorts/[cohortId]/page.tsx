import { ClipboardCheckIcon, EyeIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/admin/page-header";
import { CohortDashboardView } from "@/components/cohort-dashboard/cohort-dashboard";
import { cohortDashboardInput } from "@/components/cohort-dashboard/list-input";
import { Button } from "@/components/ui/button";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { staffCohortFrame } from "./_lib/cohort-frame";

export const metadata: Metadata = { title: "Cohort dashboard" };

export default async function CohortDashboardPage({ params }: { params: Promise<{ orgId: string; cohortId: string }> }) {
  const { orgId, cohortId } = await params;
  const header = await staffCohortFrame(orgId, cohortId);
  const base = `/orgs/${orgId}/cohorts/${cohortId}`;
  // Awaited, so the dashboard renders with the page instead of a loading state.
  await getQueryClient().prefetchInfiniteQuery(
    trpc.review.dashboard.infiniteQueryOptions(cohortDashboardInput(cohortId), { getNextPageParam: (page) => page.nextCursor }),
  );
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`How the learners of ${header.cohort.name} are doing: progress, activity, scores, and who may need a nudge.`}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href={`${base}/review`}>
                <ClipboardCheckIcon aria-hidden="true" /> Review queue
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`${base}/learn?preview=1`}>
                <EyeIcon aria-hidden="true" /> View as learner
              </Link>
            </Button>
          </>
        }
      />
      <HydrateClient>
        <CohortDashboardView cohortId={cohortId} base={base} />
      </HydrateClient>
    </>
  );
}
