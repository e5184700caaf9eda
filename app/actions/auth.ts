"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  inviteTokenInputSchema,
  requestPasswordResetSchema,
  resetPasswordSchema,
  signUpInputSchema,
  updateProfileSchema,
} from "@/lib/schemas/auth";
import { formAction } from "@/server/api/action";
import { clientIp } from "@/server/auth/client-ip";
import { signIn } from "@/server/auth/next-auth";
import {
  acceptInviteAsUser,
  createOrganizationForUser,
  createOrganizationInputSchema,
  signUp,
  updateProfile,
} from "@/server/services/accounts";
import { requestPasswordReset, resetPassword } from "@/server/services/password-reset";

/** Creates the account (founding an organisation, or joining through an invite) and signs it in on this device. */
export const signUpAction = formAction(
  {
    schema: signUpInputSchema,
    requireSignIn: false,
    handler: async (_actor, input) => {
      const { orgId, cohortId } = await signUp(input);
      // The account exists whatever happens next; if signing in fails, the sign-in page still works.
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false }).then(
        () => true,
        (error: unknown) => {
          console.error("[sign-up] The new account could not be signed in:", error);
          return false;
        },
      );
      return { orgId, cohortId, signedIn };
    },
  },
  // Someone who signed up from a cohort's join link lands on that cohort's course page.
  ({ orgId, cohortId, signedIn }) => redirect(signedIn ? (cohortId ? `/orgs/${orgId}/cohorts/${cohortId}/learn` : `/orgs/${orgId}`) : "/sign-in"),
);

/** Same answer whether or not the email has an account, so the form cannot probe for accounts. */
export const requestPasswordResetAction = formAction(
  {
    schema: requestPasswordResetSchema,
    requireSignIn: false,
    handler: async (_actor, input, ctx) => requestPasswordReset(input, { ip: clientIp(ctx.headers) }),
  },
  (result) => ({ status: "success", message: result.message, data: result }),
);

export const resetPasswordAction = formAction(
  { schema: resetPasswordSchema, requireSignIn: false, handler: (_actor, input) => resetPassword(input) },
  () => redirect("/sign-in?reset=1"),
);

/** A signed-in person joins the unit an invite link is for. */
export const acceptInviteAction = formAction({ schema: inviteTokenInputSchema, handler: acceptInviteAsUser }, (result) =>
  redirect(`/orgs/${result.orgId}`),
);

export const updateProfileAction = formAction({ schema: updateProfileSchema, handler: updateProfile }, () => {
  // The name shows in the header and the time zone in every page's dates.
  revalidatePath("/", "layout");
  return { status: "success", message: "Your profile was saved." };
});

/** A signed-in person founds an organisation and becomes its admin. */
export const createOrganizationAction = formAction(
  { schema: createOrganizationInputSchema, handler: createOrganizationForUser },
  (result) => redirect(`/orgs/${result.orgId}`),
);
