import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { digestDedupeKey } from "@/lib/digest";
import { db } from "@/server/db";
import { digestPostedAction, type DigestNotify } from "@/server/services/digest";
import { notify } from "@/server/services/notifications";
import { createWorkflowEngine, manualClock, silentLogger } from "@/server/workflows";
import { resetWorkflowTables, runsOf, testApp, testClient } from "@/server/workflows/test-support";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { slackReplies, startSlackReceiver, type SlackReceiver } from "@/tests/fixtures/slack-receiver";
import { digestOrgRequested } from "../events";
import { callServeHandler } from "../worker";
import { createOrgDigestFunction, orgDigestDefaults } from "./org-digest";

/**
 * The digest through the embedded executor (Inngest's SDK protocol, state in
 * PostgreSQL): the figures and recipients it sends, no repeat on a re-run,
 * and exactly one Slack post even when a later step fails and is retried.
 */

let slack: SlackReceiver;
let f: OrgFixture;

beforeAll(async () => {
  slack = await startSlackReceiver();
});
afterAll(() => slack.close());
beforeEach(async () => {
  await resetWorkflowTables();
  slack.received.length = 0;
  f = await createOrgFixture("Digest Flow");
  await db().organization.update({ where: { id: f.org.id }, data: { slackWebhookUrl: slack.hook(`T/B/${f.suffix}`) } });
});

function postsFor(): number {
  return slack.received.filter((r) => r.path.endsWith(f.suffix)).length;
}

async function digestsOf(userId: string) {
  return db().notification.findMany({ where: { userId, type: "digest.daily" }, select: { id: true, dedupeKey: true, data: true, title: true } });
}

/** Runs until nothing is due, moving the clock past each retry's backoff (1 s in testApp). */
async function drain(engine: { runUntilIdle(): Promise<void> }, clock: { advance(ms: number): unknown }, rounds = 8) {
  for (let i = 0; i < rounds; i += 1) {
    await engine.runUntilIdle();
    clock.advance(1_000);
  }
}

describe("org-digest on the embedded executor", () => {
  it("notifies the top unit's admins with the figures, posts to Slack once, and repeats nothing on a re-run", async () => {
    const client = testClient("digest-flow");
    const app = testApp(client, [createOrgDigestFunction(client)], new Date());
    const engine = app.engine();
    const periodEnd = new Date(Date.now() + 60_000).toISOString();

    await client.send(digestOrgRequested.create({ orgId: f.org.id, periodEnd }));
    await drain(engine, app.clock, 2);

    const [run] = await runsOf("digest-flow-org-digest");
    expect(run?.status).toBe("completed");
    expect(run?.steps.map((s) => s.name).sort()).toEqual(["compute", "notify-admins", "post-to-slack"]);
    const mine = await digestsOf(f.users.rootAdmin.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ dedupeKey: digestDedupeKey(f.org.id, periodEnd.slice(0, 10)), title: `Daily digest: ${f.org.name}` });
    const data = mine[0]?.data as { figures: { label: string; value: number }[]; highlights: string[] };
    expect(data.figures).toContainEqual({ label: "Members", value: 5 });
    expect(data.figures).toContainEqual({ label: "New members", value: 5 });
    expect(data.highlights.length).toBeGreaterThan(0);
    // Only admins of the top unit: the school's admin and the others get nothing.
    for (const key of ["schoolAdmin", "teacher", "student", "otherAdmin"] as const) expect(await digestsOf(f.users[key].id)).toEqual([]);
    expect(postsFor()).toBe(1);

    // The same request again (a second "send now", the schedule on the same day): nothing new anywhere.
    await client.send(digestOrgRequested.create({ orgId: f.org.id, periodEnd }));
    await drain(engine, app.clock, 2);
    const runs = await runsOf("digest-flow-org-digest");
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed"]);
    expect(runs[1]?.output).toMatchObject({
      data: { slack: { status: "already_posted" }, recipients: [{ userId: f.users.rootAdmin.id, created: false }] },
    });
    expect(await digestsOf(f.users.rootAdmin.id)).toHaveLength(1);
    expect(postsFor()).toBe(1);
    expect(await db().auditLog.count({ where: { orgId: f.org.id, action: digestPostedAction } })).toBe(1);
  });

  it("posts to Slack exactly once when Slack fails first and a later step fails and retries", async () => {
    let notifyCalls = 0;
    const flakyNotify: DigestNotify = async (...args) => {
      notifyCalls += 1;
      if (notifyCalls === 1) throw new Error("The notifications table is locked (test)");
      return notify(...args);
    };
    const client = testClient("digest-retry");
    const app = testApp(client, [createOrgDigestFunction(client, { ...orgDigestDefaults, notify: flakyNotify })], new Date());
    const engine = app.engine();
    slack.reply(slackReplies.serverError);

    await client.send(digestOrgRequested.create({ orgId: f.org.id, periodEnd: new Date().toISOString() }));
    await drain(engine, app.clock);

    const [run] = await runsOf("digest-retry-org-digest");
    expect(run?.status).toBe("completed");
    const steps = new Map(run?.steps.map((s) => [s.name, s]));
    expect(steps.get("post-to-slack")?.attempts).toBe(2); // 500, then ok
    expect(steps.get("notify-admins")?.attempts).toBe(2); // failed once, then ok
    expect(steps.get("compute")?.attempts).toBe(1);
    // Two requests reached Slack: the 500 and the accepted one. The notify retry posted nothing.
    expect(postsFor()).toBe(2);
    expect(await db().auditLog.count({ where: { orgId: f.org.id, action: digestPostedAction } })).toBe(1);
    expect(await digestsOf(f.users.rootAdmin.id)).toHaveLength(1);
  });

  it("still sends the admins their digest, with a note, when Slack never answers", async () => {
    const client = testClient("digest-slack-down");
    const app = testApp(client, [createOrgDigestFunction(client)], new Date());
    const engine = app.engine();
    slack.reply(...Array.from({ length: 5 }, () => slackReplies.serverError));

    await client.send(digestOrgRequested.create({ orgId: f.org.id, periodEnd: new Date().toISOString() }));
    await drain(engine, app.clock, 10);

    const [run] = await runsOf("digest-slack-down-org-digest");
    expect(run?.status).toBe("completed");
    expect(run?.output).toMatchObject({ data: { slack: { status: "gave_up" } } });
    expect(postsFor()).toBe(5); // the first try and 4 retries
    const [digest] = await digestsOf(f.users.rootAdmin.id);
    expect((digest?.data as { highlights: string[] }).highlights.at(-1)).toMatch(/could not be posted to Slack after several tries/);
  });
});

