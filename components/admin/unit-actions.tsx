"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArchiveIcon, ArchiveRestoreIcon, FolderInputIcon, PencilIcon, PlusIcon } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select-native";
import { createUnitSchema, moveUnitSchema, renameUnitSchema } from "@/lib/schemas/org";
import { fieldErrorsOf as zodFieldErrors } from "@/lib/validation";
import { FormDialog } from "./form-dialog";
import { formErrorsOf, toastError, toastSuccess, type FieldErrorMap } from "./mutation-feedback";

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

/** After any change to the tree: the tree, people (unit names) and the audit log are stale. */
function useInvalidateUnits() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.units.pathFilter()),
      queryClient.invalidateQueries(trpc.members.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);
}

/** Local form state shared by the dialogs: field errors and a form-level message. */
function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrorMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  return {
    fieldErrors,
    formError,
    reset() {
      setFieldErrors({});
      setFormError(null);
    },
    show(error: unknown, fields: readonly string[]) {
      const split = formErrorsOf(error, fields);
      setFieldErrors(split.fieldErrors);
      setFormError(split.formError);
    },
    showFields(errors: FieldErrorMap) {
      setFieldErrors(errors);
      setFormError(null);
    },
  };
}

export function AddSubUnitAction({ orgId, unit, onCreated }: { orgId: string; unit: ActionUnit; onCreated?: (id: string) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUnits();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const errors = useFormErrors();
  const mutation = useMutation(
    trpc.units.create.mutationOptions({
      onSuccess: async (created) => {
        toastSuccess(`Added “${created.name}”`, `It is a sub-unit of ${unit.name}.`);
        setOpen(false);
        onCreated?.(created.id);
        await invalidate();
      },
      onError: (error) => {
        errors.show(error, ["name", "parentId"]);
        toastError("The unit was not added", error);
      },
    }),
  );

  function submit() {
    const input = { orgId, parentId: unit.id, name };
    const parsed = createUnitSchema.safeParse(input);
    if (!parsed.success) return errors.showFields(zodFieldErrors(parsed.error));
    errors.reset();
    mutation.mutate(input);
  }

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setName("");
          errors.reset();
        }
      }}
      trigger={{
        "aria-label": `Add sub-unit to ${unit.name}`,
        children: (
          <>
            <PlusIcon aria-hidden="true" />
            <span className="sm:hidden">Add</span>
            <span className="hidden sm:inline">Add sub-unit</span>
          </>
        ),
      }}
      title={`Add a sub-unit to ${unit.name}`}
      description="A department, class or group inside this unit. People with roles here will see it too."
      submitLabel="Add unit"
      pendingLabel="Adding…"
      pending={mutation.isPending}
      formError={errors.formError}
      onSubmit={submit}
    >
      <FormField
        label="Name"
        name="name"
        required
        autoComplete="off"
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fieldErrors.name ?? errors.fieldErrors.parentId}
        placeholder="e.g. Science Department"
      />
    </FormDialog>
  );
}

export function RenameUnitAction({ unit }: { unit: ActionUnit }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUnits();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(unit.name);
  const errors = useFormErrors();
  const mutation = useMutation(
    trpc.units.rename.mutationOptions({
      onSuccess: async (renamed) => {
        toastSuccess(renamed.name === unit.name ? "Name unchanged" : `Renamed to “${renamed.name}”`);
        setOpen(false);
        await invalidate();
      },
      onError: (error) => {
        errors.show(error, ["name"]);
        toastError(`${unit.name} was not renamed`, error);
      },
    }),
  );

  function submit() {
    const input = { unitId: unit.id, name };
    const parsed = renameUnitSchema.safeParse(input);
    if (!parsed.success) return errors.showFields(zodFieldErrors(parsed.error));
    errors.reset();
    mutation.mutate(input);
  }

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setName(unit.name);
          errors.reset();
        }
      }}
      trigger={{
        "aria-label": `Rename ${unit.name}`,
        children: (
          <>
            <PencilIcon aria-hidden="true" />
            <span>Rename</span>
          </>
        ),
      }}
      title={`Rename ${unit.name}`}
      submitLabel="Save name"
      pendingLabel="Saving…"
      pending={mutation.isPending}
      formError={errors.formError}
      onSubmit={submit}
    >
      <FormField
        label="New name"
        name="name"
        required
        autoComplete="off"
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.fieldErrors.name}
      />
    </FormDialog>
  );
}

