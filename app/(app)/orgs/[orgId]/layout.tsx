import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { OrgNav } from "@/components/shell/org-nav";
import { orgNavigation } from "@/lib/navigation";
import { rolesIn } from "@/server/auth/actor";
import { currentActor, currentOrganizations } from "@/server/auth/current";
import { can } from "@/server/auth/permissions";
import { facilitatesGroups } from "@/server/services/meetings/facilitator";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgId: string }>;
}) {
  const { orgId } = await params;
  const [actor, orgs] = await Promise.all([currentActor(), currentOrganizations()]);
  // The same list as the app header's switcher (loaded once per request): outsiders get a 404.
  const org = orgs.find((o) => o.id === orgId);
  if (!org) notFound();
  const items = orgNavigation(org.id, rolesIn(actor, org.id), {
    isSystemAdmin: actor?.isSystemAdmin,
    canReadAudit: can(actor, "read", "AuditLog", { orgId: org.id }),
    facilitatesGroups: await facilitatesGroups(actor, org.id),
  });
  return (
    <>
      <OrgNav items={items} />
      <main id="main" className="mx-auto w-full max-w-6xl px-3 py-6 sm:px-6">
        {children}
      </main>
    </>
  );
}
