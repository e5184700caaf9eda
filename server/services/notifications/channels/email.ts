import { emailSchema } from "@/lib/schemas/auth";
import { notificationTypeOf } from "@/lib/notifications/catalog";
import { MailDeliveryError, notificationEmail, sendMail, type MailAttachment, type MailTransport } from "../../../mail";
import { emailAttachmentsFor } from "../email-attachments";
import { emailLinksFor } from "../email-links";
import type { ChannelAdapter, DeliveryTarget } from "./types";

/** SMTP reply codes 5xx mean "do not try again" (unknown mailbox, refused address). */
function permanentSmtpCode(error: MailDeliveryError): number | null {
  const cause = error.cause as { responseCode?: unknown } | undefined;
  const code = typeof cause?.responseCode === "number" ? cause.responseCode : null;
  return code !== null && code >= 500 && code < 600 ? code : null;
}

/**
 * Email through sendMail: recorded in the development mailbox without SMTP,
 * sent over SMTP_URL (or the transport given) otherwise. Files a type needs
 * (a calendar invite) come from email-attachments.ts at send time.
 */
export function emailAdapter(
  options: { transport?: MailTransport; attachments?: (target: DeliveryTarget) => Promise<MailAttachment[]> } = {},
): ChannelAdapter {
  const attachmentsOf = options.attachments ?? emailAttachmentsFor;
  return {
    async send(target) {
      if (!emailSchema.safeParse(target.email).success) {
        return { status: "failed", reason: `The address ${target.email} is not a valid email address. Fix it on your profile.` };
      }
      const content = notificationEmail({
        title: target.title,
        body: target.body,
        url: target.url,
        preferencesUrl: target.preferencesUrl,
        typeLabel: notificationTypeOf(target.type).label,
        links: await emailLinksFor(target),
      });
      const attachments = await attachmentsOf(target);
      try {
        const sent = await sendMail({ to: target.email, ...content, ...(attachments.length ? { attachments } : {}) }, { transport: options.transport });
        return { status: "sent", externalId: sent.id };
      } catch (error) {
        if (error instanceof MailDeliveryError) {
          const code = permanentSmtpCode(error);
          if (code !== null) {
            return { status: "failed", reason: `The mail server refused ${target.email} (SMTP ${code}). Check the address on your profile.` };
          }
        }
        throw error;
      }
    },
  };
}
