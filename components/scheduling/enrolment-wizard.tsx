"use client";

import { dateTimeFormat } from "@/lib/intl";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { AlertTriangleIcon, ArrowLeftIcon, ArrowRightIcon, CalendarClockIcon, CheckIcon, ClockIcon, LockIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { describeError, fieldErrorsOf } from "@/components/admin/mutation-feedback";
import { formatCalendarDate } from "@/components/cohorts/drip-text";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select-native";
import { blocksByDay, dayLongNames, emptyGrid, formatHours, summarize, type GridCells } from "@/lib/scheduling/local-grid";
import { maxGroupsLimit, saveAvailabilitySchema, scheduleRoleLabels, type ScheduleRole } from "@/lib/schemas/availability";
import { fieldErrorsOf as zodFieldErrors } from "@/lib/validation";
import { cn } from "@/lib/utils";
import type { PublishedGroup, SaveAvailabilityResult } from "@/server/services/scheduling/availability";
import { AvailabilityGrid, ifNeededPattern } from "./availability-grid";

/**
 * The enrolment wizard of a cohort's meeting groups: 1 role, 2 time zone,
 * 3 the weekly grid, 4 review and save. Returning members land on their
 * grid with everything filled in; every step stays reachable from the step
 * list. The input is checked with the server's own schema before sending,
 * and the server's answer (its daylight-saving warnings, or what to fix) is
 * shown on the review step.
 *
 * Around the wizard, the same component shows the person's published group,
 * or why the last schedule left them out, and a read-only week once
 * availability is closed.
 */

const steps = ["Role", "Time zone", "Your week", "Review"] as const;
type Step = 0 | 1 | 2 | 3;

function subscribeNever(): () => void {
  return () => {};
}

/** The browser's time zone; null on the server and while hydrating. */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

let clockNow = Date.now();
const clockListeners = new Set<() => void>();
let clockTimer: ReturnType<typeof setInterval> | undefined;

function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  clockNow = Date.now();
  clockTimer ??= setInterval(() => {
    clockNow = Date.now();
    for (const l of clockListeners) l();
  }, 30_000);
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && clockTimer) {
      clearInterval(clockTimer);
      clockTimer = undefined;
    }
  };
}

/** Now, ticking every 30 s in the browser; null on the server, so both render the same. */
function useNow(): number | null {
  return useSyncExternalStore(
    subscribeClock,
    () => clockNow,
    () => null,
  );
}

const zoneName = (zone: string) => zone.replaceAll("_", " ");

