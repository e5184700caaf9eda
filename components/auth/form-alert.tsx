"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import type { FormState } from "@/lib/form-state";

/**
 * The form-level message: what went wrong (with errors about fields the
 * person cannot see, such as a hidden token) or what happened. Errors take
 * focus so keyboard and screen-reader users land on them.
 */
export function FormAlert<R>({
  state,
  hiddenFields = [],
  children,
}: {
  state: FormState<R>;
  /** Fields without a visible input whose errors belong in the summary. */
  hiddenFields?: string[];
  /** Extra content under an error, e.g. a link to what to do next. */
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status === "error") ref.current?.focus();
  }, [state]);

  if (state.status === "idle") return null;
  if (state.status === "success") {
    return state.message ? (
      <Alert variant="success" data-testid="form-success">
        <AlertDescription>{state.message}</AlertDescription>
      </Alert>
    ) : null;
  }
  const hidden = hiddenFields.flatMap((name) => state.fieldErrors?.[name] ?? []);
  // Refinements about the whole form come back under "".
  const specific = [...new Set([...hidden, ...(state.fieldErrors?.[""] ?? [])])];
  // "Check the highlighted fields" only helps when a visible field is highlighted.
  const paragraphs =
    specific.length === 0
      ? [state.message ?? "Something went wrong. Try again."]
      : hasVisibleFieldErrors(state, hiddenFields) && state.message
        ? [state.message, ...specific]
        : specific;
  return (
    <Alert variant="destructive" ref={ref} tabIndex={-1} data-testid="form-error">
      <AlertDescription>
        {paragraphs.map((text) => (
          <p key={text}>{text}</p>
        ))}
        {children}
      </AlertDescription>
    </Alert>
  );
}

function hasVisibleFieldErrors<R>(state: FormState<R>, hiddenFields: string[]): boolean {
  return Object.keys(state.fieldErrors ?? {}).some((key) => key !== "" && !hiddenFields.includes(key));
}
