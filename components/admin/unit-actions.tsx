"use client";

import { useMutation } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, FolderInputIcon, PencilIcon, PlusIcon } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select-native";
import { createUnitSchema, moveUnitSchema, renameUnitSchema } from "@/lib/schemas/org";
import { actionTrigger } from "./action-trigger";
import { useInvalidateUnitsAndPeople, useMutationDialog } from "./use-mutation-dialog";

export interface UnitOption {
  id: string;
  /** "Demo Academy › North Campus": the whole path, so a screen reader hears where it is. */
  label: string;
}

export interface ActionUnit {
  id: string;
  name: string;
  memberCount: number;
}

/** A unit's name, as it is added or renamed. */
function UnitNameField({
  label,
  value,
  onChange,
  error,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (name: string) => void;
  error: string[] | undefined;
  placeholder?: string;
}) {
  return (
    <FormField
      label={label}
      name="name"
      required
      autoComplete="off"
      maxLength={120}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      placeholder={placeholder}
    />
  );
}

/** Where a unit or a person moves: one of `targets`, none chosen at first. */
export function MoveTargetField({
  label,
  name,
  error,
  value,
  onChange,
  targets,
}: {
  label: string;
  name: string;
  error: string[] | undefined;
  value: string;
  onChange: (id: string) => void;
  targets: UnitOption[];
}) {
  return (
    <FormField label={label} name={name} required error={error}>
      <NativeSelect value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled>
          Choose a unit…
        </option>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </NativeSelect>
    </FormField>
  );
}

export function AddSubUnitAction({ orgId, unit, onCreated }: { orgId: string; unit: ActionUnit; onCreated?: (id: string) => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const dialog = useMutationDialog({ invalidate: useInvalidateUnitsAndPeople(), onOpen: () => setName("") });
  const mutation = useMutation(
    trpc.units.create.mutationOptions({
      onSuccess: (created) => {
        onCreated?.(created.id);
        return dialog.succeeded(`Added “${created.name}”`, `It is a sub-unit of ${unit.name}.`);
      },
      onError: (error) => dialog.failed("The unit was not added", error, ["name", "parentId"]),
    }),
  );

  function submit() {
    const input = { orgId, parentId: unit.id, name };
    if (dialog.check(createUnitSchema, input)) mutation.mutate(input);
  }

  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({
        label: `Add sub-unit to ${unit.name}`,
        icon: PlusIcon,
        text: (
          <>
            <span className="sm:hidden">Add</span>
            <span className="hidden sm:inline">Add sub-unit</span>
          </>
        ),
      })}
      title={`Add a sub-unit to ${unit.name}`}
      description="A department, class or group inside this unit. People with roles here will see it too."
      confirmLabel="Add unit"
      pendingLabel="Adding…"
      pending={mutation.isPending}
      onConfirm={submit}
    >
      <UnitNameField
        label="Name"
        value={name}
        onChange={setName}
        error={dialog.fieldErrors.name ?? dialog.fieldErrors.parentId}
        placeholder="e.g. Science Department"
      />
    </ConfirmDialog>
  );
}

