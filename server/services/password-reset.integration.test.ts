import { describe, expect, it } from "vitest";
import { db } from "../db";
import { appUrl } from "../env";
import { hashSecret, newSecret } from "../security/tokens";
import { signUp, verifyCredentials } from "./accounts";
import { passwordResetRequestedMessage, requestPasswordReset, resetPassword } from "./password-reset";
import { createDeviceSession, validateDeviceSession } from "./sessions";

const OLD_PASSWORD = "old password 123";
const NEW_PASSWORD = "brand new secret 456";

function uniq(): string {
  return newSecret(6).toLowerCase().replace(/[^a-z0-9]/g, "x");
}
function ip(): string {
  return `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
}

async function newUser(label: string) {
  const email = `${label}-${uniq()}@example.com`;
  const { userId } = await signUp({ name: "Rosa Reset", email, password: OLD_PASSWORD, organizationName: `Org ${uniq()}` });
  return { userId, email };
}

async function mailsTo(email: string) {
  return db().mailMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
}

function tokenFrom(text: string): string {
  const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no reset link in: ${text}`);
  return match[1];
}

describe("requestPasswordReset", () => {
  it("mails a one-hour link and stores only the token's hash", async () => {
    const { userId, email } = await newUser("request");
    const result = await requestPasswordReset({ email: email.toUpperCase() }, { ip: ip() });
    expect(result).toEqual({ message: passwordResetRequestedMessage });

    const [mail] = await mailsTo(email);
    expect(mail).toMatchObject({ subject: "Reset your Lyceum password" });
    const token = tokenFrom(mail?.text ?? "");
    const link = `${appUrl()}/reset-password?token=${token}`;
    expect(mail?.text).toContain(link);
    expect(mail?.html).toContain(`href="${link}"`);

    const rows = await db().verificationToken.findMany({ where: { identifier: `password-reset:${userId}` } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token).toBe(hashSecret(token));
    const lifetime = (rows[0]?.expires.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
  });

  it("answers the same for an unknown email and sends nothing", async () => {
    const email = `ghost-${uniq()}@example.com`;
    expect(await requestPasswordReset({ email }, { ip: ip() })).toEqual({ message: passwordResetRequestedMessage });
    expect(await mailsTo(email)).toHaveLength(0);
  });

  it("keeps only the newest link working", async () => {
    const { userId, email } = await newUser("newest");
    await requestPasswordReset({ email }, { ip: ip() });
    await requestPasswordReset({ email }, { ip: ip() });
    const [first, second] = (await mailsTo(email)).map((m) => tokenFrom(m.text));
    expect(first).not.toBe(second);
    expect(await db().verificationToken.count({ where: { identifier: `password-reset:${userId}` } })).toBe(1);
    await expect(resetPassword({ token: first ?? "", password: NEW_PASSWORD })).rejects.toMatchObject({ code: "invalid" });
    await expect(resetPassword({ token: second ?? "", password: NEW_PASSWORD })).resolves.toMatchObject({ userId });
  });

  it("sends at most 3 mails an hour per address, silently", async () => {
    const { email } = await newUser("limited");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await requestPasswordReset({ email }, { ip: ip() }));
    expect(new Set(results.map((r) => r.message))).toEqual(new Set([passwordResetRequestedMessage]));
    expect(await mailsTo(email)).toHaveLength(3);
  });

  it("limits requests per client address, silently, but not for a placeholder address", async () => {
    const busy = ip();
    for (let i = 0; i < 30; i++) await requestPasswordReset({ email: `probe-${i}-${uniq()}@example.com` }, { ip: busy });
    const { email } = await newUser("busy-ip");
    expect(await requestPasswordReset({ email }, { ip: busy })).toEqual({ message: passwordResetRequestedMessage });
    expect(await mailsTo(email)).toHaveLength(0);
    await requestPasswordReset({ email }, { ip: ip() });
    expect(await mailsTo(email)).toHaveLength(1);

    for (let i = 0; i < 31; i++) await requestPasswordReset({ email: `probe-${i}-${uniq()}@example.com` }, { ip: "direct" });
    const other = await newUser("direct-ip");
    await requestPasswordReset({ email: other.email }, { ip: "direct" });
    expect(await mailsTo(other.email)).toHaveLength(1);
  });

  it("rejects a malformed email with a clear message", async () => {
    await expect(requestPasswordReset({ email: "nope" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { email: [expect.stringMatching(/valid email/)] },
    });
  });
});

describe("resetPassword", () => {
  it("sets the new password, works once and signs out every device", async () => {
    const { userId, email } = await newUser("reset");
    const devices = await Promise.all([
      createDeviceSession({ userId, userAgent: "A" }),
      createDeviceSession({ userId, userAgent: "B" }),
    ]);
    await requestPasswordReset({ email }, { ip: ip() });
    const [mail] = await mailsTo(email);
    const token = tokenFrom(mail?.text ?? "");

    const done = await resetPassword({ token, password: NEW_PASSWORD });
    expect(done).toEqual({ userId, sessionsRevoked: 2 });
    for (const d of devices) expect(await validateDeviceSession(d.sessionToken)).toBeNull();
    expect(await verifyCredentials({ email, password: NEW_PASSWORD })).toMatchObject({ id: userId });
    expect(await verifyCredentials({ email, password: OLD_PASSWORD })).toBeNull();
    expect(await db().verificationToken.count({ where: { identifier: `password-reset:${userId}` } })).toBe(0);

    await expect(resetPassword({ token, password: "yet another password" })).rejects.toMatchObject({
      code: "invalid",
      message: "This reset link is invalid or has expired. Request a new one.",
    });
    expect(await verifyCredentials({ email, password: NEW_PASSWORD })).toMatchObject({ id: userId });

    // Secrets appear nowhere except the link in the mail body.
    const audit = await db().auditLog.findMany({ where: { actorId: userId } });
    expect(audit.map((a) => a.action)).toContain("user.password_reset");
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    const stored = JSON.stringify({ audit, mails: await mailsTo(email), done });
    for (const secret of [NEW_PASSWORD, OLD_PASSWORD, user.passwordHash ?? "-", hashSecret(token)]) {
      expect(stored).not.toContain(secret);
    }
    expect(JSON.stringify({ audit, done })).not.toContain(token);
    const allMailText = (await mailsTo(email)).map((m) => `${m.subject}\n${m.text}\n${m.html}`).join("\n");
    const withoutLinks = allMailText.split(`${appUrl()}/reset-password?token=${token}`).join("");
    expect(withoutLinks).not.toContain(token);
  });

  it("lets only one of two racing resets use a link", async () => {
    const { email } = await newUser("race");
    await requestPasswordReset({ email }, { ip: ip() });
    const token = tokenFrom((await mailsTo(email))[0]?.text ?? "");
    const results = await Promise.allSettled([
      resetPassword({ token, password: "first racer password" }),
      resetPassword({ token, password: "second racer password" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("rejects expired and unknown links", async () => {
    const { userId, email } = await newUser("expired");
    await requestPasswordReset({ email }, { ip: ip() });
    const token = tokenFrom((await mailsTo(email))[0]?.text ?? "");
    await db().verificationToken.update({ where: { token: hashSecret(token) }, data: { expires: new Date(Date.now() - 1) } });
    await expect(resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({
      code: "invalid",
      message: "This reset link is invalid or has expired. Request a new one.",
    });
    expect(await db().verificationToken.count({ where: { identifier: `password-reset:${userId}` } })).toBe(0);
    expect(await verifyCredentials({ email, password: OLD_PASSWORD })).toMatchObject({ id: userId });
    await expect(resetPassword({ token: newSecret(), password: NEW_PASSWORD })).rejects.toMatchObject({ code: "invalid" });
  });

  it("enforces the password rule", async () => {
    await expect(resetPassword({ token: newSecret(), password: "short" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { password: ["Use at least 10 characters for your password."] },
    });
  });
});
