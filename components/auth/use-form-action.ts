"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { FormState } from "@/lib/form-state";

type Action<R> = (prev: FormState<R>, formData: FormData) => Promise<FormState<R>>;

/**
 * useActionState for our server actions. Submitting through `onSubmit` keeps
 * what the person typed when the server answers with errors (React resets a
 * form after a plain `action` submit); `action` still works before hydration.
 */
export function useFormAction<R>(action: Action<R>) {
  const initial: FormState<R> = { status: "idle" };
  const [state, dispatch, pending] = useActionState(action, initial);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return { state, pending, formProps: { action: dispatch, onSubmit, noValidate: true } };
}

/** The messages for one field, or undefined. */
export function fieldError<R>(state: FormState<R>, name: string): string[] | undefined {
  return state.status === "error" ? state.fieldErrors?.[name] : undefined;
}
