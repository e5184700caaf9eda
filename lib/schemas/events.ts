import { z } from "zod";
import { emailSchema } from "./auth";

/**
 * Payloads of the workflow events (inngest/events.ts). Inngest validates an
 * event against its schema when it is sent and when a function receives it;
 * it rejects schemas whose input and output types differ, so no defaults or
 * type-changing transforms here.
 */
export const mailSendRequestedSchema = z.object({
  to: emailSchema,
  subject: z.string().trim().min(1, "An email needs a subject.").max(300, "Keep the subject under 300 characters."),
  text: z.string().max(100_000, "The text body is too long (100,000 characters at most)."),
  html: z.string().max(500_000, "The HTML body is too long (500,000 characters at most)."),
});
export type MailSendRequested = z.infer<typeof mailSendRequestedSchema>;
