import type { Inngest } from "inngest";
import { appNow } from "@/server/clock";
import {
  computeOrgDigest,
  notifyDigestRecipients,
  postDigestToSlack,
  slackNoteFor,
  type DigestNotify,
  type DigestSlackOutcome,
  type OrgDigest,
} from "@/server/services/digest";
import { notify } from "@/server/services/notifications";
import { inngest } from "../client";
import { digestOrgRequested } from "../events";

/** What the digest run calls; tests pass plain functions (a notify that fails once, a fixed clock). */
export interface OrgDigestDeps {
  now: () => Promise<Date>;
  compute: (input: { orgId: string; periodEnd: Date }) => Promise<OrgDigest | null>;
  postToSlack: (digest: OrgDigest) => Promise<DigestSlackOutcome>;
  notify: DigestNotify;
}

export const orgDigestDefaults: OrgDigestDeps = {
  now: appNow,
  compute: (input) => computeOrgDigest(input),
  postToSlack: (digest) => postDigestToSlack(digest),
  notify,
};

type SlackStepOutcome = DigestSlackOutcome | { status: "skipped" } | { status: "gave_up"; message: string };

/**
 * One organisation's daily digest: compute the figures, post them to the
 * organisation's Slack channel (when connected), then notify the admins of
 * the top unit (in-app and email, by their preferences).
 *
 * Slack comes before the notifications on purpose: it is the only side
 * effect that cannot be deduplicated afterwards (Slack has no idempotency
 * key), so once its step is memoised a failing notify step retries without
 * posting again; and a Slack problem that needs an admin (a removed webhook)
 * can be told to them in the digest itself. Notifications are keyed per
 * organisation and day, Slack posts are recorded in the audit log, and one
 * digest per organisation runs at a time: a second request the same day
 * (the schedule after "send now", a retry) repeats nothing.
 */
export function createOrgDigestFunction(client: Inngest, deps: OrgDigestDeps = orgDigestDefaults) {
  return client.createFunction(
    {
      id: "org-digest",
      name: "Daily digest of one organisation",
      retries: 4,
      triggers: [digestOrgRequested],
      concurrency: { key: "event.data.orgId", limit: 1 },
    },
    async ({ event, step }) => {
      const { orgId } = event.data;
      const periodEnd = event.data.periodEnd ?? (await step.run("period-end", async () => (await deps.now()).toISOString()));
      const digest = await step.run("compute", () => deps.compute({ orgId, periodEnd: new Date(periodEnd) }));
      if (!digest) return { orgId, skipped: "The organisation no longer exists." };

      let slack: SlackStepOutcome = { status: "skipped" };
      if (digest.slackConnected) {
        try {
          slack = await step.run("post-to-slack", () => deps.postToSlack(digest));
        } catch (error) {
          // Slack stayed unavailable through every retry: the admins still get their digest, with a note.
          slack = { status: "gave_up", message: error instanceof Error ? error.message : String(error) };
        }
      }
      const note = slack.status === "failed" || slack.status === "gave_up" ? slackNoteFor(slack) : null;
      const recipients = await step.run("notify-admins", () => notifyDigestRecipients(digest, deps.notify, note ? [note] : []));
      return { orgId, day: digest.day, figures: digest.figures, recipients, slack };
    },
  );
}

export const orgDigestFunction = createOrgDigestFunction(inngest);
