"use client";

import { signUpAction } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { FormAlert } from "./form-alert";
import { fieldError, useFormAction } from "./use-form-action";

/**
 * Sign-up. With an invite the person joins the invite's unit (the email is
 * fixed when the invite names one); with a cohort's join link they join that
 * cohort as a learner; without either, they found an organisation.
 */
export function SignUpForm({ invite, cohortInvite }: { invite?: { token: string; email: string | null }; cohortInvite?: { token: string } }) {
  const { state, pending, formProps } = useFormAction(signUpAction);
  const joining = invite !== undefined || cohortInvite !== undefined;
  return (
    <form {...formProps} className="space-y-4">
      <FormAlert state={state} hiddenFields={["inviteToken", "cohortInvite"]} />
      {invite ? <input type="hidden" name="inviteToken" value={invite.token} /> : null}
      {cohortInvite ? <input type="hidden" name="cohortInvite" value={cohortInvite.token} /> : null}
      <FormField label="Your name" name="name" autoComplete="name" required maxLength={100} error={fieldError(state, "name")} />
      {invite?.email ? (
        <FormField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          readOnly
          defaultValue={invite.email}
          description="This invite is for this address."
          inputClassName="bg-muted"
          error={fieldError(state, "email")}
        />
      ) : (
        <FormField label="Email" name="email" type="email" autoComplete="email" required error={fieldError(state, "email")} />
      )}
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        description="At least 10 characters."
        error={fieldError(state, "password")}
      />
      {joining ? null : (
        <FormField
          label="Organisation name"
          name="organizationName"
          autoComplete="organization"
          required
          maxLength={100}
          description="Your school, bootcamp or course. You can rename it later."
          error={fieldError(state, "organizationName")}
        />
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : joining ? "Create account and join" : "Create organisation"}
      </Button>
    </form>
  );
}
