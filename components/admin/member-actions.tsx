"use client";

import { useMutation } from "@tanstack/react-query";
import { FolderInputIcon, UserCogIcon, UserMinusIcon } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { ChoiceSelect } from "@/components/ui/choice-select";
import { roleWithArticle } from "@/lib/schemas/org";
import { roleLabels, roles, type Role } from "@/lib/schemas/roles";
import type { MemberDTO } from "@/server/services/members";
import { actionTrigger } from "./action-trigger";
import { MoveTargetField, type UnitOption } from "./unit-actions";
import { useInvalidateUnitsAndPeople, useMutationDialog } from "./use-mutation-dialog";

export function ChangeRoleAction({ member }: { member: MemberDTO }) {
  const trpc = useTRPC();
  const [role, setRole] = useState<Role>(member.role);
  const dialog = useMutationDialog({ invalidate: useInvalidateUnitsAndPeople(), onOpen: () => setRole(member.role) });
  const mutation = useMutation(
    trpc.members.changeRole.mutationOptions({
      onSuccess: (updated) => dialog.succeeded(`${member.name} is now ${roleWithArticle(updated.role)}`, `In ${updated.unitName}.`),
      onError: (error) => dialog.failed(`${member.name}'s role was not changed`, error, ["role"]),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Change role of ${member.name} in ${member.unitName}`, icon: UserCogIcon, text: "Role" })}
      title={`Change ${member.name}'s role`}
      description={`The role applies in ${member.unitName} and every unit below it.`}
      confirmLabel="Save role"
      pendingLabel="Saving…"
      pending={mutation.isPending}
      confirmDisabled={role === member.role}
      onConfirm={() => mutation.mutate({ membershipId: member.membershipId, role })}
    >
      <FormField label="Role" name="role" required error={dialog.fieldErrors.role}>
        <ChoiceSelect value={role} choices={roles} labelOf={(r) => `${roleLabels[r]}${r === member.role ? " (current)" : ""}`} onValueChange={setRole} />
      </FormField>
    </ConfirmDialog>
  );
}

export function MoveMemberAction({ member, units }: { member: MemberDTO; units: UnitOption[] }) {
  const trpc = useTRPC();
  const [unitId, setUnitId] = useState("");
  const dialog = useMutationDialog({ invalidate: useInvalidateUnitsAndPeople(), onOpen: () => setUnitId("") });
  const targets = units.filter((u) => u.id !== member.unitId);
  const none = targets.length === 0;
  const mutation = useMutation(
    trpc.members.move.mutationOptions({
      onSuccess: (moved) =>
        dialog.succeeded(`Moved ${member.name}`, `${member.name} is now ${roleWithArticle(moved.role)} in ${moved.unitName}.`),
      onError: (error) => dialog.failed(`${member.name} was not moved`, error, ["unitId"]),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Move ${member.name} from ${member.unitName} to another unit`, icon: FolderInputIcon, text: "Move" })}
      title={`Move ${member.name} to another unit`}
      description={none ? undefined : `${member.name} stays ${roleWithArticle(member.role)}, but in the unit you choose instead of ${member.unitName}.`}
      confirmLabel="Move"
      pendingLabel="Moving…"
      pending={mutation.isPending}
      confirmDisabled={none}
      formError={none ? "There is no other active unit you manage. Add one on the Units page first." : dialog.formError}
      onConfirm={() => {
        if (!unitId) {
          dialog.showFields({ unitId: ["Choose a unit."] });
          return;
        }
        mutation.mutate({ membershipId: member.membershipId, unitId });
      }}
    >
      {none ? null : (
        <MoveTargetField
          label="New unit"
          name="unitId"
          error={dialog.fieldErrors.unitId}
          value={unitId}
          onChange={setUnitId}
          targets={targets}
        />
      )}
    </ConfirmDialog>
  );
}

export function RemoveMemberAction({ member }: { member: MemberDTO }) {
  const trpc = useTRPC();
  const dialog = useMutationDialog({ invalidate: useInvalidateUnitsAndPeople() });
  const mutation = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: () => dialog.succeeded(`Removed ${member.name} from ${member.unitName}`),
      onError: (error) => dialog.failed(`${member.name} was not removed`, error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Remove ${member.name} from ${member.unitName}`, icon: UserMinusIcon, text: "Remove", destructive: true })}
      title={`Remove ${member.name} from ${member.unitName}?`}
      description={`${member.name} stops being ${roleWithArticle(member.role)} in ${member.unitName} and the units below it. Their account and any roles elsewhere stay.`}
      confirmLabel="Remove"
      pendingLabel="Removing…"
      destructive
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ membershipId: member.membershipId })}
    />
  );
}
