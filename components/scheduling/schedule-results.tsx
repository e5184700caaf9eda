"use client";

import { AlertTriangleIcon, CalendarClockIcon, CheckCircle2Icon, GaugeIcon, GripVerticalIcon, ScaleIcon, Trash2Icon, UsersIcon, type LucideIcon } from "lucide-react";
import { useMemo, useState, type DragEvent, type ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select-native";
import { moveEffects, startsThatWork, type DraftMove, type DraftProblem, type GroupReport } from "@/lib/scheduling/draft";
import { cn } from "@/lib/utils";
import type { SchedulingWorkspaceDTO, WorkspaceDraft, WorkspacePerson } from "@/server/services/scheduling/workspace";
import { firstMeetingDate, localMeeting, people, plural } from "./schedule-format";
import { ScheduleWeekView } from "./schedule-week-view";
import type { DraftEditor } from "./use-draft-editor";

const groupsPerPage = 12;
const unassignedPerPage = 25;
const dragType = "application/x-lyceum-move";

function Figure({ icon: Icon, label, value, detail, tone }: { icon: LucideIcon; label: string; value: string; detail?: ReactNode; tone?: "warning" | "good" }) {
  return (
    <div className="rounded-xl border bg-card p-4 shadow-sm">
      <dt className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
        <Icon aria-hidden="true" className={cn("size-4 shrink-0", tone === "warning" && "text-destructive", tone === "good" && "text-success")} />
        {label}
      </dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {detail ? <dd className="text-xs text-muted-foreground">{detail}</dd> : null}
    </div>
  );
}

/** The draft's figures, recomputed on every edit; "optimal" is the scheduler's proof for the run as it came. */
function Figures({ editor, draft }: { editor: DraftEditor; draft: WorkspaceDraft }) {
  const f = editor.analysis.figures;
  const stats = draft.stats;
  const problems = editor.analysis.problems.length;
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5" aria-label="Schedule figures" data-testid="schedule-figures">
      <Figure icon={UsersIcon} label="Placed" value={`${f.placedPercent}%`} detail={`${f.placed} of ${people(f.people)}`} />
      <Figure icon={CalendarClockIcon} label="On “if needed” time" value={String(f.onIfNeeded)} detail={f.onIfNeeded ? "Placed at a time they marked if needed" : "Everyone at a time they prefer"} />
      <Figure
        icon={ScaleIcon}
        label="Group sizes"
        value={f.sizeMin === null ? "–" : f.sizeMin === f.sizeMax ? String(f.sizeMin) : `${f.sizeMin}–${f.sizeMax}`}
        detail={`${plural(f.groups, "group", "groups")}, ${draft.params.minSize}–${draft.params.maxSize} allowed`}
      />
      <Figure
        icon={GaugeIcon}
        label="Best possible"
        value={stats?.placed_is_optimal ? "Optimal" : "Not proven"}
        tone={stats?.placed_is_optimal ? "good" : undefined}
        detail={
          stats
            ? stats.placed_is_optimal
              ? `No arrangement places more${draft.keptGroups ? " around the kept groups" : ""}`
              : `At most ${stats.upper_bound} could be placed`
            : undefined
        }
      />
      <Figure
        icon={problems ? AlertTriangleIcon : CheckCircle2Icon}
        label="Problems"
        value={String(problems)}
        tone={problems ? "warning" : "good"}
        detail={problems ? "Fix them before publishing" : "Every rule holds"}
      />
    </dl>
  );
}

/** A person's place in the draft, with what is wrong for them. */
function PersonBadges({ person, onIfNeeded, isFacilitator }: { person: WorkspacePerson; onIfNeeded: boolean; isFacilitator: boolean }) {
  return (
    <>
      {isFacilitator ? <Badge variant="default">Facilitator</Badge> : person.isFacilitator ? <Badge variant="secondary">Facilitator</Badge> : null}
      {onIfNeeded ? <Badge variant="outline">If needed</Badge> : null}
    </>
  );
}

