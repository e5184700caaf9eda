import { emailLinksOf, notificationTypeOf, type EmailLink } from "@/lib/notifications/catalog";
import { db } from "../../db";
import type { DeliveryTarget } from "./channels/types";

/**
 * The email-only buttons of a notification (the catalog's `emailLinks`, e.g.
 * a meeting reminder's signed RSVP links), read from the notification's stored
 * context when the email is sent. Types without them cost no query.
 */
export async function emailLinksFor(target: Pick<DeliveryTarget, "notificationId" | "type">): Promise<EmailLink[]> {
  if (!notificationTypeOf(target.type).emailLinks) return [];
  const row = await db().notification.findUnique({ where: { id: target.notificationId }, select: { data: true } });
  return row ? emailLinksOf(target.type, row.data) : [];
}
