import { eventType } from "inngest";
import { mailSendRequestedSchema } from "@/lib/schemas/events";

/**
 * Typed events: use them as triggers (`triggers: [mailSendRequested]`) and to
 * send (`inngest.send(mailSendRequested.create({ ... }))`, validated first).
 */
export const mailSendRequested = eventType("mail/send.requested", { schema: mailSendRequestedSchema });
