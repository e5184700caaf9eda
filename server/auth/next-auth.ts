import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { signInInputSchema } from "@/lib/schemas/auth";
import { env } from "../env";
import { verifyCredentials } from "../services/accounts";
import { linkOAuthAccount } from "../services/oauth-accounts";
import { createDeviceSession, endDeviceSession, validateDeviceSession } from "../services/sessions";
import { clientIp } from "./client-ip";
import { oauthProviders } from "./oauth-providers";

export { enabledOAuthProviders } from "./oauth-providers";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string };
    /** The id (not the secret token) of this device's Session row. */
    deviceSessionId: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    /** Our Session.sessionToken; the JWT is encrypted, and never sent to client JS. */
    sid?: string;
    sessionRowId?: string;
  }
}

async function requestDevice(): Promise<{ userAgent?: string; ipAddress?: string }> {
  try {
    const h = await headers();
    return { userAgent: h.get("user-agent") ?? undefined, ipAddress: clientIp(h) };
  } catch {
    return {};
  }
}

const config: NextAuthConfig = {
  secret: env().AUTH_SECRET,
  trustHost: true,
  // Credentials only run with JWT sessions; our Session rows make them revocable.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw) {
        const parsed = signInInputSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await verifyCredentials(parsed.data);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return true;
      const email = (user.email ?? profile?.email ?? "").toLowerCase();
      if (!email) return "/sign-in?error=OAuthNoEmail";
      const linked = await linkOAuthAccount({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        type: account.type,
        email,
        name: user.name ?? email,
        emailVerified: true,
      });
      user.id = linked.userId;
      return true;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        const device = await requestDevice();
        const created = await createDeviceSession({ userId: user.id, ...device });
        return { ...token, uid: user.id, sid: created.sessionToken, sessionRowId: created.id };
      }
      if (!token.sid) return null;
      const valid = await validateDeviceSession(token.sid);
      // A revoked or expired device session signs this browser out.
      if (!valid) return null;
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        user: { id: token.uid ?? "", name: session.user?.name ?? "", email: session.user?.email ?? "" },
        deviceSessionId: token.sessionRowId ?? "",
      };
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && message.token?.sid) await endDeviceSession(message.token.sid);
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);
