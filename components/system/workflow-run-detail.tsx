"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, ListTreeIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { DateText } from "@/components/admin/date-text";
import { LoadErrorAlert } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { isActiveRunStatus } from "@/lib/schemas/workflows";
import { formatDuration, formatJson, functionLabel } from "@/lib/workflows/format";
import type { WorkflowErrorDTO, WorkflowRunDetailDTO, WorkflowStepDTO } from "@/server/services/workflow-runs";
import { RunStatusBadge, StepStatusBadge } from "./run-status-badge";
import { CancelRunAction, RetryRunAction } from "./workflow-run-actions";
import { activeRefreshMs, workflowRunInput } from "./workflow-inputs";

const opLabels: Record<string, string> = {
  StepRun: "step.run",
  Sleep: "step.sleep",
  WaitForEvent: "step.waitForEvent",
  InvokeFunction: "step.invoke",
};

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-md border bg-muted/50 p-3 font-mono text-xs leading-relaxed whitespace-pre focus-visible:outline-2 focus-visible:outline-ring"
    >
      {formatJson(value)}
    </pre>
  );
}

function ErrorDetails({ error, title }: { error: WorkflowErrorDTO; title: string }) {
  return (
    <Alert variant="destructive">
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p className="break-words">
          <span className="font-medium">{error.name}:</span> {error.message}
        </p>
        {error.stack ? (
          <details className="w-full">
            <summary className="cursor-pointer text-sm underline-offset-4 hover:underline">Stack trace</summary>
            <pre className="mt-2 max-h-72 overflow-auto rounded-md bg-background/60 p-2 font-mono text-xs whitespace-pre text-foreground">
              {error.stack}
            </pre>
          </details>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0 space-y-0.5">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{term}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

/**
 * How long a step took, when the executor can know: it sees a step.run's
 * result arrive but not its body begin, so a step that succeeded at once has
 * no duration of its own; sleeps, waits and retried steps do.
 */
function tookText(step: WorkflowStepDTO): string | null {
  return step.durationMs ? formatDuration(step.durationMs) : null;
}

function offsetFrom(start: Date | null, at: Date): string {
  if (!start) return "—";
  const ms = at.getTime() - start.getTime();
  return ms <= 0 ? "at start" : `+${formatDuration(ms)}`;
}

function StepDetails({ step }: { step: WorkflowStepDTO }) {
  if (step.error) {
    return (
      <div className="space-y-1">
        <p className="text-sm text-destructive">
          <span className="font-medium">{step.error.name}:</span> {step.error.message}
        </p>
        {step.error.stack ? (
          <details>
            <summary className="cursor-pointer text-xs text-muted-foreground underline-offset-4 hover:underline">Stack trace</summary>
            <pre className="mt-1 max-h-60 overflow-auto rounded-md bg-muted/50 p-2 font-mono text-xs whitespace-pre">{step.error.stack}</pre>
          </details>
        ) : null}
      </div>
    );
  }
  if (step.wakeAt && !step.finishedAt) {
    return (
      <span className="text-sm text-muted-foreground">
        {step.op === "Sleep" ? "Wakes" : "Times out"} <DateText value={step.wakeAt} withTime />
      </span>
    );
  }
  if (step.finishedAt && step.output !== null) {
    const text = formatJson(step.output);
    return text.length <= 60 && !text.includes("\n") ? (
      <code className="text-xs break-all">{text}</code>
    ) : (
      <details>
        <summary className="cursor-pointer text-xs text-muted-foreground underline-offset-4 hover:underline">Returned value</summary>
        <pre className="mt-1 max-h-60 overflow-auto rounded-md bg-muted/50 p-2 font-mono text-xs whitespace-pre">{text}</pre>
      </details>
    );
  }
  return <span className="text-muted-foreground">—</span>;
}

function StepTimeline({ run }: { run: WorkflowRunDetailDTO }) {
  if (run.steps.length === 0) {
    return (
      <EmptyState
        icon={<ListTreeIcon />}
        titleAs="h3"
        title={isActiveRunStatus(run.status) ? "No steps yet" : "This run recorded no steps"}
        description={
          isActiveRunStatus(run.status)
            ? "Steps appear here as the function reaches them."
            : "The function ended before its first step.run, sleep or wait, so only the run's own result or error is shown above."
        }
      />
    );
  }
  return (
    <Table containerClassName="rounded-lg border">
      <TableHeader>
        <TableRow>
          <TableHead className="w-8 pl-3">#</TableHead>
          <TableHead>Step</TableHead>
          <TableHead className="pr-3 md:pr-2">Status</TableHead>
          <TableHead className="hidden md:table-cell">Done at</TableHead>
          <TableHead className="hidden md:table-cell">Took</TableHead>
          <TableHead className="hidden md:table-cell">Attempts</TableHead>
          <TableHead className="hidden pr-3 md:table-cell">Result</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {run.steps.map((step, index) => (
          <TableRow key={step.id} data-testid="workflow-step-row" className="align-top">
            <TableCell className="pl-3 align-top text-muted-foreground tabular-nums">{index + 1}</TableCell>
            <TableCell className="align-top whitespace-normal">
              <span className="block font-medium">{step.name}</span>
              <code className="text-xs text-muted-foreground">{opLabels[step.op] ?? step.op}</code>
              {/* Phones: timings and the result fold in under the name. */}
              <span className="mt-1 block text-xs text-muted-foreground md:hidden">
                {step.finishedAt ? `Done ${offsetFrom(run.startedAt, step.finishedAt)}` : "Not done yet"}
                {tookText(step) ? `, took ${tookText(step)}` : null}
                {step.op === "StepRun" && step.attempts > 1 ? `, ${step.attempts} attempts` : null}
              </span>
              <div className="mt-1 md:hidden">
                <StepDetails step={step} />
              </div>
            </TableCell>
            <TableCell className="pr-3 align-top md:pr-2">
              <StepStatusBadge status={step.status} />
            </TableCell>
            <TableCell className="hidden align-top text-muted-foreground tabular-nums md:table-cell" title={step.finishedAt?.toISOString()}>
              {step.finishedAt ? offsetFrom(run.startedAt, step.finishedAt) : "—"}
            </TableCell>
            <TableCell className="hidden align-top tabular-nums md:table-cell">
              {tookText(step) ?? <span className="text-muted-foreground">—</span>}
            </TableCell>
            <TableCell className="hidden align-top tabular-nums md:table-cell">{step.op === "StepRun" ? step.attempts : "—"}</TableCell>
            <TableCell className="hidden max-w-md min-w-56 pr-3 align-top whitespace-normal md:table-cell">
              <StepDetails step={step} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RunFacts({ run, names }: { run: WorkflowRunDetailDTO; names: Readonly<Record<string, string>> }) {
  const pendingWake = run.steps.find((s) => !s.finishedAt && s.wakeAt)?.wakeAt ?? null;
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3 lg:grid-cols-4">
      <Fact term="Triggered by">{run.eventName ? <code className="text-xs">{run.eventName}</code> : "—"}</Fact>
      <Fact term="Created">
        <DateText value={run.createdAt} withTime />
      </Fact>
      <Fact term="Started">{run.startedAt ? <DateText value={run.startedAt} withTime /> : "Not yet"}</Fact>
      <Fact term="Finished">{run.finishedAt ? <DateText value={run.finishedAt} withTime /> : "Not yet"}</Fact>
      <Fact term="Duration">{run.durationMs !== null ? formatDuration(run.durationMs) : "In progress"}</Fact>
      {isActiveRunStatus(run.status) ? (
        <Fact term="Attempt">
          {run.attempt + 1} of {run.maxAttempts}
          <span className="block text-xs text-muted-foreground">of the current step</span>
        </Fact>
      ) : (
        <Fact term="Attempts per step">Up to {run.maxAttempts}</Fact>
      )}
      {run.retryAt ? (
        <Fact term="Next attempt">
          <DateText value={run.retryAt} withTime />
        </Fact>
      ) : null}
      {pendingWake && !run.retryAt ? (
        <Fact term={run.status === "sleeping" ? "Wakes" : "Waits until"}>
          <DateText value={pendingWake} withTime />
        </Fact>
      ) : null}
      {run.parentRunId ? (
        <Fact term="Invoked by">
          <Link href={`/system/workflows/${run.parentRunId}`} className="underline underline-offset-4">
            Parent run
          </Link>
        </Fact>
      ) : null}
      {run.childRunIds.length ? (
        <Fact term="Invoked">
          {run.childRunIds.map((id, i) => (
            <Link key={id} href={`/system/workflows/${id}`} className="mr-2 underline underline-offset-4">
              Run {i + 1}
            </Link>
          ))}
        </Fact>
      ) : null}
      {run.idempotencyKey ? (
        <Fact term="Idempotency key">
          <code className="text-xs">{run.idempotencyKey}</code>
        </Fact>
      ) : null}
      <Fact term="Function id">
        <code className="text-xs">{run.functionId}</code>
        {names[run.functionId] ? null : <span className="block text-xs text-muted-foreground">not served by this app version</span>}
      </Fact>
    </dl>
  );
}

/** One run: what it is doing or did, step by step, with Retry and Cancel; refreshes itself while active. */
export function WorkflowRunDetail({ runId, functionNames }: { runId: string; functionNames: Readonly<Record<string, string>> }) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.workflows.get.queryOptions(workflowRunInput(runId)),
    refetchInterval: (q) => (q.state.data && isActiveRunStatus(q.state.data.status) ? activeRefreshMs : false),
  });
  const run = query.data;
  if (!run) {
    return query.isError ? <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null;
  }
  const name = functionLabel(run.functionId, functionNames);
  const active = isActiveRunStatus(run.status);
  const retrying = run.status === "queued" && run.attempt > 0;

  return (
    <div className="space-y-6">
      <Link
        href="/system/workflows"
        className="inline-flex items-center gap-1 rounded-md text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
      >
        <ArrowLeftIcon aria-hidden className="size-4" /> All workflow runs
      </Link>

      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{name}</h1>
            <RunStatusBadge status={run.status} retrying={retrying} />
          </div>
          <p className="text-sm text-muted-foreground">
            Run <code className="text-xs break-all">{run.id}</code>
          </p>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {active ? "This run is still active; the page refreshes every few seconds." : null}
            {query.isError && run ? " The latest refresh failed; showing what was loaded before." : null}
          </p>
        </div>
        {run.canRetry || run.canCancel ? (
          <div className="flex shrink-0 flex-wrap gap-2">
            {run.canRetry ? <RetryRunAction run={run} functionName={name} /> : null}
            {run.canCancel ? <CancelRunAction run={run} functionName={name} /> : null}
          </div>
        ) : null}
      </div>

      <Card>
        <CardContent>
          <RunFacts run={run} names={functionNames} />
        </CardContent>
      </Card>

      {run.error && run.status !== "completed" ? (
        <ErrorDetails
          error={run.error}
          title={
            run.status === "cancelled" ? "Cancelled" : run.status === "failed" ? "Why the run failed" : "The last attempt failed; it will be retried"
          }
        />
      ) : null}

      {run.status === "completed" ? (
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2>Output</h2>
            </CardTitle>
            <CardDescription>What the function returned.</CardDescription>
          </CardHeader>
          <CardContent>
            {run.output === null ? <p className="text-sm text-muted-foreground">Nothing (the function returned no value).</p> : <Json value={run.output} label="Output" />}
          </CardContent>
        </Card>
      ) : null}

      <section aria-labelledby="steps-heading" className="space-y-3">
        <div className="space-y-1">
          <h2 id="steps-heading" className="text-lg font-semibold">
            Steps
          </h2>
          <p className="text-sm text-muted-foreground">
            In the order they started. &ldquo;Done at&rdquo; counts from the start of the run; sleeps, waits and retried steps also show how
            long they took. A finished step&apos;s result is kept, so when a later step fails and is retried, the steps before it do not run
            again.
          </p>
        </div>
        <StepTimeline run={run} />
      </section>

      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Triggering event</h2>
          </CardTitle>
          <CardDescription>
            {run.event.name ? <code className="text-xs">{run.event.name}</code> : "No event name"}
            {run.event.receivedAt ? (
              <>
                {" "}
                received <DateText value={run.event.receivedAt} withTime />
              </>
            ) : null}
            {run.event.id ? (
              <>
                {" "}
                · id <code className="text-xs break-all">{run.event.id}</code>
              </>
            ) : null}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Json value={run.event.payload} label="Event payload" />
        </CardContent>
      </Card>
    </div>
  );
}
