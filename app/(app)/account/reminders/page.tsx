import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { remindersListInput } from "@/components/reminders/list-input";
import { RemindersList } from "@/components/reminders/reminders-list";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { currentActor } from "@/server/auth/current";
import { getMe } from "@/server/services/accounts";

export const metadata: Metadata = { title: "Reminders" };

function timeZones(current: string): string[] {
  // The list leaves out "UTC" and may lack a legacy name someone saved.
  return [...new Set(["UTC", current, ...Intl.supportedValuesOf("timeZone")])];
}

export default async function RemindersPage() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/account/reminders");
  const me = await getMe(actor);
  // Awaited, so the list renders with the page instead of a loading state.
  await getQueryClient().prefetchInfiniteQuery(
    trpc.reminders.list.infiniteQueryOptions(remindersListInput, { getNextPageParam: (page) => page.nextCursor }),
  );
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Reminders</h1>
        <p className="text-sm text-muted-foreground">
          Reminders you set for yourself. Times are shown in your time zone, {me.timeZone.replaceAll("_", " ")}; change it in your profile.
        </p>
      </div>
      <HydrateClient>
        <RemindersList profileTimeZone={me.timeZone} timeZones={timeZones(me.timeZone)} />
      </HydrateClient>
    </div>
  );
}