interface MoveMenuProps {
  person: WorkspacePerson;
  from: string | null;
  editor: DraftEditor;
  workspace: SchedulingWorkspaceDTO;
  draft: WorkspaceDraft;
}

/** "Move to…": every group with its time, and what the move would break, worked out when the menu is opened. */
function MoveMenu({ person, from, editor, workspace, draft }: MoveMenuProps) {
  const [open, setOpen] = useState(false);
  const hints = useMemo(() => {
    if (!open) return null;
    const out = new Map<string | null, DraftProblem[]>();
    for (const g of editor.groups) if (g.key !== from) out.set(g.key, moveEffects({ ...editor.input, groups: editor.groups }, { personId: person.id, from, to: g.key }));
    if (from !== null) out.set(null, moveEffects({ ...editor.input, groups: editor.groups }, { personId: person.id, from, to: null }));
    return out;
  }, [open, editor.groups, editor.input, person.id, from]);
  const describe = (key: string | null) => {
    const effects = hints?.get(key);
    if (!effects) return "";
    return effects.length === 0 ? " – fits" : ` – ${effects[0]!.message}${effects.length > 1 ? ` (+${effects.length - 1})` : ""}`;
  };
  return (
    <NativeSelect
      aria-label={`Move ${person.name} to…`}
      value=""
      onFocus={() => setOpen(true)}
      onPointerDown={() => setOpen(true)}
      onChange={(e) => {
        const value = e.target.value;
        if (value === "") return;
        editor.move({ personId: person.id, from, to: value === "__none" ? null : value });
      }}
      wrapperClassName="w-full shrink-0 sm:w-40"
      className="h-8 text-xs"
    >
      <option value="">Move to…</option>
      {editor.groups
        .filter((g) => g.key !== from)
        .map((g) => (
          <option key={g.key} value={g.key}>
            {g.name} · {localMeeting(workspace.calendar, g.start, draft.params.meetingMinutes, workspace.viewerTimeZone).label}
            {describe(g.key)}
          </option>
        ))}
      {from !== null ? <option value="__none">Not in a group{describe(null)}</option> : null}
    </NativeSelect>
  );
}

interface DragState {
  personId: string;
  from: string | null;
}

function useDrag(editor: DraftEditor) {
  const [dragging, setDragging] = useState<DragState | null>(null);
  const [over, setOver] = useState<string | null | undefined>(undefined);
  const preview = useMemo(() => {
    if (!dragging || over === undefined || over === dragging.from) return null;
    return moveEffects({ ...editor.input, groups: editor.groups }, { ...dragging, to: over });
  }, [dragging, over, editor.groups, editor.input]);
  const zone = (key: string | null) => ({
    onDragOver: (e: DragEvent) => {
      if (!dragging) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      if (over !== key) setOver(key);
    },
    onDragLeave: (e: DragEvent) => {
      if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null) && over === key) setOver(undefined);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      const raw = e.dataTransfer.getData(dragType);
      const data = raw ? (JSON.parse(raw) as DragState) : dragging;
      setDragging(null);
      setOver(undefined);
      if (data) editor.move({ personId: data.personId, from: data.from, to: key } satisfies DraftMove);
    },
  });
  const handle = (personId: string, from: string | null) => ({
    draggable: true,
    onDragStart: (e: DragEvent) => {
      e.dataTransfer.setData(dragType, JSON.stringify({ personId, from }));
      e.dataTransfer.effectAllowed = "move";
      setDragging({ personId, from });
    },
    onDragEnd: () => {
      setDragging(null);
      setOver(undefined);
    },
  });
  return { dragging, over, preview, zone, handle };
}

type Drag = ReturnType<typeof useDrag>;

function DropHint({ drag, target, name }: { drag: Drag; target: string | null; name: (id: string) => string }) {
  if (!drag.dragging || drag.over !== target || drag.dragging.from === target) return null;
  const effects = drag.preview ?? [];
  return (
    <p role="status" className={cn("rounded-md px-2 py-1 text-xs", effects.length ? "bg-destructive/10 text-destructive" : "bg-success/10 text-success")}>
      {effects.length ? effects.map((p) => p.message).join("; ") : `${name(drag.dragging.personId)} fits here.`}
    </p>
  );
}