export function RenameUnitAction({ unit }: { unit: ActionUnit }) {
  const trpc = useTRPC();
  const [name, setName] = useState(unit.name);
  const dialog = useMutationDialog({ invalidate: useInvalidateUnitsAndPeople(), onOpen: () => setName(unit.name) });
  const mutation = useMutation(
    trpc.units.rename.mutationOptions({
      onSuccess: (renamed) => dialog.succeeded(renamed.name === unit.name ? "Name unchanged" : `Renamed to “${renamed.name}”`),
      onError: (error) => dialog.failed(`${unit.name} was not renamed`, error, ["name"]),
    }),
  );

  function submit() {
    const input = { unitId: unit.id, name };
    if (dialog.check(renameUnitSchema, input)) mutation.mutate(input);
  }

  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Rename ${unit.name}`, icon: PencilIcon, text: "Rename" })}
      title={`Rename ${unit.name}`}
      confirmLabel="Save name"
      pendingLabel="Saving…"
      pending={mutation.isPending}
      onConfirm={submit}
    >
      <UnitNameField label="New name" value={name} onChange={setName} error={dialog.fieldErrors.name} />
    </ConfirmDialog>
  );
}

export function MoveUnitAction({ unit, targets }: { unit: ActionUnit; targets: UnitOption[] }) {
  const trpc = useTRPC();
  const [newParentId, setNewParentId] = useState("");
  const dialog = useMutationDialog({ invalidate: useInvalidateUnitsAndPeople(), onOpen: () => setNewParentId("") });
  const mutation = useMutation(
    trpc.units.move.mutationOptions({
      onSuccess: (_moved, variables) => {
        const target = targets.find((t) => t.id === variables.newParentId);
        return dialog.succeeded(`Moved ${unit.name}`, target ? `It is now under ${target.label}.` : undefined);
      },
      onError: (error) => dialog.failed(`${unit.name} was not moved`, error, ["newParentId"]),
    }),
  );

  function submit() {
    const input = { unitId: unit.id, newParentId };
    if (dialog.check(moveUnitSchema, input)) mutation.mutate(input);
  }

  const none = targets.length === 0;
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Move ${unit.name}`, icon: FolderInputIcon, text: "Move" })}
      title={`Move ${unit.name}`}
      description={
        none
          ? undefined
          : `${unit.name} moves with everything below it. People keep their roles, which then apply under the new parent.`
      }
      confirmLabel="Move unit"
      pendingLabel="Moving…"
      pending={mutation.isPending}
      confirmDisabled={none}
      formError={
        none
          ? `There is no other unit you manage that ${unit.name} can move under. A unit cannot move into itself, one of its sub-units or an archived unit.`
          : dialog.formError
      }
      onConfirm={submit}
    >
      {none ? null : (
        <MoveTargetField
          label="New parent unit"
          name="newParentId"
          error={dialog.fieldErrors.newParentId}
          value={newParentId}
          onChange={setNewParentId}
          targets={targets}
        />
      )}
    </ConfirmDialog>
  );
}

export function ArchiveUnitAction({ unit, descendantCount }: { unit: ActionUnit; descendantCount: number }) {
  const trpc = useTRPC();
  const dialog = useMutationDialog({ invalidate: useInvalidateUnitsAndPeople() });
  const mutation = useMutation(
    trpc.units.archive.mutationOptions({
      onSuccess: () => dialog.succeeded(`Archived ${unit.name}`, "Turn on “Show archived units” to see or restore it."),
      onError: (error) => dialog.failed(`${unit.name} was not archived`, error),
    }),
  );
  const below = descendantCount === 0 ? "" : ` and the ${descendantCount} ${descendantCount === 1 ? "unit" : "units"} below it`;
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Archive ${unit.name}`, icon: ArchiveIcon, text: "Archive" })}
      title={`Archive ${unit.name}?`}
      description={`This hides ${unit.name}${below}. People whose roles are held there lose access to it until it is restored. Nothing is deleted.`}
      confirmLabel="Archive"
      pendingLabel="Archiving…"
      destructive
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ unitId: unit.id })}
    />
  );
}

export function RestoreUnitAction({ unit }: { unit: ActionUnit }) {
  const trpc = useTRPC();
  const dialog = useMutationDialog({ invalidate: useInvalidateUnitsAndPeople() });
  const mutation = useMutation(
    trpc.units.restore.mutationOptions({
      onSuccess: () => dialog.succeeded(`Restored ${unit.name}`),
      onError: (error) => dialog.failed(`${unit.name} was not restored`, error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Restore ${unit.name}`, icon: ArchiveRestoreIcon, text: "Restore" })}
      title={`Restore ${unit.name}?`}
      description={`${unit.name} and the sub-units archived with it come back, and the roles held there work again.`}
      confirmLabel="Restore"
      pendingLabel="Restoring…"
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ unitId: unit.id })}
    />
  );
}
