import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MeetingDetail } from "@/components/meetings/meeting-detail";
import { isAppError } from "@/lib/errors";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { currentActor } from "@/server/auth/current";
import { getMeeting } from "@/server/services/meetings/mine";
import { loadOrgAccess } from "../../admin/_lib/org-access";

export const metadata: Metadata = { title: "Meeting" };

/** One group meeting: details and answers for members; attendance and changes for its facilitator and staff. */
export default async function MeetingPage({ params }: { params: Promise<{ orgId: string; meetingId: string }> }) {
  const { orgId, meetingId } = await params;
  const { org } = await loadOrgAccess(orgId);
  const meeting = await getMeeting(await currentActor(), { meetingId }).catch((error: unknown) => {
    // Outsiders, bad ids and meetings of a replaced schedule alike: nothing to show.
    if (isAppError(error)) notFound();
    throw error;
  });
  if (meeting.orgId !== org.id) notFound();
  // The client reads the same query; seed it instead of asking twice.
  getQueryClient().setQueryData(trpc.meetings.get.queryKey({ meetingId: meeting.id }), meeting);
  return (
    <HydrateClient>
      <MeetingDetail meetingId={meeting.id} />
    </HydrateClient>
  );
}