/** "14:05, Tuesday" on the wall clock of `zone`. */
function clockIn(zone: string, now: number): string {
  try {
    return dateTimeFormat("en-GB", { timeZone: zone, weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now);
  } catch {
    return "";
  }
}

/** "Tuesdays 18:00" for a meeting instant, on the clock of `zone`. */
function weeklySlot(instant: Date, zone: string): string {
  const weekday = dateTimeFormat("en-GB", { timeZone: zone, weekday: "long" }).format(instant);
  const time = dateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
  return `${weekday}s ${time}`;
}

/** The longest run of consecutive marked half hours (either state), in minutes. */
function longestBlockMinutes(grid: GridCells): number {
  const cells = [...grid.regularCells, ...grid.ifNeededCells].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  let previous = -2;
  for (const c of cells) {
    run = c === previous + 1 ? run + 1 : 1;
    best = Math.max(best, run);
    previous = c;
  }
  return best * 30;
}

function sameGrid(a: GridCells, b: GridCells): boolean {
  return a.regularCells.join() === b.regularCells.join() && a.ifNeededCells.join() === b.ifNeededCells.join();
}

// ---------------------------------------------------------------------------
// Around the wizard: the group, or why the schedule left the person out

function GroupCard({ group, zone, orgId }: { group: PublishedGroup; zone: string; orgId: string }) {
  return (
    <Alert variant="success" data-testid="published-group">
      <UsersIcon aria-hidden="true" />
      <AlertTitle className="text-base">
        You’re in {group.name}, {weeklySlot(group.firstMeetingAt, zone)} your time
      </AlertTitle>
      <AlertDescription>
        <p>
          {group.isFacilitator ? "You lead this group" : group.facilitatorName ? `Led by ${group.facilitatorName}` : "A group"} of {group.memberCount}, meeting for {group.meetingMinutes} minutes every week
          {group.location ? ` at ${group.location}` : ""}. Times are shown in {zoneName(zone)}.
        </p>
        <Link href={`/orgs/${orgId}/meetings`} className="font-medium text-foreground underline underline-offset-4">
          See your meetings
        </Link>
      </AlertDescription>
    </Alert>
  );
}

function UnplacedCard({ reason, closed, onChange }: { reason: string; closed: boolean; onChange: () => void }) {
  return (
    <Alert className="border-amber-500/60 bg-amber-50 text-amber-950 dark:bg-amber-950/30 dark:text-amber-100" data-testid="unplaced">
      <AlertTriangleIcon aria-hidden="true" />
      <AlertTitle className="text-base">The last schedule could not place you in a group</AlertTitle>
      <AlertDescription className="text-current">
        <p>{reason}</p>
        {closed ? (
          <p>Availability is closed now. Ask the cohort’s teacher whether they can still add you to a group.</p>
        ) : (
          <>
            <p>Add more weekly times (or mark some as “if needed”) and save: the next scheduling run uses your new times.</p>
            <Button type="button" size="sm" variant="outline" onClick={onChange} className="mt-1">
              Change your times
            </Button>
          </>
        )}
      </AlertDescription>
    </Alert>
  );
}

function WarningsAlert({ warnings }: { warnings: readonly { message: string }[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert className="border-amber-500/60 bg-amber-50 text-amber-950 dark:bg-amber-950/30 dark:text-amber-100" data-testid="dst-warnings">
      <ClockIcon aria-hidden="true" />
      <AlertTitle className="text-base">Clocks change during the cohort</AlertTitle>
      <AlertDescription className="text-current">
        {warnings.map((w) => (
          <p key={w.message}>{w.message}</p>
        ))}
        <p>To keep those times, also mark the hour next to them, or mark them “if needed”.</p>
      </AlertDescription>
    </Alert>
  );
}

// ---------------------------------------------------------------------------
// Steps

function StepList({ step, onGo, maxReachable }: { step: Step; onGo: (step: Step) => void; maxReachable: Step }) {
  return (
    <nav aria-label="Steps">
      <ol className="grid grid-cols-4 gap-1.5 sm:gap-2">
        {steps.map((name, i) => {
          const current = i === step;
          const done = i < step;
          const reachable = i <= maxReachable;
          return (
            <li key={name} className="min-w-0">
              <button
                type="button"
                disabled={!reachable}
                aria-current={current ? "step" : undefined}
                onClick={() => onGo(i as Step)}
                className={cn(
                  "flex w-full min-w-0 flex-col items-start gap-1 rounded-md border-t-4 px-1 pt-2 pb-1 text-left text-xs sm:text-sm",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:cursor-not-allowed",
                  current ? "border-primary font-semibold text-foreground" : done ? "border-primary/40 text-muted-foreground hover:text-foreground" : "border-muted text-muted-foreground",
                )}
              >
                <span className="flex items-center gap-1 text-[0.7rem] tracking-wide uppercase sm:text-xs">
                  {done ? <CheckIcon aria-hidden="true" className="size-3" /> : null}
                  Step {i + 1}
                </span>
                <span className="w-full truncate">{name}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function StepHeading({ id, children, description }: { id: string; children: ReactNode; description?: ReactNode }) {
  return (
    <div className="space-y-1">
      <h2 id={id} tabIndex={-1} className="text-xl font-semibold tracking-tight outline-none">
        {children}
      </h2>
      {description ? <div className="text-sm text-muted-foreground">{description}</div> : null}
    </div>
  );
}

function RoleOption({
  value,
  checked,
  disabled,
  onSelect,
  title,
  description,
}: {
  value: ScheduleRole;
  checked: boolean;
  disabled?: boolean;
  onSelect: (value: ScheduleRole) => void;
  title: string;
  description: ReactNode;
}) {
  const id = useId();
  return (
    <div
      className={cn(
        "relative flex gap-3 rounded-lg border p-4 transition-colors",
        checked ? "border-primary bg-primary/5 ring-1 ring-primary" : "hover:bg-accent/50",
        disabled && "opacity-70 hover:bg-transparent",
      )}
    >
      <input
        id={id}
        type="radio"
        name="schedule-role"
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={() => onSelect(value)}
        aria-describedby={`${id}-description`}
        className="mt-1 size-4 shrink-0 accent-primary"
      />
      <div className="space-y-1">
        <label htmlFor={id} className={cn("font-medium after:absolute after:inset-0", disabled ? "cursor-not-allowed" : "cursor-pointer")}>
          {title}
        </label>
        <div id={`${id}-description`} className="text-sm text-muted-foreground">
          {description}
        </div>
      </div>
    </div>
  );
}

function ZonePicker({
  zone,
  onZone,
  timeZones,
  detected,
  profileZone,
}: {
  zone: string;
  onZone: (zone: string) => void;
  timeZones: readonly string[];
  detected: string | null;
  profileZone: string;
}) {
  const id = useId();
  const [search, setSearch] = useState("");
  const now = useNow();
  const found = useMemo(() => {
    const needle = search.trim().toLowerCase().replaceAll(" ", "_");
    return needle === "" ? [...timeZones] : timeZones.filter((z) => z.toLowerCase().includes(needle));
  }, [search, timeZones]);
  // The chosen zone stays in the list, so the select always shows it.
  const matches = found.includes(zone) ? found : [zone, ...found];
  const suggestions = [...new Set([detected, profileZone].filter((z): z is string => !!z && z !== zone))];
  return (
    <div className="grid gap-5 lg:grid-cols-[1fr_minmax(0,18rem)]">
      <div className="grid gap-4">
        <div className="grid gap-2">
          <Label htmlFor={`${id}-search`}>Search time zones</Label>
          <Input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="City or region, e.g. Tokyo or New York" autoComplete="off" />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${id}-zone`}>Time zone</Label>
          <NativeSelect id={`${id}-zone`} size={8} value={zone} onChange={(e) => onZone(e.target.value)} className="h-auto py-1 pr-3" wrapperClassName="[&>svg]:hidden">
            {matches.map((z) => (
              <option key={z} value={z} className="px-2 py-1">
                {zoneName(z)}
              </option>
            ))}
          </NativeSelect>
          <p className="text-sm text-muted-foreground">
            {search.trim() === "" ? `${timeZones.length} zones` : found.length === 0 ? "No zone matches: try a big city near you." : `${found.length} matching`}
          </p>
        </div>
      </div>
      <div className="order-first grid content-start gap-3 lg:order-none">
        <div className="rounded-lg border bg-muted/40 p-4" aria-live="polite">
          <p className="text-sm text-muted-foreground">Your grid will be in</p>
          <p className="text-lg font-semibold break-words" data-testid="chosen-zone">
            {zoneName(zone)}
          </p>
          <p className="text-sm text-muted-foreground">{now === null ? "\u00a0" : `It is ${clockIn(zone, now)} there now.`}</p>
          {detected === zone ? <p className="mt-2 text-sm">Detected from this device.</p> : null}
        </div>
        {suggestions.length > 0 ? (
          <div className="flex flex-wrap gap-2">
            {suggestions.map((z) => (
              <Button key={z} type="button" variant="outline" size="sm" onClick={() => onZone(z)}>
                Use {zoneName(z)}
                {z === detected ? " (this device)" : " (your profile)"}
              </Button>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function ReviewList({ role, maxGroups, zone, grid }: { role: ScheduleRole; maxGroups: number | null; zone: string; grid: GridCells }) {
  const days = blocksByDay(grid);
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
      <dt className="text-sm font-medium">Role</dt>
      <dd className="text-sm text-muted-foreground">
        {scheduleRoleLabels[role]}
        {role === "facilitator" ? ` · ${maxGroups === null ? "no limit on groups" : `up to ${maxGroups} ${maxGroups === 1 ? "group" : "groups"}`}` : ""}
      </dd>
      <dt className="text-sm font-medium">Time zone</dt>
      <dd className="text-sm text-muted-foreground">{zoneName(zone)}</dd>
      <dt className="text-sm font-medium">Each week</dt>
      <dd className="text-sm">
        <p className="font-medium" data-testid="review-summary">
          {summarize(grid)}
        </p>
        <ul className="mt-2 space-y-1.5 text-muted-foreground">
          {days.map(({ day, blocks }) => (
            <li key={day} className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="w-24 font-medium text-foreground">{dayLongNames[day]}</span>
              {blocks.map((b) => (
                <span key={b.fromRow} className="inline-flex items-center gap-1.5 rounded-md border px-2 py-0.5 tabular-nums">
                  <span aria-hidden="true" className={cn("inline-block size-3 rounded-sm", b.state === "available" && "bg-primary")} style={b.state === "if_needed" ? ifNeededPattern : undefined} />
                  {b.label}
                  <span className="sr-only">, </span>
                  <span className="text-xs">{b.state === "available" ? "available" : "if needed"}</span>
                </span>
              ))}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

// ---------------------------------------------------------------------------
// The page's client part

export interface EnrolmentWizardProps {
  cohortId: string;
  orgId: string;
  /** Every zone the server knows (Intl.supportedValuesOf), for the picker. */
  timeZones: readonly string[];
}

export function EnrolmentWizard({ cohortId, orgId, timeZones }: EnrolmentWizardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data } = useSuspenseQuery(trpc.availability.mine.queryOptions({ cohortId }));
  const { cohort, member, availability: saved } = data;
  const detected = useBrowserTimeZone();
  const headingId = useId();

  const [step, setStep] = useState<Step>(saved ? 2 : 0);
  const [maxReachable, setMaxReachable] = useState<Step>(saved ? 3 : 0);
  const [role, setRole] = useState<ScheduleRole>(saved?.role ?? (member.cohortRole === "facilitator" ? "facilitator" : "participant"));
  const [maxGroups, setMaxGroups] = useState<number | null>(saved ? saved.maxGroups : 1);
  const [chosenZone, setChosenZone] = useState<string | null>(saved?.timeZone ?? null);
  const [grid, setGrid] = useState<GridCells>(() => (saved ? { regularCells: saved.regularCells, ifNeededCells: saved.ifNeededCells } : emptyGrid));
  const [stepError, setStepError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [result, setResult] = useState<SaveAvailabilityResult | null>(null);
  const focusHeading = useRef(false);

  const zone = chosenZone ?? detected ?? member.profileTimeZone;
  const effectiveRole: ScheduleRole = member.canFacilitate ? role : "participant";
  const input = {
    cohortId,
    role: effectiveRole,
    timeZone: zone,
    regularCells: [...grid.regularCells],
    ifNeededCells: [...grid.ifNeededCells],
    maxGroups: effectiveRole === "facilitator" ? maxGroups : null,
  };
  const savedGrid: GridCells = saved ? { regularCells: saved.regularCells, ifNeededCells: saved.ifNeededCells } : emptyGrid;
  const dirty = !saved || !sameGrid(grid, savedGrid) || saved.timeZone !== zone || saved.role !== effectiveRole || (effectiveRole === "facilitator" && saved.maxGroups !== maxGroups);

  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    document.getElementById(`${headingId}-step`)?.focus();
  }, [step, headingId]);

  // Leaving with painted but unsaved times loses them: ask first.
  const unsaved = dirty && (grid.regularCells.length > 0 || grid.ifNeededCells.length > 0) && !cohort.closed;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  const save = useMutation(
    trpc.availability.save.mutationOptions({
      onSuccess: (saved) => {
        setResult(saved);
        setSaveError(null);
        // Not awaited: the button is free again at once, while the page title and the course card catch up.
        void queryClient.invalidateQueries(trpc.availability.pathFilter());
        router.refresh();
      },
      onError: (error) => {
        setResult(null);
        const fields = fieldErrorsOf(error);
        setSaveError(describeError(error));
        if (fields.role) setStepError(fields.role.join(" "));
      },
    }),
  );

  function go(next: Step) {
    setStepError(null);
    setResult(null);
    focusHeading.current = true;
    setStep(next);
    setMaxReachable((m) => (next > m ? next : m));
  }

  function validateStep(current: Step): string | null {
    if (current === 0 && effectiveRole === "facilitator" && maxGroups !== null && (maxGroups < 1 || maxGroups > maxGroupsLimit)) {
      return `Choose between 1 and ${maxGroupsLimit} groups, or no limit.`;
    }
    if (current === 2 && grid.regularCells.length + grid.ifNeededCells.length === 0) {
      return "Paint at least one half hour when you could meet: drag across the grid, or use the arrow keys and Space.";
    }
    return null;
  }

  function next() {
    const problem = validateStep(step);
    if (problem) {
      setStepError(problem);
      return;
    }
    if (step < 3) go((step + 1) as Step);
  }

  function submit() {
    setStepError(null);
    const checked = saveAvailabilitySchema.safeParse(input);
    if (!checked.success) {
      setSaveError(Object.values(zodFieldErrors(checked.error)).flat().join(" "));
      return;
    }
    save.mutate(input);
  }

  const meetingLine = `${cohort.meetingMinutes}-minute meetings every week for ${cohort.meetingWeeks} ${cohort.meetingWeeks === 1 ? "week" : "weeks"}, from ${formatCalendarDate(cohort.meetingsStartDate)}`;
  const longest = longestBlockMinutes(grid);
  const warnings = result?.availability.warnings ?? (dirty ? [] : (saved?.warnings ?? []));

  const status = (
    <>
      {data.group ? <GroupCard group={data.group} zone={saved?.timeZone ?? zone} orgId={orgId} /> : null}
      {data.unplaced ? <UnplacedCard reason={data.unplaced.reason} closed={cohort.closed} onChange={() => go(2)} /> : null}
    </>
  );

  if (cohort.closed) {
    return (
      <div className="space-y-6">
        {status}
        <Alert>
          <LockIcon aria-hidden="true" />
          <AlertTitle>{cohort.archived ? "This cohort has ended" : "Availability is closed"}</AlertTitle>
          <AlertDescription>
            {cohort.archived
              ? "Its meeting times can no longer change."
              : "The groups are being formed from the times people gave, so times can no longer change here. If yours changed, tell the cohort’s teacher."}
          </AlertDescription>
        </Alert>
        {saved ? (
          <Card>
            <CardContent className="space-y-4">
              <StepHeading id={`${headingId}-step`} description={`As you gave it, in ${zoneName(saved.timeZone)} · ${scheduleRoleLabels[saved.role]}`}>
                Your week
              </StepHeading>
              <WarningsAlert warnings={saved.warnings} />
              <AvailabilityGrid value={savedGrid} readOnly timeZone={saved.timeZone} label="Your week" />
            </CardContent>
          </Card>
        ) : (
          <p className="text-sm text-muted-foreground">You did not give any times before availability closed.</p>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {status}
      <Card className="gap-5 py-4 sm:py-6">
        <CardContent className="space-y-6 px-3 sm:px-6">
          <StepList step={step} onGo={go} maxReachable={maxReachable} />

          {step === 0 ? (
            <section aria-labelledby={`${headingId}-step`} className="space-y-4">
              <StepHeading id={`${headingId}-step`} description="Groups are a few participants and one facilitator who meet at a time that suits all of them.">
                How will you take part?
              </StepHeading>
              <ul aria-label="About the meetings" className="flex flex-wrap gap-2 text-sm">
                {[
                  { icon: ClockIcon, text: `${cohort.meetingMinutes} minutes, once a week` },
                  { icon: CalendarClockIcon, text: `${cohort.meetingWeeks} ${cohort.meetingWeeks === 1 ? "week" : "weeks"} from ${formatCalendarDate(cohort.meetingsStartDate)}` },
                  { icon: UsersIcon, text: `Groups of ${cohort.groupMinSize}–${cohort.groupMaxSize} people` },
                ].map(({ icon: Icon, text }) => (
                  <li key={text} className="inline-flex items-center gap-1.5 rounded-full border bg-muted/40 px-3 py-1">
                    <Icon aria-hidden="true" className="size-4 text-muted-foreground" />
                    {text}
                  </li>
                ))}
              </ul>
              <fieldset className="grid gap-3 md:grid-cols-2">
                <legend className="sr-only">Your role in the groups</legend>
                <RoleOption
                  value="participant"
                  checked={effectiveRole === "participant"}
                  onSelect={setRole}
                  title="Participant"
                  description="Join a small discussion group that meets every week."
                />
                <RoleOption
                  value="facilitator"
                  checked={effectiveRole === "facilitator"}
                  disabled={!member.canFacilitate}
                  onSelect={setRole}
                  title="Facilitator"
                  description={
                    member.canFacilitate
                      ? "Lead one or more groups: you are placed with participants at times that suit you."
                      : "Only the cohort’s facilitators and teachers lead groups. If you would like to, ask your teacher to make you a facilitator of this cohort."
                  }
                />
              </fieldset>
              {effectiveRole === "facilitator" ? (
                <div className="grid max-w-xs gap-2">
                  <Label htmlFor={`${headingId}-max`}>Most groups you can lead</Label>
                  <NativeSelect
                    id={`${headingId}-max`}
                    value={maxGroups === null ? "none" : String(maxGroups)}
                    onChange={(e) => setMaxGroups(e.target.value === "none" ? null : Number(e.target.value))}
                  >
                    {Array.from({ length: maxGroupsLimit }, (_, i) => i + 1).map((n) => (
                      <option key={n} value={n}>
                        {n} {n === 1 ? "group" : "groups"}
                      </option>
                    ))}
                    <option value="none">No limit</option>
                  </NativeSelect>
                  <p className="text-sm text-muted-foreground">Each group meets once a week; your groups never overlap.</p>
                </div>
              ) : null}
            </section>
          ) : null}

          {step === 1 ? (
            <section aria-labelledby={`${headingId}-step`} className="space-y-4">
              <StepHeading
                id={`${headingId}-step`}
                description={`You paint your week on your own clock. Meetings follow the cohort’s clock (${zoneName(cohort.timeZone)}); Lyceum converts between the two, daylight saving included.`}
              >
                Which time zone are you in?
              </StepHeading>
              <ZonePicker zone={zone} onZone={setChosenZone} timeZones={timeZones} detected={detected} profileZone={member.profileTimeZone} />
            </section>
          ) : null}

          {step === 2 ? (
            <section aria-labelledby={`${headingId}-step`} className="space-y-4">
              <StepHeading
                id={`${headingId}-step`}
                description={
                  <>
                    <p>
                      Mark every time you could meet, every week, in <strong className="font-medium text-foreground">{zoneName(zone)}</strong> time. The more you mark, the easier it is to find you a group.
                    </p>
                    <p>
                      {meetingLine}: a meeting needs a block of at least {cohort.meetingMinutes} minutes.
                    </p>
                  </>
                }
              >
                When could you meet each week?
              </StepHeading>
              <AvailabilityGrid value={grid} onChange={setGrid} timeZone={zone} label="Your week" />
            </section>
          ) : null}

          {step === 3 ? (
            <section aria-labelledby={`${headingId}-step`} className="space-y-5">
              <StepHeading id={`${headingId}-step`} description={`${meetingLine} (${zoneName(cohort.timeZone)}).`}>
                Check and save
              </StepHeading>
              <ReviewList role={effectiveRole} maxGroups={maxGroups} zone={zone} grid={grid} />
              {longest > 0 && longest < cohort.meetingMinutes ? (
                <Alert className="border-amber-500/60 bg-amber-50 text-amber-950 dark:bg-amber-950/30 dark:text-amber-100">
                  <AlertTriangleIcon aria-hidden="true" />
                  <AlertTitle>No block is long enough for a meeting yet</AlertTitle>
                  <AlertDescription className="text-current">
                    Meetings last {cohort.meetingMinutes} minutes, and your longest block is {formatHours(longest / 30)}. Mark at least one block of {cohort.meetingMinutes} minutes so a group can meet you.
                  </AlertDescription>
                </Alert>
              ) : null}
              <FormErrorAlert message={saveError} />
              <WarningsAlert warnings={warnings} />
              {result ? (
                <Alert variant="success" tabIndex={-1} data-testid="availability-saved">
                  <CheckIcon aria-hidden="true" />
                  <AlertTitle className="text-base">Your availability is saved</AlertTitle>
                  <AlertDescription className="text-current">
                    <p>
                      {formatHours(result.availability.usableHours.regular * 2)} a week line up with the meetings
                      {result.availability.usableHours.ifNeeded > 0 ? `, plus ${formatHours(result.availability.usableHours.ifNeeded * 2)} if needed` : ""}. You will be told when the groups are formed, and
                      you can change your times here until then.
                    </p>
                    <Link href={`/orgs/${orgId}/cohorts/${cohortId}/learn`} className="font-medium underline underline-offset-4">
                      Back to the course
                    </Link>
                  </AlertDescription>
                </Alert>
              ) : null}
            </section>
          ) : null}

          {stepError ? (
            <Alert variant="destructive">
              <AlertDescription>{stepError}</AlertDescription>
            </Alert>
          ) : null}

          <div className="flex flex-wrap items-center justify-between gap-3 border-t pt-4">
            {step > 0 ? (
              <Button type="button" variant="outline" onClick={() => go((step - 1) as Step)}>
                <ArrowLeftIcon aria-hidden="true" />
                Back
              </Button>
            ) : (
              <span />
            )}
            {step < 3 ? (
              <Button type="button" onClick={next}>
                Next
                <ArrowRightIcon aria-hidden="true" />
              </Button>
            ) : (
              <Button type="button" onClick={submit} disabled={save.isPending}>
                <CalendarClockIcon aria-hidden="true" />
                {save.isPending ? "Saving…" : "Save availability"}
              </Button>
            )}
          </div>
        </CardContent>
      </Card>
    </div>
  );
}
