import { parseAndRender, type NotificationChannel } from "@/lib/notifications/catalog";
import { resolveChannels } from "@/lib/notifications/preferences";
import type { Prisma } from "../generated/prisma/client";
import type { NotifyResult } from "./notifications";

/**
 * recordNotification (./notifications) for a whole dispatch batch at once:
 * the same catalog rendering, the same channel rule (the reminder's own
 * channels replace the person's preferences for the type, within what the
 * type allows), the same rows (Notification with its dedupe key, a pending
 * NotificationDelivery per email/Discord channel), but in four queries for
 * hundreds of reminders instead of four each. 10,000 reminders due in one
 * minute are what makes this worth its own path.
 */

export interface ReminderNotificationInput {
  /** The caller's key for the result (the send row's id). */
  key: string;
  userId: string;
  channels: readonly NotificationChannel[];
  dedupeKey: string;
  context: {
    reminderId: string;
    title: string;
    note: string | null;
    occurrenceAt: string;
    offsetMinutes: number;
    timeZone: string;
    link: string | null;
  };
}

type Result = NotifyResult | null;

function channelsOf(row: { inApp: boolean; deliveries: { channel: NotificationChannel }[] }): NotificationChannel[] {
  const out = new Set<NotificationChannel>(row.deliveries.map((d) => d.channel));
  if (row.inApp) out.add("in_app");
  return (["in_app", "email", "discord"] as const).filter((c) => out.has(c));
}

/**
 * Records one "reminder" notification per input in the caller's transaction
 * and returns, by key, what recordNotification would have: the notification,
 * whether it is new (a dedupe key seen before returns the earlier one), its
 * channels; or null when no channel is left (or the context does not render,
 * which is logged: one bad reminder must not hold back the batch).
 */
export async function recordReminderNotifications(
  tx: Prisma.TransactionClient,
  inputs: ReminderNotificationInput[],
  now: Date,
): Promise<Map<string, Result>> {
  const results = new Map<string, Result>();
  if (inputs.length === 0) return results;

  const userIds = [...new Set(inputs.map((i) => i.userId))];
  const preferences = await tx.notificationPreference.findMany({
    where: { userId: { in: userIds }, type: "reminder" },
    select: { userId: true, type: true, channel: true, enabled: true },
  });
  const preferencesOf = new Map<string, typeof preferences>();
  for (const p of preferences) preferencesOf.set(p.userId, [...(preferencesOf.get(p.userId) ?? []), p]);

  const rows: Prisma.NotificationCreateManyInput[] = [];
  const planned: { input: ReminderNotificationInput; channels: NotificationChannel[] }[] = [];
  for (const input of inputs) {
    const parsed = parseAndRender("reminder", input.context);
    if (!parsed.ok) {
      console.warn(`Reminder ${input.context.reminderId} could not be rendered; its send is recorded without a notification.`, parsed.error.issues);
      results.set(input.key, null);
      continue;
    }
    const channels = resolveChannels("reminder", preferencesOf.get(input.userId) ?? [], input.channels);
    if (channels.length === 0) {
      results.set(input.key, null);
      continue;
    }
    planned.push({ input, channels });
    rows.push({
      userId: input.userId,
      type: "reminder",
      title: parsed.rendered.title,
      body: parsed.rendered.body,
      url: parsed.rendered.url,
      data: parsed.context as Prisma.InputJsonValue,
      inApp: channels.includes("in_app"),
      dedupeKey: input.dedupeKey,
      createdAt: now,
    });
  }
  if (rows.length === 0) return results;

  // ON CONFLICT DO NOTHING, as in recordNotification: a dedupe key seen before must not abort the transaction.
  const created = await tx.notification.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true, userId: true, dedupeKey: true } });
  const createdBy = new Map(created.map((c) => [`${c.userId}\u0000${c.dedupeKey}`, c.id]));

  const deliveries: Prisma.NotificationDeliveryCreateManyInput[] = [];
  const repeats: ReminderNotificationInput[] = [];
  for (const { input, channels } of planned) {
    const id = createdBy.get(`${input.userId}\u0000${input.dedupeKey}`);
    if (!id) {
      repeats.push(input);
      continue;
    }
    results.set(input.key, { notificationId: id, created: true, channels });
    for (const channel of channels) {
      if (channel !== "in_app") deliveries.push({ notificationId: id, channel, createdAt: now, updatedAt: now });
    }
  }
  if (deliveries.length > 0) await tx.notificationDelivery.createMany({ data: deliveries });

  if (repeats.length > 0) {
    const earlier = await tx.notification.findMany({
      where: { OR: repeats.map((r) => ({ userId: r.userId, dedupeKey: r.dedupeKey })) },
      select: { id: true, userId: true, dedupeKey: true, inApp: true, deliveries: { select: { channel: true } } },
    });
    const earlierBy = new Map(earlier.map((e) => [`${e.userId}\u0000${e.dedupeKey}`, e]));
    for (const r of repeats) {
      const e = earlierBy.get(`${r.userId}\u0000${r.dedupeKey}`);
      results.set(r.key, e ? { notificationId: e.id, created: false, channels: channelsOf(e) } : null);
    }
  }
  return results;
}
