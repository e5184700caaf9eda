import type { z } from "zod";
import { notificationCatalog, type NotificationType } from "@/lib/notifications/catalog";
import { db } from "../../db";
import type { MailAttachment } from "../../mail";
import { groupInviteAttachments } from "../scheduling/invite";
import type { DeliveryTarget } from "./channels/types";

/**
 * Files an email notification carries, built when the email is sent: a
 * notification type that needs one (a calendar invite, say) names a loader
 * here, keyed by type like the catalog. The loader gets the notification's
 * own stored context, checked against the type's schema, and the recipient.
 * Types without a loader send no files. A loader that throws fails the send
 * like a mail server would, so the delivery is retried.
 */

type ContextOf<T extends NotificationType> = z.output<(typeof notificationCatalog)[T]["schema"]>;

export type EmailAttachmentLoader<T extends NotificationType> = (input: { userId: string; context: ContextOf<T> }) => Promise<MailAttachment[]>;

export const emailAttachmentLoaders: { [T in NotificationType]?: EmailAttachmentLoader<T> } = {
  "scheduling.group_assigned": groupInviteAttachments,
};

async function load<T extends NotificationType>(type: T, userId: string, data: unknown): Promise<MailAttachment[]> {
  const loader = emailAttachmentLoaders[type] as EmailAttachmentLoader<T> | undefined;
  if (!loader) return [];
  const parsed = notificationCatalog[type].schema.safeParse(data);
  // A stored context that no longer fits its type still gets its email, without the files.
  if (!parsed.success) return [];
  return loader({ userId, context: parsed.data as ContextOf<T> });
}

export async function emailAttachmentsFor(target: Pick<DeliveryTarget, "notificationId" | "type" | "userId">): Promise<MailAttachment[]> {
  if (!emailAttachmentLoaders[target.type]) return [];
  const row = await db().notification.findUnique({ where: { id: target.notificationId }, select: { data: true } });
  if (!row) return [];
  return load(target.type, target.userId, row.data);
}
