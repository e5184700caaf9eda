"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { SearchIcon, UserCogIcon, UserMinusIcon, UserPlusIcon, UsersIcon } from "lucide-react";
import { useState } from "react";
import { actionTrigger } from "@/components/admin/action-trigger";
import { DateText, RelativeDateText } from "@/components/admin/date-text";
import { PagedTable, pagedListOptions } from "@/components/admin/paged-list";
import { FilterSelect, SearchField, isSearching, useDebounced } from "@/components/admin/list-filters";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { ChoiceSelect } from "@/components/ui/choice-select";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";
import { cohortRoleLabels, cohortRoles, type CohortRole } from "@/lib/schemas/cohort-roles";
import { addCohortMemberSchema } from "@/lib/schemas/cohorts";
import type { CohortMemberDTO } from "@/server/services/courses/cohorts-members";
import { CohortRoleBadge } from "./cohort-badges";
import { cohortMembersInput } from "./list-inputs";

const roleHelp: Record<CohortRole, string> = {
  learner: "Takes the course: opens items, answers quizzes, hands in assignments.",
  facilitator: "Follows the cohort's progress on the dashboard.",
  teacher: "Follows the cohort and reviews its work: grades, overrides and comments.",
};

const roleFilters: readonly (CohortRole | "")[] = ["", ...cohortRoles];

function useInvalidateCohort() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.cohorts.pathFilter());
}

function AddMemberDialog({ cohortId }: { cohortId: string }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<CohortRole>("facilitator");
  const dialog = useMutationDialog({
    invalidate: useInvalidateCohort(),
    onOpen: () => {
      setEmail("");
      setRole("facilitator");
    },
  });
  const mutation = useMutation(
    trpc.cohorts.addMember.mutationOptions({
      onSuccess: (member) => dialog.succeeded(`${member.name} added`, `${member.name} is now a ${cohortRoleLabels[member.role].toLowerCase()} in this cohort.`),
      onError: (error) => dialog.failed("Nobody was added", error, ["email", "role"]),
    }),
  );
  function submit() {
    const input = { cohortId, email, role };
    if (dialog.check(addCohortMemberSchema, input)) mutation.mutate(input);
  }
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={{ variant: "default", size: "default", children: <><UserPlusIcon aria-hidden="true" /> Add person</> }}
      title="Add someone to this cohort"
      description="For facilitators and teachers, or a learner who cannot use the join link. They must already belong to the organisation."
      confirmLabel="Add to cohort"
      pendingLabel="Adding…"
      pending={mutation.isPending}
      onConfirm={submit}
    >
      <FormField
        label="Email"
        name="email"
        type="email"
        inputMode="email"
        autoComplete="off"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        placeholder="name@example.com"
        error={dialog.fieldErrors.email}
      />
      <FormField label="Cohort role" name="role" required description={roleHelp[role]} error={dialog.fieldErrors.role}>
        <ChoiceSelect value={role} choices={cohortRoles} labelOf={(r) => cohortRoleLabels[r]} onValueChange={setRole} />
      </FormField>
    </ConfirmDialog>
  );
}

