"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { CopyIcon, UsersIcon } from "lucide-react";
import { useState } from "react";
import { FilterSelect } from "@/components/admin/list-filters";
import { toastSuccess } from "@/components/admin/mutation-feedback";
import { LoadErrorAlert, PagedListFooter, pagedListOptions } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { availabilityResponseFilters, type AvailabilityResponseFilter } from "@/lib/schemas/availability";
import { cohortRoleLabels } from "@/lib/schemas/cohort-roles";
import { cn } from "@/lib/utils";
import { zoneLabel } from "./schedule-format";
import { responsesInput } from "./schedule-responses-input";

const filterLabels: Record<AvailabilityResponseFilter, string> = {
  all: "Everyone",
  responded: "Gave availability",
  missing: "Not yet",
};

/** Who gave their availability and who has not, page by page, with the link to send to those who have not. */
export function ScheduleResponses({ cohortId, availabilityHref }: { cohortId: string; availabilityHref: string }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<AvailabilityResponseFilter>("all");
  const list = useInfiniteQuery(trpc.availability.responses.infiniteQueryOptions(responsesInput(cohortId, filter), pagedListOptions));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = list.data?.pages[0]?.counts;

  async function copyLink() {
    const url = new URL(availabilityHref, window.location.origin).toString();
    await navigator.clipboard.writeText(url).catch(() => undefined);
    toastSuccess("Link copied", "Send it to the members who have not given their times yet.");
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2 className="text-lg">Responses</h2>
        </CardTitle>
        <CardDescription>
          {counts
            ? `${counts.responded} of ${counts.expected} learners and facilitators gave their availability${counts.facilitators ? `, ${counts.facilitators} as facilitators` : ""}; ${counts.missing} not yet.`
            : "Who has given their weekly availability."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <FilterSelect label="Show" value={filter} onValueChange={setFilter} choices={availabilityResponseFilters} labelOf={(f) => filterLabels[f]} />
          <Button type="button" variant="outline" onClick={() => void copyLink()}>
            <CopyIcon aria-hidden="true" /> Copy the availability link
          </Button>
        </div>
        {list.isError && items.length === 0 ? (
          <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? null : items.length === 0 ? (
          <EmptyState
            titleAs="h3"
            icon={<UsersIcon />}
            title={filter === "missing" ? "Everyone has answered" : "Nobody has given their availability yet"}
            description={
              filter === "missing"
                ? "Every learner and facilitator gave their times. You can run scheduling."
                : "Send members the availability link above. Their answers show up here as they come in."
            }
          />
        ) : (
          <ul className={cn("divide-y rounded-lg border", list.isPlaceholderData && "opacity-60")} aria-label="Availability responses">
            {items.map((row) => (
              <li key={row.memberId} className="flex flex-col gap-1 px-3 py-2 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">
                    {row.name} <span className="font-normal text-muted-foreground">· {cohortRoleLabels[row.cohortRole]}</span>
                  </p>
                  <p className="truncate text-xs text-muted-foreground">{row.email}</p>
                </div>
                <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground sm:justify-end">
                  {row.response ? (
                    <>
                      {row.response.role === "facilitator" ? (
                        <Badge variant="secondary">Facilitator{row.response.maxGroups ? ` · up to ${row.response.maxGroups}` : ""}</Badge>
                      ) : null}
                      <span>
                        {row.response.summary} · {zoneLabel(row.response.timeZone)}
                      </span>
                      {row.response.unplacedReason ? <Badge variant="outline">Not placed</Badge> : <Badge variant="success">Answered</Badge>}
                    </>
                  ) : (
                    <Badge variant="outline">Not yet</Badge>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <PagedListFooter list={list} shown={items.length} />
      </CardContent>
    </Card>
  );
}
