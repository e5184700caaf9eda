"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { SearchIcon, UserPlusIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";
import { roleLabels, roles, type Role } from "@/lib/schemas/roles";
import { DateText } from "./date-text";
import { FilterSelect, SearchField, isSearching, useDebounced } from "./list-filters";
import { ChangeRoleAction, MoveMemberAction, RemoveMemberAction } from "./member-actions";
import { peopleListInput, unitTreeInput } from "./list-inputs";
import { PagedTable, pagedListOptions } from "./paged-list";
import { manageableUnitOptions } from "./unit-options";

const roleBadge: Record<Role, NonNullable<BadgeProps["variant"]>> = {
  org_admin: "default",
  teacher: "secondary",
  facilitator: "outline",
  student: "outline",
};

const roleFilters: readonly (Role | "")[] = ["", ...roles];

/** "Showing 5 people", or "Showing 6 roles held by 5 people" when someone has roles in two units. */
function showing(rows: number, people: number): string {
  const who = `${people} ${people === 1 ? "person" : "people"}`;
  return rows === people ? `Showing ${who}` : `Showing ${rows} roles held by ${who}`;
}

/**
 * Everyone holding a role in the units the viewer can see, one row per role.
 * Org admins get actions on the rows they manage.
 */
export function PeopleTable({ orgId, canManageUnits, canInvite }: { orgId: string; canManageUnits: boolean; canInvite: boolean }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const query = useDebounced(search.trim(), 300);

  const list = useInfiniteQuery(
    trpc.members.list.infiniteQueryOptions(peopleListInput(orgId, { query, role: role || undefined }), pagedListOptions),
  );
  const tree = useQuery(trpc.units.tree.queryOptions(unitTreeInput(orgId), { enabled: canManageUnits }));
  const unitOptions = useMemo(() => manageableUnitOptions(tree.data ?? []), [tree.data]);

  const members = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const anyManageable = members.some((m) => m.canManage);
  const filtered = query !== "" || role !== "";
  const searching = isSearching(search, query, list);

  function clearFilters() {
    setSearch("");
    setRole("");
  }

  return (
    <section aria-label="People" className="space-y-4">
      <form
        role="search"
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(e) => e.preventDefault()}
      >
        <SearchField value={search} onChange={setSearch} placeholder="Name or email" />
        <FilterSelect label="Role" value={role} onValueChange={setRole} choices={roleFilters} labelOf={(r) => (r === "" ? "All roles" : roleLabels[r])} />
        {filtered ? (
          <Button type="button" variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </form>

      <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="people-summary">
        {list.isPending
          ? "Loading people…"
          : searching
            ? "Searching…"
            : members.length === 0
              ? ""
              : `${showing(members.length, new Set(members.map((m) => m.userId)).size)}${filtered ? " matching your filters" : ""}${list.hasNextPage ? "; load more below" : ""}.`}
      </p>

      <PagedTable
        list={list}
        shown={members.length}
        dimmed={searching}
        empty={
          filtered ? (
            <EmptyState
              icon={<SearchIcon />}
              title="No one matches"
              description={`Nobody${query ? ` named or emailed like “${query}”` : ""}${role ? ` holds the ${roleLabels[role].toLowerCase()} role` : ""} in the units you can see. Check the spelling or clear the filters.`}
              action={
                <Button variant="outline" onClick={clearFilters}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<UsersIcon />}
              title="No people here yet"
              description={
                canInvite
                  ? "People join with an invite link. Create one on the Invites page, choose the unit and role, and send it or share it."
                  : "People join with invite links from org admins and teachers. Once they join, they appear here."
              }
              action={
                canInvite ? (
                  <Button asChild>
                    <Link href={`/orgs/${orgId}/admin/invites`}>
                      <UserPlusIcon aria-hidden="true" /> Invite people
                    </Link>
                  </Button>
                ) : undefined
              }
            />
          )
        }
        columns={
          <>
            <TableHead className="pl-3">Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Unit</TableHead>
            <TableHead>Added</TableHead>
            {anyManageable ? <TableHead className="pr-3 text-right">Actions</TableHead> : null}
          </>
        }
      >
        {members.map((m) => (
          <TableRow key={m.membershipId} data-testid="person-row">
            <TableHead scope="row" className="pl-3 font-medium">
              {m.name}
            </TableHead>
            <TableCell className="text-muted-foreground">{m.email}</TableCell>
            <TableCell>
              <Badge variant={roleBadge[m.role]}>{roleLabels[m.role]}</Badge>
            </TableCell>
            <TableCell>{m.unitName}</TableCell>
            <TableCell className="text-muted-foreground">
              <DateText value={m.createdAt} />
            </TableCell>
            {anyManageable ? (
              <TableCell className="pr-3 text-right">
                {m.canManage ? (
                  <div className="flex justify-end gap-1">
                    <ChangeRoleAction member={m} />
                    <MoveMemberAction member={m} units={unitOptions} />
                    <RemoveMemberAction member={m} />
                  </div>
                ) : (
                  <span className="text-xs text-muted-foreground">Managed above you</span>
                )}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </PagedTable>
    </section>
  );
}
