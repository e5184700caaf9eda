"use client";

import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { CalendarCheckIcon, CheckIcon, Loader2Icon, PlayIcon, RefreshCwIcon, SendIcon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { toastError } from "@/components/admin/mutation-feedback";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { meetingInstants } from "@/lib/scheduling/cohort-calendar";
import type { RunDTO } from "@/server/services/scheduling/runs";
import type { SchedulingWorkspaceDTO, WorkspaceDraft } from "@/server/services/scheduling/workspace";
import { formatDate, people, phaseLabel, plural, progressPercent, zoneLabel } from "./schedule-format";
import { PublishedMeetings } from "./published-meetings";
import { ScheduleResponses } from "./schedule-responses";
import { ScheduleResults } from "./schedule-results";
import { ScheduleSettingsCard } from "./schedule-settings";
import { useDraftEditor, type DraftEditor } from "./use-draft-editor";

const activeStatuses = new Set(["queued", "running"]);

/** Polls a run while it is queued or running; when it ends, the page reloads its data. */
function RunProgress({ cohortId, run, onDone }: { cohortId: string; run: RunDTO; onDone?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useQuery(
    trpc.scheduling.run.queryOptions({ runId: run.id }, { initialData: run, refetchInterval: (q) => (q.state.data && activeStatuses.has(q.state.data.status) ? 500 : false) }),
  );
  const current = data ?? run;
  const done = !activeStatuses.has(current.status);
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  });
  useEffect(() => {
    if (done) void queryClient.invalidateQueries(trpc.scheduling.workspace.queryFilter({ cohortId })).then(() => onDoneRef.current?.());
  }, [done, queryClient, trpc, cohortId]);
  const percent = current.status === "queued" ? 0 : progressPercent(current.progress);
  const p = current.progress;
  const label = current.status === "queued" ? "Waiting to start…" : p ? phaseLabel(p.phase) : "Starting…";
  return (
    <div className="space-y-2" data-testid="run-progress">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="flex items-center gap-2 font-medium">
          <Loader2Icon aria-hidden="true" className="size-4 animate-spin" /> {label}
        </span>
        {p && p.upperBound > 0 ? (
          <span className="text-muted-foreground" data-testid="run-placed">
            {p.bestPlaced} placed so far · at most {p.upperBound} can be
          </span>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label="Scheduling progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%: ${label}`}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] duration-300" style={{ width: `${Math.max(3, percent)}%` }} />
      </div>
    </div>
  );
}

function RunCard({ workspace, editor }: { workspace: SchedulingWorkspaceDTO; editor: DraftEditor | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keepId = useId();
  const manual = editor ? editor.groups.filter((g) => g.manual).length : 0;
  const [keep, setKeep] = useState(true);
  // The run just started is watched at once, before the page's data catches up with it.
  const [started, setStarted] = useState<RunDTO | null>(null);
  const latest = workspace.latestRun;
  const watching = started ?? (latest !== null && activeStatuses.has(latest.status) ? latest : null);
  const running = watching !== null;
  const start = useMutation(
    trpc.scheduling.startRun.mutationOptions({
      onSuccess: async (run) => {
        setStarted(run);
        await queryClient.invalidateQueries(trpc.scheduling.workspace.queryFilter({ cohortId: workspace.settings.cohortId }));
      },
      onError: (error) => toastError("Scheduling did not start", error),
    }),
  );
  const canRun = workspace.settings.canManage && workspace.respondents > 0 && !running && editor?.save.kind !== "saving";
  const rerun = workspace.draft !== null;
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2 className="text-lg">{rerun ? "Run scheduling again" : "Run scheduling"}</h2>
        </CardTitle>
        <CardDescription>
          {workspace.respondents === 0
            ? "Nobody has given their availability yet. Send members the availability link; you can run scheduling once some have answered."
            : `Forms groups of ${workspace.settings.groupMinSize}–${workspace.settings.groupMaxSize} from the ${people(workspace.respondents)} who gave their times${
                workspace.facilitators ? `, each led by one of the ${plural(workspace.facilitators, "facilitator", "facilitators")}` : ""
              }. Nothing is published or sent until you publish.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {watching ? <RunProgress key={watching.id} cohortId={workspace.settings.cohortId} run={watching} onDone={() => setStarted(null)} /> : null}
        {!running && latest?.status === "failed" ? (
          <Alert variant="destructive">
            <AlertTitle>The last run failed</AlertTitle>
            <AlertDescription>{latest.error ?? "It stopped without saying why. Run scheduling again."}</AlertDescription>
          </Alert>
        ) : null}
        {workspace.settings.canManage ? (
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
            <Button type="button" disabled={!canRun || start.isPending} onClick={() => start.mutate({ cohortId: workspace.settings.cohortId, keepManualChanges: rerun && manual > 0 && keep })}>
              {rerun ? <RefreshCwIcon aria-hidden="true" /> : <PlayIcon aria-hidden="true" />}
              {start.isPending || running ? "Scheduling…" : rerun ? "Re-run scheduling" : "Run scheduling"}
            </Button>
            {rerun ? (
              <label htmlFor={keepId} className="flex items-center gap-2 text-sm">
                <input id={keepId} type="checkbox" className="size-4 accent-primary" checked={keep && manual > 0} disabled={manual === 0} onChange={(e) => setKeep(e.target.checked)} />
                Keep my changes
                <span className="text-muted-foreground">
                  {manual > 0 ? `(${plural(manual, "group", "groups")} changed by hand stay as they are)` : "(no group changed by hand yet)"}
                </span>
              </label>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">Only the course&apos;s teachers and admins run scheduling.</p>
        )}
      </CardContent>
    </Card>
  );
}

function PublishBar({ workspace, draft, editor }: { workspace: SchedulingWorkspaceDTO; draft: WorkspaceDraft; editor: DraftEditor }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useMutationDialog({ invalidate: () => queryClient.invalidateQueries(trpc.scheduling.pathFilter()) });
  const publish = useMutation(
    trpc.scheduling.publish.mutationOptions({
      onSuccess: (r) =>
        dialog.succeeded("Groups published", `${plural(r.groups, "group", "groups")} and ${plural(r.meetings, "meeting", "meetings")} created; ${people(r.placed + r.unplaced)} are being notified.`),
      onError: (error) => dialog.failed("Nothing was published", error),
    }),
  );
  const { figures, valid, problems } = editor.analysis;
  const firsts = editor.groups.map((g) => meetingInstants({ ...workspace.calendar, weeks: 1 }, g.start)[0]).filter((d): d is Date => d !== undefined);
  const from = firsts.length ? formatDate(new Date(Math.min(...firsts.map((d) => d.getTime()))), workspace.viewerTimeZone) : "";
  const meetings = editor.groups.length * workspace.calendar.weeks;
  const blocked = !valid
    ? `Fix the ${plural(problems.length, "problem", "problems")} above first.`
    : draft.settingsChanged
      ? "The settings changed since this run. Run scheduling again first."
      : editor.save.kind === "saving"
        ? "Saving your last change…"
        : editor.save.kind === "error"
          ? "Your last change was not saved. Reload the page."
          : editor.groups.length === 0
            ? "There are no groups to publish."
            : null;
  const replacing = workspace.published;
  const unchangedSincePublish = draft.publishedVersion !== null && editor.version === draft.publishedVersion;
  return (
    <div className="flex flex-col gap-3 rounded-xl border bg-card p-4 shadow-sm sm:flex-row sm:items-center sm:justify-between">
      <div className="text-sm">
        <p className="font-medium">{unchangedSincePublish ? "These groups are published." : draft.status === "published" ? "You changed the published groups." : "Ready to publish?"}</p>
        <p className="text-muted-foreground">
          {blocked ??
            (unchangedSincePublish
              ? "Move people or change a time, then publish again to update everyone."
              : `${plural(editor.groups.length, "group", "groups")}, ${plural(meetings, "weekly meeting", "weekly meetings")} from ${from}.`)}
        </p>
      </div>
      <ConfirmDialog
        {...dialog.dialogProps}
        trigger={{
          variant: "default",
          size: "default",
          disabled: blocked !== null || unchangedSincePublish,
          children: (
            <>
              <SendIcon aria-hidden="true" /> {draft.status === "published" ? "Publish changes" : "Publish"}
            </>
          ),
        }}
        title={`Publish ${plural(editor.groups.length, "group", "groups")}?`}
        description="Publishing makes these groups the cohort's schedule."
        confirmLabel="Publish and notify"
        pendingLabel="Publishing…"
        pending={publish.isPending}
        onConfirm={() => publish.mutate({ runId: draft.runId, draftVersion: editor.version })}
      >
        <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="publish-summary">
          <li>
            Creates {plural(editor.groups.length, "group", "groups")} and {plural(meetings, "meeting", "meetings")}: every group meets weekly for {plural(workspace.calendar.weeks, "week", "weeks")}, from {from}, at the same{" "}
            {zoneLabel(workspace.calendar.timeZone)} time.
          </li>
          <li>
            Notifies {people(figures.placed)} of their group, in the app and by email with a calendar invite (and on Discord when linked).
          </li>
          {figures.unassigned > 0 ? <li>Tells {people(figures.unassigned)} not in a group why, and how to change their availability.</li> : null}
          {replacing ? (
            <li>
              Replaces the current schedule: its {plural(replacing.groups, "group", "groups")} are archived and their meetings still to come are deleted.
            </li>
          ) : null}
        </ul>
      </ConfirmDialog>
    </div>
  );
}

function SaveStatus({ editor }: { editor: DraftEditor }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  if (editor.save.kind === "saving") return <span className="text-xs text-muted-foreground">Saving…</span>;
  if (editor.save.kind === "error") {
    return (
      <Alert variant="destructive">
        <AlertTitle>{editor.save.conflict ? "Someone else changed these groups" : "Your last change was not saved"}</AlertTitle>
        <AlertDescription>
          <p>{editor.save.message}</p>
          <Button type="button" variant="outline" size="sm" onClick={() => void queryClient.invalidateQueries(trpc.scheduling.pathFilter())}>
            Reload the groups
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <span className="flex items-center gap-1 text-xs text-muted-foreground">
      <CheckIcon aria-hidden="true" className="size-3.5" /> All changes saved
    </span>
  );
}

/** The run card, results and publishing for one draft; remounted (fresh state) for each new run. */
function DraftSection({ workspace, draft }: { workspace: SchedulingWorkspaceDTO; draft: WorkspaceDraft }) {
  const editor = useDraftEditor(workspace, draft);
  const editable = workspace.settings.canManage;
  return (
    <>
      <RunCard workspace={workspace} editor={editor} />
      <section aria-labelledby="results-heading" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="results-heading" className="text-lg font-semibold">
            {draft.status === "published" ? "Published groups" : "Proposed groups"}
          </h2>
          {editable ? <SaveStatus editor={editor} /> : null}
        </div>
        {draft.settingsChanged ? (
          <Alert>
            <AlertTitle>The settings changed since this run</AlertTitle>
            <AlertDescription>These groups were formed with other settings. Run scheduling again to use the new ones.</AlertDescription>
          </Alert>
        ) : null}
        {workspace.published && draft.status !== "published" ? (
          <p className="text-sm text-muted-foreground">
            The cohort&apos;s current schedule has {plural(workspace.published.groups, "group", "groups")}. Publishing these replaces it.{" "}
            <a href="#published-meetings" className="font-medium text-primary underline-offset-4 hover:underline">
              See its meetings
            </a>
          </p>
        ) : null}
        {draft.status === "published" && workspace.published ? (
          <Alert variant="success" data-testid="published-banner">
            <CalendarCheckIcon aria-hidden="true" />
            <AlertTitle>Published{workspace.published.publishedAt ? ` ${formatDate(workspace.published.publishedAt, workspace.viewerTimeZone)}` : ""}</AlertTitle>
            <AlertDescription>
              {plural(workspace.published.groups, "group", "groups")} with {plural(workspace.published.meetings, "meeting", "meetings")}
              {workspace.published.firstMeetingAt ? `, the first on ${formatDate(workspace.published.firstMeetingAt, workspace.viewerTimeZone)}` : ""}. Members were notified. Changes you make
              here reach them when you publish again.
            </AlertDescription>
          </Alert>
        ) : null}
        <ScheduleResults workspace={workspace} draft={draft} editor={editor} editable={editable} />
        {editable ? <PublishBar workspace={workspace} draft={draft} editor={editor} /> : null}
      </section>
    </>
  );
}

/** The whole scheduling page below its header. */
export function ScheduleWorkspace({ cohortId, orgId }: { cohortId: string; orgId: string }) {
  const trpc = useTRPC();
  // Not refetched on focus: the draft on screen is the one being edited (saves keep it in step with the server).
  const { data: workspace } = useSuspenseQuery(trpc.scheduling.workspace.queryOptions({ cohortId }, { refetchOnWindowFocus: false }));
  const availabilityHref = `/orgs/${orgId}/cohorts/${cohortId}/availability`;
  return (
    <div className="space-y-8">
      <ScheduleSettingsCard settings={workspace.settings} />
      <ScheduleResponses cohortId={cohortId} availabilityHref={availabilityHref} />
      {workspace.draft ? (
        <DraftSection key={`${workspace.draft.runId}:${workspace.draft.version}`} workspace={workspace} draft={workspace.draft} />
      ) : (
        <RunCard workspace={workspace} editor={null} />
      )}
      {workspace.published && workspace.published.groupMeetings.length > 0 ? (
        <PublishedMeetings orgId={orgId} groups={workspace.published.groupMeetings} timeZone={workspace.viewerTimeZone} />
      ) : null}
    </div>
  );
}
