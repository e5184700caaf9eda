import { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  listSessionsSchema,
  revokeOtherSessionsSchema,
  revokeSessionSchema,
  type RevokeSessionInput,
} from "@/lib/schemas/auth";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../auth/actor";
import { assertCan, can, requireActor } from "../auth/permissions";
import { db } from "../db";
import { hashSecret, newSecret } from "../security/tokens";

/**
 * Device sessions. next-auth keeps a JWT in the browser; the JWT carries the
 * secret token created here and every request checks it with
 * `validateDeviceSession`, so revoking the row signs that device out.
 * The database holds only the token's SHA-256 (in `Session.sessionToken`), so a
 * leaked database or backup cannot be replayed as a live sign-in.
 */

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often, so requests do not each cost a write. */
export const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

export interface DeviceSession {
  /** The Session row's id (safe to show; used to mark "this device"). */
  id: string;
  /** The secret for the JWT; shown once, never stored or listed. */
  sessionToken: string;
  expires: Date;
}

export interface SessionSummary {
  id: string;
  userAgent: string | null;
  deviceLabel: string;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

function clip(value: string | null | undefined, max: number): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

export async function createDeviceSession(input: {
  userId: string;
  userAgent?: string | null;
  ipAddress?: string | null;
}): Promise<DeviceSession> {
  const user = await db().user.findUnique({ where: { id: input.userId }, select: { id: true } });
  if (!user) throw new AppError("not_found", "This account no longer exists. Sign up again.");
  const sessionToken = newSecret();
  const expires = new Date(Date.now() + SESSION_LIFETIME_MS);
  const row = await db().session.create({
    select: { id: true },
    data: {
      sessionToken: hashSecret(sessionToken),
      userId: user.id,
      expires,
      userAgent: clip(input.userAgent, 512),
      ipAddress: clip(input.ipAddress, 64),
    },
  });
  return { id: row.id, sessionToken, expires };
}

/** The signed-in user for a token, or null when it is unknown, signed out or expired. */
export async function validateDeviceSession(
  sessionToken: string | null | undefined,
): Promise<{ userId: string; sessionId: string } | null> {
  if (typeof sessionToken !== "string" || sessionToken.length === 0 || sessionToken.length > 200) return null;
  const now = new Date();
  const session = await db().session.findUnique({
    where: { sessionToken: hashSecret(sessionToken) },
    select: { id: true, userId: true, expires: true, revokedAt: true, lastSeenAt: true },
  });
  if (!session || session.revokedAt || session.expires <= now) return null;
  const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
  if (session.lastSeenAt < staleBefore) {
    // Conditional, so a burst of parallel requests writes once.
    await db().session.updateMany({
      where: { id: session.id, lastSeenAt: { lt: staleBefore } },
      data: { lastSeenAt: now },
    });
  }
  return { userId: session.userId, sessionId: session.id };
}

/** Sign out this device. Unknown or already-ended tokens are fine: the device is signed out either way. */
export async function endDeviceSession(sessionToken: string | null | undefined): Promise<void> {
  if (typeof sessionToken !== "string" || sessionToken.length === 0 || sessionToken.length > 200) return;
  await db().session.updateMany({
    where: { sessionToken: hashSecret(sessionToken), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

const unknownCurrentSession = "Your current session is unknown. Sign in again, then retry.";

/**
 * The current device is named by its secret token (the bot, tests) or by its
 * Session row id: the web knows only the id, because the token lives inside
 * the encrypted JWT.
 */
const listMySessionsSchema = listSessionsSchema.extend({ currentSessionId: z.string().max(100).optional() });
export type ListMySessionsInput = z.input<typeof listMySessionsSchema>;

const revokeOtherSessionsOptionsSchema = revokeOtherSessionsSchema
  .partial()
  .extend({ currentSessionId: z.string().min(1, unknownCurrentSession).max(100).optional() })
  .refine((v) => v.currentSessionToken !== undefined || v.currentSessionId !== undefined, { message: unknownCurrentSession });
export type RevokeOtherSessionsOptions = z.input<typeof revokeOtherSessionsOptionsSchema>;

/** The signed-in user's active sessions, newest first, marking the one making the request. */
export async function listMySessions(actor: MaybeActor, input: ListMySessionsInput = {}): Promise<SessionSummary[]> {
  requireActor(actor);
  assertCan(actor, "read", "Session", { userId: actor.userId });
  const { currentSessionToken, currentSessionId } = parseInput(listMySessionsSchema, input);
  const currentHash = currentSessionToken ? hashSecret(currentSessionToken) : undefined;
  const rows = await db().session.findMany({
    where: { userId: actor.userId, revokedAt: null, expires: { gt: new Date() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, sessionToken: true, userAgent: true, ipAddress: true, createdAt: true, lastSeenAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    userAgent: row.userAgent,
    deviceLabel: deviceLabelOf(row.userAgent),
    ipAddress: row.ipAddress,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    current: (currentHash !== undefined && row.sessionToken === currentHash) || (!!currentSessionId && row.id === currentSessionId),
  }));
}

/** Signs out one device. Sessions the actor may not touch answer not_found, as if they did not exist. */
export async function revokeSession(actor: MaybeActor, input: RevokeSessionInput): Promise<{ id: string }> {
  requireActor(actor);
  const { sessionId } = parseInput(revokeSessionSchema, input);
  const notFound = new AppError("not_found", "That session was not found. It may have ended already; refresh the list.");
  const session = await db().session.findUnique({ where: { id: sessionId }, select: { id: true, userId: true } });
  // Not forbidden: that would confirm another person's session id exists.
  if (!session || !can(actor, "delete", "Session", { userId: session.userId })) throw notFound;
  await db().session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: new Date() } });
  return { id: session.id };
}

/** "Sign out everywhere else": ends every active session of the actor except the current one. */
export async function revokeOtherSessions(
  actor: MaybeActor,
  input: RevokeOtherSessionsOptions,
): Promise<{ revoked: number }> {
  requireActor(actor);
  assertCan(actor, "delete", "Session", { userId: actor.userId });
  const { currentSessionToken, currentSessionId } = parseInput(revokeOtherSessionsOptionsSchema, input);
  const now = new Date();
  const active = { userId: actor.userId, revokedAt: null, expires: { gt: now } };
  if (currentSessionId !== undefined) {
    // An id that is not one of the actor's live sessions would keep nothing and sign out this device too.
    const current = await db().session.findFirst({ where: { id: currentSessionId, ...active }, select: { id: true } });
    if (!current) throw new AppError("invalid", unknownCurrentSession);
  }
  const result = await db().session.updateMany({
    where: {
      ...active,
      ...(currentSessionToken !== undefined ? { sessionToken: { not: hashSecret(currentSessionToken) } } : {}),
      ...(currentSessionId !== undefined ? { id: { not: currentSessionId } } : {}),
    },
    data: { revokedAt: now },
  });
  return { revoked: result.count };
}

/** "Chrome on Linux", "Safari on iPhone", ... good enough for a person to recognise a device. */
export function deviceLabelOf(userAgent: string | null | undefined): string {
  const ua = userAgent ?? "";
  if (!ua) return "Unknown device";
  const browser = browserOf(ua);
  const os = osOf(ua);
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? (os ? `Browser on ${os}` : "Unknown device");
}

function browserOf(ua: string): string | undefined {
  const rules: [RegExp, string][] = [
    [/\bEdg(e|A|iOS)?\//, "Edge"],
    [/\b(OPR|Opera)\//, "Opera"],
    [/\bSamsungBrowser\//, "Samsung Internet"],
    [/\b(Firefox|FxiOS)\//, "Firefox"],
    [/\bVivaldi\//, "Vivaldi"],
    // HeadlessChrome: automated browsers, e.g. the end-to-end tests.
    [/\b(Chrome|CriOS|Chromium|HeadlessChrome)\//, "Chrome"],
    [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
    [/\bDiscordBot\b|\bdiscord\b/i, "Discord"],
    [/\bcurl\//, "curl"],
  ];
  return rules.find(([re]) => re.test(ua))?.[1];
}

function osOf(ua: string): string | undefined {
  const rules: [RegExp, string][] = [
    [/\biPhone\b/, "iPhone"],
    [/\biPad\b/, "iPad"],
    [/\bAndroid\b/, "Android"],
    [/\bCrOS\b/, "ChromeOS"],
    [/\bWindows\b/, "Windows"],
    [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
    [/\bLinux\b/, "Linux"],
  ];
  return rules.find(([re]) => re.test(ua))?.[1];
}
