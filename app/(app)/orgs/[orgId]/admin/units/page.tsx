import { LockIcon } from "lucide-react";
import type { Metadata } from "next";
import { unitTreeInput } from "@/components/admin/list-inputs";
import { PageHeader } from "@/components/admin/page-header";
import { UnitTree } from "@/components/admin/unit-tree";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { loadOrgAccess } from "../_lib/org-access";

export const metadata: Metadata = { title: "Units" };

export default async function UnitsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await loadOrgAccess(orgId);
  const { org } = access;
  // Awaited, so the tree is in the HTML; the client hydrates from the same cache entry.
  await getQueryClient().prefetchQuery(trpc.units.tree.queryOptions(unitTreeInput(org.id)));

  return (
    <>
      <PageHeader
        title="Units"
        description={`The tree of ${org.name}: campuses, departments, classes and cohorts. A role held at a unit applies to everything below it.`}
      />
      {access.isAdmin ? null : (
        <Alert className="mb-6" data-testid="access-notice">
          <LockIcon aria-hidden="true" />
          <AlertTitle>Only org admins manage units</AlertTitle>
          <AlertDescription>
            <p>Below are the units you belong to. To add, rename, move or archive units, ask an org admin of {org.name}.</p>
          </AlertDescription>
        </Alert>
      )}
      <HydrateClient>
        <UnitTree orgId={org.id} orgName={org.name} />
      </HydrateClient>
    </>
  );
}