function MemberRow({
  person,
  groupKey,
  report,
  editor,
  workspace,
  draft,
  drag,
  editable,
}: {
  person: WorkspacePerson;
  groupKey: string | null;
  report: GroupReport | null;
  editor: DraftEditor;
  workspace: SchedulingWorkspaceDTO;
  draft: WorkspaceDraft;
  drag: Drag;
  editable: boolean;
}) {
  const problems = (editor.analysis.people.get(person.id)?.problems ?? []).filter((p) => groupKey === null || p.groupKey === groupKey || p.code === "in_two_groups");
  const isLeader = report?.facilitatorId === person.id;
  const onIfNeeded = report?.ifNeededIds.includes(person.id) ?? false;
  return (
    <li
      className={cn("flex flex-col gap-2 px-3 py-2 sm:flex-row sm:items-center sm:justify-between", problems.length > 0 && "bg-destructive/5")}
      data-testid="member-row"
      data-person={person.name}
    >
      <div className="flex min-w-0 items-start gap-2">
        {editable ? (
          <span
            {...drag.handle(person.id, groupKey)}
            className="mt-0.5 cursor-grab rounded text-muted-foreground hover:text-foreground active:cursor-grabbing"
            title={`Drag ${person.name} to another group`}
            aria-hidden="true"
          >
            <GripVerticalIcon className="size-4" />
          </span>
        ) : null}
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-1.5 text-sm">
            <span className="font-medium">{person.name}</span>
            <PersonBadges person={person} onIfNeeded={onIfNeeded} isFacilitator={isLeader} />
          </p>
          {problems.map((p) => (
            <p key={p.message} className="flex items-center gap-1 text-xs text-destructive">
              <AlertTriangleIcon aria-hidden="true" className="size-3.5 shrink-0" /> {p.message}
            </p>
          ))}
          {groupKey === null && person.reason ? <p className="text-xs text-muted-foreground">{person.reason.text}</p> : null}
          {groupKey === null && !person.reason ? <p className="text-xs text-muted-foreground">Taken out of the groups by hand.</p> : null}
        </div>
      </div>
      {editable ? <MoveMenu person={person} from={groupKey} editor={editor} workspace={workspace} draft={draft} /> : null}
    </li>
  );
}

