import { createHmac, randomBytes } from "node:crypto";
import { appUrl, env } from "../../env";
import { safeEqual } from "../../security/tokens";

/**
 * Signed RSVP links for emails: one click records the answer without signing
 * in. The token is the meeting, the member and the answer in clear plus an
 * HMAC-SHA256 over the three, so nothing is stored per link and a link cannot
 * be altered to answer for someone else or another meeting.
 *
 * Tokens carry no expiry: an invite sent weeks ahead must still work on the
 * day, and answering after the meeting ended is refused by rsvpByToken
 * against the meeting itself, not by the token.
 */

export const RSVP_RESPONSES = ["yes", "no", "maybe"] as const;
export type RsvpAnswer = (typeof RSVP_RESPONSES)[number];

export interface RsvpLinkClaims {
  meetingId: string;
  userId: string;
  response: RsvpAnswer;
}

let processKey: Buffer | undefined;

/**
 * A key of its own derived from AUTH_SECRET (never AUTH_SECRET itself), so an
 * RSVP signature can never be replayed as a session or workflow signature.
 * Without AUTH_SECRET (tests; the launcher always sets one) a random key for
 * the process: links then last until a restart.
 */
function signingKey(): Buffer {
  const secret = env().AUTH_SECRET;
  if (secret) return createHmac("sha256", secret).update("lyceum rsvp link key v1").digest();
  processKey ??= randomBytes(32);
  return processKey;
}

function signature(claims: RsvpLinkClaims): string {
  // Newlines cannot occur in ids, so the signed message is unambiguous.
  return createHmac("sha256", signingKey())
    .update(`rsvp\n${claims.meetingId}\n${claims.userId}\n${claims.response}`)
    .digest("base64url");
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function rsvpToken(meetingId: string, userId: string, response: RsvpAnswer): string {
  if (!ID.test(meetingId) || !ID.test(userId)) throw new RangeError("RSVP links need plain meeting and user ids.");
  return `${meetingId}.${userId}.${response}.${signature({ meetingId, userId, response })}`;
}

/** The absolute URL of the public page that records this answer (app/rsvp/[token]). */
export function rsvpUrl(meetingId: string, userId: string, response: RsvpAnswer): string {
  return `${appUrl()}/rsvp/${rsvpToken(meetingId, userId, response)}`;
}

/** The claims of a genuine token, or null for anything malformed or tampered with. */
export function verifyRsvpToken(token: string): RsvpLinkClaims | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [meetingId, userId, response, sig] = parts as [string, string, string, string];
  if (!ID.test(meetingId) || !ID.test(userId)) return null;
  if (!(RSVP_RESPONSES as readonly string[]).includes(response)) return null;
  const claims: RsvpLinkClaims = { meetingId, userId, response: response as RsvpAnswer };
  return safeEqual(sig, signature(claims)) ? claims : null;
}
