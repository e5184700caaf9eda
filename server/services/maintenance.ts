import { AppError } from "@/lib/errors";
import { db } from "../db";

/**
 * Housekeeping run by scheduled workflows. System tasks: they take no actor,
 * and no person can call them through the app.
 */

export const STALE_SESSION_RETENTION_DAYS = 30;

export interface StaleSessionsDeleted {
  deleted: number;
  /** Sessions that ended before this instant were deleted (ISO 8601). */
  endedBefore: string;
}

/**
 * Deletes device sessions that expired, or were revoked, more than
 * `retentionDays` ago. Recent ones stay, so "Sessions and devices" can still
 * show a device that was just signed out.
 */
export async function deleteStaleSessions(
  input: { now?: Date; retentionDays?: number } = {},
): Promise<StaleSessionsDeleted> {
  const retentionDays = input.retentionDays ?? STALE_SESSION_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new AppError("invalid", "Keep ended sessions for at least 1 whole day.");
  }
  const now = input.now ?? new Date();
  const endedBefore = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const { count } = await db().session.deleteMany({
    where: { OR: [{ expires: { lt: endedBefore } }, { revokedAt: { lt: endedBefore } }] },
  });
  return { deleted: count, endedBefore: endedBefore.toISOString() };
}
