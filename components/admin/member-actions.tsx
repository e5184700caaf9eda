"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FolderInputIcon, UserCogIcon, UserMinusIcon } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select-native";
import { roleLabels, roles, type Role } from "@/lib/schemas/roles";
import type { MemberDTO } from "@/server/services/members";
import { FormDialog } from "./form-dialog";
import { formErrorsOf, toastError, toastSuccess, type FieldErrorMap } from "./mutation-feedback";
import type { UnitOption } from "./unit-actions";

function useInvalidateMembers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.members.pathFilter()),
      // Member counts on the unit tree and the audit log change too.
      queryClient.invalidateQueries(trpc.units.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);
}

function roleWithArticle(role: Role): string {
  const label = roleLabels[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
}

export function ChangeRoleAction({ member }: { member: MemberDTO }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateMembers();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>(member.role);
  const [fieldErrors, setFieldErrors] = useState<FieldErrorMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.members.changeRole.mutationOptions({
      onSuccess: async (updated) => {
        toastSuccess(`${member.name} is now ${roleWithArticle(updated.role)}`, `In ${updated.unitName}.`);
        setOpen(false);
        await invalidate();
      },
      onError: (error) => {
        const split = formErrorsOf(error, ["role"]);
        setFieldErrors(split.fieldErrors);
        setFormError(split.formError);
        toastError(`${member.name}'s role was not changed`, error);
      },
    }),
  );
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setRole(member.role);
          setFieldErrors({});
          setFormError(null);
        }
      }}
      trigger={{
        "aria-label": `Change role of ${member.name} in ${member.unitName}`,
        children: (
          <>
            <UserCogIcon aria-hidden="true" />
            <span>Role</span>
          </>
        ),
      }}
      title={`Change ${member.name}'s role`}
      description={`The role applies in ${member.unitName} and every unit below it.`}
      submitLabel="Save role"
      pendingLabel="Saving…"
      pending={mutation.isPending}
      submitDisabled={role === member.role}
      formError={formError}
      onSubmit={() => mutation.mutate({ membershipId: member.membershipId, role })}
    >
      <FormField label="Role" name="role" required error={fieldErrors.role}>
        <NativeSelect value={role} onChange={(e) => setRole(roles.find((r) => r === e.target.value) ?? member.role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
              {r === member.role ? " (current)" : ""}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}

export function MoveMemberAction({ member, units }: { member: MemberDTO; units: UnitOption[] }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateMembers();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrorMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  const targets = units.filter((u) => u.id !== member.unitId);
  const none = targets.length === 0;
  const mutation = useMutation(
    trpc.members.move.mutationOptions({
      onSuccess: async (moved) => {
        toastSuccess(`Moved ${member.name}`, `${member.name} is now ${roleWithArticle(moved.role)} in ${moved.unitName}.`);
        setOpen(false);
        await invalidate();
      },
      onError: (error) => {
        const split = formErrorsOf(error, ["unitId"]);
        setFieldErrors(split.fieldErrors);
        setFormError(split.formError);
        toastError(`${member.name} was not moved`, error);
      },
    }),
  );
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setUnitId("");
          setFieldErrors({});
          setFormError(null);
        }
      }}
      trigger={{
        "aria-label": `Move ${member.name} from ${member.unitName} to another unit`,
        children: (
          <>
            <FolderInputIcon aria-hidden="true" />
            <span>Move</span>
          </>
        ),
      }}
      title={`Move ${member.name} to another unit`}
      description={none ? undefined : `${member.name} stays ${roleWithArticle(member.role)}, but in the unit you choose instead of ${member.unitName}.`}
      submitLabel="Move"
      pendingLabel="Moving…"
      pending={mutation.isPending}
      submitDisabled={none}
      formError={none ? "There is no other active unit you manage. Add one on the Units page first." : formError}
      onSubmit={() => {
        if (!unitId) {
          setFieldErrors({ unitId: ["Choose a unit."] });
          return;
        }
        mutation.mutate({ membershipId: member.membershipId, unitId });
      }}
    >
      {none ? null : (
        <FormField label="New unit" name="unitId" required error={fieldErrors.unitId}>
          <NativeSelect value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="" disabled>
              Choose a unit…
            </option>
            {targets.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      )}
    </FormDialog>
  );
}

export function RemoveMemberAction({ member }: { member: MemberDTO }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateMembers();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async () => {
        toastSuccess(`Removed ${member.name} from ${member.unitName}`);
        setOpen(false);
        await invalidate();
      },
      onError: (error) => {
        setFormError(formErrorsOf(error, []).formError);
        toastError(`${member.name} was not removed`, error);
      },
    }),
  );
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setFormError(null);
      }}
      trigger={{
        "aria-label": `Remove ${member.name} from ${member.unitName}`,
        className: "text-destructive hover:text-destructive",
        children: (
          <>
            <UserMinusIcon aria-hidden="true" />
            <span>Remove</span>
          </>
        ),
      }}
      title={`Remove ${member.name} from ${member.unitName}?`}
      description={`${member.name} stops being ${roleWithArticle(member.role)} in ${member.unitName} and the units below it. Their account and any roles elsewhere stay.`}
      submitLabel="Remove"
      pendingLabel="Removing…"
      destructive
      pending={mutation.isPending}
      formError={formError}
      onSubmit={() => mutation.mutate({ membershipId: member.membershipId })}
    />
  );
}
