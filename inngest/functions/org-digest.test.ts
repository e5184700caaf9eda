import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import type { DigestSlackOutcome, OrgDigest } from "@/server/services/digest";
import { inngest } from "../client";
import { createOrgDigestFunction, orgDigestFunction, type OrgDigestDeps } from "./org-digest";

const digest: OrgDigest = {
  orgId: "org1",
  orgName: "Demo School",
  day: "2026-11-22",
  periodStart: "2026-11-21T07:00:00.000Z",
  periodEnd: "2026-11-22T07:00:00.000Z",
  figures: [{ label: "Active people", value: 3 }],
  highlights: ["3 of 10 members used Lyceum (30%)."],
  recipientIds: ["admin1", "admin2"],
  slackConnected: true,
};

function deps(overrides: Partial<OrgDigestDeps> = {}) {
  const calls: string[] = [];
  const base: OrgDigestDeps = {
    now: vi.fn(async () => new Date("2026-11-22T09:30:00.000Z")),
    compute: vi.fn(async () => {
      calls.push("compute");
      return digest;
    }),
    postToSlack: vi.fn(async (): Promise<DigestSlackOutcome> => {
      calls.push("slack");
      return { status: "posted", postedAt: "2026-11-22T07:00:01.000Z" };
    }),
    notify: vi.fn(async (userId: string) => {
      calls.push(`notify:${userId}`);
      return { notificationId: `n-${userId}`, created: true };
    }),
  };
  return { d: { ...base, ...overrides }, calls };
}

const event = { name: "digest/org.requested", data: { orgId: "org1", periodEnd: "2026-11-22T07:00:00.000Z" } };

describe("org-digest", () => {
  it("runs one digest per organisation at a time, with retries, on digest/org.requested", () => {
    const [config] = orgDigestFunction["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "lyceum" });
    expect(config?.triggers).toEqual([{ event: "digest/org.requested" }]);
    expect(config?.concurrency).toEqual({ key: "event.data.orgId", limit: 1 });
    expect(config?.steps.step.retries).toEqual({ attempts: 4 });
  });

  it("computes, posts to Slack, then notifies each admin of the top unit with the day's dedupe key", async () => {
    const { d, calls } = deps();
    const t = new InngestTestEngine({ function: createOrgDigestFunction(inngest, d) });
    const { result, ctx } = await t.execute({ events: [event] });
    expect(calls).toEqual(["compute", "slack", "notify:admin1", "notify:admin2"]);
    expect(vi.mocked(ctx.step.run).mock.calls.map(([id]) => id)).toEqual(["compute", "post-to-slack", "notify-admins"]);
    expect(d.compute).toHaveBeenCalledWith({ orgId: "org1", periodEnd: new Date("2026-11-22T07:00:00.000Z") });
    expect(d.now).not.toHaveBeenCalled();
    expect(d.notify).toHaveBeenCalledWith(
      "admin1",
      "digest.daily",
      {
        orgId: "org1",
        orgName: "Demo School",
        periodStart: digest.periodStart,
        periodEnd: digest.periodEnd,
        figures: digest.figures,
        highlights: digest.highlights,
      },
      { orgId: "org1", dedupeKey: "digest:org1:2026-11-22", now: new Date(digest.periodEnd) },
    );
    expect(result).toMatchObject({
      orgId: "org1",
      day: "2026-11-22",
      slack: { status: "posted" },
      recipients: [
        { userId: "admin1", notificationId: "n-admin1", created: true },
        { userId: "admin2", notificationId: "n-admin2", created: true },
      ],
    });
  });

  it("reads the app clock in a step when the event names no period end", async () => {
    const { d } = deps();
    const t = new InngestTestEngine({ function: createOrgDigestFunction(inngest, d) });
    const { ctx } = await t.execute({ events: [{ name: "digest/org.requested", data: { orgId: "org1" } }] });
    expect(vi.mocked(ctx.step.run).mock.calls[0]?.[0]).toBe("period-end");
    expect(d.compute).toHaveBeenCalledWith({ orgId: "org1", periodEnd: new Date("2026-11-22T09:30:00.000Z") });
  });

  it("skips Slack when it is not connected", async () => {
    const { d, calls } = deps({ compute: async () => ({ ...digest, slackConnected: false }) });
    const t = new InngestTestEngine({ function: createOrgDigestFunction(inngest, d) });
    const { result, ctx } = await t.execute({ events: [event] });
    expect(calls).toEqual(["notify:admin1", "notify:admin2"]);
    expect(ctx.step.run).not.toHaveBeenCalledWith("post-to-slack", expect.any(Function));
    expect(result).toMatchObject({ slack: { status: "skipped" } });
  });

  it("tells the admins in the digest when Slack refused the webhook", async () => {
    const message = "The webhook was removed in Slack (Slack said: no_service): paste a new one.";
    const { d } = deps({ postToSlack: async () => ({ status: "failed", failure: "removed", message }) });
    const t = new InngestTestEngine({ function: createOrgDigestFunction(inngest, d) });
    await t.execute({ events: [event] });
    const context = vi.mocked(d.notify).mock.calls[0]?.[2];
    expect(context?.highlights.at(-1)).toBe(`This digest could not be posted to Slack: ${message} (Settings, Slack).`);
  });

  it("does nothing for an organisation that was deleted", async () => {
    const { d } = deps({ compute: async () => null });
    const t = new InngestTestEngine({ function: createOrgDigestFunction(inngest, d) });
    const { result } = await t.execute({ events: [event] });
    expect(result).toEqual({ orgId: "org1", skipped: "The organisation no longer exists." });
    expect(d.notify).not.toHaveBeenCalled();
  });
});
