import type { z } from "zod";
import { AppError, type FieldErrors } from "./errors";

/** Field-keyed messages from a zod error ("" holds form-level ones). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Validates untrusted input at a boundary. On failure throws AppError
 * `invalid` whose message lists what to fix, with per-field messages for forms.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error);
  const summary = result.error.issues
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
  throw new AppError("invalid", summary, { fieldErrors });
}
