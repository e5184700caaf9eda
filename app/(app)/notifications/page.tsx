import type { Metadata } from "next";
import Link from "next/link";
import { InboxList } from "@/components/notifications/inbox-list";
import { inboxListInput } from "@/components/notifications/inbox-options";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  // Awaited, so the first page renders with the page instead of a loading state.
  await getQueryClient().prefetchInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(inboxListInput(false), { getNextPageParam: (page) => page.nextCursor }),
  );
  return (
    <main id="main" className="mx-auto w-full max-w-3xl space-y-6 px-3 py-6 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
          <p className="text-sm text-muted-foreground">Everything Lyceum told you, newest first. Open one to go to what it is about.</p>
        </div>
        <Link href="/account/notifications" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          Preferences
        </Link>
      </div>
      <HydrateClient>
        <InboxList />
      </HydrateClient>
    </main>
  );
}
