import { TRPCError } from "@trpc/server";
import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessNotice } from "@/components/admin/access-notice";
import { PageHeader } from "@/components/admin/page-header";
import { EnrolmentWizard } from "@/components/scheduling/enrolment-wizard";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Meeting times" };

function timeZones(): string[] {
  // The list leaves out "UTC"; the wizard adds the zone in use if the list lacks it (a legacy name).
  return [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])];
}

/** A cohort member's weekly availability for its discussion groups: the enrolment wizard, the group once published. */
export default async function AvailabilityPage({ params }: { params: Promise<{ orgId: string; cohortId: string }> }) {
  const { orgId, cohortId } = await params;
  const queryClient = getQueryClient();
  // Fetched (not only prefetched): an unknown cohort is a 404, and staff who are not members get an explanation.
  const mine = await queryClient.fetchQuery(trpc.availability.mine.queryOptions({ cohortId })).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST" || error.code === "UNAUTHORIZED")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
    throw error;
  });
  if (mine && mine.cohort.orgId !== orgId) notFound();
  if (!mine) {
    return (
      <AccessNotice orgId={orgId} headingLevel="h1" title="Meeting times are for the cohort's members">
        <p>
          Learners and facilitators of this cohort give their weekly availability here. You are not a member of it, so there is nothing for you to fill in;
          the cohort’s pages show who has responded.
        </p>
      </AccessNotice>
    );
  }

  const learner = mine.member.cohortRole === "learner";
  return (
    <div className="mx-auto max-w-4xl">
      {learner ? (
        <p className="mb-3 text-sm">
          <Link href={`/orgs/${orgId}/cohorts/${cohortId}/learn`} className="inline-flex min-h-10 items-center gap-1 font-medium text-primary underline-offset-4 hover:underline">
            <ArrowLeftIcon aria-hidden="true" className="size-4" /> {mine.cohort.courseTitle}
          </Link>
        </p>
      ) : null}
      <PageHeader
        title={mine.availability ? "Your meeting times" : "Pick your meeting times"}
        description={
          mine.cohort.closed
            ? `${mine.cohort.name}: the weekly times you gave for its discussion groups.`
            : `${mine.cohort.name}: tell us when you could meet each week, and you will be placed in a small discussion group with a time that suits everyone in it.`
        }
      />
      <HydrateClient>
        <EnrolmentWizard cohortId={cohortId} orgId={orgId} timeZones={timeZones()} />
      </HydrateClient>
    </div>
  );
}
