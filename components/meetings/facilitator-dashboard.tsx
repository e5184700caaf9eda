"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { AlertTriangleIcon, ArrowRightIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { ProgressBar } from "@/components/learn/progress-bar";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { rsvpLabels } from "@/lib/schemas/meetings";
import type { FacilitatedGroupDTO, FacilitatedMemberDTO } from "@/server/services/meetings/facilitator";
import { cn } from "@/lib/utils";
import { formatMeetingRange, formatMeetingStart, zoneName } from "./format";
import { LocationText, MeetingStateBadges } from "./meeting-card";
import { meetingHref, meetingsPath } from "./paths";
import { rsvpSummaryText } from "./rsvp-summary";

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function AttendanceText({ a }: { a: FacilitatedMemberDTO["attendance"] }) {
  if (a.recorded === 0) return <span className="text-muted-foreground">Not taken yet</span>;
  if (a.rate === null) return <span className="text-muted-foreground">Excused ({a.excused === 1 ? "1 meeting" : `${a.excused} meetings`})</span>;
  const came = a.present + a.late;
  const counted = a.recorded - a.excused;
  return (
    <span>
      {percent(a.rate)}{" "}
      <span className="text-muted-foreground">
        ({came} of {counted}
        {a.late ? `, ${a.late} late` : ""}
        {a.excused ? `, ${a.excused} excused` : ""})
      </span>
    </span>
  );
}

function MemberRow({ member, showRsvp }: { member: FacilitatedMemberDTO; showRsvp: boolean }) {
  const p = member.progress;
  return (
    <li className="grid gap-2 py-3 sm:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,0.8fr)] sm:items-center sm:gap-4">
      <div className="min-w-0">
        <p className="font-medium break-words">
          {member.name}
          {member.isFacilitator ? (
            <Badge variant="outline" className="ml-2">
              {member.isYou ? "You" : "Facilitator"}
            </Badge>
          ) : null}
          {member.onIfNeeded ? (
            <Badge variant="secondary" className="ml-2" title="The meeting time is on this person's 'if needed' hours">
              If needed
            </Badge>
          ) : null}
        </p>
        {p?.atRisk ? (
          <p className="flex items-center gap-1 text-xs text-destructive">
            <AlertTriangleIcon aria-hidden="true" className="size-3.5" /> At risk: {p.reasons.join(", ")}
          </p>
        ) : null}
      </div>
      <div className="text-sm">
        <span className="text-xs text-muted-foreground sm:hidden">Progress: </span>
        {p ? (
          <span className="grid gap-1">
            <span>
              {p.completed} of {p.available} done <span className="text-muted-foreground">({percent(p.progress)})</span>
            </span>
            <ProgressBar value={p.progress * 100} label={`${member.name}'s progress`} className="h-1.5" />
          </span>
        ) : (
          <span className="text-muted-foreground">{member.isFacilitator ? "Facilitator" : "Not a learner"}</span>
        )}
      </div>
      <div className="text-sm">
        <span className="text-xs text-muted-foreground sm:hidden">Attendance: </span>
        {member.isFacilitator ? <span className="text-muted-foreground">—</span> : <AttendanceText a={member.attendance} />}
      </div>
      {showRsvp ? (
        <div className="text-sm">
          <span className="text-xs text-muted-foreground sm:hidden">Next meeting: </span>
          <span className={cn(!member.nextRsvp && "text-muted-foreground", member.nextRsvp === "no" && "text-destructive")}>
            {member.nextRsvp ? rsvpLabels[member.nextRsvp] : "No answer"}
          </span>
        </div>
      ) : null}
    </li>
  );
}

