"use client";

import { requestPasswordResetAction } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormAlert } from "./form-alert";
import { fieldError, useFormAction } from "./use-form-action";

export function ForgotPasswordForm() {
  const { state, pending, formProps } = useFormAction(requestPasswordResetAction);
  return (
    <form {...formProps} className="space-y-4">
      <FormAlert state={state} />
      <FormField label="Email" name="email" type="email" autoComplete="email" required error={fieldError(state, "email")} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : state.status === "success" ? "Send the link again" : "Send reset link"}
      </Button>
    </form>
  );
}
