import { AppError } from "@/lib/errors";
import { env } from "../../env";

/**
 * Slack incoming webhooks, for the org admins' digest and the settings page's
 * test message. One POST of `{ text, blocks }` (Block Kit, with `text` as the
 * notification and screen-reader fallback); Slack answers 200 "ok" or a status
 * with a short error code in the body ("no_service", "invalid_payload", ...).
 *
 * Which URLs are accepted, and why: the server POSTs to whatever an org admin
 * pastes, so the URL is an outbound request made on their behalf. Only Slack's
 * own webhook hosts (`https://hooks.slack.com/services/...`, and the GovSlack
 * equivalent) are accepted, so the setting cannot be turned against services
 * on the server's network. Self-hosted Slack-compatible hooks (Mattermost,
 * Rocket.Chat) are therefore refused for now; supporting them needs an
 * instance-level allowlist of hosts that the operator, not an org admin, sets.
 * Plain http to 127.0.0.1 / localhost is accepted only outside production or
 * on a test deployment (LYCEUM_TEST_CLOCK), where tests run their own receiver.
 * Redirects are never followed, for the same reason.
 */

export const slackWebhookHosts = ["hooks.slack.com", "hooks.slack-gov.com"] as const;
const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface WebhookUrlPolicy {
  /** Accept http://127.0.0.1|localhost|[::1] (any port and path), for tests. */
  allowLoopbackHttp: boolean;
}

export function defaultWebhookPolicy(): WebhookUrlPolicy {
  const e = env();
  return { allowLoopbackHttp: e.NODE_ENV !== "production" || e.LYCEUM_TEST_CLOCK };
}

const pasteHint = "Paste the webhook URL Slack shows under Incoming Webhooks: it starts with https://hooks.slack.com/services/.";

function invalidUrl(message: string): AppError {
  return new AppError("invalid", message, { fieldErrors: { url: [message] } });
}

/** The URL when Lyceum may post to it; otherwise an `invalid` AppError (on the `url` field) that says what to paste. */
export function checkSlackWebhookUrl(raw: string, policy: WebhookUrlPolicy = defaultWebhookPolicy()): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidUrl(`That is not a URL. ${pasteHint}`);
  }
  if (url.username || url.password) throw invalidUrl(`A webhook URL has no user name or password in it. ${pasteHint}`);
  if (url.protocol === "http:" && policy.allowLoopbackHttp && loopbackHosts.has(url.hostname)) return url;
  if (url.protocol !== "https:") throw invalidUrl(`Slack webhook URLs use https. ${pasteHint}`);
  if (!(slackWebhookHosts as readonly string[]).includes(url.hostname) || url.port !== "") {
    throw invalidUrl(`Only Slack incoming-webhook URLs can be used (${slackWebhookHosts.join(" or ")}). ${pasteHint}`);
  }
  if (!/^\/services\/[^/]+\/[^/]+\/[^/]+$/.test(url.pathname)) {
    throw invalidUrl(`This is not an incoming-webhook URL (those look like /services/T…/B…/…). ${pasteHint}`);
  }
  return url;
}

/** "hooks.slack.com/…Xy12": enough to recognise a webhook, not enough to post to it. */
export function maskWebhookUrl(raw: string): string {
  let host = "webhook";
  try {
    host = new URL(raw).host;
  } catch {
    // a stored value that no longer parses still gets a label
  }
  const tail = raw.replace(/\/+$/, "").slice(-4);
  return `${host}/…${tail}`;
}

// ---------------------------------------------------------------------------
// Messages (Block Kit)

