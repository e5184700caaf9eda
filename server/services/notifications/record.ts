import { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  isNotificationType,
  notificationChannels,
  parseAndRender,
  type NotificationChannel,
  type NotificationContext,
  type NotificationType,
} from "@/lib/notifications/catalog";
import { resolveChannels } from "@/lib/notifications/preferences";
import { parseInput } from "@/lib/validation";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { requestDelivery } from "./delivery";

export interface NotifyOptions {
  orgId?: string | null;
  dedupeKey?: string;
  /** Channels the recipient chose for this one notification (a reminder's own channels); replaces their preferences for the type. */
  channels?: readonly NotificationChannel[];
  now?: Date;
}

export interface NotifyResult {
  notificationId: string;
  created: boolean;
  channels: NotificationChannel[];
}

const optionsSchema = z.object({
  orgId: z.string().min(1).max(100).nullish(),
  dedupeKey: z.string().min(1, "A dedupe key cannot be empty.").max(300, "Keep the dedupe key under 300 characters.").optional(),
  channels: z.array(z.enum(notificationChannels)).readonly().optional(),
  now: z.date().optional(),
});

function channelsOf(row: { inApp: boolean; deliveries: { channel: NotificationChannel }[] }): NotificationChannel[] {
  const out = new Set<NotificationChannel>(row.deliveries.map((d) => d.channel));
  if (row.inApp) out.add("in_app");
  return notificationChannels.filter((c) => out.has(c));
}

/**
 * Writes the Notification (+ NotificationDelivery rows for email/discord) in
 * the caller's transaction; sends nothing (call requestDelivery after the
 * commit). Returns null when every channel is off for this person and type.
 * A dedupeKey seen before for this user returns the earlier notification with
 * `created: false` and writes nothing.
 */
export async function recordNotification<T extends NotificationType>(
  tx: Prisma.TransactionClient,
  userId: string,
  type: T,
  context: NotificationContext<T>,
  options: NotifyOptions = {},
): Promise<NotifyResult | null> {
  if (!isNotificationType(type)) throw new AppError("invalid", `Unknown notification type "${String(type)}".`);
  const parsed = parseAndRender(type, context);
  if (!parsed.ok) {
    const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
    throw new AppError("invalid", `The ${type} notification is missing or has wrong details (${detail}).`);
  }
  const opts = parseInput(optionsSchema, options);

  if (opts.dedupeKey) {
    const earlier = await tx.notification.findUnique({
      where: { userId_dedupeKey: { userId, dedupeKey: opts.dedupeKey } },
      select: { id: true, inApp: true, deliveries: { select: { channel: true } } },
    });
    if (earlier) return { notificationId: earlier.id, created: false, channels: channelsOf(earlier) };
  }

  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, notificationPreferences: { where: { type }, select: { type: true, channel: true, enabled: true } } },
  });
  if (!user) throw new AppError("not_found", "The person to notify no longer exists.");

  const channels = resolveChannels(type, user.notificationPreferences, opts.channels);
  if (channels.length === 0) return null;

  const { rendered } = parsed;
  // ON CONFLICT DO NOTHING: a concurrent notify with the same dedupeKey must not abort the caller's transaction.
  const [created] = await tx.notification.createManyAndReturn({
    data: [
      {
        userId,
        orgId: opts.orgId ?? null,
        type,
        title: rendered.title,
        body: rendered.body,
        url: rendered.url,
        data: parsed.context as Prisma.InputJsonValue,
        inApp: channels.includes("in_app"),
        dedupeKey: opts.dedupeKey ?? null,
        ...(opts.now ? { createdAt: opts.now } : {}),
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created) {
    const earlier = await tx.notification.findUniqueOrThrow({
      where: { userId_dedupeKey: { userId, dedupeKey: opts.dedupeKey ?? "" } },
      select: { id: true, inApp: true, deliveries: { select: { channel: true } } },
    });
    return { notificationId: earlier.id, created: false, channels: channelsOf(earlier) };
  }

  const outside = channels.filter((c) => c !== "in_app");
  if (outside.length > 0) {
    await tx.notificationDelivery.createMany({
      data: outside.map((channel) => ({
        notificationId: created.id,
        channel,
        ...(opts.now ? { createdAt: opts.now, updatedAt: opts.now } : {}),
      })),
    });
  }
  return { notificationId: created.id, created: true, channels };
}

/** recordNotification in its own transaction, then requestDelivery for the email/Discord channels. */
export async function notify<T extends NotificationType>(
  userId: string,
  type: T,
  context: NotificationContext<T>,
  options: NotifyOptions = {},
): Promise<NotifyResult | null> {
  const result = await db().$transaction((tx) => recordNotification(tx, userId, type, context, options));
  if (result?.created && result.channels.some((c) => c !== "in_app")) {
    try {
      await requestDelivery([result.notificationId]);
    } catch (error) {
      // The notification is committed; the sweeper re-requests deliveries left pending, so a lost event only delays it.
      console.warn(`notify: could not request delivery of ${result.notificationId}; the sweeper will retry.`, error);
    }
  }
  return result;
}
