import { z } from "zod";

/** Stored and compared lower-cased, so "Ada@Example.com" and "ada@example.com" are one account. */
export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "Email addresses are at most 254 characters long.")
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

/** Not trimmed: spaces are legitimate password characters. */
export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(10, "Use at least 10 characters for your password.")
  .max(200, "Use at most 200 characters for your password.");

/**
 * Sign-in checks only that a password was typed: the length policy may change,
 * and people with older, shorter passwords must still be able to sign in.
 */
export const signInInputSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(200, "Passwords are at most 200 characters long."),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

export const personNameSchema = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Use at most 100 characters for your name.");

/** Forms send "" for an empty field; treat it as "not given". */
function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export const organizationNameSchema = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters for the organisation name.")
  .max(100, "Use at most 100 characters for the organisation name.");

export const signUpInputSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
    inviteToken: z.string().max(200, "This invite link is not valid.").optional().transform(blankToUndefined),
    /** The secret of a cohort's join link: the account joins that cohort as a learner instead of founding an organisation. */
    cohortInvite: z.string().max(200, "This join link is not valid. Check that you copied the whole link.").optional().transform(blankToUndefined),
    organizationName: z.string().optional().transform(blankToUndefined).pipe(organizationNameSchema.optional()),
  })
  .refine((v) => v.inviteToken !== undefined || v.cohortInvite !== undefined || v.organizationName !== undefined, {
    message: "Enter a name for your organisation, or use an invite link.",
    path: ["organizationName"],
  });
export type SignUpInput = z.input<typeof signUpInputSchema>;
export type SignUpData = z.infer<typeof signUpInputSchema>;

export const requestPasswordResetSchema = z.object({ email: emailSchema });
export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetSchema>;

/** Secrets from links: present, bounded, nothing else (they are compared by hash). */
const linkTokenSchema = z
  .string({ error: "This link is missing its token. Open the link from the email again." })
  .trim()
  .min(1, "This link is missing its token. Open the link from the email again.")
  .max(200, "This link is not valid. Open the link from the email again.");

export const resetPasswordSchema = z.object({ token: linkTokenSchema, password: passwordSchema });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** The canonical IANA name ("europe/london" -> "Europe/London"), or undefined if unknown. */
export function canonicalTimeZone(value: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const timeZoneSchema = z
  .string({ error: "Choose a time zone." })
  .trim()
  .min(1, "Choose a time zone.")
  .max(100, "Choose a valid time zone, like Europe/London.")
  .refine((v) => canonicalTimeZone(v) !== undefined, "Choose a valid time zone, like Europe/London or America/New_York.")
  .transform((v) => canonicalTimeZone(v) ?? v);

export const updateProfileSchema = z.object({ name: personNameSchema, timeZone: timeZoneSchema });
export type UpdateProfileInput = z.input<typeof updateProfileSchema>;

export const inviteTokenInputSchema = z.object({
  token: z
    .string({ error: "This invite link is missing its token. Open the link from the invite again." })
    .trim()
    .min(1, "This invite link is missing its token. Open the link from the invite again.")
    .max(200, "This invite link is not valid."),
});
export type InviteTokenInput = z.infer<typeof inviteTokenInputSchema>;

export const revokeSessionSchema = z.object({
  sessionId: z.string({ error: "Choose a session to sign out." }).min(1, "Choose a session to sign out.").max(100),
});
export type RevokeSessionInput = z.infer<typeof revokeSessionSchema>;

export const listSessionsSchema = z.object({ currentSessionToken: z.string().max(200).optional() });
export type ListSessionsInput = z.infer<typeof listSessionsSchema>;

export const revokeOtherSessionsSchema = z.object({
  currentSessionToken: z
    .string({ error: "Your current session is unknown. Sign in again, then retry." })
    .min(1, "Your current session is unknown. Sign in again, then retry.")
    .max(200),
});
export type RevokeOtherSessionsInput = z.infer<typeof revokeOtherSessionsSchema>;
