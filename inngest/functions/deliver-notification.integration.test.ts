import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
  discordAdapter,
  discordNotLinked,
  emailAdapter,
  interruptedReason,
  notify,
  type ChannelAdapter,
  type ChannelAdapters,
  type DeliveryTarget,
} from "@/server/services/notifications";
import type { DiscordDmRequested } from "@/lib/schemas/events";
import { resetWorkflowTables, runsOf, testApp, testClient } from "@/server/workflows/test-support";
import { createDeliverNotification } from "./deliver-notification";
import { createSweepNotificationDeliveries } from "./sweep-notification-deliveries";

beforeEach(resetWorkflowTables);

async function newUser(options: { discord?: boolean } = {}) {
  const tag = randomBytes(4).toString("hex");
  const user = await db().user.create({
    data: { email: `deliver-${tag}@example.test`, name: `Deliver ${tag}` },
    select: { id: true, email: true },
  });
  const discordUserId = options.discord ? String(100000000000000000n + BigInt(parseInt(tag, 16))) : null;
  if (discordUserId) {
    await db().account.create({ data: { userId: user.id, type: "oauth", provider: "discord", providerAccountId: discordUserId } });
  }
  return { ...user, discordUserId };
}

/** A fake channel whose answers the test scripts: "ok", "transient" (throws) or "skip". */
function scripted(script: ("ok" | "transient")[], label: string) {
  const calls: DeliveryTarget[] = [];
  const adapter: ChannelAdapter = {
    async send(target) {
      const step = script[Math.min(calls.length, script.length - 1)];
      calls.push(target);
      if (step === "transient") throw new Error(`${label} server is down`);
      return { status: "sent", externalId: `${label}-${calls.length}` };
    },
  };
  return { adapter, calls };
}

function appWith(adapters: ChannelAdapters) {
  const client = testClient("notify-delivery");
  return testApp(client, [createDeliverNotification(client, () => adapters), createSweepNotificationDeliveries(client)]);
}

async function deliveriesOf(notificationId: string) {
  return db().notificationDelivery.findMany({ where: { notificationId }, orderBy: { channel: "asc" } });
}

/** Runs until nothing is due, moving the clock past each retry backoff. */
async function drain(app: ReturnType<typeof appWith>, rounds = 8) {
  const engine = app.engine();
  for (let i = 0; i < rounds; i++) {
    await engine.runUntilIdle();
    app.clock.advance(1000);
  }
}

