import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccessNotice } from "@/components/admin/access-notice";
import { ItemEditor } from "@/components/courses/editor/item-editor";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { getMe } from "@/server/services/accounts";
import { loadOrgAccess } from "../../../../admin/_lib/org-access";

export const metadata: Metadata = { title: "Edit item" };

export default async function ItemEditorPage({ params }: { params: Promise<{ orgId: string; courseId: string; itemId: string }> }) {
  const { orgId, courseId, itemId } = await params;
  const access = await loadOrgAccess(orgId);
  const item = await getQueryClient()
    .fetchQuery(trpc.courses.getItem.queryOptions({ itemId }))
    .catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return "forbidden" as const;
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
      throw error;
    });
  if (item === "forbidden") {
    return (
      <AccessNotice orgId={access.org.id} headingLevel="h1" title="Only the course's teachers and admins can edit its items">
        <p>Drafts may hold answer keys, so only teachers and org admins of the course&apos;s unit open them. Learners find the published items under Learning.</p>
      </AccessNotice>
    );
  }
  if (item.orgId !== access.org.id || item.courseId !== courseId) notFound();
  const me = await getMe(access.actor);
  return (
    <HydrateClient>
      <ItemEditor itemId={itemId} timeZone={me.timeZone} />
    </HydrateClient>
  );
}
