"use client";

import { toast } from "@/components/ui/toast";

export type FieldErrorMap = Record<string, string[]>;

const fallbackMessage = "Something went wrong. Check your connection and try again.";

/** The sentence the server sent (tRPC errors carry the service's message). */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error && error.message.trim()) return error.message;
  return fallbackMessage;
}

/** `error.data.fieldErrors` of a tRPC error, or {} when it has none. */
export function fieldErrorsOf(error: unknown): FieldErrorMap {
  if (!error || typeof error !== "object" || !("data" in error)) return {};
  const { data } = error;
  if (!data || typeof data !== "object" || !("fieldErrors" in data)) return {};
  const { fieldErrors } = data;
  if (!fieldErrors || typeof fieldErrors !== "object") return {};
  const out: FieldErrorMap = {};
  for (const [key, value] of Object.entries(fieldErrors)) {
    if (Array.isArray(value)) out[key] = value.filter((m): m is string => typeof m === "string");
  }
  return out;
}

/**
 * One sentence for a failed change. Input validation lists "field: message"
 * pairs; the field messages alone read better.
 */
export function describeError(error: unknown): string {
  const fields = fieldErrorsOf(error);
  const message = errorMessageOf(error);
  const keys = Object.keys(fields);
  if (keys.some((k) => message.startsWith(`${k}: `))) return Object.values(fields).flat().join(" ");
  return message;
}

/**
 * What a form shows for a failed change: messages by the fields it renders,
 * and a form-level message when none of them explains the failure.
 */
export function formErrorsOf(error: unknown, shownFields: readonly string[]): { fieldErrors: FieldErrorMap; formError: string | null } {
  const fieldErrors = fieldErrorsOf(error);
  const explained = shownFields.some((f) => (fieldErrors[f]?.length ?? 0) > 0);
  return { fieldErrors, formError: explained ? null : describeError(error) };
}

/** Announces a failed change; the form shows the same message inline. */
export function toastError(title: string, error: unknown): void {
  toast({ title, description: describeError(error), variant: "destructive" });
}

export function toastSuccess(title: string, description?: string): void {
  toast({ title, ...(description ? { description } : {}) });
}
