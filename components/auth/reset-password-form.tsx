"use client";

import Link from "next/link";
import { resetPasswordAction } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormAlert } from "./form-alert";
import { fieldError, useFormAction } from "./use-form-action";

export function ResetPasswordForm({ token }: { token: string }) {
  const { state, pending, formProps } = useFormAction(resetPasswordAction);
  const badLink = fieldError(state, "token") !== undefined;
  return (
    <form {...formProps} className="space-y-4">
      <FormAlert state={state} hiddenFields={["token"]}>
        {badLink ? (
          <p>
            <Link href="/forgot-password" className="font-medium underline underline-offset-4">
              Request a new link
            </Link>
          </p>
        ) : null}
      </FormAlert>
      <input type="hidden" name="token" value={token} />
      <FormField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        description="At least 10 characters. Every device signed in to your account will be signed out."
        error={fieldError(state, "password")}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
