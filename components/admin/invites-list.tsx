"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { Link2Icon, XIcon } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";
import type { InviteStatus } from "@/lib/schemas/org";
import { roleLabels } from "@/lib/schemas/roles";
import type { InviteDTO } from "@/server/services/invites";
import { actionTrigger } from "./action-trigger";
import { DateText, RelativeDateText } from "./date-text";
import { invitesListInput, type InviteStatusFilter } from "./list-inputs";
import { PagedTable, pagedListOptions } from "./paged-list";
import { useInvalidateInvites, useMutationDialog } from "./use-mutation-dialog";

const statusBadge: Record<InviteStatus, { label: string; variant: NonNullable<BadgeProps["variant"]> }> = {
  active: { label: "Active", variant: "success" },
  expired: { label: "Expired", variant: "secondary" },
  revoked: { label: "Revoked", variant: "outline" },
  used_up: { label: "Used up", variant: "secondary" },
};

function describeInvite(invite: InviteDTO): string {
  const who = invite.email ?? "a shareable link";
  return `${roleLabels[invite.role].toLowerCase()} invite for ${who} to ${invite.unitName}`;
}

function RevokeInviteAction({ invite }: { invite: InviteDTO }) {
  const trpc = useTRPC();
  const dialog = useMutationDialog({ invalidate: useInvalidateInvites() });
  const mutation = useMutation(
    trpc.invites.revoke.mutationOptions({
      onSuccess: () => dialog.succeeded("Invite revoked", "The link no longer works."),
      onError: (error) => dialog.failed("The invite was not revoked", error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Revoke the ${describeInvite(invite)}`, icon: XIcon, text: "Revoke", destructive: true })}
      title="Revoke this invite?"
      description={`The ${describeInvite(invite)} stops working at once. People who already joined with it keep their roles.`}
      confirmLabel="Revoke invite"
      pendingLabel="Revoking…"
      destructive
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ inviteId: invite.id })}
    />
  );
}

/** Invites the viewer can see, newest first, with a filter for the ones that still work. */
export function InvitesList({ orgId }: { orgId: string }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<InviteStatusFilter>("active");
  const list = useInfiniteQuery(
    trpc.invites.list.infiniteQueryOptions(invitesListInput(orgId, status), pagedListOptions),
  );
  const invites = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyRevocable = invites.some((i) => i.canRevoke);
  const switching = list.isPlaceholderData && list.isFetching;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div role="group" aria-label="Which invites to show" className="inline-flex rounded-md border p-0.5">
          {(["active", "all"] as const).map((value) => (
            <Button
              key={value}
              type="button"
              size="sm"
              variant={status === value ? "secondary" : "ghost"}
              aria-pressed={status === value}
              onClick={() => setStatus(value)}
            >
              {value === "active" ? "Active" : "All"}
            </Button>
          ))}
        </div>
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {list.isPending || switching
            ? "Loading invites…"
            : invites.length === 0
              ? ""
              : `${invites.length} ${status === "active" ? "active " : ""}${invites.length === 1 ? "invite" : "invites"}${list.hasNextPage ? " so far" : ""}.`}
        </p>
      </div>

      <PagedTable
        list={list}
        shown={invites.length}
        dimmed={switching}
        empty={
          <EmptyState
            titleAs="h3"
            icon={<Link2Icon />}
            title={status === "active" ? "No active invites" : "No invites yet"}
            description={
              status === "active"
                ? "Create an invite above to bring people in. Expired, used and revoked invites are under “All”."
                : "Create an invite above: choose a unit and a role, then share the link or enter an email address."
            }
            action={
              status === "active" ? (
                <Button variant="outline" onClick={() => setStatus("all")}>
                  Show all invites
                </Button>
              ) : undefined
            }
          />
        }
        columns={
          <>
            <TableHead className="pl-3">Status</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Unit</TableHead>
            <TableHead>For</TableHead>
            <TableHead>Uses</TableHead>
            <TableHead>Created by</TableHead>
            <TableHead>Expires</TableHead>
            {anyRevocable ? <TableHead className="pr-3 text-right">Actions</TableHead> : null}
          </>
        }
      >
        {invites.map((invite) => (
          <TableRow key={invite.id} data-testid="invite-row">
            <TableCell className="pl-3">
              <Badge variant={statusBadge[invite.status].variant}>{statusBadge[invite.status].label}</Badge>
            </TableCell>
            <TableCell>{roleLabels[invite.role]}</TableCell>
            <TableCell>{invite.unitName}</TableCell>
            <TableCell className={invite.email ? undefined : "text-muted-foreground"}>{invite.email ?? "Anyone with the link"}</TableCell>
            <TableCell className="tabular-nums">
              {invite.uses}
              <span aria-hidden="true"> / </span>
              <span className="sr-only"> of </span>
              {invite.maxUses}
              <span className="sr-only"> uses</span>
            </TableCell>
            <TableCell>
              <span className="block">{invite.createdBy?.name ?? "Deleted account"}</span>
              <DateText value={invite.createdAt} className="text-xs text-muted-foreground" />
            </TableCell>
            <TableCell>
              {invite.status === "revoked" && invite.revokedAt ? (
                <span className="text-muted-foreground">
                  Revoked <DateText value={invite.revokedAt} />
                </span>
              ) : invite.status === "active" ? (
                <RelativeDateText value={invite.expiresAt} />
              ) : (
                <DateText value={invite.expiresAt} className="text-muted-foreground" />
              )}
            </TableCell>
            {anyRevocable ? (
              <TableCell className="pr-3 text-right">{invite.canRevoke ? <RevokeInviteAction invite={invite} /> : null}</TableCell>
            ) : null}
          </TableRow>
        ))}
      </PagedTable>
    </div>
  );
}
