"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { CalendarDaysIcon, LayoutDashboardIcon, PlusIcon, SettingsIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { LoadErrorAlert, PagedListFooter, pagedListOptions } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { CohortSummaryDTO } from "@/server/services/courses/cohorts";
import { CohortStatusBadge } from "./cohort-badges";
import { describeDrip, formatCalendarDate } from "./drip-text";
import { courseCohortsInput } from "./list-inputs";
import { NewCohortDialog } from "./new-cohort-dialog";

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function CohortCard({ orgId, cohort }: { orgId: string; cohort: CohortSummaryDTO }) {
  const base = `/orgs/${orgId}/cohorts/${cohort.id}`;
  const staff = cohort.memberCounts.teacher + cohort.memberCounts.facilitator;
  return (
    <li data-testid="cohort-row" className="flex flex-col gap-3 rounded-lg border bg-card p-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 space-y-1.5">
        <p className="flex flex-wrap items-center gap-2">
          <Link href={`${base}/settings`} className="font-medium break-words underline-offset-4 hover:underline">
            {cohort.name}
          </Link>
          <CohortStatusBadge status={cohort.status} />
        </p>
        <p className="flex items-center gap-1.5 text-sm">
          <CalendarDaysIcon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          <span>
            {cohort.status === "upcoming" ? "Starts" : "Started"} {formatCalendarDate(cohort.startDate)}
            <span className="text-muted-foreground"> ({cohort.timeZone.replaceAll("_", " ")})</span>
          </span>
        </p>
        <p className="flex items-center gap-1.5 text-sm">
          <UsersIcon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          <span>
            {plural(cohort.memberCounts.learner, "learner", "learners")}
            <span className="text-muted-foreground">, {plural(staff, "teacher or facilitator", "teachers and facilitators")}</span>
          </span>
        </p>
        <p className="text-sm text-muted-foreground">
          {describeDrip(cohort.drip)}. Joining by link is {cohort.inviteLinkEnabled ? "on" : "off"}.
        </p>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">
        <Button asChild variant="outline" size="sm">
          <Link href={base} aria-label={`Dashboard of ${cohort.name}`}>
            <LayoutDashboardIcon aria-hidden="true" /> Dashboard
          </Link>
        </Button>
        <Button asChild variant="outline" size="sm">
          <Link href={`${base}/settings`} aria-label={`Settings and members of ${cohort.name}`}>
            <SettingsIcon aria-hidden="true" /> Settings
          </Link>
        </Button>
      </div>
    </li>
  );
}

/** A course's cohorts, running and upcoming first (archived ones under their own filter), with "New cohort". */
export function CohortsList({
  orgId,
  courseId,
  canCreate,
  published,
  profileTimeZone,
  timeZones,
}: {
  orgId: string;
  courseId: string;
  canCreate: boolean;
  /** Only published courses can have cohorts. */
  published: boolean;
  profileTimeZone: string;
  timeZones: readonly string[];
}) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<"active" | "archived">("active");
  const list = useInfiniteQuery(trpc.cohorts.listOfCourse.infiniteQueryOptions(courseCohortsInput(courseId, status), pagedListOptions));
  const cohorts = list.data?.pages.flatMap((p) => p.items) ?? [];
  const switching = list.isPlaceholderData && list.isFetching;

  const newButton = (variant: "default" | "outline") =>
    canCreate && published ? (
      <NewCohortDialog
        orgId={orgId}
        courseId={courseId}
        profileTimeZone={profileTimeZone}
        timeZones={timeZones}
        trigger={{ variant, size: "default", children: <><PlusIcon aria-hidden="true" /> New cohort</> }}
      />
    ) : null;

  return (
    <section aria-labelledby="cohorts-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="cohorts-heading" className="text-lg font-semibold">
          {status === "active" ? "Cohorts" : "Archived cohorts"}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label="Which cohorts to show" className="inline-flex rounded-md border p-0.5">
            {(["active", "archived"] as const).map((value) => (
              <Button key={value} type="button" size="sm" variant={status === value ? "secondary" : "ghost"} aria-pressed={status === value} onClick={() => setStatus(value)}>
                {value === "active" ? "Current" : "Archived"}
              </Button>
            ))}
          </div>
          {cohorts.length > 0 ? newButton("default") : null}
        </div>
      </div>

      {list.isError && cohorts.length === 0 ? (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div aria-busy="true" className="space-y-3">
          <span className="sr-only">Loading cohorts…</span>
          <Skeleton className="h-28 w-full" />
        </div>
      ) : cohorts.length === 0 ? (
        <EmptyState
          titleAs="h3"
          icon={<UsersIcon />}
          title={status === "active" ? "No cohorts yet" : "No archived cohorts"}
          description={
            status === "archived"
              ? "Cohorts you archive from their settings page land here, read-only."
              : !published
                ? "Publish the course first: a cohort is a run of a published course. Then create a cohort, set its start date and share its join link."
                : canCreate
                  ? "A cohort is one run of this course with its own start date and learners. Create one, then share its join link with your learners."
                  : "Ask a teacher of this course to start a cohort."
          }
          action={status === "active" ? newButton("default") : undefined}
          data-testid="cohorts-empty"
        />
      ) : (
        <ul className={switching ? "space-y-3 opacity-60 transition-opacity" : "space-y-3"} aria-label="Cohorts">
          {cohorts.map((c) => (
            <CohortCard key={c.id} orgId={orgId} cohort={c} />
          ))}
        </ul>
      )}
      <PagedListFooter list={list} shown={cohorts.length} />
    </section>
  );
}
