import { describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../auth/actor";
import { db } from "../db";
import { hashSecret, newSecret } from "../security/tokens";
import { signUp } from "./accounts";
import {
  createDeviceSession,
  deviceLabelOf,
  endDeviceSession,
  listMySessions,
  revokeOtherSessions,
  revokeSession,
  SESSION_LIFETIME_MS,
  validateDeviceSession,
} from "./sessions";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

function uniq(): string {
  return newSecret(6).toLowerCase().replace(/[^a-z0-9]/g, "x");
}

async function newUser(label: string): Promise<{ userId: string; actor: Actor }> {
  const { userId } = await signUp({
    name: label,
    email: `${label}-${uniq()}@example.com`,
    password: "correct horse battery",
    organizationName: `Org ${uniq()}`,
  });
  const actor = await loadActor(db(), userId);
  if (!actor) throw new Error("no actor");
  return { userId, actor };
}

describe("device sessions", () => {
  it("creates a 30-day session whose token validates and is stored only as a hash", async () => {
    const { userId } = await newUser("create");
    const before = Date.now();
    const { id, sessionToken, expires } = await createDeviceSession({ userId, userAgent: CHROME_LINUX, ipAddress: "203.0.113.7" });
    expect(sessionToken.length).toBeGreaterThanOrEqual(43);
    expect(expires.getTime() - before).toBeGreaterThanOrEqual(SESSION_LIFETIME_MS - 1000);
    expect(expires.getTime() - before).toBeLessThanOrEqual(SESSION_LIFETIME_MS + 1000);

    expect(await validateDeviceSession(sessionToken)).toEqual({ userId, sessionId: id });
    const rows = await db().session.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sessionToken).toBe(hashSecret(sessionToken));
    expect(rows[0]?.sessionToken).not.toBe(sessionToken);
  });

  it("rejects unknown, signed-out and expired tokens", async () => {
    const { userId } = await newUser("invalid");
    expect(await validateDeviceSession(newSecret())).toBeNull();
    expect(await validateDeviceSession("")).toBeNull();
    expect(await validateDeviceSession(undefined)).toBeNull();

    const signedOut = await createDeviceSession({ userId });
    await endDeviceSession(signedOut.sessionToken);
    expect(await validateDeviceSession(signedOut.sessionToken)).toBeNull();
    await endDeviceSession(signedOut.sessionToken); // signing out twice is harmless

    const old = await createDeviceSession({ userId });
    await db().session.update({ where: { sessionToken: hashSecret(old.sessionToken) }, data: { expires: new Date(Date.now() - 1) } });
    expect(await validateDeviceSession(old.sessionToken)).toBeNull();
  });

  it("refuses to create a session for a user that does not exist", async () => {
    await expect(createDeviceSession({ userId: "missing-user" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("touches lastSeenAt at most once a minute", async () => {
    const { userId } = await newUser("touch");
    const { sessionToken } = await createDeviceSession({ userId });
    const where = { sessionToken: hashSecret(sessionToken) };
    const fresh = (await db().session.findUniqueOrThrow({ where })).lastSeenAt;
    await validateDeviceSession(sessionToken);
    expect((await db().session.findUniqueOrThrow({ where })).lastSeenAt).toEqual(fresh);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db().session.update({ where, data: { lastSeenAt: twoMinutesAgo } });
    await Promise.all([validateDeviceSession(sessionToken), validateDeviceSession(sessionToken)]);
    const touched = (await db().session.findUniqueOrThrow({ where })).lastSeenAt;
    expect(touched.getTime()).toBeGreaterThan(Date.now() - 5000);
    await validateDeviceSession(sessionToken);
    expect((await db().session.findUniqueOrThrow({ where })).lastSeenAt).toEqual(touched);
  });

  it("lists active sessions newest first, marks the current one and never exposes tokens", async () => {
    const { userId, actor } = await newUser("list");
    const laptop = await createDeviceSession({ userId, userAgent: CHROME_LINUX, ipAddress: "198.51.100.1" });
    await new Promise((r) => setTimeout(r, 5));
    const phone = await createDeviceSession({ userId, userAgent: SAFARI_IPHONE });
    const ended = await createDeviceSession({ userId });
    await endDeviceSession(ended.sessionToken);

    const list = await listMySessions(actor, { currentSessionToken: laptop.sessionToken });
    expect(list.map((s) => s.deviceLabel)).toEqual(["Safari on iPhone", "Chrome on Linux"]);
    expect(list.map((s) => s.current)).toEqual([false, true]);
    expect(list[1]).toMatchObject({ ipAddress: "198.51.100.1", userAgent: CHROME_LINUX });
    for (const item of list) expect(Object.keys(item).sort()).toEqual(
      ["createdAt", "current", "deviceLabel", "id", "ipAddress", "lastSeenAt", "userAgent"],
    );
    const json = JSON.stringify(list);
    for (const secret of [laptop.sessionToken, phone.sessionToken, hashSecret(laptop.sessionToken), hashSecret(phone.sessionToken)]) {
      expect(json).not.toContain(secret);
    }
    expect((await listMySessions(actor)).every((s) => !s.current)).toBe(true);
    await expect(listMySessions(null)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("revokes one of my sessions, which then stops validating", async () => {
    const { userId, actor } = await newUser("revoke");
    const keep = await createDeviceSession({ userId });
    const drop = await createDeviceSession({ userId });
    const [dropRow] = await db().session.findMany({ where: { sessionToken: hashSecret(drop.sessionToken) } });
    const sessionId = dropRow?.id ?? "";
    expect(await revokeSession(actor, { sessionId })).toEqual({ id: sessionId });
    expect(await validateDeviceSession(drop.sessionToken)).toBeNull();
    expect(await validateDeviceSession(keep.sessionToken)).toMatchObject({ userId });
    expect(await revokeSession(actor, { sessionId })).toEqual({ id: sessionId }); // idempotent
  });

  it("answers not_found for another person's session and leaves it alone", async () => {
    const alice = await newUser("alice");
    const bob = await newUser("bob");
    const bobs = await createDeviceSession({ userId: bob.userId });
    const bobRow = await db().session.findUniqueOrThrow({ where: { sessionToken: hashSecret(bobs.sessionToken) } });

    const error = await revokeSession(alice.actor, { sessionId: bobRow.id }).catch((e: unknown) => e);
    const unknown = await revokeSession(alice.actor, { sessionId: "no-such-session" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_found" });
    // Same answer as for an id that does not exist, so ids cannot be probed.
    expect((error as Error).message).toBe((unknown as Error).message);
    expect(await validateDeviceSession(bobs.sessionToken)).toMatchObject({ userId: bob.userId });
    await expect(revokeSession(null, { sessionId: bobRow.id })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("signs out every other device", async () => {
    const { userId, actor } = await newUser("others");
    const current = await createDeviceSession({ userId });
    const others = await Promise.all([createDeviceSession({ userId }), createDeviceSession({ userId })]);
    const alreadyEnded = await createDeviceSession({ userId });
    await endDeviceSession(alreadyEnded.sessionToken);
    const bystander = await newUser("bystander");
    const theirs = await createDeviceSession({ userId: bystander.userId });

    expect(await revokeOtherSessions(actor, { currentSessionToken: current.sessionToken })).toEqual({ revoked: 2 });
    expect(await validateDeviceSession(current.sessionToken)).toMatchObject({ userId });
    for (const o of others) expect(await validateDeviceSession(o.sessionToken)).toBeNull();
    expect(await validateDeviceSession(theirs.sessionToken)).toMatchObject({ userId: bystander.userId });
    await expect(revokeOtherSessions(actor, { currentSessionToken: "" })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("naming the current device by its Session row id", () => {
  it("marks the current session by id", async () => {
    const { userId, actor } = await newUser("list-by-id");
    const laptop = await createDeviceSession({ userId, userAgent: CHROME_LINUX });
    await new Promise((r) => setTimeout(r, 5));
    await createDeviceSession({ userId, userAgent: SAFARI_IPHONE });

    const list = await listMySessions(actor, { currentSessionId: laptop.id });
    expect(list.map((s) => [s.deviceLabel, s.current])).toEqual([
      ["Safari on iPhone", false],
      ["Chrome on Linux", true],
    ]);
    // Another person's session id marks nothing.
    const other = await newUser("list-by-id-other");
    const theirs = await createDeviceSession({ userId: other.userId });
    expect((await listMySessions(actor, { currentSessionId: theirs.id })).every((s) => !s.current)).toBe(true);
  });

  it("signs out every other device, keeping the one named by id", async () => {
    const { userId, actor } = await newUser("others-by-id");
    const current = await createDeviceSession({ userId });
    const others = await Promise.all([createDeviceSession({ userId }), createDeviceSession({ userId })]);
    const bystander = await newUser("bystander-by-id");
    const theirs = await createDeviceSession({ userId: bystander.userId });

    expect(await revokeOtherSessions(actor, { currentSessionId: current.id })).toEqual({ revoked: 2 });
    expect(await validateDeviceSession(current.sessionToken)).toMatchObject({ userId, sessionId: current.id });
    for (const o of others) expect(await validateDeviceSession(o.sessionToken)).toBeNull();
    expect(await validateDeviceSession(theirs.sessionToken)).toMatchObject({ userId: bystander.userId });
    expect(await revokeOtherSessions(actor, { currentSessionId: current.id })).toEqual({ revoked: 0 });
  });

  it("refuses an id that is not one of my live sessions, and signs nothing out", async () => {
    const { userId, actor } = await newUser("others-bad-id");
    const mine = await createDeviceSession({ userId });
    const ended = await createDeviceSession({ userId });
    await endDeviceSession(ended.sessionToken);
    const bystander = await newUser("bystander-bad-id");
    const theirs = await createDeviceSession({ userId: bystander.userId });

    for (const currentSessionId of [theirs.id, ended.id, "no-such-session", ""]) {
      await expect(revokeOtherSessions(actor, { currentSessionId })).rejects.toMatchObject({
        code: "invalid",
        message: expect.stringContaining("Sign in again"),
      });
    }
    await expect(revokeOtherSessions(actor, {})).rejects.toMatchObject({ code: "invalid" });
    expect(await validateDeviceSession(mine.sessionToken)).toMatchObject({ userId });
    expect(await validateDeviceSession(theirs.sessionToken)).toMatchObject({ userId: bystander.userId });
    await expect(revokeOtherSessions(null, { currentSessionId: mine.id })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});

describe("deviceLabelOf", () => {
  it.each([
    [CHROME_LINUX, "Chrome on Linux"],
    [SAFARI_IPHONE, "Safari on iPhone"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on macOS"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android"],
    ["Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on ChromeOS"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome on Linux"],
    ["curl/8.5.0", "curl"],
    ["", "Unknown device"],
    [null, "Unknown device"],
    ["SomethingElse/1.0", "Unknown device"],
  ])("%s -> %s", (ua, label) => {
    expect(deviceLabelOf(ua)).toBe(label);
  });
});