function ChangeRoleAction({ member }: { member: CohortMemberDTO }) {
  const trpc = useTRPC();
  const [role, setRole] = useState<CohortRole>(member.role);
  const dialog = useMutationDialog({ invalidate: useInvalidateCohort(), onOpen: () => setRole(member.role) });
  const mutation = useMutation(
    trpc.cohorts.changeMemberRole.mutationOptions({
      onSuccess: (updated) => dialog.succeeded(`${member.name} is now a ${cohortRoleLabels[updated.role].toLowerCase()}`),
      onError: (error) => dialog.failed(`${member.name}'s role was not changed`, error, ["role"]),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Change the cohort role of ${member.name}`, icon: UserCogIcon, text: "Role" })}
      title={`Change ${member.name}'s cohort role`}
      description="The role applies in this cohort only; their roles in the organisation stay as they are."
      confirmLabel="Save role"
      pendingLabel="Saving…"
      pending={mutation.isPending}
      confirmDisabled={role === member.role}
      onConfirm={() => mutation.mutate({ memberId: member.id, role })}
    >
      <FormField label="Cohort role" name="role" required description={roleHelp[role]} error={dialog.fieldErrors.role}>
        <ChoiceSelect value={role} choices={cohortRoles} labelOf={(r) => `${cohortRoleLabels[r]}${r === member.role ? " (current)" : ""}`} onValueChange={setRole} />
      </FormField>
    </ConfirmDialog>
  );
}

function RemoveAction({ member }: { member: CohortMemberDTO }) {
  const trpc = useTRPC();
  const dialog = useMutationDialog({ invalidate: useInvalidateCohort() });
  const mutation = useMutation(
    trpc.cohorts.removeMember.mutationOptions({
      onSuccess: () => dialog.succeeded(`${member.name} removed from the cohort`),
      onError: (error) => dialog.failed(`${member.name} was not removed`, error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Remove ${member.name} from the cohort`, icon: UserMinusIcon, text: "Remove", destructive: true })}
      title={`Remove ${member.name} from this cohort?`}
      description={
        member.role === "learner"
          ? `${member.name} can no longer open the course in this cohort. Their progress, quiz attempts and submissions are kept, and come back if they rejoin. Their account and roles in the organisation stay.`
          : `${member.name} stops being a ${cohortRoleLabels[member.role].toLowerCase()} here. Their account and roles in the organisation stay.`
      }
      confirmLabel="Remove"
      pendingLabel="Removing…"
      destructive
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ memberId: member.id })}
    />
  );
}

/** The cohort's people, searchable and filtered by role; managers add, re-role and remove them. */
export function CohortMembers({ cohortId, canManage, archived }: { cohortId: string; canManage: boolean; archived: boolean }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<CohortRole | "">("");
  const query = useDebounced(search.trim(), 300);
  const list = useInfiniteQuery(trpc.cohorts.members.infiniteQueryOptions(cohortMembersInput(cohortId, { query, role: role || undefined }), pagedListOptions));
  const members = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = query !== "" || role !== "";
  const searching = isSearching(search, query, list);
  const editable = canManage && !archived;

  return (
    <section aria-labelledby="members-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        {editable ? <AddMemberDialog cohortId={cohortId} /> : null}
      </div>
      <form role="search" className="flex flex-col gap-3 sm:flex-row sm:items-end" onSubmit={(e) => e.preventDefault()}>
        <SearchField value={search} onChange={setSearch} placeholder="Name or email" />
        <FilterSelect label="Role" value={role} onValueChange={setRole} choices={roleFilters} labelOf={(r) => (r === "" ? "All roles" : `${cohortRoleLabels[r]}s`)} />
      </form>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {list.isPending || searching ? "Loading members…" : members.length === 0 ? "" : `Showing ${members.length}${list.hasNextPage ? "+" : ""} ${members.length === 1 ? "person" : "people"}.`}
      </p>

      <PagedTable
        list={list}
        shown={members.length}
        dimmed={searching}
        empty={
          filtered ? (
            <EmptyState
              titleAs="h3"
              icon={<SearchIcon />}
              title="Nobody matches"
              description="Check the spelling, or clear the search and the role filter."
              action={
                <Button variant="outline" onClick={() => { setSearch(""); setRole(""); }}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              titleAs="h3"
              icon={<UsersIcon />}
              title="Nobody in this cohort yet"
              description={editable ? "Create the join link above and share it with your learners, or add facilitators and teachers by email." : "Learners appear here once they join with the cohort's link."}
            />
          )
        }
        columns={
          <>
            <TableHead className="pl-3">Person</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Joined</TableHead>
            <TableHead>Last active</TableHead>
            {editable ? <TableHead className="pr-3 text-right">Actions</TableHead> : null}
          </>
        }
      >
        {members.map((m) => (
          <TableRow key={m.id} data-testid="cohort-member-row">
            <TableCell className="pl-3">
              <span className="block font-medium break-words">{m.name}</span>
              <span className="block text-xs break-all text-muted-foreground">{m.email}</span>
            </TableCell>
            <TableCell>
              <CohortRoleBadge role={m.role} />
            </TableCell>
            <TableCell>
              <DateText value={m.joinedAt} />
            </TableCell>
            <TableCell>{m.lastActiveAt ? <RelativeDateText value={m.lastActiveAt} /> : <span className="text-muted-foreground">Not yet</span>}</TableCell>
            {editable ? (
              <TableCell className="pr-3 text-right whitespace-nowrap">
                <ChangeRoleAction member={m} />
                <RemoveAction member={m} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </PagedTable>
    </section>
  );
}
