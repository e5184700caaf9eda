import { AppError } from "@/lib/errors";
import { notificationCatalog, type NotificationChannel, type NotificationType } from "@/lib/notifications/catalog";
import { preferenceTable, type PreferenceRow } from "@/lib/notifications/preferences";
import { setPreferenceSchema, type SetPreferenceInput } from "@/lib/schemas/notifications";
import { parseInput } from "@/lib/validation";
import type { Actor, MaybeActor } from "../../auth/actor";
import { assertCan } from "../../auth/permissions";
import { db } from "../../db";
import { createRateLimiter } from "../../rate-limit";
import { discordNotLinked } from "./channels/discord";
import { notify } from "./record";

export interface NotificationPreferences {
  rows: PreferenceRow[];
  /** Where email notifications go. */
  email: string;
  discordLinked: boolean;
  /** Why the Discord column is off, when it is. */
  discordReason: string | null;
}

/** Digests go to org admins; only they see (and set) the digest row. */
function administersAnOrg(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === "org_admin");
}

export async function getPreferences(actor: MaybeActor): Promise<NotificationPreferences> {
  assertCan(actor, "read", "Notification", { userId: actor?.userId ?? "" });
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: {
      email: true,
      notificationPreferences: { select: { type: true, channel: true, enabled: true } },
      accounts: { where: { provider: "discord" }, select: { id: true }, take: 1 },
    },
  });
  if (!user) throw new AppError("not_found", "This account no longer exists. Sign in again.");
  const discordLinked = user.accounts.length > 0;
  return {
    rows: preferenceTable(user.notificationPreferences, { isOrgAdmin: administersAnOrg(actor) }),
    email: user.email,
    discordLinked,
    discordReason: discordLinked ? null : discordNotLinked,
  };
}

/** Turns one channel of one type on or off; returns the whole table as it now stands. */
export async function setPreference(actor: MaybeActor, input: SetPreferenceInput): Promise<NotificationPreferences> {
  assertCan(actor, "update", "Notification", { userId: actor?.userId ?? "" });
  const choice = parseInput(setPreferenceSchema, input);
  const type = choice.type as NotificationType;
  const channel: NotificationChannel = choice.channel;
  const definition = notificationCatalog[type];
  if (definition.audience === "org_admins" && !administersAnOrg(actor)) {
    throw new AppError("forbidden", `${definition.label} go to organisation admins only.`);
  }
  if (!(definition.channels as readonly NotificationChannel[]).includes(channel)) {
    throw new AppError("invalid", `${definition.label} cannot be sent this way.`);
  }
  if (channel === "discord" && choice.enabled) {
    const linked = await db().account.count({ where: { userId: actor.userId, provider: "discord" } });
    if (linked === 0) throw new AppError("invalid", discordNotLinked);
  }
  await db().notificationPreference.upsert({
    where: { userId_type_channel: { userId: actor.userId, type, channel } },
    create: { userId: actor.userId, type, channel, enabled: choice.enabled },
    update: { enabled: choice.enabled },
  });
  return getPreferences(actor);
}

/** Each test may send an email and a Discord message: a few per person per 10 minutes is plenty. */
const testLimiter = createRateLimiter({ name: "notification-test", limit: 5, windowMs: 10 * 60 * 1000 });

export interface TestNotificationResult {
  notificationId: string;
  /** Where it is on its way. */
  channels: NotificationChannel[];
  /** Channels that are on but cannot deliver, and why (Discord not linked). */
  skipped: { channel: NotificationChannel; reason: string }[];
}

/** Sends the person a test notification on the channels they have on for tests. */
export async function sendTestNotification(actor: MaybeActor): Promise<TestNotificationResult> {
  assertCan(actor, "update", "Notification", { userId: actor?.userId ?? "" });
  const limit = await testLimiter.hit(actor.userId);
  if (!limit.allowed) {
    throw new AppError("rate_limited", `You sent several tests just now. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`, {
      retryAfter: limit.retryAfterSeconds,
    });
  }
  const result = await notify(actor.userId, "account.test", {});
  if (!result) {
    throw new AppError("invalid", "Every channel is off for test notifications. Turn one on in the Test notifications row, then send again.");
  }
  const discordLinked = (await db().account.count({ where: { userId: actor.userId, provider: "discord" } })) > 0;
  const skipDiscord = result.channels.includes("discord") && !discordLinked;
  return {
    notificationId: result.notificationId,
    channels: skipDiscord ? result.channels.filter((c) => c !== "discord") : result.channels,
    skipped: skipDiscord ? [{ channel: "discord", reason: discordNotLinked }] : [],
  };
}
