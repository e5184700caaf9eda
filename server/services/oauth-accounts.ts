import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { db } from "../db";

const linkOAuthSchema = z.object({
  provider: z.string().min(1),
  providerAccountId: z.string().min(1),
  type: z.string().min(1),
  email: z.email().transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  emailVerified: z.boolean(),
});

/**
 * Finds or creates the local user for an OAuth sign-in. An existing account
 * with the same email is linked only when the provider verified the email,
 * so nobody takes over an account by registering its address elsewhere.
 */
export async function linkOAuthAccount(input: z.input<typeof linkOAuthSchema>): Promise<{ userId: string }> {
  const data = parseInput(linkOAuthSchema, input);
  return db().$transaction(async (tx) => {
    const existing = await tx.account.findUnique({
      where: { provider_providerAccountId: { provider: data.provider, providerAccountId: data.providerAccountId } },
      select: { userId: true },
    });
    if (existing) return existing;
    let user = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (user && !data.emailVerified) {
      throw new AppError("conflict", "This email belongs to an existing account; sign in with your password to link it.");
    }
    user ??= await tx.user.create({
      data: { email: data.email, name: data.name, emailVerified: data.emailVerified ? new Date() : null },
      select: { id: true },
    });
    await tx.account.create({
      data: { userId: user.id, provider: data.provider, providerAccountId: data.providerAccountId, type: data.type },
    });
    return { userId: user.id };
  });
}
