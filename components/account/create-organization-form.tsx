"use client";

import { createOrganizationAction } from "@/app/actions/auth";
import { FormAlert } from "@/components/auth/form-alert";
import { fieldError, useFormAction } from "@/components/auth/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";

export function CreateOrganizationForm() {
  const { state, pending, formProps } = useFormAction(createOrganizationAction);
  return (
    <form {...formProps} className="space-y-4">
      <FormAlert state={state} />
      <FormField
        label="Organisation name"
        name="name"
        autoComplete="organization"
        required
        maxLength={100}
        description="Your school, bootcamp or course. You will be its admin and can rename it later."
        error={fieldError(state, "name")}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
