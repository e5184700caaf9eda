import type { Provider } from "next-auth/providers";
import Discord from "next-auth/providers/discord";
import Google from "next-auth/providers/google";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { env, type Env } from "../env";

/** OAuth providers switch on only when both their id and secret are set. */
export function oauthProviders(e: Env = env()): Provider[] {
  const providers: Provider[] = [];
  if (e.AUTH_DISCORD_ID && e.AUTH_DISCORD_SECRET) {
    providers.push(Discord({ clientId: e.AUTH_DISCORD_ID, clientSecret: e.AUTH_DISCORD_SECRET }));
  }
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET) {
    providers.push(
      MicrosoftEntraID({
        clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        issuer: e.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
      }),
    );
  }
  return providers;
}

/** Id and display name of each switched-on provider, for the sign-in buttons. */
export function enabledOAuthProviders(e: Env = env()): { id: string; name: string }[] {
  return oauthProviders(e).map((p) => {
    const provider = typeof p === "function" ? p() : p;
    return { id: provider.id, name: provider.name };
  });
}
