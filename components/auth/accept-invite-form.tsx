"use client";

import { acceptInviteAction } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { FormAlert } from "./form-alert";
import { useFormAction } from "./use-form-action";

/** A signed-in person joins through an invite link with one button. */
export function AcceptInviteForm({ token, orgName }: { token: string; orgName: string }) {
  const { state, pending, formProps } = useFormAction(acceptInviteAction);
  return (
    <form {...formProps} className="space-y-4">
      <FormAlert state={state} hiddenFields={["token"]} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : `Join ${orgName}`}
      </Button>
    </form>
  );
}
