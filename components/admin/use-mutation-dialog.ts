"use client";

import { useQueryClient, type QueryFilters } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { useTRPC } from "@/components/providers/trpc-provider";
import { fieldErrorsOf as zodFieldErrors } from "@/lib/validation";
import { formErrorsOf, toastError, toastSuccess, type FieldErrorMap } from "./mutation-feedback";

type Invalidate = () => Promise<unknown>;

function useInvalidate(filters: (trpc: ReturnType<typeof useTRPC>) => QueryFilters[]): Invalidate {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all(filters(trpc).map((filter) => queryClient.invalidateQueries(filter)));
}

/**
 * After a change to units or roles: the unit tree (names, member counts),
 * people and the audit log are stale.
 */
export function useInvalidateUnitsAndPeople(): Invalidate {
  return useInvalidate((trpc) => [trpc.units.pathFilter(), trpc.members.pathFilter(), trpc.audit.pathFilter()]);
}

/** After an invite is created or revoked: the invites and the audit log are stale. */
export function useInvalidateInvites(): Invalidate {
  return useInvalidate((trpc) => [trpc.invites.pathFilter(), trpc.audit.pathFilter()]);
}

/** Local form state: messages by their fields, and one for the whole form. */
export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrorMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  function reset() {
    setFieldErrors({});
    setFormError(null);
  }
  return {
    fieldErrors,
    formError,
    reset,
    /** A failed mutation: messages by the fields the form shows, else one for the form. */
    show(error: unknown, shownFields: readonly string[] = []) {
      const split = formErrorsOf(error, shownFields);
      setFieldErrors(split.fieldErrors);
      setFormError(split.formError);
    },
    /** Checks made before sending, by their fields. */
    showFields(errors: FieldErrorMap) {
      setFieldErrors(errors);
      setFormError(null);
    },
    /**
     * Checks `input` before sending: its parsed value, with the errors cleared;
     * or null, with what to fix by the fields (and `message` for the form).
     */
    check<S extends z.ZodType>(schema: S, input: unknown, message: string | null = null): z.output<S> | null {
      const parsed = schema.safeParse(input);
      if (parsed.success) {
        reset();
        return parsed.data;
      }
      setFieldErrors(zodFieldErrors(parsed.error));
      setFormError(message);
      return null;
    },
  };
}

/**
 * State of a dialog that runs one mutation. Opening it clears the last
 * attempt's errors (and calls `onOpen` to reset its fields); the mutation's
 * callbacks call `succeeded` (toast, close, then refresh what `invalidate`
 * covers) or `failed` (toast, and the error in the dialog).
 */
export function useMutationDialog({ invalidate, onOpen }: { invalidate: Invalidate; onOpen?: () => void }) {
  const [open, setOpen] = useState(false);
  const errors = useFormErrors();
  return {
    ...errors,
    /** For ConfirmDialog: `open`, `onOpenChange` and `formError`. */
    dialogProps: {
      open,
      onOpenChange(next: boolean) {
        setOpen(next);
        if (next) {
          onOpen?.();
          errors.reset();
        }
      },
      formError: errors.formError,
    },
    async succeeded(title: string, description?: string) {
      toastSuccess(title, description);
      setOpen(false);
      await invalidate();
    },
    failed(title: string, error: unknown, shownFields: readonly string[] = []) {
      errors.show(error, shownFields);
      toastError(title, error);
    },
  };
}
