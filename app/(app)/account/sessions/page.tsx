import type { Metadata } from "next";
import { SessionsList } from "@/components/account/sessions-list";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Sessions and devices" };

export default async function SessionsPage() {
  // Awaited, so the list renders with the page instead of a loading state.
  await getQueryClient().prefetchQuery(trpc.account.sessions.queryOptions());
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Sessions and devices</h1>
        <p className="text-sm text-muted-foreground">
          Where your account is signed in. Sign out any device you do not recognise or no longer use.
        </p>
      </div>
      <HydrateClient>
        <SessionsList />
      </HydrateClient>
    </div>
  );
}