export interface SlackText {
  type: "plain_text" | "mrkdwn";
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: "header"; text: SlackText }
  | { type: "section"; text?: SlackText; fields?: SlackText[] }
  | { type: "context"; elements: SlackText[] }
  | { type: "divider" }
  | { type: "actions"; elements: { type: "button"; text: SlackText; url: string; action_id: string }[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackMessageInput {
  /** Header line (plain text). */
  title: string;
  /** Small print under the header (period, organisation). */
  context?: string;
  fields?: { label: string; value: string }[];
  /** Bullet lines. */
  lines?: string[];
  link?: { label: string; url: string };
  /** The notification text (also what clients without blocks show). */
  fallback: string;
}

/** Slack's mrkdwn treats &, < and > as control characters; user-given names must not form links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// Block Kit limits: header 150 characters, 10 fields per section, 2000 per field, 3000 per text, 75 per button label.
const limits = { header: 150, fieldsPerSection: 10, field: 2000, text: 3000, button: 75, fallback: 3000 } as const;

export function slackMessage(input: SlackMessageInput): SlackMessage {
  const blocks: SlackBlock[] = [{ type: "header", text: { type: "plain_text", text: clip(input.title, limits.header), emoji: false } }];
  if (input.context) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(escapeMrkdwn(input.context), limits.text) }] });
  const fields = input.fields ?? [];
  for (let i = 0; i < fields.length; i += limits.fieldsPerSection) {
    blocks.push({
      type: "section",
      fields: fields.slice(i, i + limits.fieldsPerSection).map((f) => ({
        type: "mrkdwn",
        text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, limits.field),
      })),
    });
  }
  if (input.lines && input.lines.length > 0) {
    const text = input.lines.map((line) => `• ${escapeMrkdwn(line)}`).join("\n");
    blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(text, limits.text) } });
  }
  if (input.link) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: clip(input.link.label, limits.button) },
          url: input.link.url,
          action_id: "open-lyceum",
        },
      ],
    });
  }
  return { text: clip(input.fallback, limits.fallback), blocks };
}

// ---------------------------------------------------------------------------
// Posting

export type SlackFailure =
  /** 404/410: the hook or its channel is gone; an admin must paste a new one. */
  | "removed"
  /** 403: revoked token, or the workspace forbids posting there. */
  | "refused"
  /** 400: Slack could not read the message (a bug here, not the admin's fault). */
  | "invalid_payload"
  /** 429: try again after `retryAfterSeconds`. */
  | "rate_limited"
  /** 5xx, timeout or network: try again later. */
  | "unavailable"
  /** A redirect or another status Slack does not document. */
  | "unexpected";

/** A failed post. `retriable` errors should be tried again later; the others need a person to act. */
export class SlackWebhookError extends Error {
  readonly failure: SlackFailure;
  readonly retriable: boolean;
  readonly status: number | null;
  /** Slack's error code from the response body ("no_service"), when it sent one. */
  readonly slackCode: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(
    failure: SlackFailure,
    message: string,
    extra: { status?: number | null; slackCode?: string | null; retryAfterSeconds?: number | null } = {},
  ) {
    super(message);
    this.name = "SlackWebhookError";
    this.failure = failure;
    this.retriable = failure === "rate_limited" || failure === "unavailable";
    this.status = extra.status ?? null;
    this.slackCode = extra.slackCode ?? null;
    this.retryAfterSeconds = extra.retryAfterSeconds ?? null;
  }
}

export function isSlackWebhookError(error: unknown): error is SlackWebhookError {
  return error instanceof SlackWebhookError;
}

export interface PostOptions {
  /** Give up after this long (default 10 s): a hanging Slack must not hold a workflow step. */
  timeoutMs?: number;
  policy?: WebhookUrlPolicy;
  fetch?: typeof fetch;
}

const defaultTimeoutMs = 10_000;

/** Slack's body is a short code ("no_service"); anything long or odd is not shown to people. */
function codeOf(body: string): string | null {
  const code = body.trim();
  return /^[a-z0-9_]{1,64}$/i.test(code) ? code : null;
}

function said(code: string | null): string {
  return code ? ` (Slack said: ${code})` : "";
}

function failureFor(status: number, code: string | null, retryAfter: string | null): SlackWebhookError {
  const extra = { status, slackCode: code };
  if (status === 404 || status === 410) {
    if (code === "channel_is_archived") {
      return new SlackWebhookError(
        "removed",
        `The Slack channel of this webhook was archived${said(code)}: unarchive it, or paste a webhook for another channel.`,
        extra,
      );
    }
    return new SlackWebhookError("removed", `The webhook was removed in Slack${said(code)}: paste a new one.`, extra);
  }
  if (status === 403) {
    return new SlackWebhookError(
      "refused",
      `Slack refused this webhook${said(code)}: it was revoked, or posting to that channel is not allowed. Paste a new one.`,
      extra,
    );
  }
  if (status === 400) {
    return new SlackWebhookError(
      "invalid_payload",
      `Slack could not read the message${said(code)}. This is a problem in Lyceum, not with your webhook; please report it.`,
      extra,
    );
  }
  if (status === 429) {
    const seconds = retryAfter && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : null;
    return new SlackWebhookError(
      "rate_limited",
      `Slack asked us to slow down${seconds === null ? "" : ` for ${seconds} s`}; the message will be sent again.`,
      { ...extra, retryAfterSeconds: seconds },
    );
  }
  if (status >= 500) {
    return new SlackWebhookError("unavailable", `Slack is not answering properly right now (HTTP ${status})${said(code)}; try again later.`, extra);
  }
  if (status >= 300 && status < 400) {
    return new SlackWebhookError("unexpected", "The webhook URL redirects elsewhere. Paste the URL exactly as Slack shows it.", extra);
  }
  return new SlackWebhookError("unexpected", `Slack answered with HTTP ${status}${said(code)}. Check the webhook in Slack, or paste a new one.`, extra);
}

/**
 * Posts one message. Resolves when Slack accepted it; throws SlackWebhookError
 * otherwise (and AppError `invalid` when the URL is not one Lyceum posts to).
 */
export async function postToSlack(webhookUrl: string, message: SlackMessage, options: PostOptions = {}): Promise<void> {
  const url = checkSlackWebhookUrl(webhookUrl, options.policy);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(message),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new SlackWebhookError(
      "unavailable",
      timedOut
        ? `Slack did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}; try again later.`
        : `Could not reach Slack at ${url.host}; check the server's network and try again.`,
    );
  }
  // Read the (tiny) body either way so the connection can be reused.
  const body = await response.text().catch(() => "");
  if (response.status >= 200 && response.status < 300) return;
  throw failureFor(response.status, codeOf(body), response.headers.get("retry-after"));
}