function GroupCard({ group, orgId, timeZone, now }: { group: FacilitatedGroupDTO; orgId: string; timeZone: string; now: Date }) {
  const next = group.nextMeetings.find((m) => m.state !== "canceled");
  const learners = group.members.filter((m) => !m.isFacilitator);
  return (
    <Card data-testid="facilitated-group">
      <CardHeader>
        <CardTitle asChild>
          <h2 className="text-lg break-words">
            {group.name} · {group.course.title}
          </h2>
        </CardTitle>
        <CardDescription className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-x-4">
          <span>{group.cohort.name}</span>
          {group.youFacilitate ? null : <span>{group.facilitator ? `Facilitator: ${group.facilitator.name}` : "No facilitator"} · you teach this cohort</span>}
          <span>{learners.length} {learners.length === 1 ? "member" : "members"}</span>
          {group.location ? <LocationText location={group.location} /> : null}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        <section aria-label={`Next meetings of ${group.name}`} className="space-y-2">
          <h3 className="text-sm font-semibold">Next meetings</h3>
          {group.nextMeetings.length === 0 ? (
            <p className="text-sm text-muted-foreground">No more meetings in this series.</p>
          ) : (
            <ul className="grid gap-2 md:grid-cols-3">
              {group.nextMeetings.map((m) => (
                <li key={m.id} className={cn("rounded-md border p-3 text-sm", m.id === next?.id && "border-primary/50 bg-primary/5")}>
                  <Link href={meetingHref(orgId, m.id)} className="font-medium hover:underline">
                    <span className={cn(m.state === "canceled" && "line-through")}>{formatMeetingRange(m.startsAt, m.endsAt, timeZone, now)}</span>
                  </Link>
                  <div className="mt-1 flex flex-wrap gap-1.5">
                    <Badge variant="secondary">Meeting {m.seq}</Badge>
                    <MeetingStateBadges meeting={m} timeZone={timeZone} />
                  </div>
                  {m.state !== "canceled" ? <p className="mt-1 text-muted-foreground">{rsvpSummaryText(m.rsvp)}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        {group.pastWithoutAttendance.length > 0 ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40">
            <p className="font-medium">Attendance not taken yet</p>
            <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
              {group.pastWithoutAttendance.slice(0, 5).map((m) => (
                <li key={m.id}>
                  <Link href={meetingHref(orgId, m.id)} className="text-primary underline-offset-4 hover:underline">
                    Meeting {m.seq}, {formatMeetingStart(m.startsAt, timeZone, now)}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        <section aria-label={`Members of ${group.name}`} className="space-y-1">
          <h3 className="text-sm font-semibold">Members</h3>
          {group.progressHidden ? (
            <p className="text-sm text-muted-foreground">Course progress is shown to the cohort&apos;s staff; ask a teacher to add you as the cohort&apos;s facilitator.</p>
          ) : null}
          <div className="hidden grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,0.8fr)] gap-4 border-b pb-1 text-xs font-medium text-muted-foreground sm:grid">
            <span>Name</span>
            <span>Course progress</span>
            <span>Attendance</span>
            {next ? <span>Next meeting</span> : null}
          </div>
          <ul className="divide-y">
            {group.members.map((m) => (
              <MemberRow key={m.userId} member={m} showRsvp={next !== undefined} />
            ))}
          </ul>
        </section>
        {next ? (
          <Button asChild size="sm" variant="outline">
            <Link href={meetingHref(orgId, next.id)}>
              Open the next meeting <ArrowRightIcon aria-hidden="true" />
            </Link>
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The facilitator dashboard: each group I lead, its members' progress and attendance, and its next meetings. */
export function FacilitatorDashboard({ orgId }: { orgId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.meetings.facilitatorDashboard.queryOptions({ orgId }));
  const now = new Date();
  if (data.groups.length === 0) {
    return (
      <EmptyState
        icon={<UsersIcon />}
        title="You do not lead a group here"
        description="When a cohort's schedule is published with you as a group's facilitator (or in a cohort you teach), the groups, their members' progress and attendance appear here. To lead a group, sign up as a facilitator when you give your availability in a cohort where you are a facilitator."
        action={
          <Button asChild variant="outline">
            <Link href={meetingsPath(orgId)}>See my meetings</Link>
          </Button>
        }
      />
    );
  }
  return (
    <div className="space-y-6">
      <p className="text-sm text-muted-foreground">Times are in your time zone, {zoneName(data.viewerTimeZone)}.</p>
      {data.groups.map((g) => (
        <GroupCard key={g.id} group={g} orgId={orgId} timeZone={data.viewerTimeZone} now={now} />
      ))}
    </div>
  );
}
