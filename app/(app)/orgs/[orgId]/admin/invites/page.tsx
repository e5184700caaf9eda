import type { Metadata } from "next";
import { AccessNotice } from "@/components/admin/access-notice";
import { InviteForm, type InviteUnitOption } from "@/components/admin/invite-form";
import { InvitesList } from "@/components/admin/invites-list";
import { invitesListInput } from "@/components/admin/list-inputs";
import { PageHeader } from "@/components/admin/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { roles } from "@/lib/schemas/roles";
import { getQueryClient, HydrateClient, serverCaller, trpc } from "@/server/api/rsc";
import type { Actor } from "@/server/auth/actor";
import { can } from "@/server/auth/permissions";
import type { UnitTreeNode } from "@/server/services/units";
import { loadOrgAccess } from "../_lib/org-access";

export const metadata: Metadata = { title: "Invites" };

/** Active units with the roles the viewer may invite to each, decided by the same abilities the service checks. */
function inviteUnitOptions(actor: Actor, orgId: string, forest: readonly UnitTreeNode[]): InviteUnitOption[] {
  const out: InviteUnitOption[] = [];
  const visit = (nodes: readonly UnitTreeNode[], trail: string[]) => {
    for (const node of nodes) {
      const path = [...trail, node.name];
      if (!node.archived) {
        const allowed = roles.filter((role) => can(actor, "create", "Invite", { orgId, unitPath: node.path, role }));
        if (allowed.length > 0) out.push({ id: node.id, label: path.join(" › "), roles: allowed });
      }
      visit(node.children, path);
    }
  };
  visit(forest, []);
  return out;
}

export default async function InvitesPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await loadOrgAccess(orgId);
  const { org, actor } = access;

  if (!access.canInvite) {
    return (
      <>
        <PageHeader title="Invites" />
        <AccessNotice orgId={org.id} title="Only org admins and teachers send invites">
          <p>Ask an org admin of {org.name} or a teacher in your unit to invite the people you need.</p>
        </AccessNotice>
      </>
    );
  }

  const caller = await serverCaller();
  const [forest] = await Promise.all([
    caller.units.tree({ orgId: org.id }),
    getQueryClient().prefetchInfiniteQuery(
      trpc.invites.list.infiniteQueryOptions(invitesListInput(org.id), { getNextPageParam: (page) => page.nextCursor }),
    ),
  ]);
  const units = inviteUnitOptions(actor, org.id, forest);

  return (
    <>
      <PageHeader
        title="Invites"
        description={
          access.isAdmin
            ? `Invite links bring people into a unit of ${org.name} with a role. Create one for a single email address or a link several people can use.`
            : `Invite students to your units of ${org.name}. You see and can revoke the invites you created.`
        }
      />
      <div className="grid gap-8">
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2 className="text-lg">Create an invite</h2>
            </CardTitle>
            <CardDescription>The link is shown once, right after you create it.</CardDescription>
          </CardHeader>
          <CardContent>
            <InviteForm orgId={org.id} units={units} />
          </CardContent>
        </Card>
        <section aria-labelledby="invites-heading" className="space-y-4">
          <h2 id="invites-heading" className="text-lg font-semibold">
            {access.isAdmin ? "Invites" : "Your invites"}
          </h2>
          <HydrateClient>
            <InvitesList orgId={org.id} />
          </HydrateClient>
        </section>
      </div>
    </>
  );
}