function GroupCard({
  report,
  editor,
  workspace,
  draft,
  drag,
  editable,
  byId,
}: {
  report: GroupReport;
  editor: DraftEditor;
  workspace: SchedulingWorkspaceDTO;
  draft: WorkspaceDraft;
  drag: Drag;
  editable: boolean;
  byId: Map<string, WorkspacePerson>;
}) {
  const group = editor.groups.find((g) => g.key === report.key)!;
  const [timesOpen, setTimesOpen] = useState(false);
  const starts = useMemo(() => (timesOpen ? startsThatWork({ ...editor.input, groups: editor.groups }, report.key) : []), [timesOpen, editor.input, editor.groups, report.key]);
  const local = localMeeting(workspace.calendar, group.start, draft.params.meetingMinutes, workspace.viewerTimeZone);
  const cohortLocal = workspace.calendar.timeZone !== workspace.viewerTimeZone ? localMeeting(workspace.calendar, group.start, draft.params.meetingMinutes, workspace.calendar.timeZone) : null;
  const members = group.memberIds.map((id) => byId.get(id)).filter((p): p is WorkspacePerson => p !== undefined);
  const [leader, rest] = [members.filter((m) => m.id === report.facilitatorId), members.filter((m) => m.id !== report.facilitatorId)];
  const dropping = drag.dragging && drag.over === report.key && drag.dragging.from !== report.key;
  return (
    <li
      id={`group-${report.key}`}
      {...(editable ? drag.zone(report.key) : {})}
      className={cn(
        "scroll-mt-20 rounded-xl border bg-card shadow-sm",
        report.problems.length > 0 && "border-destructive/60",
        dropping && (drag.preview?.length ? "outline-2 outline-destructive" : "outline-2 outline-success"),
      )}
      aria-label={group.name}
      data-testid="group-card"
    >
      <div className="space-y-2 border-b p-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          {editable ? (
            <Input
              aria-label={`Name of ${group.name}`}
              defaultValue={group.name}
              key={group.name}
              maxLength={60}
              onBlur={(e) => editor.rename(report.key, e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") (e.target as HTMLInputElement).blur();
              }}
              className="h-8 max-w-48 font-semibold"
            />
          ) : (
            <h4 className="font-semibold">{group.name}</h4>
          )}
          <div className="flex flex-wrap gap-1.5">
            <Badge variant="outline">{people(report.size)}</Badge>
            {group.manual ? <Badge variant="secondary">Changed by hand</Badge> : null}
          </div>
        </div>
        <p className="text-sm">
          <span className="font-medium">{local.label}</span> <span className="text-muted-foreground">your time</span>
          {cohortLocal ? <span className="text-muted-foreground"> · {cohortLocal.label} cohort time</span> : null}
        </p>
        <p className="text-xs text-muted-foreground">First meeting {firstMeetingDate(workspace.calendar, group.start, workspace.viewerTimeZone)}</p>
        {editable ? (
          <NativeSelect
            aria-label={`Meeting time of ${group.name}`}
            value={String(group.start)}
            onFocus={() => setTimesOpen(true)}
            onPointerDown={() => setTimesOpen(true)}
            onChange={(e) => editor.setStart(report.key, Number(e.target.value))}
            className="h-8 text-xs"
          >
            <option value={String(group.start)}>{local.label} (current time)</option>
            {starts
              .filter((s) => s.start !== group.start)
              .map((s) => (
                <option key={s.start} value={String(s.start)}>
                  {localMeeting(workspace.calendar, s.start, draft.params.meetingMinutes, workspace.viewerTimeZone).label}
                  {s.ifNeeded ? ` – ${s.ifNeeded} on “if needed” time` : " – everyone's regular time"}
                </option>
              ))}
            {timesOpen && starts.filter((s) => s.start !== group.start).length === 0 ? <option disabled>No other time suits everyone</option> : null}
          </NativeSelect>
        ) : null}
        {report.problems.length > 0 ? (
          <ul className="space-y-0.5 text-xs text-destructive" aria-label={`Problems in ${group.name}`}>
            {report.problems
              .filter((p) => p.personId === null || p.code === "over_limit" || p.code === "overlapping_groups")
              .map((p) => (
                <li key={p.message} className="flex items-center gap-1">
                  <AlertTriangleIcon aria-hidden="true" className="size-3.5 shrink-0" /> {p.message}
                </li>
              ))}
          </ul>
        ) : null}
        <DropHint drag={drag} target={report.key} name={(id) => byId.get(id)?.name ?? "Someone"} />
      </div>
      {members.length === 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm text-muted-foreground">
          Nobody is in this group.
          {editable ? (
            <Button type="button" variant="ghost" size="sm" onClick={() => editor.removeEmpty(report.key)}>
              <Trash2Icon aria-hidden="true" /> Remove group
            </Button>
          ) : null}
        </div>
      ) : (
        <ul className="divide-y" aria-label={`Members of ${group.name}`}>
          {[...leader, ...rest].map((person) => (
            <MemberRow key={person.id} person={person} groupKey={report.key} report={report} editor={editor} workspace={workspace} draft={draft} drag={drag} editable={editable} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Groups, week view, figures and the people left out, for the draft being edited. */
export function ScheduleResults({ workspace, draft, editor, editable }: { workspace: SchedulingWorkspaceDTO; draft: WorkspaceDraft; editor: DraftEditor; editable: boolean }) {
  const byId = useMemo(() => new Map(workspace.people.map((p) => [p.id, p])), [workspace.people]);
  const drag = useDrag(editor);
  const [groupPages, setGroupPages] = useState(1);
  const [unassignedPages, setUnassignedPages] = useState(1);
  const unassigned = workspace.people.filter((p) => (editor.analysis.people.get(p.id)?.groupKeys.length ?? 0) === 0);
  const shownGroups = editor.analysis.groups.slice(0, groupPages * groupsPerPage);
  const problems = editor.analysis.problems;
  const droppingOut = drag.dragging && drag.over === null && drag.dragging.from !== null;

  return (
    <div className="space-y-6">
      <p className="sr-only" role="status" aria-live="polite">
        {editor.announcement}
      </p>
      <Figures editor={editor} draft={draft} />
      {problems.length > 0 ? (
        <Alert variant="destructive" data-testid="draft-problems">
          <AlertTriangleIcon aria-hidden="true" />
          <AlertTitle>{plural(problems.length, "problem", "problems")} to fix before publishing</AlertTitle>
          <AlertDescription>
            <ul className="list-disc pl-4">
              {problems.slice(0, 6).map((p) => (
                <li key={`${p.groupKey}-${p.personId}-${p.message}`}>
                  {p.groupKey ? (
                    <a href={`#group-${p.groupKey}`} className="underline underline-offset-4">
                      {p.message}
                    </a>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
              {problems.length > 6 ? <li>and {problems.length - 6} more, marked on the groups below</li> : null}
            </ul>
          </AlertDescription>
        </Alert>
      ) : null}

      <ScheduleWeekView groups={editor.analysis.groups} calendar={workspace.calendar} meetingMinutes={draft.params.meetingMinutes} timeZone={workspace.viewerTimeZone} />

      <section aria-labelledby="groups-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id="groups-heading" className="text-base font-semibold">
            Groups <span className="text-sm font-normal text-muted-foreground">({editor.groups.length})</span>
          </h3>
          {editable ? <p className="text-xs text-muted-foreground">Drag a person by the handle, or use “Move to…”. Every change is checked and saved at once.</p> : null}
        </div>
        {editor.groups.length === 0 ? (
          <EmptyState titleAs="h4" title="No groups" description="Nobody could be placed with these settings. Check the reasons below, change the settings or ask for more times, and run scheduling again." />
        ) : (
          <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Groups">
            {shownGroups.map((report) => (
              <GroupCard key={report.key} report={report} editor={editor} workspace={workspace} draft={draft} drag={drag} editable={editable} byId={byId} />
            ))}
          </ul>
        )}
        {editor.groups.length > shownGroups.length ? (
          <div className="flex justify-center">
            <Button type="button" variant="outline" onClick={() => setGroupPages((p) => p + 1)}>
              Show {Math.min(groupsPerPage, editor.groups.length - shownGroups.length)} more groups
            </Button>
          </div>
        ) : null}
      </section>

      <section
        aria-labelledby="unassigned-heading"
        {...(editable ? drag.zone(null) : {})}
        className={cn("space-y-3 rounded-xl border border-dashed p-3", droppingOut && "outline-2 outline-ring")}
        data-testid="unassigned"
      >
        <h3 id="unassigned-heading" className="text-base font-semibold">
          Not in a group <span className="text-sm font-normal text-muted-foreground">({unassigned.length})</span>
        </h3>
        <DropHint drag={drag} target={null} name={(id) => byId.get(id)?.name ?? "Someone"} />
        {unassigned.length === 0 ? (
          <p className="text-sm text-muted-foreground">Everyone who gave their availability is in a group.</p>
        ) : (
          <ul className="divide-y rounded-lg border bg-card" aria-label="People not in a group">
            {unassigned.slice(0, unassignedPages * unassignedPerPage).map((person) => (
              <MemberRow key={person.id} person={person} groupKey={null} report={null} editor={editor} workspace={workspace} draft={draft} drag={drag} editable={editable} />
            ))}
          </ul>
        )}
        {unassigned.length > unassignedPages * unassignedPerPage ? (
          <div className="flex justify-center">
            <Button type="button" variant="outline" onClick={() => setUnassignedPages((p) => p + 1)}>
              Show {Math.min(unassignedPerPage, unassigned.length - unassignedPages * unassignedPerPage)} more
            </Button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
