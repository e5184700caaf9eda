import { AppError } from "@/lib/errors";
import { dailyDigestCron, dailyDigestScheduleText, digestDay, digestDedupeKey, nextDailyDigestAt } from "@/lib/digest";
import {
  orgSettingsInputSchema,
  setSlackWebhookSchema,
  type OrgSettingsInput,
  type SetSlackWebhookInput,
} from "@/lib/schemas/org-settings";
import { notificationCatalog } from "@/lib/notifications/catalog";
import { parseInput } from "@/lib/validation";
import { inngest } from "@/inngest/client";
import { digestOrgRequested } from "@/inngest/events";
import type { Actor, MaybeActor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { appNow } from "../clock";
import { appUrl } from "../env";
import { db } from "../db";
import { recordAudit } from "./audit";
import { digestPostedAction, digestRecipientIds } from "./digest";
import {
  checkSlackWebhookUrl,
  isSlackWebhookError,
  maskWebhookUrl,
  postToSlack,
  slackMessage,
  type PostOptions,
  type SlackFailure,
} from "./notifications/slack";
import { requireVisibleOrg } from "./organizations";

/**
 * Organisation settings that only admins of the top unit may see and change
 * (the `update Organization` ability, as for renaming): the Slack webhook for
 * admin digests, and running today's digest by hand. The webhook URL is a
 * secret (anyone holding it can post to the channel), so it never leaves the
 * server: reads show its host and last four characters, and the audit log
 * records only that.
 */

export interface OrgSettingsDTO {
  orgId: string;
  orgName: string;
  slack: {
    connected: boolean;
    /** "hooks.slack.com/…Xy12", or null when not connected. */
    webhook: string | null;
  };
  digest: {
    cron: string;
    schedule: string;
    nextRunAt: Date;
    /** When the last digest reached this organisation's admins (in-app record). */
    lastSentAt: Date | null;
    lastPostedToSlackAt: Date | null;
    /** What the last digest said (the figures of its period), for a preview. */
    latest: { periodEnd: Date; figures: { label: string; value: number }[]; highlights: string[] } | null;
    /** How many admins of the top unit receive it. */
    recipients: number;
  };
}

/** Outsiders get not_found (as everywhere), members who are not top-unit admins get forbidden. */
async function requireSettingsAccess(actor: MaybeActor, orgId: string): Promise<{ org: { id: string; name: string }; actor: Actor }> {
  const org = await requireVisibleOrg(actor, orgId);
  assertCan(actor, "update", "Organization", { id: orgId });
  return { org, actor };
}

export async function getOrgSettings(actor: MaybeActor, input: OrgSettingsInput, options: { now?: Date } = {}): Promise<OrgSettingsDTO> {
  const { orgId } = parseInput(orgSettingsInputSchema, input);
  const { org } = await requireSettingsAccess(actor, orgId);
  const now = options.now ?? (await appNow());
  const client = db();
  const [row, lastSent, lastPosted, recipients] = await Promise.all([
    client.organization.findUniqueOrThrow({ where: { id: orgId }, select: { slackWebhookUrl: true } }),
    client.notification.findFirst({
      where: { orgId, type: "digest.daily" },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, data: true },
    }),
    client.auditLog.findFirst({ where: { orgId, action: digestPostedAction }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
    digestRecipientIds(orgId, client),
  ]);
  const latest = lastSent ? notificationCatalog["digest.daily"].schema.safeParse(lastSent.data) : null;
  return {
    orgId,
    orgName: org.name,
    slack: { connected: row.slackWebhookUrl !== null, webhook: row.slackWebhookUrl ? maskWebhookUrl(row.slackWebhookUrl) : null },
    digest: {
      cron: dailyDigestCron,
      schedule: dailyDigestScheduleText,
      nextRunAt: nextDailyDigestAt(now),
      lastSentAt: lastSent?.createdAt ?? null,
      lastPostedToSlackAt: lastPosted?.createdAt ?? null,
      latest: latest?.success
        ? { periodEnd: new Date(latest.data.periodEnd), figures: latest.data.figures, highlights: latest.data.highlights }
        : null,
      recipients: recipients.length,
    },
  };
}

export async function setSlackWebhook(maybeActor: MaybeActor, input: SetSlackWebhookInput): Promise<OrgSettingsDTO> {
  const { orgId, url } = parseInput(setSlackWebhookSchema, input);
  const { actor } = await requireSettingsAccess(maybeActor, orgId);
  const webhook = checkSlackWebhookUrl(url).toString();
  await db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { slackWebhookUrl: true } });
    if (before.slackWebhookUrl === webhook) return;
    await tx.organization.update({ where: { id: orgId }, data: { slackWebhookUrl: webhook } });
    await recordAudit(tx, {
      orgId,
      actorId: actor.userId,
      action: "organization.slack_connected",
      targetType: "Organization",
      targetId: orgId,
      data: {
        before: before.slackWebhookUrl ? { webhook: maskWebhookUrl(before.slackWebhookUrl) } : null,
        after: { webhook: maskWebhookUrl(webhook) },
      },
    });
  });
  return getOrgSettings(actor, { orgId });
}

