"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { SearchIcon, SettingsIcon, UserPlusIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { SearchField, isSearching, useDebounced } from "@/components/admin/list-filters";
import { LoadErrorAlert, PagedListFooter, pagedListOptions } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { dashboardFilterLabels, dashboardFilters, type DashboardFilter } from "@/lib/schemas/review";
import { cn } from "@/lib/utils";
import { plural } from "./format";
import { ItemCompletion } from "./item-completion";
import { LearnersList } from "./learners-list";
import { cohortDashboardInput } from "./list-input";
import { SummaryCards } from "./summary-cards";

const emptyFilterText: Record<Exclude<DashboardFilter, "all">, string> = {
  at_risk: "Nobody is at risk: every learner was active recently and no one is failing a quiz.",
  inactive: "Every learner was active recently.",
  failing: "No learner is failing a quiz.",
};

/** A cohort's learners with their progress and risks, the cohort's figures, and completion per item. */
export function CohortDashboardView({ cohortId, base }: { cohortId: string; base: string }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<DashboardFilter>("all");
  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim(), 300);

  const list = useInfiniteQuery(trpc.review.dashboard.infiniteQueryOptions(cohortDashboardInput(cohortId, { filter, search: query }), pagedListOptions));
  const first = list.data?.pages[0];
  const learners = list.data?.pages.flatMap((p) => p.items) ?? [];
  const searching = isSearching(search, query, list);
  const filtered = filter !== "all" || query !== "";

  function clear() {
    setFilter("all");
    setSearch("");
  }

  if (list.isError && !first) return <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (!first) {
    return (
      <div aria-busy="true" className="space-y-4">
        <span className="sr-only">Loading the dashboard…</span>
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }

  const noLearners = first.summary.learners === 0;
  return (
    <div className="space-y-8">
      <SummaryCards summary={first.summary} atRiskAfterDays={first.atRiskAfterDays} reviewHref={`${base}/review`} />

      <section aria-labelledby="learners-heading" className="space-y-4">
        <h2 id="learners-heading" className="text-lg font-semibold">
          Learners
        </h2>
        {noLearners ? (
          <EmptyState
            titleAs="h3"
            icon={<UserPlusIcon />}
            title="No learners yet"
            description="Share the cohort's invite link from Settings: learners who open it join the cohort and appear here with their progress."
            action={
              <Button asChild>
                <Link href={`${base}/settings`}>
                  <SettingsIcon aria-hidden="true" /> Open Settings
                </Link>
              </Button>
            }
            data-testid="dashboard-empty"
          />
        ) : (
          <>
            <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
              <div role="group" aria-label="Show learners" className="flex flex-wrap gap-1.5">
                {dashboardFilters.map((f) => (
                  <Button
                    key={f}
                    type="button"
                    size="sm"
                    variant={filter === f ? "default" : "outline"}
                    aria-pressed={filter === f}
                    onClick={() => setFilter(f)}
                    className="min-h-9"
                  >
                    {dashboardFilterLabels[f]}
                    <span className={cn("rounded-full px-1.5 text-xs tabular-nums", filter === f ? "bg-primary-foreground/20" : "bg-muted")}>{first.counts[f]}</span>
                  </Button>
                ))}
              </div>
              <form role="search" className="lg:w-72" onSubmit={(e) => e.preventDefault()}>
                <SearchField label="Search learners" value={search} onChange={setSearch} placeholder="Name or email" className="grid gap-1.5" />
              </form>
            </div>

            <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="learners-summary">
              {searching ? "Searching…" : first.matching === 0 ? "" : `Showing ${learners.length} of ${plural(first.matching, "learner", "learners")}${filtered ? " matching" : ""}.`}
            </p>

            {first.matching === 0 ? (
              <EmptyState
                titleAs="h3"
                icon={<SearchIcon />}
                title="No learners match"
                description={query ? `No learner named or emailed like “${query}”${filter === "all" ? "" : ` is ${dashboardFilterLabels[filter].toLowerCase()}`}. Check the spelling or clear the filters.` : filter === "all" ? "" : emptyFilterText[filter]}
                action={
                  <Button variant="outline" onClick={clear}>
                    Show everyone
                  </Button>
                }
              />
            ) : (
              <LearnersList learners={learners} dimmed={searching} />
            )}
            <PagedListFooter list={list} shown={learners.length} />
          </>
        )}
      </section>

      <ItemCompletion items={first.itemCompletion} learners={first.summary.learners} />
    </div>
  );
}
