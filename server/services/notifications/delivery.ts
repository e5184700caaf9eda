import { isNotificationType } from "@/lib/notifications/catalog";
import { inngest } from "@/inngest/client";
import { notificationDeliveryRequested } from "@/inngest/events";
import { db } from "../../db";
import { appUrl } from "../../env";
import type { ChannelAdapters, DeliveryChannel, DeliveryTarget } from "./channels/types";

/**
 * Delivery of one (notification, channel) pair, at most once:
 * 1. claim the row (pending -> sending, attempts + 1) in one conditional UPDATE;
 * 2. send through the channel adapter;
 * 3. record the outcome (sent with the channel's id, skipped, failed), again
 *    only while the row is still `sending` under this claim.
 * A transient failure (the adapter throws) puts the row back to pending and
 * rethrows, so the workflow step retries it. Finding the row `sending` means an
 * earlier attempt stopped between claim and outcome: it may have sent, so the
 * row is failed with an explanation instead of sending twice.
 */

export type DeliveryResult =
  | { channel: DeliveryChannel; status: "sent"; externalId: string | null }
  | { channel: DeliveryChannel; status: "skipped" | "failed"; reason: string }
  /** Nothing to do: delivered or settled earlier, or no such delivery. */
  | { channel: DeliveryChannel; status: "already"; current: string };

export const interruptedReason =
  "An earlier delivery attempt stopped while sending, so it may have gone out. Lyceum does not resend it, so you never get it twice.";

/** Pending deliveries untouched for this long are treated as lost and requested again. */
export const STALE_PENDING_MS = 5 * 60 * 1000;
/** A claim held this long belongs to an attempt that died (a step never takes this long). */
export const STALE_SENDING_MS = 30 * 60 * 1000;

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1000);
}

async function targetOf(notificationId: string): Promise<DeliveryTarget | null> {
  const row = await db().notification.findUnique({
    where: { id: notificationId },
    select: {
      id: true,
      type: true,
      title: true,
      body: true,
      url: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          accounts: { where: { provider: "discord" }, select: { providerAccountId: true }, take: 1 },
        },
      },
    },
  });
  if (!row || !isNotificationType(row.type)) return null;
  const base = appUrl();
  return {
    notificationId: row.id,
    type: row.type,
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    discordUserId: row.user.accounts[0]?.providerAccountId ?? null,
    title: row.title,
    body: row.body,
    url: new URL(row.url ?? "/notifications", base).toString(),
    preferencesUrl: new URL("/account/notifications", base).toString(),
  };
}

/** Delivers one channel of one notification (see the module comment). Throws on transient failures. */
export async function deliverChannel(
  notificationId: string,
  channel: DeliveryChannel,
  adapters: ChannelAdapters,
  options: { now?: () => Date } = {},
): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const where = { notificationId_channel: { notificationId, channel } };
  const claimed = await db().notificationDelivery.updateMany({
    where: { notificationId, channel, status: "pending" },
    data: { status: "sending", attempts: { increment: 1 }, error: null },
  });
  if (claimed.count === 0) {
    const row = await db().notificationDelivery.findUnique({ where, select: { status: true } });
    if (!row) return { channel, status: "already", current: "missing" };
    if (row.status === "sending") {
      const settled = await db().notificationDelivery.updateMany({
        where: { notificationId, channel, status: "sending" },
        data: { status: "failed", error: interruptedReason },
      });
      if (settled.count === 1) return { channel, status: "failed", reason: interruptedReason };
      const after = await db().notificationDelivery.findUnique({ where, select: { status: true } });
      return { channel, status: "already", current: after?.status ?? "missing" };
    }
    return { channel, status: "already", current: row.status };
  }
  const claim = await db().notificationDelivery.findUniqueOrThrow({ where, select: { id: true, attempts: true } });
  const mine = { id: claim.id, status: "sending" as const, attempts: claim.attempts };

  const target = await targetOf(notificationId);
  if (!target) {
    await db().notificationDelivery.updateMany({ where: mine, data: { status: "skipped", error: "The notification no longer exists." } });
    return { channel, status: "skipped", reason: "The notification no longer exists." };
  }

  let outcome;
  try {
    outcome = await adapters[channel].send(target);
  } catch (error) {
    await db().notificationDelivery.updateMany({ where: mine, data: { status: "pending", error: reasonOf(error) } });
    throw error;
  }

  if (outcome.status === "sent") {
    await db().notificationDelivery.updateMany({
      where: mine,
      data: { status: "sent", externalId: outcome.externalId, sentAt: now(), error: null },
    });
    return { channel, status: "sent", externalId: outcome.externalId };
  }
  await db().notificationDelivery.updateMany({ where: mine, data: { status: outcome.status, error: outcome.reason } });
  return { channel, status: outcome.status, reason: outcome.reason };
}