describe("daily-admin-digest with the app's functions", () => {
  it("fires at 07:00 UTC and runs one digest per organisation; the fan-out's event ids stop a resend", async () => {
    // Other test files' organisations may hold webhooks to receivers that are gone (or to Slack itself).
    await db().organization.updateMany({ where: { id: { not: f.org.id } }, data: { slackWebhookUrl: null } });
    const start = new Date();
    const clock = manualClock(start);
    const engine = createWorkflowEngine({ handler: callServeHandler, logger: silentLogger, clock, backoff: () => 1000 });
    await engine.sync();
    const schedule = await db().workflowSchedule.findUniqueOrThrow({ where: { id: "lyceum-daily-admin-digest 0 7 * * *" } });
    expect(schedule.nextFireAt.getUTCHours()).toBe(7);
    expect(schedule.nextFireAt.getTime()).toBeGreaterThan(start.getTime());

    clock.set(schedule.nextFireAt);
    await engine.runUntilIdle();

    const [fanOut] = await runsOf("lyceum-daily-admin-digest");
    expect(fanOut?.status).toBe("completed");
    const organizations = await db().organization.count();
    expect(fanOut?.output).toMatchObject({ data: { organizations } });
    const digests = await runsOf("lyceum-org-digest");
    expect(digests).toHaveLength(organizations);
    expect(digests.every((r) => r.status === "completed")).toBe(true);
    expect(await digestsOf(f.users.rootAdmin.id)).toHaveLength(1);
    expect(await digestsOf(f.users.otherAdmin.id)).toHaveLength(1); // the other organisation's top admin
    expect(postsFor()).toBe(1);

    // The fan-out's events are named by organisation and day: sending them again starts nothing.
    const [first] = await db().workflowEvent.findMany({ where: { name: "digest/org.requested" }, take: 1 });
    const payload = first?.payload as { id: string; data: { orgId: string; periodEnd: string } };
    const { inngest } = await import("../client");
    await inngest.send(digestOrgRequested.create(payload.data, { id: payload.id }));
    await engine.runUntilIdle();
    expect(await runsOf("lyceum-org-digest")).toHaveLength(organizations);
  }, 120_000); // one digest per organisation in the shared database: hundreds by the time this file runs
});
