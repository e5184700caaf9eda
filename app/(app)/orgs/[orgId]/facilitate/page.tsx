import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-header";
import { FacilitatorDashboard } from "@/components/meetings/facilitator-dashboard";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { loadOrgAccess } from "../admin/_lib/org-access";

export const metadata: Metadata = { title: "Facilitate" };

/** The groups I facilitate: members' course progress and attendance, who comes next time, and the next meetings. */
export default async function FacilitatePage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { org } = await loadOrgAccess(orgId);
  await getQueryClient().prefetchQuery(trpc.meetings.facilitatorDashboard.queryOptions({ orgId: org.id }));
  return (
    <div>
      <PageHeader title="Facilitate" description="The discussion groups you lead, and those of the cohorts you teach: how members are doing in the course, who comes to meetings, and what is next." />
      <HydrateClient>
        <FacilitatorDashboard orgId={org.id} />
      </HydrateClient>
    </div>
  );
}
