"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { CalendarClockIcon, WorkflowIcon } from "lucide-react";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { DateText } from "@/components/admin/date-text";
import { PagedTable, pagedListOptions } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select-native";
import { TableCell, TableHead, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { isActiveRunStatus, workflowRunStatuses, workflowRunStatusLabels, type WorkflowRunStatus } from "@/lib/schemas/workflows";
import { describeCron, errorSummary, formatDuration, functionLabel } from "@/lib/workflows/format";
import type { WorkflowRunSummaryDTO, WorkflowRunsOverviewDTO } from "@/server/services/workflow-runs";
import { RunStatusBadge } from "./run-status-badge";
import { activeRefreshMs, workflowRunsListInput } from "./workflow-inputs";

/** The counts in the header double as the status filter: one press shows only that status. */
function StatusFilter({
  overview,
  status,
  onChange,
}: {
  overview: WorkflowRunsOverviewDTO | undefined;
  status: WorkflowRunStatus | undefined;
  onChange: (status: WorkflowRunStatus | undefined) => void;
}) {
  const chips: { value: WorkflowRunStatus | undefined; label: string; count: number | undefined }[] = [
    { value: undefined, label: "All", count: overview?.total },
    ...workflowRunStatuses.map((s) => ({ value: s, label: workflowRunStatusLabels[s], count: overview?.counts[s] })),
  ];
  return (
    <div role="group" aria-label="Show runs by status" className="flex flex-wrap gap-2">
      {chips.map((chip) => {
        const pressed = chip.value === status;
        return (
          <Button
            key={chip.value ?? "all"}
            type="button"
            size="sm"
            variant={pressed ? "default" : "outline"}
            aria-pressed={pressed}
            onClick={() => onChange(chip.value)}
            className={cn("gap-2", chip.count === 0 && !pressed ? "text-muted-foreground" : undefined)}
          >
            {chip.label}
            <span
              className={cn(
                "rounded-full px-1.5 text-xs tabular-nums",
                pressed ? "bg-primary-foreground/20" : chip.value === "failed" && chip.count ? "bg-destructive/15 text-destructive" : "bg-muted",
              )}
            >
              {chip.count ?? "…"}
            </span>
          </Button>
        );
      })}
    </div>
  );
}

function RunRow({ run, names }: { run: WorkflowRunSummaryDTO; names: Readonly<Record<string, string>> }) {
  const href = `/system/workflows/${run.id}`;
  const label = functionLabel(run.functionId, names);
  return (
    <TableRow data-testid="workflow-run-row" className="align-top">
      <TableCell className="pl-3 align-top">
        <RunStatusBadge status={run.status} retrying={run.status === "queued" && run.attempt > 0} />
      </TableCell>
      <TableCell className="pr-3 align-top whitespace-normal md:min-w-48 md:pr-2">
        <Link href={href} className="font-medium underline-offset-4 hover:underline focus-visible:underline">
          {label}
        </Link>
        <span className="block text-xs text-muted-foreground">
          {run.eventName ? <code>{run.eventName}</code> : "no event"}
          {run.parentRunId ? " · invoked by another run" : null}
        </span>
        {/* Phones: the columns on the right fold in under the name. */}
        <span className="mt-1 block text-xs text-muted-foreground md:hidden">
          <DateText value={run.startedAt ?? run.createdAt} withTime />
          {run.durationMs !== null ? ` · ${formatDuration(run.durationMs)}` : null}
        </span>
        {run.error && run.status !== "completed" ? (
          <span className={cn("mt-1 block text-xs md:hidden", run.status === "failed" ? "text-destructive" : "text-muted-foreground")}>
            {errorSummary(run.error.message, 80)}
          </span>
        ) : null}
      </TableCell>
      <TableCell className="hidden align-top text-muted-foreground md:table-cell">
        <DateText value={run.startedAt ?? run.createdAt} withTime />
        {run.startedAt ? null : <span className="block text-xs">not started yet</span>}
      </TableCell>
      <TableCell className="hidden align-top tabular-nums md:table-cell">
        {run.durationMs !== null ? formatDuration(run.durationMs) : <span className="text-muted-foreground">{isActiveRunStatus(run.status) ? "in progress" : "—"}</span>}
      </TableCell>
      <TableCell className="hidden max-w-md min-w-56 pr-3 align-top whitespace-normal md:table-cell">
        {run.error && run.status !== "completed" ? (
          <span className={cn("block text-sm", run.status === "failed" ? "text-destructive" : "text-muted-foreground")}>
            {errorSummary(run.error.message)}
          </span>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
        {run.retryAt ? (
          <span className="block text-xs text-muted-foreground">
            Attempt {run.attempt + 1} of {run.maxAttempts} at <DateText value={run.retryAt} withTime />
          </span>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

/** The crons the embedded executor fires: what will run next even when the list is still empty. */
function Schedules({ schedules, names }: { schedules: WorkflowRunsOverviewDTO["schedules"]; names: Readonly<Record<string, string>> }) {
  if (schedules.length === 0) return null;
  return (
    <section aria-labelledby="schedules-heading" className="space-y-2 rounded-lg border p-4">
      <h2 id="schedules-heading" className="flex items-center gap-2 text-sm font-semibold">
        <CalendarClockIcon aria-hidden className="size-4 text-muted-foreground" /> Scheduled workflows
      </h2>
      <ul className="divide-y text-sm">
        {schedules.map((s) => (
          <li key={`${s.functionId} ${s.cron}`} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
            <span>
              <span className="font-medium">{functionLabel(s.functionId, names)}</span>{" "}
              <span className="text-muted-foreground">
                {describeCron(s.cron)} <code className="text-xs whitespace-nowrap">({s.cron})</code>
              </span>
            </span>
            <span className="text-muted-foreground">
              Next run <DateText value={s.nextFireAt} withTime />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every workflow run of the instance, newest first, by status and function; refreshes while some are active. */
export function WorkflowRunsList({ functionNames }: { functionNames: Readonly<Record<string, string>> }) {
  const trpc = useTRPC();
  const functionFilterId = useId();
  const [status, setStatus] = useState<WorkflowRunStatus | undefined>(undefined);
  const [functionId, setFunctionId] = useState<string | undefined>(undefined);

  const overview = useQuery({ ...trpc.workflows.overview.queryOptions(), refetchInterval: activeRefreshMs * 2 });
  const list = useInfiniteQuery(
    trpc.workflows.list.infiniteQueryOptions(workflowRunsListInput({ status, functionId }), {
      ...pagedListOptions,
      // Active runs change on their own, and an empty list waits for its first run; a list of ended runs needs no polling.
      refetchInterval: (query) => {
        const pages = query.state.data?.pages ?? [];
        const items = pages.flatMap((p) => p.items);
        return items.length === 0 || items.some((r) => isActiveRunStatus(r.status)) ? activeRefreshMs : false;
      },
    }),
  );
  const runs = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const switching = list.isPlaceholderData && list.isFetching;
  const functions = overview.data?.functions ?? [];
  const filtered = status !== undefined || functionId !== undefined;
  const filterText = [
    status ? workflowRunStatusLabels[status].toLowerCase() : null,
    functionId ? `of ${functionLabel(functionId, functionNames)}` : null,
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <div className="space-y-4">
      <StatusFilter overview={overview.data} status={status} onChange={setStatus} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="grid gap-2 sm:w-72">
          <Label htmlFor={functionFilterId}>Function</Label>
          <NativeSelect
            id={functionFilterId}
            value={functionId ?? ""}
            onChange={(e) => setFunctionId(e.target.value || undefined)}
          >
            <option value="">All functions</option>
            {functions.map((fn) => (
              <option key={fn.functionId} value={fn.functionId}>
                {functionLabel(fn.functionId, functionNames)} ({fn.runs})
              </option>
            ))}
          </NativeSelect>
        </div>
        <p className="text-sm text-muted-foreground sm:pb-2" aria-live="polite">
          {list.isPending || switching
            ? "Loading runs…"
            : runs.length === 0
              ? ""
              : `${runs.length} ${runs.length === 1 ? "run" : "runs"}${list.hasNextPage ? " so far" : ""}, newest first.`}
        </p>
      </div>

      <PagedTable
        list={list}
        shown={runs.length}
        dimmed={switching}
        empty={
          filtered ? (
            <EmptyState
              icon={<WorkflowIcon />}
              title={`No ${filterText} runs`}
              description="Nothing matches these filters right now. Show all runs to see everything the workflows have done."
              action={
                <Button
                  variant="outline"
                  onClick={() => {
                    setStatus(undefined);
                    setFunctionId(undefined);
                  }}
                >
                  Show all runs
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<WorkflowIcon />}
              title="No workflow runs yet"
              description={
                overview.data?.mode === "inngest"
                  ? "Your Inngest server runs the workflows of this instance, so their runs are in the Inngest dashboard rather than here."
                  : "A run is one execution of a background workflow: sending an email, a reminder or a digest, a nightly clean-up. Runs appear here as the app sends events and schedules fire, with each step, its timing and any error."
              }
            />
          )
        }
        columns={
          <>
            <TableHead className="pl-3">Status</TableHead>
            <TableHead className="pr-3 md:pr-2">Function</TableHead>
            <TableHead className="hidden md:table-cell">Started</TableHead>
            <TableHead className="hidden md:table-cell">Duration</TableHead>
            <TableHead className="hidden pr-3 md:table-cell">Error</TableHead>
          </>
        }
      >
        {runs.map((run) => (
          <RunRow key={run.id} run={run} names={functionNames} />
        ))}
      </PagedTable>
      <Schedules schedules={overview.data?.schedules ?? []} names={functionNames} />
    </div>
  );
}
