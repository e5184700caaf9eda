import { randomBytes } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createDeviceSession } from "@/server/services/sessions";
import { cleanupExpiredSessions } from "./cleanup-expired-sessions";

const day = 24 * 60 * 60 * 1000;

describe("cleanup-expired-sessions against the database", () => {
  it("deletes sessions that ended over 30 days before the timer fired, and keeps the rest", async () => {
    const user = await db().user.create({ data: { email: `cleanup-${randomBytes(4).toString("hex")}@example.com`, name: "Cleanup" } });
    const firedAt = new Date("2026-11-22T03:00:00.000Z");
    const session = async (change: { expires?: Date; revokedAt?: Date }) => {
      const { id } = await createDeviceSession({ userId: user.id });
      await db().session.update({ where: { id }, data: change });
      return id;
    };
    const expiredLongAgo = await session({ expires: new Date(firedAt.getTime() - 31 * day) });
    const revokedLongAgo = await session({ revokedAt: new Date(firedAt.getTime() - 40 * day), expires: new Date(firedAt.getTime() + day) });
    const expiredRecently = await session({ expires: new Date(firedAt.getTime() - 29 * day) });
    const revokedRecently = await session({ revokedAt: new Date(firedAt.getTime() - day) });
    const active = await session({ expires: new Date(firedAt.getTime() + 10 * day) });

    const t = new InngestTestEngine({ function: cleanupExpiredSessions });
    const { result } = await t.execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "0 3 * * *" }, ts: firedAt.getTime() }] });

    expect(result).toMatchObject({ endedBefore: "2026-10-23T03:00:00.000Z" });
    expect((result as { deleted: number }).deleted).toBeGreaterThanOrEqual(2);
    const left = (await db().session.findMany({ where: { userId: user.id }, select: { id: true } })).map((s) => s.id).sort();
    expect(left).toEqual([expiredRecently, revokedRecently, active].sort());
    expect(left).not.toContain(expiredLongAgo);
    expect(left).not.toContain(revokedLongAgo);
  });
});
