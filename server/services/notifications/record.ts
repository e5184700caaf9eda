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

/** One notification to record: whom, what, and the sender's options. */
export interface NotificationDraft<T extends NotificationType = NotificationType> {
  userId: string;
  type: T;
  context: NotificationContext<T>;
  options?: NotifyOptions;
}

const draftKey = (userId: string, dedupeKey: string) => `${userId}\u0000${dedupeKey}`;

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
  const [result] = await recordNotifications(tx, [{ userId, type, context, options }]);
  return result ?? null;
}

/**
 * recordNotification for many drafts in a fixed number of queries (a reminder
 * dispatch batch records hundreds at once); results come back in the drafts'
 * order. With `skipInvalid`, a draft whose context does not render or whose
 * person is gone gets null (and a warning) instead of failing the others;
 * otherwise it throws and nothing is written.
 */
export async function recordNotifications(
  tx: Prisma.TransactionClient,
  drafts: readonly NotificationDraft[],
  { skipInvalid = false }: { skipInvalid?: boolean } = {},
): Promise<(NotifyResult | null)[]> {
  const results: (NotifyResult | null)[] = drafts.map(() => null);
  const reject = (index: number, error: AppError) => {
    if (!skipInvalid) throw error;
    console.warn(`Notification ${index} of a batch was not recorded: ${error.message}`);
  };

  type Ready = { index: number; draft: NotificationDraft; opts: z.output<typeof optionsSchema>; rendered: { context: unknown; title: string; body: string; url: string } };
  const ready: Ready[] = [];
  drafts.forEach((draft, index) => {
    if (!isNotificationType(draft.type)) return reject(index, new AppError("invalid", `Unknown notification type "${String(draft.type)}".`));
    const parsed = parseAndRender(draft.type, draft.context);
    if (!parsed.ok) {
      const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
      return reject(index, new AppError("invalid", `The ${draft.type} notification is missing or has wrong details (${detail}).`));
    }
    const opts = parseInput(optionsSchema, draft.options ?? {});
    ready.push({ index, draft, opts, rendered: { context: parsed.context, ...parsed.rendered } });
  });
  if (ready.length === 0) return results;

  // Drafts whose dedupe key was seen before answer with the earlier notification.
  const earlierBy = async (items: Ready[]) => {
    const keyed = items.filter((r) => r.opts.dedupeKey);
    if (keyed.length === 0) return new Map<string, NotifyResult>();
    const rows = await tx.notification.findMany({
      where: { OR: keyed.map((r) => ({ userId: r.draft.userId, dedupeKey: r.opts.dedupeKey })) },
      select: { id: true, userId: true, dedupeKey: true, inApp: true, deliveries: { select: { channel: true } } },
    });
    return new Map(rows.map((row) => [draftKey(row.userId, row.dedupeKey ?? ""), { notificationId: row.id, created: false, channels: channelsOf(row) }]));
  };
  const seen = await earlierBy(ready);
  const fresh = ready.filter((r) => {
    const earlier = r.opts.dedupeKey ? seen.get(draftKey(r.draft.userId, r.opts.dedupeKey)) : undefined;
    if (earlier) results[r.index] = earlier;
    return !earlier;
  });

  const types = [...new Set(fresh.map((r) => r.draft.type))];
  const users = await tx.user.findMany({
    where: { id: { in: [...new Set(fresh.map((r) => r.draft.userId))] } },
    select: { id: true, notificationPreferences: { where: { type: { in: types } }, select: { type: true, channel: true, enabled: true } } },
  });
  const preferencesOf = new Map(users.map((u) => [u.id, u.notificationPreferences]));

  const planned: { ready: Ready; channels: NotificationChannel[] }[] = [];
  for (const r of fresh) {
    const preferences = preferencesOf.get(r.draft.userId);
    if (!preferences) {
      reject(r.index, new AppError("not_found", "The person to notify no longer exists."));
      continue;
    }
    const channels = resolveChannels(r.draft.type, preferences, r.opts.channels);
    if (channels.length > 0) planned.push({ ready: r, channels });
  }
  if (planned.length === 0) return results;

  // ON CONFLICT DO NOTHING: a concurrent notify with the same dedupeKey must not abort the caller's transaction.
  const created = await tx.notification.createManyAndReturn({
    data: planned.map(({ ready: { draft, opts, rendered }, channels }) => ({
      userId: draft.userId,
      orgId: opts.orgId ?? null,
      type: draft.type,
      title: rendered.title,
      body: rendered.body,
      url: rendered.url,
      data: rendered.context as Prisma.InputJsonValue,
      inApp: channels.includes("in_app"),
      dedupeKey: opts.dedupeKey ?? null,
      ...(opts.now ? { createdAt: opts.now } : {}),
    })),
    skipDuplicates: true,
    select: { id: true, userId: true, dedupeKey: true },
  });
  // Without a dedupe key nothing can conflict, so rows come back in input order; keyed rows are matched by key.
  const unkeyed = created.filter((c) => c.dedupeKey === null);
  const keyedBy = new Map(created.filter((c) => c.dedupeKey !== null).map((c) => [draftKey(c.userId, c.dedupeKey ?? ""), c.id]));

  const deliveries: Prisma.NotificationDeliveryCreateManyInput[] = [];
  const raced: Ready[] = [];
  for (const { ready: r, channels } of planned) {
    const id = r.opts.dedupeKey ? keyedBy.get(draftKey(r.draft.userId, r.opts.dedupeKey)) : unkeyed.shift()?.id;
    if (!id) {
      raced.push(r);
      continue;
    }
    results[r.index] = { notificationId: id, created: true, channels };
    for (const channel of channels) {
      if (channel === "in_app") continue;
      deliveries.push({ notificationId: id, channel, ...(r.opts.now ? { createdAt: r.opts.now, updatedAt: r.opts.now } : {}) });
    }
  }
  if (deliveries.length > 0) await tx.notificationDelivery.createMany({ data: deliveries });

  // Lost a race with a concurrent notify of the same key: answer with that one.
  if (raced.length > 0) {
    const winners = await earlierBy(raced);
    for (const r of raced) results[r.index] = winners.get(draftKey(r.draft.userId, r.opts.dedupeKey ?? "")) ?? null;
  }
  return results;
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