export function MoveUnitAction({ unit, targets }: { unit: ActionUnit; targets: UnitOption[] }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUnits();
  const [open, setOpen] = useState(false);
  const [newParentId, setNewParentId] = useState("");
  const errors = useFormErrors();
  const mutation = useMutation(
    trpc.units.move.mutationOptions({
      onSuccess: async (_moved, variables) => {
        const target = targets.find((t) => t.id === variables.newParentId);
        toastSuccess(`Moved ${unit.name}`, target ? `It is now under ${target.label}.` : undefined);
        setOpen(false);
        await invalidate();
      },
      onError: (error) => {
        errors.show(error, ["newParentId"]);
        toastError(`${unit.name} was not moved`, error);
      },
    }),
  );

  function submit() {
    const input = { unitId: unit.id, newParentId };
    const parsed = moveUnitSchema.safeParse(input);
    if (!parsed.success) return errors.showFields(zodFieldErrors(parsed.error));
    errors.reset();
    mutation.mutate(input);
  }

  const none = targets.length === 0;
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setNewParentId("");
          errors.reset();
        }
      }}
      trigger={{
        "aria-label": `Move ${unit.name}`,
        children: (
          <>
            <FolderInputIcon aria-hidden="true" />
            <span>Move</span>
          </>
        ),
      }}
      title={`Move ${unit.name}`}
      description={
        none
          ? undefined
          : `${unit.name} moves with everything below it. People keep their roles, which then apply under the new parent.`
      }
      submitLabel="Move unit"
      pendingLabel="Moving…"
      pending={mutation.isPending}
      submitDisabled={none}
      formError={
        none
          ? `There is no other unit you manage that ${unit.name} can move under. A unit cannot move into itself, one of its sub-units or an archived unit.`
          : errors.formError
      }
      onSubmit={submit}
    >
      {none ? null : (
        <FormField label="New parent unit" name="newParentId" required error={errors.fieldErrors.newParentId}>
          <NativeSelect value={newParentId} onChange={(e) => setNewParentId(e.target.value)}>
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
      )}
    </FormDialog>
  );
}

export function ArchiveUnitAction({ unit, descendantCount }: { unit: ActionUnit; descendantCount: number }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUnits();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.units.archive.mutationOptions({
      onSuccess: async () => {
        toastSuccess(`Archived ${unit.name}`, "Turn on “Show archived units” to see or restore it.");
        setOpen(false);
        await invalidate();
      },
      onError: (error) => {
        setFormError(formErrorsOf(error, []).formError);
        toastError(`${unit.name} was not archived`, error);
      },
    }),
  );
  const below = descendantCount === 0 ? "" : ` and the ${descendantCount} ${descendantCount === 1 ? "unit" : "units"} below it`;
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setFormError(null);
      }}
      trigger={{
        "aria-label": `Archive ${unit.name}`,
        children: (
          <>
            <ArchiveIcon aria-hidden="true" />
            <span>Archive</span>
          </>
        ),
      }}
      title={`Archive ${unit.name}?`}
      description={`This hides ${unit.name}${below}. People whose roles are held there lose access to it until it is restored. Nothing is deleted.`}
      submitLabel="Archive"
      pendingLabel="Archiving…"
      destructive
      pending={mutation.isPending}
      formError={formError}
      onSubmit={() => mutation.mutate({ unitId: unit.id })}
    />
  );
}

export function RestoreUnitAction({ unit }: { unit: ActionUnit }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUnits();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.units.restore.mutationOptions({
      onSuccess: async () => {
        toastSuccess(`Restored ${unit.name}`);
        setOpen(false);
        await invalidate();
      },
      onError: (error) => {
        setFormError(formErrorsOf(error, []).formError);
        toastError(`${unit.name} was not restored`, error);
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
        "aria-label": `Restore ${unit.name}`,
        children: (
          <>
            <ArchiveRestoreIcon aria-hidden="true" />
            <span>Restore</span>
          </>
        ),
      }}
      title={`Restore ${unit.name}?`}
      description={`${unit.name} and the sub-units archived with it come back, and the roles held there work again.`}
      submitLabel="Restore"
      pendingLabel="Restoring…"
      pending={mutation.isPending}
      formError={formError}
      onSubmit={() => mutation.mutate({ unitId: unit.id })}
    />
  );
}
