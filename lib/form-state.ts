import type { FieldErrors } from "./errors";

/** What a server action returns to its form (React's useActionState). */
export interface FormState<T = unknown> {
  status: "idle" | "success" | "error";
  /** A sentence for the form's alert: what happened or what to fix. */
  message?: string;
  fieldErrors?: FieldErrors;
  data?: T;
}

export const idleFormState: FormState = { status: "idle" };
