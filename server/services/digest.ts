import { dateTimeFormat } from "@/lib/intl";
import {
  unitsNamedInHighlights,
  digestDay,
  digestDedupeKey,
  digestFigures,
  digestHighlights,
  digestPeriodStart,
  type DigestFacts,
  type DigestFigure,
} from "@/lib/digest";
import { isAppError } from "@/lib/errors";
import type { Prisma } from "../generated/prisma/client";
import { appUrl } from "../env";
import { db, type Db } from "../db";
import { recordAudit } from "./audit";
import {
  isSlackWebhookError,
  postToSlack,
  slackMessage,
  type PostOptions,
  type SlackFailure,
  type SlackMessage,
} from "./notifications/slack";

/**
 * The daily digest for org admins (the org-digest workflow's steps). System
 * tasks: they take no actor, and people reach them only through the settings
 * page's "send now", which checks the permission before sending the event.
 *
 * Counting costs a fixed number of queries, whatever the organisation's size.
 * "Active" reads Session.lastSeenAt, the only activity record there is: for a
 * period in the past it counts people whose latest activity fell in it.
 * Nothing here names a person: the digest goes to a Slack channel too.
 */

type Client = Db | Prisma.TransactionClient;

export const digestPostedAction = "organization.digest_posted";

/** One computed digest, JSON-safe (it is a step's memoised result). Holds no webhook URL. */
export interface OrgDigest {
  orgId: string;
  orgName: string;
  /** The UTC date naming the digest. */
  day: string;
  periodStart: string;
  periodEnd: string;
  figures: DigestFigure[];
  highlights: string[];
  /** Org admins of the top unit, who receive it. */
  recipientIds: string[];
  slackConnected: boolean;
}

