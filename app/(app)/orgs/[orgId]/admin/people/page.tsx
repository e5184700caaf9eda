import type { Metadata } from "next";
import { peopleListInput, unitTreeInput } from "@/components/admin/list-inputs";
import { PageHeader } from "@/components/admin/page-header";
import { PeopleTable } from "@/components/admin/people-table";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { loadOrgAccess } from "../_lib/org-access";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await loadOrgAccess(orgId);
  const { org } = access;
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.members.list.infiniteQueryOptions(peopleListInput(org.id), { getNextPageParam: (page) => page.nextCursor }),
    ),
    // Org admins move people between units; the dialog lists the units they manage.
    access.isAdmin ? queryClient.prefetchQuery(trpc.units.tree.queryOptions(unitTreeInput(org.id))) : undefined,
  ]);

  return (
    <>
      <PageHeader
        title="People"
        description={
          access.isAdmin
            ? `Everyone holding a role in the units you manage in ${org.name}. A person with roles in two units appears twice.`
            : `People in your units of ${org.name}. Only org admins change roles, move or remove people.`
        }
      />
      <HydrateClient>
        <PeopleTable orgId={org.id} canManageUnits={access.isAdmin} canInvite={access.canInvite} />
      </HydrateClient>
    </>
  );
}
