import type { Metadata } from "next";
import { AccessNotice } from "@/components/admin/access-notice";
import { OrgSettings } from "@/components/admin/org-settings";
import { PageHeader } from "@/components/admin/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { can } from "@/server/auth/permissions";
import { loadOrgAccess } from "../_lib/org-access";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await loadOrgAccess(orgId);
  const { org, actor } = access;

  // The same ability the settings service checks: admins of the top unit (and system admins).
  if (!can(actor, "update", "Organization", { id: org.id })) {
    return (
      <>
        <PageHeader title="Settings" />
        <AccessNotice orgId={org.id} title="Only admins of the whole organisation change its settings">
          <p>
            Settings such as Slack and the daily digest apply to all of {org.name}, so they belong to org admins of its top unit. Ask one of
            them if something here needs to change.
          </p>
        </AccessNotice>
      </>
    );
  }

  await getQueryClient().prefetchQuery(trpc.orgSettings.get.queryOptions({ orgId: org.id }));

  return (
    <>
      <PageHeader
        title="Settings"
        description={`How ${org.name} keeps its admins informed: a daily digest in the app and by email, and optionally in a Slack channel.`}
      />
      <HydrateClient>
        <OrgSettings orgId={org.id} />
      </HydrateClient>
    </>
  );
}
