import type { Metadata } from "next";
import Link from "next/link";
import { AccessNotice } from "@/components/admin/access-notice";
import { PageHeader } from "@/components/admin/page-header";
import { CourseList } from "@/components/courses/editor/course-list";
import { courseListInput } from "@/components/courses/editor/list-input";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { loadOrgAccess } from "../admin/_lib/org-access";

export const metadata: Metadata = { title: "Courses" };

export default async function CoursesPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await loadOrgAccess(orgId);
  const { org } = access;
  if (!access.isAdmin && !access.isTeacher) {
    return (
      <AccessNotice orgId={org.id} headingLevel="h1" title={`Courses in ${org.name} are written by teachers and org admins`}>
        <p>
          Your courses as a learner are under <Link href={`/orgs/${org.id}/learn`} className="underline">Learning</Link>. To write courses, ask an org admin
          of {org.name} for the teacher role in your unit.
        </p>
      </AccessNotice>
    );
  }
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(trpc.courses.list.infiniteQueryOptions(courseListInput(org.id), { getNextPageParam: (page) => page.nextCursor })),
    queryClient.prefetchQuery(trpc.courses.authoringUnits.queryOptions({ orgId: org.id })),
  ]);
  return (
    <>
      <PageHeader
        title="Courses"
        description={`Courses you write in ${org.name}: modules of lessons, quizzes and assignments. Publish a course, then run it for a group of learners as a cohort.`}
      />
      <HydrateClient>
        <CourseList orgId={org.id} />
      </HydrateClient>
    </>
  );
}
