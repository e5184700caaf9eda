import { cron } from "inngest";
import { dailyDigestCron, digestDay, digestEventId } from "@/lib/digest";
import { appNow } from "@/server/clock";
import { listOrganizationIdsPage } from "@/server/services/digest";
import { inngest } from "../client";
import { digestOrgRequested } from "../events";

/** Organisations listed (and events sent) per step: a step's result stays small. */
export const fanOutPageSize = 200;

/**
 * Every day at 07:00 UTC (lib/digest.ts): one `digest/org.requested` per
 * organisation, all for the same period end, read from the app's clock in a
 * step so a retry asks for the same period. Each event's id names the
 * organisation and day, so a resent batch starts nothing new.
 */
export const dailyAdminDigest = inngest.createFunction(
  { id: "daily-admin-digest", name: "Daily digest for org admins", triggers: [cron(dailyDigestCron)] },
  async ({ step }) => {
    const periodEnd = await step.run("period-end", async () => (await appNow()).toISOString());
    const day = digestDay(new Date(periodEnd));
    let cursor: string | null = null;
    let organizations = 0;
    for (let page = 0; ; page += 1) {
      const batch = await step.run(`list-organizations-${page}`, () => listOrganizationIdsPage({ cursor, take: fanOutPageSize }));
      if (batch.ids.length > 0) {
        await step.sendEvent(
          `request-digests-${page}`,
          batch.ids.map((orgId) => digestOrgRequested.create({ orgId, periodEnd }, { id: digestEventId(orgId, day) })),
        );
      }
      organizations += batch.ids.length;
      if (!batch.nextCursor) break;
      cursor = batch.nextCursor;
    }
    return { day, periodEnd, organizations };
  },
);
