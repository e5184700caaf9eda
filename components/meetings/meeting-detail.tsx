"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, CalendarArrowDownIcon, UserIcon } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { attendanceLabels, rsvpLabels } from "@/lib/schemas/meetings";
import { cn } from "@/lib/utils";
import { AttendanceForm } from "./attendance-form";
import { ChangeMeeting } from "./change-meeting";
import { formatMeetingRange, formatMeetingStart, formatUntil, zoneName } from "./format";
import { LocationText, MeetingStateBadges } from "./meeting-card";
import { meetingIcsHref, meetingsPath } from "./paths";
import { RsvpButtons } from "./rsvp-buttons";
import { RsvpSummary } from "./rsvp-summary";

/**
 * One meeting: when (in the viewer's zone, named), where, who leads it, my
 * answer, who else comes; for its facilitator and the cohort's staff also
 * attendance (once it started) and moving, cancelling or restoring it.
 */
export function MeetingDetail({ meetingId }: { meetingId: string }) {
  const trpc = useTRPC();
  const { data: meeting } = useSuspenseQuery(trpc.meetings.get.queryOptions({ meetingId }));
  const timeZone = meeting.viewerTimeZone;
  const now = new Date();
  const open = meeting.state === "upcoming" || meeting.state === "live";
  const title = `${meeting.group.name} · ${meeting.course.title}`;

  return (
    <div className="space-y-6">
      <Link href={meetingsPath(meeting.orgId)} className="inline-flex items-center gap-1.5 text-sm text-primary underline-offset-4 hover:underline">
        <ArrowLeftIcon aria-hidden="true" className="size-4" /> All my meetings
      </Link>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant="secondary">Meeting {meeting.seq}</Badge>
          <MeetingStateBadges meeting={meeting} timeZone={timeZone} />
          {meeting.state === "ended" ? <Badge variant="outline">Ended</Badge> : null}
        </div>
        <h1 className="text-2xl font-semibold tracking-tight break-words">{title}</h1>
        <p className="text-lg">
          <time dateTime={meeting.startsAt.toISOString()} className={cn(meeting.state === "canceled" && "line-through")}>
            {formatMeetingRange(meeting.startsAt, meeting.endsAt, timeZone, now)}
          </time>{" "}
          <span className="text-sm text-muted-foreground">({zoneName(timeZone)})</span>
          {meeting.state === "upcoming" ? (
            <span className="ml-2 text-sm text-muted-foreground" suppressHydrationWarning>
              starts {formatUntil(meeting.startsAt, now)}
            </span>
          ) : null}
        </p>
        <div className="flex flex-col gap-1 text-sm text-muted-foreground sm:flex-row sm:flex-wrap sm:gap-x-4">
          <span>{meeting.cohort.name}</span>
          {meeting.group.facilitator ? (
            <span className="flex items-center gap-1.5">
              <UserIcon aria-hidden="true" className="size-4" /> Facilitator: {meeting.group.facilitator.name}
            </span>
          ) : null}
          {meeting.group.location ? <LocationText location={meeting.group.location} /> : null}
        </div>
        {meeting.originalStartsAt ? (
          <p className="text-sm">
            This meeting was moved from {formatMeetingStart(meeting.originalStartsAt, timeZone)}. The group&apos;s other meetings keep their usual time.
          </p>
        ) : null}
      </header>

      {meeting.state === "canceled" ? (
        <Alert variant="destructive">
          <AlertTitle>This meeting is cancelled</AlertTitle>
          <AlertDescription>The group&apos;s other meetings go ahead as planned.</AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="space-y-6">
          {meeting.isMember && open ? (
            <Card>
              <CardHeader>
                <CardTitle asChild>
                  <h2 className="text-lg">Are you coming?</h2>
                </CardTitle>
                <CardDescription>Your group sees your answer. You can change it until the meeting ends.</CardDescription>
              </CardHeader>
              <CardContent className="space-y-3">
                <RsvpButtons meetingId={meeting.id} current={meeting.myRsvp} label={`Your answer for ${title}, meeting ${meeting.seq}`} size="default" />
                <Button asChild variant="outline" size="sm">
                  <a href={meetingIcsHref(meeting.id)} download>
                    <CalendarArrowDownIcon aria-hidden="true" /> Add to calendar (.ics)
                  </a>
                </Button>
              </CardContent>
            </Card>
          ) : null}

          {meeting.canManage ? (
            <Card>
              <CardHeader>
                <CardTitle asChild>
                  <h2 className="text-lg">Attendance</h2>
                </CardTitle>
                <CardDescription>
                  {meeting.canRecordAttendance
                    ? "Who came? You can correct it later; saving again replaces the earlier marks."
                    : meeting.state === "canceled"
                      ? "A cancelled meeting has no attendance."
                      : "Attendance opens when the meeting starts."}
                </CardDescription>
              </CardHeader>
              {meeting.canRecordAttendance ? (
                <CardContent>
                  <AttendanceForm key={meeting.attendanceRecordedAt?.toISOString() ?? "new"} meetingId={meeting.id} members={meeting.members} />
                </CardContent>
              ) : null}
            </Card>
          ) : null}

          {meeting.canManage && (meeting.canChange || meeting.canRestore) ? (
            <Card>
              <CardHeader>
                <CardTitle asChild>
                  <h2 className="text-lg">Change this meeting</h2>
                </CardTitle>
                <CardDescription>
                  Move or cancel only this meeting; the rest of the series stays as it is. Members are told in their own time zones.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ChangeMeeting meeting={meeting} />
              </CardContent>
            </Card>
          ) : null}
        </div>

        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2 className="text-lg">{open ? "Who is coming" : "Members"}</h2>
            </CardTitle>
            <CardDescription>{meeting.memberCount} in the group</CardDescription>
          </CardHeader>
          <CardContent className="space-y-3">
            {meeting.isMember ? <RsvpSummary counts={meeting.othersRsvp} /> : null}
            <ul className="divide-y text-sm">
              {meeting.members.map((m) => (
                <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="min-w-0 break-words">
                    {m.name}
                    {m.isFacilitator ? (
                      <Badge variant="outline" className="ml-2">
                        Facilitator
                      </Badge>
                    ) : null}
                  </span>
                  <span className="flex flex-wrap gap-1.5 text-muted-foreground">
                    <span>{m.rsvp ? rsvpLabels[m.rsvp] : "No answer"}</span>
                    {meeting.canManage && m.attendance ? <Badge variant="secondary">{attendanceLabels[m.attendance]}</Badge> : null}
                  </span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
