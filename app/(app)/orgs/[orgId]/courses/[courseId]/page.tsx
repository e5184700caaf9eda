import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccessNotice } from "@/components/admin/access-notice";
import { CourseEditor } from "@/components/courses/editor/course-editor";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { getMe } from "@/server/services/accounts";
import { loadOrgAccess } from "../../admin/_lib/org-access";

export const metadata: Metadata = { title: "Course editor" };

export default async function CourseEditorPage({ params }: { params: Promise<{ orgId: string; courseId: string }> }) {
  const { orgId, courseId } = await params;
  const access = await loadOrgAccess(orgId);
  const outline = await getQueryClient()
    .fetchQuery(trpc.courses.outline.queryOptions({ courseId }))
    .catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return "forbidden" as const;
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
      throw error;
    });
  if (outline === "forbidden") {
    return (
      <AccessNotice orgId={access.org.id} headingLevel="h1" title="Only the course's teachers and admins can edit it">
        <p>Teachers and org admins of the course&apos;s unit (or a unit above it) edit courses. If you are a learner, find the course under Learning.</p>
      </AccessNotice>
    );
  }
  if (outline.course.orgId !== access.org.id) notFound();
  const me = await getMe(access.actor);
  return (
    <HydrateClient>
      <CourseEditor courseId={courseId} timeZone={me.timeZone} />
    </HydrateClient>
  );
}
