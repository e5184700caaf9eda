import type { DiscordDmRequested } from "@/lib/schemas/events";
import { inngest } from "@/inngest/client";
import { discordDmRequested } from "@/inngest/events";
import type { ChannelAdapter, DeliveryTarget } from "./types";

export const discordNotLinked = "Link your Discord account to get Discord messages.";

/** Discord messages hold 2,000 characters. */
export function discordText(target: Pick<DeliveryTarget, "title" | "body" | "url">): string {
  const link = `\n${target.url}`;
  const head = `**${target.title}**\n`;
  const room = 2000 - head.length - link.length;
  const body = target.body.length > room ? `${target.body.slice(0, Math.max(0, room - 1))}…` : target.body;
  return `${head}${body}${link}`;
}

/** Sends the hand-off event; returns its id. */
export type DiscordDmSender = (payload: DiscordDmRequested) => Promise<string | null>;

const sendWithInngest: DiscordDmSender = async (payload) => {
  const { ids } = await inngest.send(discordDmRequested.create(payload));
  return ids[0] ?? null;
};

/**
 * The web app holds no Discord connection: it hands the message to the bot
 * with a `discord/dm.requested` event, and the bot sends the DM.
 */
export function discordAdapter(options: { send?: DiscordDmSender } = {}): ChannelAdapter {
  const send = options.send ?? sendWithInngest;
  return {
    async send(target) {
      if (!target.discordUserId) return { status: "skipped", reason: discordNotLinked };
      const externalId = await send({
        userId: target.userId,
        discordUserId: target.discordUserId,
        notificationId: target.notificationId,
        text: discordText(target),
      });
      return { status: "sent", externalId };
    },
  };
}