describe("deliver-notification on the embedded executor", () => {
  it("a failing email channel does not block Discord; email gives up with its reason", async () => {
    const user = await newUser({ discord: true });
    const email = scripted(["transient"], "email");
    const discord = scripted(["ok"], "discord");
    const app = appWith({ email: email.adapter, discord: discord.adapter });
    await app.engine().sync();

    const result = await notify(user.id, "account.test", {});
    expect(result?.channels).toEqual(["in_app", "email", "discord"]);
    // First round: Discord is delivered while email waits for its retry.
    await app.engine().runUntilIdle();
    expect(discord.calls).toHaveLength(1);
    const [waiting] = await deliveriesOf(result?.notificationId ?? "");
    expect(waiting).toMatchObject({ channel: "email", status: "pending", attempts: 1, error: "email server is down" });
    await drain(app);

    const [emailRow, discordRow] = await deliveriesOf(result?.notificationId ?? "");
    expect(discordRow).toMatchObject({ channel: "discord", status: "sent", attempts: 1, externalId: "discord-1" });
    expect(discordRow?.sentAt).toBeInstanceOf(Date);
    expect(discord.calls).toHaveLength(1);
    expect(discord.calls[0]).toMatchObject({ discordUserId: user.discordUserId, title: "Test notification" });
    // The function allows 4 retries: 5 attempts, then the give-up step records why.
    expect(email.calls).toHaveLength(5);
    expect(emailRow).toMatchObject({ channel: "email", status: "failed", attempts: 5 });
    expect(emailRow?.error).toMatch(/^Gave up after several attempts: email server is down/);

    const runs = await runsOf("notify-delivery-deliver-notification");
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed"]);
  });

  it("retries a transient failure and delivers exactly once", async () => {
    const user = await newUser();
    const email = scripted(["transient", "transient", "ok"], "email");
    const discord = scripted(["ok"], "discord");
    const app = appWith({ email: email.adapter, discord: discord.adapter });
    await app.engine().sync();

    const result = await notify(user.id, "reminder", {
      reminderId: "r1",
      title: "Read chapter 2",
      note: null,
      occurrenceAt: "2026-11-23T08:00:00Z",
      offsetMinutes: 60,
      timeZone: "Europe/Brussels",
      link: "/account/reminders",
    });
    await drain(app);

    expect(email.calls).toHaveLength(3);
    const rows = await deliveriesOf(result?.notificationId ?? "");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "email", status: "sent", attempts: 3, externalId: "email-3", error: null });
    expect(email.calls[2]).toMatchObject({ title: "In 1 hour: Read chapter 2", url: "http://localhost:3000/account/reminders" });
    expect(discord.calls).toHaveLength(0);

    // A second request for the same notification (a duplicate event, the sweeper) sends nothing more.
    const { requestDelivery } = await import("@/server/services/notifications");
    await requestDelivery([result?.notificationId ?? ""]);
    await drain(app, 2);
    expect(email.calls).toHaveLength(3);
  });

  it("does not resend a delivery an earlier attempt left `sending`; it is failed with an explanation", async () => {
    const user = await newUser({ discord: true });
    const email = scripted(["ok"], "email");
    const discord = scripted(["ok"], "discord");
    const app = appWith({ email: email.adapter, discord: discord.adapter });
    await app.engine().sync();

    const result = await notify(user.id, "account.test", {}, { channels: ["email", "discord"] });
    // As if a worker claimed the email and died before recording the outcome.
    await db().notificationDelivery.update({
      where: { notificationId_channel: { notificationId: result?.notificationId ?? "", channel: "email" } },
      data: { status: "sending", attempts: 1 },
    });
    await drain(app, 2);

    expect(email.calls).toHaveLength(0);
    expect(discord.calls).toHaveLength(1);
    const [emailRow, discordRow] = await deliveriesOf(result?.notificationId ?? "");
    expect(emailRow).toMatchObject({ status: "failed", attempts: 1, error: interruptedReason });
    expect(discordRow).toMatchObject({ status: "sent" });
  });

  it("skips Discord with the reason when no Discord account is linked; the real email adapter records the mail", async () => {
    const user = await newUser();
    const handedOff: DiscordDmRequested[] = [];
    const app = appWith({
      email: emailAdapter(),
      discord: discordAdapter({ send: async (p) => (handedOff.push(p), "evt-1") }),
    });
    await app.engine().sync();

    const result = await notify(user.id, "account.test", {}, { channels: ["email", "discord"] });
    await drain(app, 2);

    const [emailRow, discordRow] = await deliveriesOf(result?.notificationId ?? "");
    expect(discordRow).toMatchObject({ status: "skipped", attempts: 1, error: discordNotLinked });
    expect(handedOff).toEqual([]);
    expect(emailRow).toMatchObject({ status: "sent", attempts: 1 });
    const mail = await db().mailMessage.findUniqueOrThrow({ where: { id: emailRow?.externalId ?? "" } });
    expect(mail).toMatchObject({ to: user.email, subject: "Test notification" });
    expect(mail.text).toContain("http://localhost:3000/account/notifications");
  });

  it("hands a Discord DM to the bot with the linked account's id", async () => {
    const user = await newUser({ discord: true });
    const handedOff: DiscordDmRequested[] = [];
    const app = appWith({
      email: scripted(["ok"], "email").adapter,
      discord: discordAdapter({ send: async (p) => (handedOff.push(p), "evt-42") }),
    });
    await app.engine().sync();
    const result = await notify(user.id, "account.test", {}, { channels: ["discord"] });
    await drain(app, 2);
    expect(handedOff).toEqual([
      {
        userId: user.id,
        discordUserId: user.discordUserId,
        notificationId: result?.notificationId,
        text: expect.stringMatching(/^\*\*Test notification\*\*\n.+\nhttp:\/\/localhost:3000\/account\/notifications$/s),
      },
    ]);
    expect((await deliveriesOf(result?.notificationId ?? ""))[0]).toMatchObject({ status: "sent", externalId: "evt-42" });
  });

  it("the sweeper re-requests deliveries whose event was lost", async () => {
    // Other test files leave pending deliveries in the shared database (course notifications to hundreds of learners); the sweeper is global.
    await db().notificationDelivery.updateMany({ where: { status: "pending" }, data: { status: "skipped", error: "Left by another test file." } });
    const user = await newUser();
    const email = scripted(["ok"], "email");
    const app = appWith({ email: email.adapter, discord: scripted(["ok"], "discord").adapter });
    app.clock.set(new Date("2026-11-22T10:00:00.000Z"));
    await app.engine().sync();

    // Recorded without requestDelivery: the event never went out.
    const recorded = await db().$transaction(async (tx) => {
      const { recordNotification } = await import("@/server/services/notifications");
      return recordNotification(tx, user.id, "account.test", {}, { channels: ["email"], now: new Date("2026-11-22T10:01:00.000Z") });
    });
    // 10:05: only 4 minutes old, left alone.
    app.clock.set(new Date("2026-11-22T10:05:00.000Z"));
    await app.engine().runUntilIdle();
    expect(email.calls).toHaveLength(0);
    // 10:10: 9 minutes old, requested again and delivered.
    app.clock.set(new Date("2026-11-22T10:10:00.000Z"));
    await drain(app, 2);
    expect(email.calls).toHaveLength(1);
    expect((await deliveriesOf(recorded?.notificationId ?? ""))[0]).toMatchObject({ status: "sent" });
  });
});
