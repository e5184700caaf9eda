import { TRPCError } from "@trpc/server";
import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessNotice } from "@/components/admin/access-notice";
import { PageHeader } from "@/components/admin/page-header";
import { CohortStatusBadge } from "@/components/cohorts/cohort-badges";
import { CohortDetails } from "@/components/cohorts/cohort-details";
import { CohortMembers } from "@/components/cohorts/cohort-members";
import { formatCalendarDate } from "@/components/cohorts/drip-text";
import { InviteLinkCard } from "@/components/cohorts/invite-link-card";
import { cohortMembersInput } from "@/components/cohorts/list-inputs";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { loadOrgAccess } from "../../../admin/_lib/org-access";

export const metadata: Metadata = { title: "Cohort settings" };

function timeZones(current: string): string[] {
  // The list leaves out "UTC" and may lack a legacy name someone saved.
  return [...new Set(["UTC", current, ...Intl.supportedValuesOf("timeZone")])];
}

export default async function CohortSettingsPage({ params }: { params: Promise<{ orgId: string; cohortId: string }> }) {
  const { orgId, cohortId } = await params;
  const { org } = await loadOrgAccess(orgId);
  const queryClient = getQueryClient();

  // Fetched (not only prefetched), so an unknown cohort is a 404 and a learner gets an explanation.
  const cohort = await queryClient.fetchQuery(trpc.cohorts.get.queryOptions({ cohortId })).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
    throw error;
  });
  if (cohort && cohort.orgId !== org.id) notFound();
  if (!cohort) {
    return (
      <AccessNotice orgId={org.id} headingLevel="h1" title="Only the cohort's teachers and facilitators see its settings">
        <p>
          You take part in this cohort as a learner.{" "}
          <Link href={`/orgs/${org.id}/cohorts/${cohortId}/learn`} className="font-medium text-primary underline-offset-4 hover:underline">
            Open the course
          </Link>
          .
        </p>
      </AccessNotice>
    );
  }
  await queryClient.prefetchInfiniteQuery(
    trpc.cohorts.members.infiniteQueryOptions(cohortMembersInput(cohort.id), { getNextPageParam: (page) => page.nextCursor }),
  );

  return (
    <>
      {cohort.canManage ? (
        <p className="mb-3 text-sm">
          <Link
            href={`/orgs/${org.id}/courses/${cohort.course.id}/cohorts`}
            className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline"
          >
            <ArrowLeftIcon aria-hidden="true" className="size-4" /> All cohorts of {cohort.course.title}
          </Link>
        </p>
      ) : null}
      <PageHeader
        title={cohort.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CohortStatusBadge status={cohort.status} />
            <span>
              {cohort.course.title} · {cohort.status === "upcoming" ? "starts" : "started"} {formatCalendarDate(cohort.startDate)}
            </span>
          </span>
        }
      />
      <HydrateClient>
        <div className="space-y-8">
          <CohortDetails cohortId={cohort.id} timeZones={timeZones(cohort.timeZone)} />
          {cohort.canManage ? <InviteLinkCard cohortId={cohort.id} /> : null}
          <CohortMembers cohortId={cohort.id} canManage={cohort.canManage} archived={cohort.status === "archived"} />
        </div>
      </HydrateClient>
    </>
  );
}
