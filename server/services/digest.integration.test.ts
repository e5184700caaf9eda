import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { slackReplies, startSlackReceiver, type SlackReceiver } from "@/tests/fixtures/slack-receiver";
import { db, type Db } from "../db";
import { recordAudit } from "./audit";
import { computeOrgDigest, digestPostedAction, listOrganizationIdsPage, postDigestToSlack, type OrgDigest } from "./digest";
import { createInvite } from "./invites";
import { isSlackWebhookError } from "./notifications/slack";
import { createDeviceSession } from "./sessions";

const hour = 60 * 60 * 1000;
const periodEnd = new Date(Date.now() + 60_000);
const longAgo = new Date(Date.now() - 10 * 24 * hour);

async function seenAt(userId: string, at: Date): Promise<void> {
  const { id } = await createDeviceSession({ userId });
  await db().session.update({ where: { id }, data: { lastSeenAt: at } });
}

/** The fixture with every role granted ten days ago, so the period holds only what a test adds. */
async function settledFixture(): Promise<OrgFixture> {
  const f = await createOrgFixture("Digest");
  await db().membership.updateMany({ where: { orgId: { in: [f.org.id, f.otherOrg.id] } }, data: { createdAt: longAgo } });
  return f;
}

function figure(digest: OrgDigest | null, label: string): number | undefined {
  return digest?.figures.find((f) => f.label === label)?.value;
}

describe("computeOrgDigest", () => {
  it("counts the organisation's activity in the last 24 hours and names no one", async () => {
    const f = await settledFixture();
    const newcomerA = await f.addMember(f.units.department, "student", "Newcomer");
    await f.addMember(f.units.department, "student", "Newcomer");
    await f.addMember(f.units.sibling, "teacher", "New Teacher");
    // An existing member's second role is a unit's new role, not a new member.
    await db().membership.create({ data: { userId: f.users.student.id, orgId: f.org.id, unitId: f.units.sibling.id, role: "student" } });

    await seenAt(f.users.rootAdmin.id, new Date(Date.now() - hour));
    await seenAt(newcomerA.user.id, new Date());
    await seenAt(f.users.teacher.id, new Date(Date.now() - 48 * hour));
    await seenAt(f.users.otherAdmin.id, new Date()); // another organisation
    await seenAt(f.users.sysAdmin.id, new Date()); // no role here

    await createInvite(f.actors.rootAdmin, { orgId: f.org.id, unitId: f.units.department.id, role: "student", maxUses: 3 });
    const old = await createInvite(f.actors.rootAdmin, { orgId: f.org.id, unitId: f.units.department.id, role: "student", maxUses: 3 });
    await db().invite.update({ where: { id: old.invite.id }, data: { createdAt: longAgo } });
    await db().auditLog.updateMany({ where: { targetId: old.invite.id }, data: { createdAt: longAgo } });
    await recordAudit(db(), {
      orgId: f.org.id,
      actorId: newcomerA.user.id,
      action: "invite.redeemed",
      targetType: "Invite",
      targetId: old.invite.id,
    });
    await recordAudit(db(), { orgId: f.org.id, actorId: null, action: digestPostedAction, targetType: "Organization", targetId: f.org.id });

    await db().notification.createMany({
      data: [
        { userId: f.users.student.id, orgId: f.org.id, type: "reminder", title: "R", body: "B" },
        { userId: f.users.rootAdmin.id, orgId: f.org.id, type: "digest.daily", title: "D", body: "B" },
      ],
    });
    const reminder = await db().reminder.create({
      data: { userId: f.users.teacher.id, title: "Mark essays", kind: "once", timeZone: "UTC", localTime: "09:00", date: "2026-11-22", offsets: [0], channels: ["in_app"] },
    });
    await db().reminderSend.create({ data: { reminderId: reminder.id, occurrenceAt: new Date(), offsetMinutes: 0, dueAt: new Date() } });

    const digest = await computeOrgDigest({ orgId: f.org.id, periodEnd });
    expect(digest).toMatchObject({
      orgId: f.org.id,
      orgName: f.org.name,
      day: periodEnd.toISOString().slice(0, 10),
      periodEnd: periodEnd.toISOString(),
      periodStart: new Date(periodEnd.getTime() - 24 * hour).toISOString(),
      recipientIds: [f.users.rootAdmin.id],
      slackConnected: false,
    });
    expect(Object.fromEntries(digest?.figures.map((x) => [x.label, x.value]) ?? [])).toEqual({
      "Active people": 2,
      Members: 8,
      "New members": 3,
      "Invites created": 1,
      "Invites accepted": 1,
      "Changes in the audit log": 2,
      "Notifications sent": 1,
      "Reminders sent": 1,
    });
    expect(digest?.highlights).toEqual(
      expect.arrayContaining([
        "2 people joined Department.",
        "2 people joined Sibling School.",
        "2 of 8 members used Lyceum (25%).",
        "1 invite created, 1 accepted.",
        "1 reminder went out to members.",
      ]),
    );
    const text = JSON.stringify(digest);
    for (const user of [f.users.rootAdmin, f.users.student, newcomerA.user]) {
      expect(text).not.toContain(user.name);
      expect(text).not.toContain(user.email);
    }
  });

  it("sends it only to admins of the top unit, once each", async () => {
    const f = await settledFixture();
    const second = await f.addMember(f.units.root, "org_admin", "Second Admin");
    await db().membership.create({ data: { userId: second.user.id, orgId: f.org.id, unitId: f.units.school.id, role: "teacher" } });
    const digest = await computeOrgDigest({ orgId: f.org.id, periodEnd });
    expect(digest?.recipientIds.sort()).toEqual([f.users.rootAdmin.id, second.user.id].sort());
    expect(digest?.recipientIds).not.toContain(f.users.schoolAdmin.id);
  });

  it("uses the same number of queries for a small and a larger organisation", async () => {
    let queries = 0;
    const counting = db().$extends({
      query: {
        async $allOperations({ args, query }) {
          queries += 1;
          return query(args);
        },
      },
    }) as unknown as Db;
    const f = await settledFixture();
    await computeOrgDigest({ orgId: f.org.id, periodEnd }, counting);
    const small = queries;

    for (let i = 0; i < 25; i += 1) {
      const unit = i % 2 ? f.units.department : f.units.sibling;
      const m = await f.addMember(unit, "student", "Crowd");
      await seenAt(m.user.id, new Date());
    }
    for (let i = 0; i < 5; i += 1) {
      await db().orgUnit.create({ data: { orgId: f.org.id, parentId: f.units.root.id, name: `Extra ${i}`, path: `/x${i}/`, depth: 1 } });
    }
    queries = 0;
    const digest = await computeOrgDigest({ orgId: f.org.id, periodEnd }, counting);
    expect(queries).toBe(small);
    expect(small).toBeGreaterThan(5);
    expect(small).toBeLessThanOrEqual(12);
    expect(figure(digest, "Active people")).toBe(25);
  });

  it("returns null for an organisation that no longer exists", async () => {
    expect(await computeOrgDigest({ orgId: "gone", periodEnd })).toBeNull();
  });
});

