"use client";

import { ArrowRightIcon, CalendarArrowDownIcon, MapPinIcon, MoveRightIcon, UserIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { MeetingSummaryDTO } from "@/server/services/meetings/mine";
import { cn } from "@/lib/utils";
import { formatMeetingRange, formatMeetingStart, formatUntil, zoneName } from "./format";
import { meetingHref, meetingIcsHref } from "./paths";
import { RsvpButtons } from "./rsvp-buttons";
import { RsvpSummary } from "./rsvp-summary";

/** A link that looks like a location only when it is one. */
export function LocationText({ location }: { location: string }) {
  const isUrl = /^https?:\/\//i.test(location);
  return (
    <span className="flex min-w-0 items-center gap-1.5">
      <MapPinIcon aria-hidden="true" className="size-4 shrink-0" />
      {isUrl ? (
        <a href={location} className="truncate text-primary underline-offset-4 hover:underline" target="_blank" rel="noreferrer">
          {location}
        </a>
      ) : (
        <span className="break-words">{location}</span>
      )}
    </span>
  );
}

export function MeetingStateBadges({ meeting, timeZone }: { meeting: Pick<MeetingSummaryDTO, "state" | "originalStartsAt">; timeZone: string }) {
  return (
    <>
      {meeting.state === "canceled" ? <Badge variant="destructive">Cancelled</Badge> : null}
      {meeting.state === "live" ? <Badge>Happening now</Badge> : null}
      {meeting.originalStartsAt && meeting.state !== "canceled" ? (
        <Badge variant="outline" className="whitespace-normal">
          <MoveRightIcon aria-hidden="true" /> Moved from {formatMeetingStart(meeting.originalStartsAt, timeZone)}
        </Badge>
      ) : null}
    </>
  );
}

/**
 * One meeting in "My meetings": when (in the viewer's zone, named), which
 * group and course, my answer as buttons, the others' answers, and links to
 * add it to a calendar and to open it. The next meeting is highlighted.
 */
export function MeetingCard({ meeting, timeZone, highlight = false, now }: { meeting: MeetingSummaryDTO; timeZone: string; highlight?: boolean; now: Date }) {
  const open = meeting.state === "upcoming" || meeting.state === "live";
  const title = `${meeting.group.name} · ${meeting.course.title}`;
  return (
    <li
      className={cn("rounded-xl border bg-card p-4 shadow-sm", highlight && "border-primary/50 bg-primary/5 ring-1 ring-primary/30", meeting.state === "canceled" && "opacity-80")}
      data-testid="meeting-card"
      aria-label={highlight ? `Next meeting: ${title}` : undefined}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            {highlight ? <Badge>Next meeting</Badge> : null}
            <MeetingStateBadges meeting={meeting} timeZone={timeZone} />
          </div>
          <h3 className="text-base leading-snug font-semibold break-words">
            <Link href={meetingHref(meeting.orgId, meeting.id)} className="hover:underline focus-visible:outline-2 focus-visible:outline-ring">
              <time dateTime={meeting.startsAt.toISOString()} className={cn(meeting.state === "canceled" && "line-through")}>
                {formatMeetingRange(meeting.startsAt, meeting.endsAt, timeZone, now)}
              </time>
            </Link>
            <span className="ml-2 text-sm font-normal text-muted-foreground">({zoneName(timeZone)})</span>
          </h3>
          <p className="text-sm break-words">
            <span className="font-medium">{meeting.group.name}</span> · {meeting.course.title} <span className="text-muted-foreground">({meeting.cohort.name}, meeting {meeting.seq})</span>
          </p>
          <div className="flex flex-col gap-1 text-sm text-muted-foreground sm:flex-row sm:flex-wrap sm:gap-x-4">
            {meeting.group.facilitator ? (
              <span className="flex items-center gap-1.5">
                <UserIcon aria-hidden="true" className="size-4" /> {meeting.isFacilitator ? "You facilitate" : `Facilitator: ${meeting.group.facilitator.name}`}
              </span>
            ) : null}
            {meeting.group.location ? <LocationText location={meeting.group.location} /> : null}
            {open && meeting.state === "upcoming" ? <span suppressHydrationWarning>Starts {formatUntil(meeting.startsAt, now)}</span> : null}
          </div>
        </div>
      </div>
      {open ? (
        <div className="mt-3 space-y-2">
          <RsvpButtons meetingId={meeting.id} current={meeting.myRsvp} label={`Your answer for ${title}, meeting ${meeting.seq}`} />
          <RsvpSummary counts={meeting.othersRsvp} />
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {open ? (
          <Button asChild size="sm" variant="outline">
            <a href={meetingIcsHref(meeting.id)} download>
              <CalendarArrowDownIcon aria-hidden="true" /> Add to calendar
            </a>
          </Button>
        ) : null}
        <Button asChild size="sm" variant="ghost">
          <Link href={meetingHref(meeting.orgId, meeting.id)}>
            Details <ArrowRightIcon aria-hidden="true" />
          </Link>
        </Button>
      </div>
    </li>
  );
}
