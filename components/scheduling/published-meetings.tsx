import Link from "next/link";
import { formatMeetingDate, formatMeetingStart, zoneName } from "@/components/meetings/format";
import { meetingHref } from "@/components/meetings/paths";
import type { PublishedGroupMeetings } from "@/server/services/scheduling/workspace";
import { cn } from "@/lib/utils";
import { plural } from "./schedule-format";

/**
 * The published groups with every meeting of their series, each a link to
 * its page (RSVPs, attendance, moving or cancelling). Staff who are not in a
 * group have no other way to reach its meetings: "My meetings" lists only
 * their own.
 */
export function PublishedMeetings({ orgId, groups, timeZone }: { orgId: string; groups: PublishedGroupMeetings[]; timeZone: string }) {
  const now = new Date();
  return (
    <section id="published-meetings" aria-labelledby="published-meetings-heading" className="space-y-3" data-testid="published-meetings">
      <div className="space-y-1">
        <h2 id="published-meetings-heading" className="text-lg font-semibold">
          Group meetings
        </h2>
        <p className="text-sm text-muted-foreground">Open a meeting to see who is coming, take attendance, or move or cancel it. Times in {zoneName(timeZone)}.</p>
      </div>
      <ul className="divide-y rounded-lg border">
        {groups.map((group) => (
          <li key={group.id} className="space-y-2 p-3 sm:p-4">
            <p className="text-sm">
              <span className="font-medium">{group.name}</span>
              <span className="text-muted-foreground">
                {" "}
                · {plural(group.members, "member", "members")}
                {group.facilitatorName ? ` · facilitated by ${group.facilitatorName}` : ""}
              </span>
            </p>
            {group.meetings.length === 0 ? (
              <p className="text-sm text-muted-foreground">This group has no meetings left in its series.</p>
            ) : (
              <ol className="flex flex-wrap gap-2" aria-label={`Meetings of ${group.name}`}>
                {group.meetings.map((meeting) => (
                  <li key={meeting.id}>
                    <Link
                      href={meetingHref(orgId, meeting.id)}
                      className={cn(
                        "inline-flex min-h-9 items-center rounded-md border px-2.5 text-xs tabular-nums hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring",
                        meeting.canceled && "text-muted-foreground line-through",
                      )}
                      aria-label={`Meeting ${meeting.seq} of ${group.name}, ${formatMeetingStart(meeting.startsAt, timeZone, now)}${meeting.canceled ? ", cancelled" : ""}`}
                    >
                      {meeting.seq} · {formatMeetingDate(meeting.startsAt, timeZone, now)}
                    </Link>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
