"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { CalendarClockIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { LoadErrorAlert, PagedListFooter, pagedListOptions } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { zoneName } from "./format";
import { MeetingCard } from "./meeting-card";
import { availabilityHref, myMeetingsInput } from "./paths";

export interface MyCohortLink {
  cohortId: string;
  name: string;
  courseTitle: string;
}

type Scope = "upcoming" | "past";

function NoMeetings({ orgId, cohorts }: { orgId: string; cohorts: MyCohortLink[] }) {
  return (
    <EmptyState
      icon={<CalendarClockIcon />}
      title="No meetings yet"
      description="Group meetings appear here once your cohort's teachers publish the discussion groups. Give your availability first, so the schedule can find a time that suits you."
      data-testid="meetings-empty"
    >
      {cohorts.length > 0 ? (
        <ul className="grid w-full max-w-md gap-2 text-left">
          {cohorts.map((c) => (
            <li key={c.cohortId} className="flex flex-col gap-2 rounded-md border bg-card p-3 sm:flex-row sm:items-center sm:justify-between">
              <span className="min-w-0 text-sm">
                <span className="font-medium break-words">{c.courseTitle}</span>
                <span className="block text-muted-foreground break-words">{c.name}</span>
              </span>
              <Button asChild size="sm" variant="outline" className="shrink-0">
                <Link href={availabilityHref(orgId, c.cohortId)}>Your meeting times</Link>
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="max-w-md text-sm text-muted-foreground">
          You are not in a cohort here yet. Join one with the link your teacher shares, then{" "}
          <Link href={`/orgs/${encodeURIComponent(orgId)}/learn`} className="font-medium text-primary underline-offset-4 hover:underline">
            find it under Learning
          </Link>
          .
        </p>
      )}
    </EmptyState>
  );
}

/** "My meetings": upcoming (next one highlighted) or past, one page at a time. */
export function MyMeetings({ orgId, cohorts }: { orgId: string; cohorts: MyCohortLink[] }) {
  const trpc = useTRPC();
  const [scope, setScope] = useState<Scope>("upcoming");
  const list = useInfiniteQuery(trpc.meetings.mine.infiniteQueryOptions(myMeetingsInput(orgId, scope), pagedListOptions));
  const pages = list.data?.pages ?? [];
  const meetings = pages.flatMap((p) => p.items);
  const timeZone = pages[0]?.viewerTimeZone ?? "UTC";
  const now = new Date();
  const nextId = scope === "upcoming" ? meetings.find((m) => m.state !== "canceled")?.id : undefined;

  return (
    <section aria-labelledby="my-meetings-heading" className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <h2 id="my-meetings-heading" className="text-lg font-semibold">
          {scope === "upcoming" ? "Upcoming meetings" : "Past meetings"}
        </h2>
        <div role="group" aria-label="Which meetings" className="inline-flex w-fit rounded-md border p-0.5">
          {(["upcoming", "past"] as const).map((s) => (
            <Button key={s} type="button" size="sm" variant={scope === s ? "secondary" : "ghost"} aria-pressed={scope === s} onClick={() => setScope(s)}>
              {s === "upcoming" ? "Upcoming" : "Past"}
            </Button>
          ))}
        </div>
      </div>
      <p className="text-sm text-muted-foreground">
        Times are in your time zone, {zoneName(timeZone)}.{" "}
        <Link href="/account/profile" className="text-primary underline-offset-4 hover:underline">
          Change it on your profile
        </Link>
        .
      </p>
      {list.isError && meetings.length === 0 ? (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div className="space-y-3" aria-hidden="true">
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : meetings.length === 0 ? (
        scope === "upcoming" ? (
          <NoMeetings orgId={orgId} cohorts={cohorts} />
        ) : (
          <EmptyState icon={<CalendarClockIcon />} title="No past meetings" description="Meetings you had with your groups are listed here once they are over." />
        )
      ) : (
        <ul className={list.isPlaceholderData ? "space-y-3 opacity-60 transition-opacity" : "space-y-3"}>
          {meetings.map((m) => (
            <MeetingCard key={m.id} meeting={m} timeZone={timeZone} highlight={m.id === nextId} now={now} />
          ))}
        </ul>
      )}
      <PagedListFooter list={list} shown={meetings.length} />
    </section>
  );
}
