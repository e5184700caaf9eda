import type { Metadata } from "next";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";

export const metadata: Metadata = { title: "Notification preferences" };

export default async function NotificationPreferencesPage() {
  // Awaited, so the table renders with the page instead of a loading state.
  await getQueryClient().prefetchQuery(trpc.notifications.preferences.queryOptions());
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
        <p className="text-sm text-muted-foreground">
          Choose how Lyceum tells you about reminders and other news: in the app, by email or as a Discord message.
        </p>
      </div>
      <HydrateClient>
        <PreferencesForm />
      </HydrateClient>
    </div>
  );
}