export async function clearSlackWebhook(maybeActor: MaybeActor, input: OrgSettingsInput): Promise<OrgSettingsDTO> {
  const { orgId } = parseInput(orgSettingsInputSchema, input);
  const { actor } = await requireSettingsAccess(maybeActor, orgId);
  await db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { slackWebhookUrl: true } });
    if (before.slackWebhookUrl === null) return;
    await tx.organization.update({ where: { id: orgId }, data: { slackWebhookUrl: null } });
    await recordAudit(tx, {
      orgId,
      actorId: actor.userId,
      action: "organization.slack_disconnected",
      targetType: "Organization",
      targetId: orgId,
      data: { before: { webhook: maskWebhookUrl(before.slackWebhookUrl) } },
    });
  });
  return getOrgSettings(actor, { orgId });
}

/** What Slack said to the test message: a person reads `message` to decide what to do. */
export type SlackTestResult =
  | { ok: true; webhook: string }
  | { ok: false; webhook: string; failure: SlackFailure; retriable: boolean; message: string };

/**
 * Posts a test message to the saved webhook, right away, so the admin sees
 * whether it works. Slack's refusals come back as a result, not an error:
 * they are an answer about the webhook, not a failure of the request.
 */
export async function sendSlackTestMessage(
  maybeActor: MaybeActor,
  input: OrgSettingsInput,
  options: PostOptions & { baseUrl?: string } = {},
): Promise<SlackTestResult> {
  const { orgId } = parseInput(orgSettingsInputSchema, input);
  const { org, actor } = await requireSettingsAccess(maybeActor, orgId);
  const row = await db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { slackWebhookUrl: true } });
  if (!row.slackWebhookUrl) throw new AppError("invalid", "Connect Slack first: paste a webhook URL and save it, then send a test.");
  const webhook = maskWebhookUrl(row.slackWebhookUrl);
  const baseUrl = options.baseUrl ?? appUrl();
  const message = slackMessage({
    title: "Lyceum is connected",
    context: `Organisation settings of ${org.name}`,
    lines: [
      `This channel will get the daily digest of ${org.name} (${dailyDigestScheduleText.toLowerCase()}): active people, new members, invites and changes. It never names anyone.`,
      "This is a test message; nothing else happened.",
    ],
    link: { label: "Open Lyceum", url: `${baseUrl}/orgs/${encodeURIComponent(orgId)}/admin/settings` },
    fallback: `Lyceum is connected: this channel will get the daily digest of ${org.name}.`,
  });
  let result: SlackTestResult;
  try {
    await postToSlack(row.slackWebhookUrl, message, { timeoutMs: 8_000, ...options });
    result = { ok: true, webhook };
  } catch (error) {
    if (!isSlackWebhookError(error)) throw error;
    result = { ok: false, webhook, failure: error.failure, retriable: error.retriable, message: error.message };
  }
  await recordAudit(db(), {
    orgId,
    actorId: actor.userId,
    action: "organization.slack_tested",
    targetType: "Organization",
    targetId: orgId,
    data: result.ok ? { webhook, ok: true } : { webhook, ok: false, failure: result.failure },
  });
  return result;
}

export interface DigestRequestResult {
  /** The UTC day the digest is named after. */
  day: string;
  /** The caller already had today's digest: a re-run sends it only to admins who did not. */
  alreadySent: boolean;
}

export interface DigestRequestOptions {
  now?: Date;
  /** Sends the event (the Inngest client by default). */
  send?: (event: ReturnType<typeof digestOrgRequested.create>) => Promise<unknown>;
}

/** Runs the digest of the last 24 hours for this organisation now, through the same workflow as the schedule. */
export async function requestDigestNow(
  maybeActor: MaybeActor,
  input: OrgSettingsInput,
  options: DigestRequestOptions = {},
): Promise<DigestRequestResult> {
  const { orgId } = parseInput(orgSettingsInputSchema, input);
  const { actor } = await requireSettingsAccess(maybeActor, orgId);
  const now = options.now ?? (await appNow());
  const day = digestDay(now);
  const mine = await db().notification.findUnique({
    where: { userId_dedupeKey: { userId: actor.userId, dedupeKey: digestDedupeKey(orgId, day) } },
    select: { id: true },
  });
  const send = options.send ?? ((event) => inngest.send(event));
  await send(digestOrgRequested.create({ orgId, periodEnd: now.toISOString(), requestedBy: actor.userId }));
  await recordAudit(db(), {
    orgId,
    actorId: actor.userId,
    action: "organization.digest_requested",
    targetType: "Organization",
    targetId: orgId,
    data: { day },
  });
  return { day, alreadySent: mine !== null };
}
