import { createHmac, randomBytes } from "node:crypto";

/**
 * The embedded executor signs its requests to the serve handler exactly as an
 * Inngest server does (X-Inngest-Signature, HMAC-SHA256 of the canonical body
 * and a timestamp). The key is derived from AUTH_SECRET, or random for the
 * process when that is unset, and never leaves the server: nobody outside can
 * call /api/inngest in embedded mode, unlike the SDK's unsigned dev mode.
 */
let processKey: string | undefined;

export function embeddedSigningKey(authSecret: string | undefined = process.env.AUTH_SECRET): string {
  const secret = authSecret?.trim();
  if (secret) return `signkey-embedded-${createHmac("sha256", secret).update("lyceum embedded workflow signing key").digest("hex")}`;
  processKey ??= `signkey-embedded-${randomBytes(32).toString("hex")}`;
  return processKey;
}

/**
 * The X-Inngest-Signature value for `body`. The timestamp is the real time,
 * not the executor's (possibly simulated) clock, because the SDK rejects
 * signatures more than five minutes from its own clock.
 */
export function signatureHeader(body: string, signingKey: string, nowMs: number = Date.now()): string {
  const t = Math.floor(nowMs / 1000).toString();
  const key = signingKey.replace(/^signkey-\w+-/, "");
  const s = createHmac("sha256", key).update(body + t).digest("hex");
  return `t=${t}&s=${s}`;
}
