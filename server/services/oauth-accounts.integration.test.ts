import { describe, expect, it } from "vitest";
import { db } from "../db";
import { linkOAuthAccount } from "./oauth-accounts";
import { signUp } from "./accounts";

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

describe("linkOAuthAccount", () => {
  it("creates a user with a verified email and links the provider account once", async () => {
    const id = unique();
    const email = `oauth-${id}@example.org`;
    const first = await linkOAuthAccount({
      provider: "discord",
      providerAccountId: `d-${id}`,
      type: "oauth",
      email: email.toUpperCase(),
      name: "Disco Person",
      emailVerified: true,
    });
    const again = await linkOAuthAccount({
      provider: "discord",
      providerAccountId: `d-${id}`,
      type: "oauth",
      email,
      name: "Disco Person",
      emailVerified: true,
    });
    expect(again.userId).toBe(first.userId);
    const user = await db().user.findUniqueOrThrow({ where: { id: first.userId }, include: { accounts: true } });
    expect(user.email).toBe(email);
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user.passwordHash).toBeNull();
    expect(user.accounts).toHaveLength(1);
  });

  it("links to an existing password account only when the provider verified the email", async () => {
    const id = unique();
    const email = `both-${id}@example.org`;
    const { userId } = await signUp({ name: "Both Ways", email, password: "long-enough-password", organizationName: `Org ${id}` });

    await expect(
      linkOAuthAccount({ provider: "google", providerAccountId: `g-${id}`, type: "oidc", email, name: "X", emailVerified: false }),
    ).rejects.toThrow(/existing account/);
    expect(await db().account.count({ where: { userId } })).toBe(0);

    const linked = await linkOAuthAccount({
      provider: "google",
      providerAccountId: `g-${id}`,
      type: "oidc",
      email,
      name: "Both Ways",
      emailVerified: true,
    });
    expect(linked.userId).toBe(userId);
  });

  it("rejects input without a usable email and changes nothing", async () => {
    const before = await db().user.count();
    await expect(
      linkOAuthAccount({ provider: "discord", providerAccountId: "x", type: "oauth", email: "not-an-email", name: "N", emailVerified: true }),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(await db().user.count()).toBe(before);
  });
});
