import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { digestDedupeKey } from "@/lib/digest";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { slackReplies, startSlackReceiver, type SlackReceiver } from "@/tests/fixtures/slack-receiver";
import { resetWorkflowTables } from "../workflows/test-support";
import { db } from "../db";
import { recordAudit } from "./audit";
import { digestPostedAction } from "./digest";
import { clearSlackWebhook, getOrgSettings, requestDigestNow, sendSlackTestMessage, setSlackWebhook } from "./org-settings";

const hook = "https://hooks.slack.com/services/T0001/B0002/secretTOKENabcd";
let slack: SlackReceiver;
let f: OrgFixture;

beforeAll(async () => {
  slack = await startSlackReceiver();
});
afterAll(() => slack.close());
beforeEach(async () => {
  slack.received.length = 0;
  f = await createOrgFixture("Settings");
});

async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error: unknown = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function auditOf(action: string) {
  return db().auditLog.findMany({ where: { orgId: f.org.id, action }, select: { actorId: true, data: true } });
}

describe("the Slack webhook setting", () => {
  it("is saved, shown masked, audited without the secret, and cleared", async () => {
    const admin = f.actors.rootAdmin;
    const before = await getOrgSettings(admin, { orgId: f.org.id }, { now: new Date("2026-11-22T10:00:00Z") });
    expect(before.slack).toEqual({ connected: false, webhook: null });
    expect(before.digest).toMatchObject({ cron: "0 7 * * *", schedule: "Every day at 07:00 UTC", recipients: 1, lastSentAt: null, latest: null });
    expect(before.digest.nextRunAt.toISOString()).toBe("2026-11-23T07:00:00.000Z");

    const saved = await setSlackWebhook(admin, { orgId: f.org.id, url: ` ${hook} ` });
    expect(saved.slack).toEqual({ connected: true, webhook: "hooks.slack.com/…abcd" });
    expect(JSON.stringify(saved)).not.toContain("secretTOKEN");
    expect((await db().organization.findUniqueOrThrow({ where: { id: f.org.id } })).slackWebhookUrl).toBe(hook);
    const connected = await auditOf("organization.slack_connected");
    expect(connected).toEqual([{ actorId: admin.userId, data: { before: null, after: { webhook: "hooks.slack.com/…abcd" } } }]);
    expect(JSON.stringify(connected)).not.toContain("secretTOKEN");

    // Saving the same URL again changes nothing and logs nothing.
    await setSlackWebhook(admin, { orgId: f.org.id, url: hook });
    expect(await auditOf("organization.slack_connected")).toHaveLength(1);

    const cleared = await clearSlackWebhook(admin, { orgId: f.org.id });
    expect(cleared.slack).toEqual({ connected: false, webhook: null });
    expect(await auditOf("organization.slack_disconnected")).toEqual([
      { actorId: admin.userId, data: { before: { webhook: "hooks.slack.com/…abcd" } } },
    ]);
  });

  it("refuses a URL that is not a Slack webhook, by the url field, and keeps the old one", async () => {
    await setSlackWebhook(f.actors.rootAdmin, { orgId: f.org.id, url: hook });
    const error = await refusal(setSlackWebhook(f.actors.rootAdmin, { orgId: f.org.id, url: "https://intranet.example/hooks/x" }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors?.url?.[0]).toMatch(/Only Slack incoming-webhook URLs/);
    const empty = await refusal(setSlackWebhook(f.actors.rootAdmin, { orgId: f.org.id, url: "  " }));
    expect(empty.fieldErrors?.url).toEqual(["Paste the webhook URL from Slack."]);
    expect((await db().organization.findUniqueOrThrow({ where: { id: f.org.id } })).slackWebhookUrl).toBe(hook);
  });

  it("is for admins of the top unit only: a school's admin and a teacher are refused, outsiders told it does not exist", async () => {
    const input = { orgId: f.org.id };
    for (const key of ["schoolAdmin", "teacher", "student"] as const) {
      expect((await refusal(getOrgSettings(f.actors[key], input))).code).toBe("forbidden");
      expect((await refusal(setSlackWebhook(f.actors[key], { ...input, url: hook }))).code).toBe("forbidden");
      expect((await refusal(clearSlackWebhook(f.actors[key], input))).code).toBe("forbidden");
      expect((await refusal(sendSlackTestMessage(f.actors[key], input))).code).toBe("forbidden");
      expect((await refusal(requestDigestNow(f.actors[key], input, { send: async () => {} }))).code).toBe("forbidden");
    }
    expect((await refusal(getOrgSettings(f.actors.otherAdmin, input))).code).toBe("not_found");
    expect((await refusal(getOrgSettings(null, input))).code).toBe("unauthenticated");
    expect((await getOrgSettings(f.actors.sysAdmin, input)).orgId).toBe(f.org.id);
    expect((await db().organization.findUniqueOrThrow({ where: { id: f.org.id } })).slackWebhookUrl).toBeNull();
  });
});

describe("sendSlackTestMessage", () => {
  it("asks to connect first when no webhook is saved", async () => {
    const error = await refusal(sendSlackTestMessage(f.actors.rootAdmin, { orgId: f.org.id }));
    expect(error).toMatchObject({ code: "invalid", message: "Connect Slack first: paste a webhook URL and save it, then send a test." });
  });

  it("posts a test message and reports what Slack answered", async () => {
    await setSlackWebhook(f.actors.rootAdmin, { orgId: f.org.id, url: slack.hook("T9/B9/abcdWXYZ") });
    const ok = await sendSlackTestMessage(f.actors.rootAdmin, { orgId: f.org.id }, { baseUrl: "https://lyceum.example" });
    expect(ok).toEqual({ ok: true, webhook: "127.0.0.1:" + new URL(slack.url).port + "/…WXYZ" });
    expect(slack.received).toHaveLength(1);
    const body = JSON.stringify(slack.received[0]?.body);
    expect(body).toContain("Lyceum is connected");
    expect(body).toContain(`https://lyceum.example/orgs/${f.org.id}/admin/settings`);

    slack.reply(slackReplies.removed);
    const removed = await sendSlackTestMessage(f.actors.rootAdmin, { orgId: f.org.id });
    expect(removed).toMatchObject({ ok: false, failure: "removed", retriable: false, message: "The webhook was removed in Slack (Slack said: no_service): paste a new one." });

    expect((await auditOf("organization.slack_tested")).map((r) => r.data)).toEqual([
      { webhook: ok.webhook, ok: true },
      { webhook: ok.webhook, ok: false, failure: "removed" },
    ]);
  });
});

describe("requestDigestNow", () => {
  beforeEach(resetWorkflowTables);

  it("sends the digest event for the last 24 hours, audited", async () => {
    const sent: unknown[] = [];
    const now = new Date("2026-11-22T15:30:00.000Z");
    const result = await requestDigestNow(f.actors.rootAdmin, { orgId: f.org.id }, { now, send: async (e) => void sent.push(e) });
    expect(result).toEqual({ day: "2026-11-22", alreadySent: false });
    expect(sent).toEqual([
      expect.objectContaining({
        name: "digest/org.requested",
        data: { orgId: f.org.id, periodEnd: "2026-11-22T15:30:00.000Z", requestedBy: f.users.rootAdmin.id },
      }),
    ]);
    expect(await auditOf("organization.digest_requested")).toEqual([{ actorId: f.users.rootAdmin.id, data: { day: "2026-11-22" } }]);
  });

  it("tells the admin when today's digest already reached them", async () => {
    const now = new Date("2026-11-22T15:30:00.000Z");
    await db().notification.create({
      data: { userId: f.users.rootAdmin.id, orgId: f.org.id, type: "digest.daily", title: "D", body: "B", dedupeKey: digestDedupeKey(f.org.id, "2026-11-22") },
    });
    expect(await requestDigestNow(f.actors.rootAdmin, { orgId: f.org.id }, { now, send: async () => {} })).toMatchObject({ alreadySent: true });
  });

  it("goes through the workflow client by default (stored for the embedded executor)", async () => {
    await requestDigestNow(f.actors.rootAdmin, { orgId: f.org.id });
    const events = await db().workflowEvent.findMany({ where: { name: "digest/org.requested" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({ data: { orgId: f.org.id, requestedBy: f.users.rootAdmin.id } });
  });

  it("previews the last digest the admins got", async () => {
    const context = {
      orgId: f.org.id,
      orgName: f.org.name,
      periodStart: "2026-11-21T07:00:00.000Z",
      periodEnd: "2026-11-22T07:00:00.000Z",
      figures: [{ label: "Active people", value: 4 }],
      highlights: ["2 people joined School."],
    };
    await db().notification.create({ data: { userId: f.users.rootAdmin.id, orgId: f.org.id, type: "digest.daily", title: "D", body: "B", data: context } });
    const { digest } = await getOrgSettings(f.actors.rootAdmin, { orgId: f.org.id });
    expect(digest.lastSentAt).toBeInstanceOf(Date);
    expect(digest.latest).toEqual({ periodEnd: new Date(context.periodEnd), figures: context.figures, highlights: context.highlights });
  });

  it("shows the last Slack post in the settings", async () => {
    await recordAudit(db(), { orgId: f.org.id, actorId: null, action: digestPostedAction, targetType: "Organization", targetId: f.org.id, data: { day: "2026-11-22" } });
    expect((await getOrgSettings(f.actors.rootAdmin, { orgId: f.org.id })).digest.lastPostedToSlackAt).toBeInstanceOf(Date);
  });
});
