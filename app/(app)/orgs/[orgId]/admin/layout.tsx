import type { ReactNode } from "react";
import { AccessNotice } from "@/components/admin/access-notice";
import { loadOrgAccess } from "./_lib/org-access";

/**
 * Administration is for org admins, teachers and facilitators (and system
 * admins). Everyone else gets an explanation instead of the page; each page
 * narrows further, and the services enforce every rule again.
 */
export default async function AdminLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgId: string }>;
}) {
  const { orgId } = await params;
  const access = await loadOrgAccess(orgId);
  if (!access.canAdminister) {
    return (
      <AccessNotice orgId={access.org.id} headingLevel="h1" title={`You don't have access to administration in ${access.org.name}`}>
        <p>
          Administration pages are for org admins, teachers and facilitators. If you need to manage units, people or invites here, ask an
          org admin of {access.org.name} to give you one of those roles.
        </p>
      </AccessNotice>
    );
  }
  return children;
}
