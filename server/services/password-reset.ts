import { isIP } from "node:net";
import { AppError } from "@/lib/errors";
import {
  requestPasswordResetSchema,
  resetPasswordSchema,
  type RequestPasswordResetInput,
  type ResetPasswordInput,
} from "@/lib/schemas/auth";
import { parseInput } from "@/lib/validation";
import { db } from "../db";
import { appUrl } from "../env";
import { passwordResetEmail, sendMail } from "../mail";
import { createRateLimiter } from "../rate-limit";
import { hashPassword } from "../security/password";
import { hashSecret, newSecret } from "../security/tokens";

export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const IDENTIFIER_PREFIX = "password-reset:";

export const passwordResetRequestedMessage =
  "If an account exists for that email, we have sent it a link to reset the password. The link expires in 1 hour.";

const invalidLinkMessage = "This reset link is invalid or has expired. Request a new one.";

/** 3 mails an hour per address: enough to retry, too few to flood someone's inbox. */
const perEmailLimiter = createRateLimiter({ name: "password-reset-email", limit: 3, windowMs: 60 * 60 * 1000 });
/**
 * Per client address, against one machine cycling through many emails. Only
 * for real addresses: without a trusted proxy every caller shares one
 * placeholder, and a shared bucket would let one person block everyone's resets.
 */
const perIpLimiter = createRateLimiter({ name: "password-reset-ip", limit: 30, windowMs: 60 * 60 * 1000 });

export interface PasswordResetRequested {
  message: string;
}

/**
 * Mails a reset link when the email has an account. The answer is the same
 * whether or not it has one, and when the rate limit is reached, so the form
 * cannot be used to find out which emails are registered.
 */
export async function requestPasswordReset(
  input: RequestPasswordResetInput,
  context: { ip?: string | null } = {},
): Promise<PasswordResetRequested> {
  const { email } = parseInput(requestPasswordResetSchema, input);
  const result: PasswordResetRequested = { message: passwordResetRequestedMessage };

  const [byEmail, byIp] = await Promise.all([
    perEmailLimiter.hit(email),
    context.ip && isIP(context.ip) ? perIpLimiter.hit(context.ip) : Promise.resolve(undefined),
  ]);
  if (!byEmail.allowed || (byIp && !byIp.allowed)) return result;

  const user = await db().user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  if (!user) return result;

  const token = newSecret();
  const identifier = `${IDENTIFIER_PREFIX}${user.id}`;
  await db().$transaction([
    // Only the newest link works.
    db().verificationToken.deleteMany({ where: { identifier } }),
    db().verificationToken.create({
      data: { identifier, token: hashSecret(token), expires: new Date(Date.now() + RESET_TOKEN_LIFETIME_MS) },
    }),
  ]);

  const url = `${appUrl()}/reset-password?token=${encodeURIComponent(token)}`;
  try {
    await sendMail({ to: user.email, ...passwordResetEmail({ name: user.name, url }) });
  } catch (error) {
    // An error here would tell the caller the account exists; the operator sees it in the log instead.
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[password-reset] The reset email for user ${user.id} could not be sent: ${reason}`);
  }
  return result;
}

export interface PasswordResetDone {
  userId: string;
  /** Devices signed out by the reset. */
  sessionsRevoked: number;
}

/**
 * Sets a new password from a reset link. The link works once; every device
 * is signed out, since whoever knew the old password may be signed in.
 */
export async function resetPassword(input: ResetPasswordInput): Promise<PasswordResetDone> {
  const data = parseInput(resetPasswordSchema, input);
  const tokenHash = hashSecret(data.token);
  const invalid = () => new AppError("invalid", invalidLinkMessage, { fieldErrors: { token: [invalidLinkMessage] } });

  const row = await db().verificationToken.findUnique({ where: { token: tokenHash } });
  if (!row || !row.identifier.startsWith(IDENTIFIER_PREFIX)) throw invalid();
  if (row.expires <= new Date()) {
    await db().verificationToken.deleteMany({ where: { token: tokenHash } });
    throw invalid();
  }
  const userId = row.identifier.slice(IDENTIFIER_PREFIX.length);
  const passwordHash = await hashPassword(data.password);

  return db().$transaction(async (tx) => {
    // Deleting is the claim: of two requests racing with one link, only one deletes the row.
    const claimed = await tx.verificationToken.deleteMany({
      where: { token: tokenHash, identifier: row.identifier, expires: { gt: new Date() } },
    });
    if (claimed.count === 0) throw invalid();
    const updated = await tx.user.updateMany({ where: { id: userId }, data: { passwordHash } });
    if (updated.count === 0) throw invalid();
    const now = new Date();
    const sessions = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await tx.auditLog.create({
      data: {
        actorId: userId,
        action: "user.password_reset",
        targetType: "User",
        targetId: userId,
        data: { sessionsRevoked: sessions.count },
      },
    });
    return { userId, sessionsRevoked: sessions.count };
  });
}
