import { AppError } from "@/lib/errors";
import {
  listNotificationsSchema,
  notificationIdSchema,
  type ListNotificationsInput,
  type NotificationIdInput,
} from "@/lib/schemas/notifications";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { assertCan } from "../../auth/permissions";
import { db } from "../../db";

/**
 * The in-app inbox. It is personal: every query is scoped to the signed-in
 * person, so even a system admin sees and changes only their own.
 */

export interface InboxItem {
  id: string;
  type: string;
  title: string;
  body: string;
  url: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

const itemSelect = { id: true, type: true, title: true, body: true, url: true, readAt: true, createdAt: true } as const;

/** Newest first; `unreadOnly` filters; pass `nextCursor` back for the next page. */
export async function listNotifications(actor: MaybeActor, input: ListNotificationsInput = {}): Promise<InboxPage> {
  assertCan(actor, "read", "Notification", { userId: actor?.userId ?? "" });
  const query = parseInput(listNotificationsSchema, input);
  const rows = await db().notification.findMany({
    where: { userId: actor.userId, inApp: true, ...(query.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.take + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: itemSelect,
  });
  const items = rows.slice(0, query.take);
  return { items, nextCursor: rows.length > query.take ? (items[items.length - 1]?.id ?? null) : null };
}

export async function unreadCount(actor: MaybeActor): Promise<number> {
  assertCan(actor, "read", "Notification", { userId: actor?.userId ?? "" });
  return db().notification.count({ where: { userId: actor.userId, inApp: true, readAt: null } });
}

async function setRead(actor: MaybeActor, input: NotificationIdInput, read: boolean): Promise<InboxItem> {
  const { id } = parseInput(notificationIdSchema, input);
  const row = await db().notification.findFirst({ where: { id, userId: actor?.userId ?? "", inApp: true }, select: { userId: true } });
  // Someone else's notification is "not found": ids reveal nothing.
  if (!row) {
    assertCan(actor, "update", "Notification", { userId: actor?.userId ?? "" });
    throw new AppError("not_found", "This notification no longer exists. Reload the page.");
  }
  assertCan(actor, "update", "Notification", row);
  // Marking read again keeps the first time it was read.
  if (read) await db().notification.updateMany({ where: { id, readAt: null }, data: { readAt: new Date() } });
  else await db().notification.update({ where: { id }, data: { readAt: null } });
  return db().notification.findUniqueOrThrow({ where: { id }, select: itemSelect });
}

export function markRead(actor: MaybeActor, input: NotificationIdInput): Promise<InboxItem> {
  return setRead(actor, input, true);
}

export function markUnread(actor: MaybeActor, input: NotificationIdInput): Promise<InboxItem> {
  return setRead(actor, input, false);
}

export async function markAllRead(actor: MaybeActor): Promise<{ count: number }> {
  assertCan(actor, "update", "Notification", { userId: actor?.userId ?? "" });
  const { count } = await db().notification.updateMany({
    where: { userId: actor.userId, inApp: true, readAt: null },
    data: { readAt: new Date() },
  });
  return { count };
}
