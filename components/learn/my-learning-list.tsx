"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowRightIcon, EyeIcon, GraduationCapIcon, LayoutDashboardIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { LoadErrorAlert, PagedListFooter, pagedListOptions } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { cohortRoleLabels } from "@/lib/schemas/cohort-roles";
import type { MyCohortDTO } from "@/server/services/courses/cohorts-mine";
import { formatUnlock } from "./format";
import { ItemIconSprite, KindIcon } from "./item-status";
import { myLearningInput } from "./my-learning-input";
import { learnHomePath, learnItemHref } from "./paths";
import { ProgressBar } from "./progress-bar";

/** "My learning": the cohorts I belong to, with my progress and where to continue. */

/** Covers are served by the course-assets route (app/api/course-assets). */
const coverUrl = (key: string) => `/api/course-assets/${key}`;

function CohortCard({ cohort, orgId }: { cohort: MyCohortDTO; orgId: string }) {
  const learner = cohort.role === "learner";
  const home = learnHomePath(orgId, cohort.cohortId);
  const target = cohort.lastItem ?? cohort.nextItem;
  const percent = cohort.progress ? Math.round(cohort.progress.fraction * 100) : 0;
  const startsLater = cohort.status === "upcoming";
  return (
    <li className="flex flex-col overflow-hidden rounded-xl border bg-card shadow-sm" data-testid="my-cohort">
      {cohort.course.coverKey ? (
        // eslint-disable-next-line @next/next/no-img-element -- covers come from our own storage route, sized by CSS
        <img src={coverUrl(cohort.course.coverKey)} alt="" className="h-28 w-full object-cover" />
      ) : (
        <div aria-hidden="true" className="flex h-16 items-center bg-gradient-to-r from-primary/15 via-primary/5 to-transparent px-4">
          <GraduationCapIcon className="size-6 text-primary/70" />
        </div>
      )}
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div className="space-y-1">
          <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <span className="break-words">{cohort.name}</span>
            {learner ? null : <Badge variant="outline">{cohortRoleLabels[cohort.role]}</Badge>}
            {cohort.status === "archived" ? <Badge variant="secondary">Ended</Badge> : startsLater ? <Badge variant="secondary">Starts {cohort.startDate}</Badge> : null}
          </div>
          <h2 className="text-lg leading-snug font-semibold break-words">
            <Link href={learner ? home : `/orgs/${orgId}/cohorts/${cohort.cohortId}`} className="hover:underline focus-visible:outline-2 focus-visible:outline-ring">
              {cohort.course.title}
            </Link>
          </h2>
        </div>
        {learner && cohort.progress ? (
          <div className="space-y-1">
            <p className="flex justify-between text-xs text-muted-foreground">
              <span>
                {cohort.progress.completed} of {cohort.progress.total} done
              </span>
              <span className="tabular-nums">{percent}%</span>
            </p>
            <ProgressBar value={percent} label={`Progress in ${cohort.course.title}`} className="h-1.5" />
          </div>
        ) : null}
        <div className="mt-auto flex flex-wrap gap-2 pt-1">
          {learner ? (
            target ? (
              <Button asChild size="sm" className="max-w-full">
                <Link href={learnItemHref(orgId, cohort.cohortId, target.id)}>
                  <KindIcon kind={target.kind === "ai_activity" ? "lesson" : target.kind} />
                  <span className="truncate">
                    {cohort.lastItem ? "Continue" : "Start"}: {target.title}
                  </span>
                  <ArrowRightIcon aria-hidden="true" />
                </Link>
              </Button>
            ) : cohort.nextItem === null && cohort.progress && cohort.progress.total > 0 ? (
              <Button asChild size="sm" variant="outline">
                <Link href={home}>All done · review the course</Link>
              </Button>
            ) : (
              <Button asChild size="sm" variant="outline">
                <Link href={home}>Open the course</Link>
              </Button>
            )
          ) : (
            <>
              <Button asChild size="sm" variant="outline">
                <Link href={`/orgs/${orgId}/cohorts/${cohort.cohortId}`}>
                  <LayoutDashboardIcon aria-hidden="true" /> Dashboard
                </Link>
              </Button>
              <Button asChild size="sm" variant="ghost">
                <Link href={learnHomePath(orgId, cohort.cohortId, true)}>
                  <EyeIcon aria-hidden="true" /> View as learner
                </Link>
              </Button>
            </>
          )}
        </div>
        {learner && cohort.nextItem && !cohort.nextItem.unlocked && cohort.nextItem.unlocksAt ? (
          <p className="text-xs text-muted-foreground">
            Next item opens {formatUnlock(cohort.nextItem.unlocksAt, cohort.timeZone)} ({cohort.timeZone.replaceAll("_", " ")})
          </p>
        ) : null}
      </div>
    </li>
  );
}

export function MyLearningList({ orgId }: { orgId: string }) {
  const trpc = useTRPC();
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useInfiniteQuery(trpc.cohorts.mine.infiniteQueryOptions(myLearningInput(orgId, includeArchived), pagedListOptions));
  const cohorts = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-4">
      <ItemIconSprite />
      <label className="flex w-fit items-center gap-2 text-sm">
        <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} className="size-4 accent-primary" />
        Show cohorts that have ended
      </label>
      {list.isError && cohorts.length === 0 ? (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-56 rounded-xl" />
          ))}
        </div>
      ) : cohorts.length === 0 ? (
        <EmptyState
          icon={<GraduationCapIcon />}
          title="You are not in a cohort yet"
          description="Ask your teacher for the cohort's invite link: opening it while signed in adds you, and the course appears here."
        />
      ) : (
        <ul className={list.isPlaceholderData ? "grid gap-4 opacity-60 sm:grid-cols-2 lg:grid-cols-3" : "grid gap-4 sm:grid-cols-2 lg:grid-cols-3"}>
          {cohorts.map((c) => (
            <CohortCard key={c.cohortId} cohort={c} orgId={orgId} />
          ))}
        </ul>
      )}
      <PagedListFooter list={list} shown={cohorts.length} />
    </div>
  );
}