/** After the workflow gave up retrying a transient failure: the row stops waiting and says why. */
export async function giveUpDelivery(notificationId: string, channel: DeliveryChannel, reason: string): Promise<DeliveryResult> {
  const message = `Gave up after several attempts: ${reason}`.slice(0, 1000);
  const updated = await db().notificationDelivery.updateMany({
    where: { notificationId, channel, status: { in: ["pending", "sending"] } },
    data: { status: "failed", error: message },
  });
  if (updated.count === 0) {
    const row = await db().notificationDelivery.findUnique({
      where: { notificationId_channel: { notificationId, channel } },
      select: { status: true },
    });
    return { channel, status: "already", current: row?.status ?? "missing" };
  }
  return { channel, status: "failed", reason: message };
}

export interface DeliveryRequest {
  notificationId: string;
  channel: DeliveryChannel;
}

/**
 * The deliveries of these notifications still waiting: pending, or claimed
 * by an attempt that stopped (the delivery step settles those without
 * resending).
 */
export async function undeliveredOf(notificationIds: string[]): Promise<DeliveryRequest[]> {
  if (notificationIds.length === 0) return [];
  const rows = await db().notificationDelivery.findMany({
    where: { notificationId: { in: notificationIds }, status: { in: ["pending", "sending"] }, channel: { in: ["email", "discord"] } },
    select: { notificationId: true, channel: true },
    orderBy: [{ notificationId: "asc" }, { channel: "asc" }],
  });
  return rows.map((r) => ({ notificationId: r.notificationId, channel: r.channel as DeliveryChannel }));
}

/** Sends the workflow events that deliver the pending channels of these notifications: one per (notification, channel). */
export async function requestDelivery(notificationIds: string[]): Promise<void> {
  const requests = await undeliveredOf([...new Set(notificationIds)]);
  for (let i = 0; i < requests.length; i += 500) {
    await inngest.send(requests.slice(i, i + 500).map((r) => notificationDeliveryRequested.create(r)));
  }
}

/**
 * For the sweeper: deliveries left pending for over STALE_PENDING_MS since
 * their last change (their event was lost, or the run gave out). Claims held
 * longer than STALE_SENDING_MS are settled as interrupted, at most once.
 */
export async function findStaleDeliveries(options: { now: Date; limit?: number }): Promise<{ requests: DeliveryRequest[]; interrupted: number }> {
  const interrupted = await db().notificationDelivery.updateMany({
    where: { status: "sending", updatedAt: { lt: new Date(options.now.getTime() - STALE_SENDING_MS) } },
    data: { status: "failed", error: interruptedReason },
  });
  const rows = await db().notificationDelivery.findMany({
    where: {
      status: "pending",
      channel: { in: ["email", "discord"] },
      updatedAt: { lt: new Date(options.now.getTime() - STALE_PENDING_MS) },
    },
    select: { notificationId: true, channel: true },
    orderBy: { updatedAt: "asc" },
    take: options.limit ?? 1000,
  });
  return {
    requests: rows.map((r) => ({ notificationId: r.notificationId, channel: r.channel as DeliveryChannel })),
    interrupted: interrupted.count,
  };
}
