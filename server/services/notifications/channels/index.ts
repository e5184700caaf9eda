import { discordAdapter } from "./discord";
import { emailAdapter } from "./email";
import type { ChannelAdapters } from "./types";

export { discordAdapter, discordNotLinked, discordText, type DiscordDmSender } from "./discord";
export { emailAdapter } from "./email";
export * from "./types";

/** The real channels. */
export function defaultChannelAdapters(): ChannelAdapters {
  return { email: emailAdapter(), discord: discordAdapter() };
}