describe("listOrganizationIdsPage", () => {
  it("walks every organisation by id", async () => {
    await settledFixture();
    const all = (await db().organization.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((o) => o.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { ids: string[]; nextCursor: string | null } = await listOrganizationIdsPage({ cursor, take: 2 });
      seen.push(...page.ids);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });
});

describe("postDigestToSlack", () => {
  let slack: SlackReceiver;
  beforeAll(async () => {
    slack = await startSlackReceiver();
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.received.length = 0;
  });

  async function connected(): Promise<{ f: OrgFixture; digest: OrgDigest }> {
    const f = await settledFixture();
    await db().organization.update({ where: { id: f.org.id }, data: { slackWebhookUrl: slack.hook(`T/B/${f.suffix}`) } });
    const digest = await computeOrgDigest({ orgId: f.org.id, periodEnd });
    if (!digest) throw new Error("no digest");
    return { f, digest };
  }

  it("posts the figures once per day, and records the post in the audit log", async () => {
    const { f, digest } = await connected();
    expect(digest.slackConnected).toBe(true);
    // The webhook stays in the database: the digest is a memoised step result, shown on the workflow runs page.
    expect(JSON.stringify(digest)).not.toContain("/services/");

    const first = await postDigestToSlack(digest, { baseUrl: "https://lyceum.example" });
    expect(first.status).toBe("posted");
    const again = await postDigestToSlack(digest, { baseUrl: "https://lyceum.example" });
    expect(again.status).toBe("already_posted");
    expect(slack.received).toHaveLength(1);

    const body = slack.received[0]?.body as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[] };
    expect(body.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: `Daily digest: ${f.org.name}`, emoji: false } });
    expect(body.blocks.flatMap((b) => b.fields ?? []).map((x) => x.text)).toContain("*Members*\n5");
    expect(JSON.stringify(body)).toContain(`https://lyceum.example/orgs/${f.org.id}`);
    expect(body.text).toMatch(/^Daily digest for /);

    const rows = await db().auditLog.findMany({ where: { orgId: f.org.id, action: digestPostedAction } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: null, data: { day: digest.day } });

    // The next day is a new post.
    const tomorrow = await computeOrgDigest({ orgId: f.org.id, periodEnd: new Date(periodEnd.getTime() + 24 * hour) });
    expect(tomorrow && (await postDigestToSlack(tomorrow)).status).toBe("posted");
    expect(slack.received).toHaveLength(2);
  });

  it("reports a removed webhook without retrying, and throws on a transient failure", async () => {
    const { f, digest } = await connected();
    slack.reply(slackReplies.removed);
    expect(await postDigestToSlack(digest)).toEqual({
      status: "failed",
      failure: "removed",
      message: "The webhook was removed in Slack (Slack said: no_service): paste a new one.",
    });
    slack.reply(slackReplies.serverError);
    const error: unknown = await postDigestToSlack(digest).catch((e: unknown) => e);
    expect(isSlackWebhookError(error) && error.retriable).toBe(true);
    expect(await db().auditLog.count({ where: { orgId: f.org.id, action: digestPostedAction } })).toBe(0);
  });

  it("fails for good, without a request, when the stored URL is one this deployment does not post to", async () => {
    const { f, digest } = await connected();
    await db().organization.update({ where: { id: f.org.id }, data: { slackWebhookUrl: "https://intranet.example/hook" } });
    expect(await postDigestToSlack(digest)).toMatchObject({ status: "failed", failure: "unexpected", message: expect.stringMatching(/Only Slack/) });
    expect(slack.received).toHaveLength(0);
  });

  it("does nothing when Slack is not connected", async () => {
    const f = await settledFixture();
    const digest = await computeOrgDigest({ orgId: f.org.id, periodEnd });
    expect(digest && (await postDigestToSlack(digest))).toEqual({ status: "not_connected" });
  });
});
