import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-header";
import { CalendarFeedCard } from "@/components/meetings/calendar-feed-card";
import { MyMeetings } from "@/components/meetings/my-meetings";
import { myMeetingsInput } from "@/components/meetings/paths";
import { getQueryClient, HydrateClient, serverCaller, trpc } from "@/server/api/rsc";
import { loadOrgAccess } from "../admin/_lib/org-access";

export const metadata: Metadata = { title: "Meetings" };

/**
 * My group meetings in this organisation: answer them, add them to a
 * calendar (one at a time, or all through a personal feed), see who comes.
 */
export default async function MeetingsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { org } = await loadOrgAccess(orgId);
  const caller = await serverCaller();
  const [cohorts] = await Promise.all([
    // For the empty state: where each cohort's availability is given.
    caller.cohorts.mine({ orgId: org.id, take: 20 }),
    getQueryClient().prefetchInfiniteQuery(
      trpc.meetings.mine.infiniteQueryOptions(myMeetingsInput(org.id, "upcoming"), { getNextPageParam: (page) => page.nextCursor }),
    ),
    getQueryClient().prefetchQuery(trpc.meetings.feed.queryOptions({})),
  ]);
  const cohortLinks = cohorts.items
    .filter((c) => c.status !== "archived")
    .map((c) => ({ cohortId: c.cohortId, name: c.name, courseTitle: c.course.title }));

  return (
    <div>
      <PageHeader title="Meetings" description={`Your discussion groups' meetings in ${org.name}: say whether you are coming and put them in your calendar.`} />
      <HydrateClient>
        <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
          <MyMeetings orgId={org.id} cohorts={cohortLinks} />
          <CalendarFeedCard />
        </div>
      </HydrateClient>
    </div>
  );
}
