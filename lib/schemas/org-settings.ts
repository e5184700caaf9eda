import { z } from "zod";
import { orgIdSchema } from "./org";

/**
 * Inputs of the organisation settings (server/services/org-settings.ts): the
 * Slack webhook for admin digests, and running the digest by hand. Which
 * webhook hosts are accepted is decided on the server (slack.ts), since it
 * depends on the deployment; this only checks the shape.
 */

export const slackWebhookUrlMaxLength = 500;

export const slackWebhookUrlSchema = z
  .string({ error: "Paste the webhook URL from Slack." })
  .trim()
  .min(1, { error: "Paste the webhook URL from Slack.", abort: true })
  .max(slackWebhookUrlMaxLength, `That is too long for a Slack webhook URL (${slackWebhookUrlMaxLength} characters at most).`)
  .refine((value) => URL.canParse(value), "Paste the whole webhook URL: it starts with https://hooks.slack.com/services/.");

export const orgSettingsInputSchema = z.object({ orgId: orgIdSchema });
export type OrgSettingsInput = z.input<typeof orgSettingsInputSchema>;

export const setSlackWebhookSchema = z.object({ orgId: orgIdSchema, url: slackWebhookUrlSchema });
export type SetSlackWebhookInput = z.input<typeof setSlackWebhookSchema>;
