import { TRPCError } from "@trpc/server";
import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessNotice } from "@/components/admin/access-notice";
import { PageHeader } from "@/components/admin/page-header";
import { CohortsList } from "@/components/cohorts/cohorts-list";
import { courseCohortsInput } from "@/components/cohorts/list-inputs";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { getMe } from "@/server/services/accounts";
import { loadOrgAccess } from "../../../admin/_lib/org-access";

export const metadata: Metadata = { title: "Cohorts" };

function timeZones(current: string): string[] {
  // The list leaves out "UTC" and may lack a legacy name someone saved.
  return [...new Set(["UTC", current, ...Intl.supportedValuesOf("timeZone")])];
}

export default async function CourseCohortsPage({ params }: { params: Promise<{ orgId: string; courseId: string }> }) {
  const { orgId, courseId } = await params;
  const { org, actor } = await loadOrgAccess(orgId);

  // Fetched (not only prefetched): the first page says which course this is and whether the viewer may see it.
  const first = await getQueryClient()
    .fetchInfiniteQuery(trpc.cohorts.listOfCourse.infiniteQueryOptions(courseCohortsInput(courseId), { getNextPageParam: (page) => page.nextCursor }))
    .catch((error: unknown) => {
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
      throw error;
    });
  const page = first?.pages[0];
  if (page && page.course.orgId !== org.id) notFound();
  if (!page) {
    return (
      <AccessNotice orgId={org.id} headingLevel="h1" title="Only the course's teachers and admins see its cohorts">
        <p>Your own cohorts are under My learning. If you teach this course, ask an org admin of {org.name} for the teacher role in its unit.</p>
      </AccessNotice>
    );
  }
  const me = await getMe(actor);
  const { course } = page;

  return (
    <>
      <p className="mb-3 text-sm">
        <Link href={`/orgs/${org.id}/courses/${course.id}`} className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline">
          <ArrowLeftIcon aria-hidden="true" className="size-4" /> Back to {course.title}
        </Link>
      </p>
      <PageHeader
        title={`Cohorts of ${course.title}`}
        description="Each cohort is one run of the course: its own start date, release schedule and learners, who join with the cohort's link."
      />
      {course.archivedAt ? (
        <Alert className="mb-6">
          <AlertTitle>This course is archived</AlertTitle>
          <AlertDescription>Its cohorts stay readable, but nobody can join them and no new cohort can start. Restore the course to run it again.</AlertDescription>
        </Alert>
      ) : !course.publishedAt ? (
        <Alert className="mb-6">
          <AlertTitle>This course is still a draft</AlertTitle>
          <AlertDescription>
            <p>
              Publish it from the{" "}
              <Link href={`/orgs/${org.id}/courses/${course.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                course editor
              </Link>{" "}
              before starting a cohort, so learners have something to open.
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      <HydrateClient>
        <CohortsList
          orgId={org.id}
          courseId={course.id}
          canCreate={page.canCreate}
          published={course.publishedAt !== null && course.archivedAt === null}
          profileTimeZone={me.timeZone}
          timeZones={timeZones(me.timeZone)}
        />
      </HydrateClient>
    </>
  );
}