/** Admins of the organisation's top unit (the people who may change its settings). */
export async function digestRecipientIds(orgId: string, client: Client = db()): Promise<string[]> {
  const rows = await client.membership.findMany({
    where: { orgId, role: "org_admin", unit: { parentId: null, archivedAt: null } },
    distinct: ["userId"],
    orderBy: { userId: "asc" },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

const changesInHighlights = 3;

/** What happened in the organisation between `start` and `end` (9 queries). */
export async function countDigestFacts(orgId: string, start: Date, end: Date, client: Client = db()): Promise<DigestFacts> {
  const period = { gte: start, lt: end };
  const member = { memberships: { some: { orgId } } };
  const [members, activeMembers, newMembers, joined, invitesCreated, audit, notificationsSent, remindersSent] = await Promise.all([
    client.user.count({ where: member }),
    client.user.count({ where: { ...member, sessions: { some: { lastSeenAt: period } } } }),
    client.user.count({
      where: { memberships: { some: { orgId, createdAt: period }, none: { orgId, createdAt: { lt: start } } } },
    }),
    client.membership.groupBy({
      by: ["unitId"],
      where: { orgId, createdAt: period },
      _count: { _all: true },
      orderBy: [{ _count: { unitId: "desc" } }, { unitId: "asc" }],
    }),
    client.invite.count({ where: { orgId, createdAt: period } }),
    // People's changes only: the digest's own rows (and other system entries) have no actor.
    client.auditLog.groupBy({
      by: ["action"],
      where: { orgId, createdAt: period, actorId: { not: null } },
      _count: { _all: true },
      orderBy: [{ _count: { action: "desc" } }, { action: "asc" }],
    }),
    client.notification.count({ where: { createdAt: period, type: { not: "digest.daily" }, user: member } }),
    client.reminderSend.count({ where: { sentAt: period, reminder: { user: member } } }),
  ]);
  const topUnits = joined.slice(0, unitsNamedInHighlights);
  const rest = joined.slice(unitsNamedInHighlights);
  const names = new Map(
    (
      await client.orgUnit.findMany({ where: { id: { in: topUnits.map((u) => u.unitId) } }, select: { id: true, name: true } })
    ).map((u) => [u.id, u.name]),
  );
  const changes = audit.reduce((sum, a) => sum + a._count._all, 0);
  return {
    activeMembers,
    members,
    newMembers,
    joinedByUnit: topUnits.map((u) => ({ unitName: names.get(u.unitId) ?? "a unit that was deleted", people: u._count._all })),
    joinedElsewhere: { people: rest.reduce((sum, u) => sum + u._count._all, 0), units: rest.length },
    invitesCreated,
    invitesAccepted: audit.find((a) => a.action === "invite.redeemed")?._count._all ?? 0,
    changes,
    topChanges: audit.slice(0, changesInHighlights).map((a) => ({ action: a.action, count: a._count._all })),
    notificationsSent,
    remindersSent,
  };
}

/** The digest of one organisation for the `hours` before `periodEnd`; null when the organisation no longer exists. */
export async function computeOrgDigest(
  input: { orgId: string; periodEnd: Date; hours?: number },
  client: Client = db(),
): Promise<OrgDigest | null> {
  const org = await client.organization.findUnique({
    where: { id: input.orgId },
    select: { id: true, name: true, slackWebhookUrl: true },
  });
  if (!org) return null;
  const start = digestPeriodStart(input.periodEnd, input.hours);
  const [facts, recipientIds] = await Promise.all([
    countDigestFacts(org.id, start, input.periodEnd, client),
    digestRecipientIds(org.id, client),
  ]);
  return {
    orgId: org.id,
    orgName: org.name,
    day: digestDay(input.periodEnd),
    periodStart: start.toISOString(),
    periodEnd: input.periodEnd.toISOString(),
    figures: digestFigures(facts),
    highlights: digestHighlights(facts),
    recipientIds,
    slackConnected: org.slackWebhookUrl !== null,
  };
}

// ---------------------------------------------------------------------------
// In-app and email, through notify()

/** The slice of notify() the digest uses (server/services/notifications), so tests can pass a plain function. */
export type DigestNotify = (
  userId: string,
  type: "digest.daily",
  context: {
    orgId: string;
    orgName: string;
    periodStart: string;
    periodEnd: string;
    figures: DigestFigure[];
    highlights: string[];
  },
  options: { orgId: string; dedupeKey: string; now?: Date },
) => Promise<{ notificationId: string; created: boolean } | null>;

export interface DigestRecipientResult {
  userId: string;
  notificationId: string | null;
  /** False when this person already had today's digest (a re-run) or chose no channel for it. */
  created: boolean;
}

/**
 * One notification per recipient, keyed by organisation and day, so running
 * this again (a retry, a second request the same day) never sends it twice.
 * `notes` are added to the highlights (a Slack problem the admins should fix).
 */
export async function notifyDigestRecipients(
  digest: OrgDigest,
  notify: DigestNotify,
  notes: string[] = [],
): Promise<DigestRecipientResult[]> {
  const context = {
    orgId: digest.orgId,
    orgName: digest.orgName,
    periodStart: digest.periodStart,
    periodEnd: digest.periodEnd,
    figures: digest.figures,
    highlights: [...digest.highlights, ...notes],
  };
  const dedupeKey = digestDedupeKey(digest.orgId, digest.day);
  const out: DigestRecipientResult[] = [];
  for (const userId of digest.recipientIds) {
    const result = await notify(userId, "digest.daily", context, { orgId: digest.orgId, dedupeKey, now: new Date(digest.periodEnd) });
    out.push({ userId, notificationId: result?.notificationId ?? null, created: result?.created ?? false });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Slack

function formatPeriodEnd(iso: string): string {
  const text = dateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
  }).format(new Date(iso));
  return `${text} UTC`;
}

export function digestSlackMessage(digest: OrgDigest, baseUrl: string = appUrl()): SlackMessage {
  const hours = Math.round((Date.parse(digest.periodEnd) - Date.parse(digest.periodStart)) / 3_600_000);
  return slackMessage({
    title: `Daily digest: ${digest.orgName}`,
    context: `The ${hours} hours up to ${formatPeriodEnd(digest.periodEnd)}`,
    fields: digest.figures.map((f) => ({ label: f.label, value: f.value.toLocaleString("en-GB") })),
    lines: digest.highlights,
    link: { label: "Open Lyceum", url: `${baseUrl}/orgs/${encodeURIComponent(digest.orgId)}` },
    fallback: `Daily digest for ${digest.orgName}: ${digest.figures.map((f) => `${f.label} ${f.value}`).join(", ")}`,
  });
}

export type DigestSlackOutcome =
  | { status: "posted"; postedAt: string }
  | { status: "already_posted"; postedAt: string }
  | { status: "not_connected" }
  /** Slack refused for good (removed webhook, ...): a person must act; retrying would not help. */
  | { status: "failed"; failure: SlackFailure; message: string };

export interface DigestSlackOptions extends PostOptions {
  baseUrl?: string;
}

/**
 * Posts the digest to the organisation's Slack channel once per day. The
 * audit row written after Slack accepted it is the record that stops a later
 * run (a retry, "send now") from posting again; the workflow runs one digest
 * per organisation at a time, so two runs do not race past that check.
 * Retriable Slack failures are thrown, for the workflow to retry.
 */
export async function postDigestToSlack(digest: OrgDigest, options: DigestSlackOptions = {}): Promise<DigestSlackOutcome> {
  const client = db();
  const org = await client.organization.findUnique({ where: { id: digest.orgId }, select: { slackWebhookUrl: true } });
  if (!org?.slackWebhookUrl) return { status: "not_connected" };
  const earlier = await client.auditLog.findFirst({
    where: { orgId: digest.orgId, action: digestPostedAction, data: { path: ["day"], equals: digest.day } },
    select: { createdAt: true },
  });
  if (earlier) return { status: "already_posted", postedAt: earlier.createdAt.toISOString() };

  try {
    await postToSlack(org.slackWebhookUrl, digestSlackMessage(digest, options.baseUrl), options);
  } catch (error) {
    if (isSlackWebhookError(error) && !error.retriable) return { status: "failed", failure: error.failure, message: error.message };
    // A stored URL this deployment no longer posts to (saved under another policy): retrying cannot help.
    if (isAppError(error)) return { status: "failed", failure: "unexpected", message: error.message };
    throw error;
  }
  const postedAt = new Date();
  await recordAudit(client, {
    orgId: digest.orgId,
    actorId: null,
    action: digestPostedAction,
    targetType: "Organization",
    targetId: digest.orgId,
    data: { day: digest.day, periodEnd: digest.periodEnd },
  });
  return { status: "posted", postedAt: postedAt.toISOString() };
}

/** A highlight for the admins when the Slack post did not happen. */
export function slackNoteFor(outcome: DigestSlackOutcome | { status: "gave_up"; message: string }): string | null {
  if (outcome.status === "failed") return `This digest could not be posted to Slack: ${outcome.message} (Settings, Slack).`;
  if (outcome.status === "gave_up") return `This digest could not be posted to Slack after several tries: ${outcome.message}`;
  return null;
}

// ---------------------------------------------------------------------------
// Fan-out

/** Organisation ids a page at a time, by id, for the daily fan-out. */
export async function listOrganizationIdsPage(input: { cursor: string | null; take: number }): Promise<{ ids: string[]; nextCursor: string | null }> {
  const rows = await db().organization.findMany({
    where: input.cursor ? { id: { gt: input.cursor } } : {},
    orderBy: { id: "asc" },
    take: input.take,
    select: { id: true },
  });
  const ids = rows.map((r) => r.id);
  return { ids, nextCursor: ids.length === input.take ? (ids[ids.length - 1] ?? null) : null };
}
