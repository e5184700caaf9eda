import type { Metadata } from "next";
import { AccessNotice } from "@/components/admin/access-notice";
import { AuditLog } from "@/components/admin/audit-log";
import { auditListInput, unitTreeInput } from "@/components/admin/list-inputs";
import { PageHeader } from "@/components/admin/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { loadOrgAccess } from "../_lib/org-access";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await loadOrgAccess(orgId);
  const { org } = access;

  if (!access.canReadAudit) {
    return (
      <>
        <PageHeader title="Audit log" />
        <AccessNotice orgId={org.id} title="Only org admins can see the audit log">
          <p>The audit log records every change to units, people, roles and invites in {org.name}. Ask an org admin if you need to know who changed something.</p>
        </AccessNotice>
      </>
    );
  }

  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.audit.list.infiniteQueryOptions(auditListInput(org.id), { getNextPageParam: (page) => page.nextCursor }),
    ),
    queryClient.prefetchQuery(trpc.units.tree.queryOptions(unitTreeInput(org.id, true))),
  ]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who changed what in ${org.name}: units, people and roles, invites and the organisation itself. Entries are added automatically as changes happen.`}
      />
      <HydrateClient>
        <AuditLog orgId={org.id} />
      </HydrateClient>
    </>
  );
}
