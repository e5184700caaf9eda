import { describe, expect, it } from "vitest";
import {
  emailSchema,
  passwordSchema,
  resetPasswordSchema,
  signInInputSchema,
  signUpInputSchema,
  updateProfileSchema,
} from "./auth";

function messages(result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("auth schemas", () => {
  it("trims and lower-cases emails", () => {
    expect(emailSchema.parse("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(messages(emailSchema.safeParse("ada@"))).toEqual([": Enter a valid email address, like name@example.com."]);
    expect(messages(emailSchema.safeParse("   "))).toEqual([": Enter your email address."]);
  });

  it("explains the password length rule", () => {
    expect(messages(passwordSchema.safeParse("123456789"))).toEqual([": Use at least 10 characters for your password."]);
    expect(messages(passwordSchema.safeParse("x".repeat(201)))).toEqual([": Use at most 200 characters for your password."]);
    expect(passwordSchema.parse(" ten chars ")).toBe(" ten chars ");
  });

  it("lets sign-in through with any non-empty password", () => {
    expect(signInInputSchema.parse({ email: "A@B.co", password: "short" })).toEqual({ email: "a@b.co", password: "short" });
    expect(messages(signInInputSchema.safeParse({ email: "a@b.co", password: "" }))).toEqual(["password: Enter your password."]);
  });

  it("needs an invite or an organisation name to sign up", () => {
    const base = { name: "Ada", email: "ada@example.com", password: "long enough password" };
    expect(messages(signUpInputSchema.safeParse(base))).toEqual([
      "organizationName: Enter a name for your organisation, or use an invite link.",
    ]);
    expect(messages(signUpInputSchema.safeParse({ ...base, organizationName: "", inviteToken: "  " }))).toEqual([
      "organizationName: Enter a name for your organisation, or use an invite link.",
    ]);
    const invited = signUpInputSchema.parse({ ...base, inviteToken: "tok" });
    expect(invited.inviteToken).toBe("tok");
    expect(invited.organizationName).toBeUndefined();
    expect(signUpInputSchema.parse({ ...base, organizationName: "  Acme  " })).toMatchObject({ organizationName: "Acme" });
    expect(messages(signUpInputSchema.safeParse({ ...base, organizationName: "A" }))).toEqual([
      "organizationName: Use at least 2 characters for the organisation name.",
    ]);
    expect(messages(signUpInputSchema.safeParse({ ...base, name: " ", organizationName: "Acme" }))).toEqual(["name: Enter your name."]);
  });

  it("checks and canonicalises time zones", () => {
    expect(updateProfileSchema.parse({ name: "Ada", timeZone: "america/new_york" })).toEqual({
      name: "Ada",
      timeZone: "America/New_York",
    });
    expect(updateProfileSchema.parse({ name: "Ada", timeZone: "UTC" }).timeZone).toBe("UTC");
    expect(messages(updateProfileSchema.safeParse({ name: "Ada", timeZone: "Nowhere/Special" }))).toEqual([
      "timeZone: Choose a valid time zone, like Europe/London or America/New_York.",
    ]);
  });

  it("requires a token for a reset", () => {
    expect(resetPasswordSchema.safeParse({ token: "", password: "long enough password" }).success).toBe(false);
  });
});
