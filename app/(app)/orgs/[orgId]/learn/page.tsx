import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-header";
import { myLearningInput } from "@/components/learn/my-learning-input";
import { MyLearningList } from "@/components/learn/my-learning-list";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { loadOrgAccess } from "../admin/_lib/org-access";

export const metadata: Metadata = { title: "My learning" };

/** "My learning": every cohort I am in here, with my progress and a way back in. */
export default async function MyLearningPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { org } = await loadOrgAccess(orgId);
  // Awaited, so the cards render with the page instead of a loading state.
  await getQueryClient().prefetchInfiniteQuery(trpc.cohorts.mine.infiniteQueryOptions(myLearningInput(org.id), { getNextPageParam: (page) => page.nextCursor }));
  return (
    <div>
      <PageHeader title="My learning" description={`Your courses in ${org.name}: pick up where you left off.`} />
      <HydrateClient>
        <MyLearningList orgId={org.id} />
      </HydrateClient>
    </div>
  );
}
