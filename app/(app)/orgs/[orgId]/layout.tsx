import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { OrgNav } from "@/components/shell/org-nav";
import { orgNavigation } from "@/lib/navigation";
import { isAppError } from "@/lib/errors";
import { rolesIn } from "@/server/auth/actor";
import { currentActor } from "@/server/auth/current";
import { can } from "@/server/auth/permissions";
import { getOrganization } from "@/server/services/organizations";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgId: string }>;
}) {
  const { orgId } = await params;
  const actor = await currentActor();
  const org = await getOrganization(actor, { orgId }).catch((error: unknown) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  const items = orgNavigation(org.id, rolesIn(actor, org.id), {
    isSystemAdmin: actor?.isSystemAdmin,
    canReadAudit: can(actor, "read", "AuditLog", { orgId: org.id }),
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
