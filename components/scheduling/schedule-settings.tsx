"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LockIcon, LockOpenIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useFormErrors, useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { FormField } from "@/components/ui/form-field";
import { groupSizeRange, meetingMinutesRange, meetingWeeksRange, updateSchedulingSettingsSchema } from "@/lib/schemas/scheduling";
import type { SchedulingSettingsDTO } from "@/server/services/scheduling/settings";
import { formatCalendarDay, plural, zoneLabel } from "./schedule-format";

const fieldNames = ["meetingMinutes", "groupMinSize", "groupMaxSize", "meetingWeeks", "meetingsStartDate"] as const;
type Values = Record<(typeof fieldNames)[number], string>;

function valuesOf(s: SchedulingSettingsDTO): Values {
  return {
    meetingMinutes: String(s.meetingMinutes),
    groupMinSize: String(s.groupMinSize),
    groupMaxSize: String(s.groupMaxSize),
    meetingWeeks: String(s.meetingWeeks),
    meetingsStartDate: s.meetingsStartDate ?? "",
  };
}

function inputOf(cohortId: string, v: Values) {
  const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
  return {
    cohortId,
    meetingMinutes: num(v.meetingMinutes),
    groupMinSize: num(v.groupMinSize),
    groupMaxSize: num(v.groupMaxSize),
    meetingWeeks: num(v.meetingWeeks),
    meetingsStartDate: v.meetingsStartDate.trim() === "" ? null : v.meetingsStartDate.trim(),
  };
}

function AvailabilityToggle({ settings }: { settings: SchedulingSettingsDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const closed = settings.availabilityClosedAt !== null;
  const dialog = useMutationDialog({ invalidate: () => queryClient.invalidateQueries(trpc.scheduling.pathFilter()) });
  const mutation = useMutation(
    trpc.scheduling.setAvailabilityOpen.mutationOptions({
      onSuccess: (s) =>
        dialog.succeeded(
          s.availabilityClosedAt ? "Availability closed" : "Availability open again",
          s.availabilityClosedAt ? "Members can no longer change their times." : "Members can change their times again.",
        ),
      onError: (error) => dialog.failed(closed ? "Availability is still closed" : "Availability is still open", error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={{
        variant: "outline",
        size: "default",
        children: closed ? (
          <>
            <LockOpenIcon aria-hidden="true" /> Reopen availability
          </>
        ) : (
          <>
            <LockIcon aria-hidden="true" /> Close availability
          </>
        ),
      }}
      title={closed ? "Let members change their availability again?" : "Close availability?"}
      description={
        closed
          ? "Members can change their weekly times again. Run scheduling once more after they have, so the groups use the new times."
          : "Members can no longer change their weekly times, so the groups you schedule and publish match what they gave. You can reopen it later."
      }
      confirmLabel={closed ? "Reopen availability" : "Close availability"}
      pendingLabel={closed ? "Reopening…" : "Closing…"}
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ cohortId: settings.cohortId, open: closed })}
    />
  );
}

function SettingsForm({ settings }: { settings: SchedulingSettingsDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const errors = useFormErrors();
  const update = useMutation(
    trpc.scheduling.updateSettings.mutationOptions({
      onSuccess: async (saved) => {
        errors.reset();
        setValues(valuesOf(saved));
        toastSuccess("Scheduling settings saved", "Run scheduling again so the groups use them.");
        await queryClient.invalidateQueries(trpc.scheduling.pathFilter());
      },
      onError: (error) => {
        errors.show(error, fieldNames);
        toastError("The settings were not saved", error);
      },
    }),
  );
  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const input = inputOf(settings.cohortId, values);
    if (errors.check(updateSchedulingSettingsSchema, input, "Check the highlighted fields.")) update.mutate(input);
  }
  const unchanged = JSON.stringify(values) === JSON.stringify(valuesOf(settings));
  return (
    <form onSubmit={submit} noValidate aria-label="Scheduling settings" className="grid gap-4">
      <FormErrorAlert message={errors.formError} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <FormField
          label="Meeting length"
          name="meetingMinutes"
          type="number"
          inputMode="numeric"
          min={meetingMinutesRange.min}
          max={meetingMinutesRange.max}
          step={15}
          value={values.meetingMinutes}
          onChange={set("meetingMinutes")}
          description="Minutes"
          error={errors.fieldErrors.meetingMinutes}
        />
        <FormField
          label="Smallest group"
          name="groupMinSize"
          type="number"
          inputMode="numeric"
          min={groupSizeRange.min}
          max={groupSizeRange.max}
          value={values.groupMinSize}
          onChange={set("groupMinSize")}
          description="People, facilitator included"
          error={errors.fieldErrors.groupMinSize}
        />
        <FormField
          label="Largest group"
          name="groupMaxSize"
          type="number"
          inputMode="numeric"
          min={groupSizeRange.min}
          max={groupSizeRange.max}
          value={values.groupMaxSize}
          onChange={set("groupMaxSize")}
          description="People, facilitator included"
          error={errors.fieldErrors.groupMaxSize}
        />
        <FormField
          label="Weekly meetings"
          name="meetingWeeks"
          type="number"
          inputMode="numeric"
          min={meetingWeeksRange.min}
          max={meetingWeeksRange.max}
          value={values.meetingWeeks}
          onChange={set("meetingWeeks")}
          description="How many weeks"
          error={errors.fieldErrors.meetingWeeks}
        />
        <FormField
          label="First meeting day"
          name="meetingsStartDate"
          type="date"
          value={values.meetingsStartDate}
          onChange={set("meetingsStartDate")}
          description={`Empty: cohort start (${formatCalendarDay(settings.startDate)})`}
          error={errors.fieldErrors.meetingsStartDate}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={update.isPending || unchanged}>
          {update.isPending ? "Saving…" : "Save settings"}
        </Button>
        {unchanged ? null : (
          <Button type="button" variant="ghost" onClick={() => setValues(valuesOf(settings))}>
            Discard changes
          </Button>
        )}
      </div>
    </form>
  );
}

function ReadOnlySettings({ settings }: { settings: SchedulingSettingsDTO }) {
  const rows: [string, string][] = [
    ["Meetings", `${settings.meetingMinutes} minutes, ${plural(settings.meetingWeeks, "week", "weeks")} from ${formatCalendarDay(settings.firstMeetingDate)}`],
    ["Group size", `${settings.groupMinSize} to ${settings.groupMaxSize} people, facilitator included`],
  ];
  return (
    <dl className="grid gap-3 sm:grid-cols-[max-content_1fr] sm:gap-x-6">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-sm font-medium">{label}</dt>
          <dd className="text-sm text-muted-foreground">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Meeting length, group sizes and dates; whether members may still change their times. */
export function ScheduleSettingsCard({ settings }: { settings: SchedulingSettingsDTO }) {
  const closed = settings.availabilityClosedAt !== null;
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2 className="text-lg">Settings</h2>
        </CardTitle>
        <CardDescription>
          Meetings keep the cohort&apos;s wall-clock time ({zoneLabel(settings.timeZone)}) every week, across daylight-saving changes.
          {settings.canManage
            ? " Changes apply to the next run; times people already gave are converted to new meeting dates then."
            : " Only the course's teachers and admins change these."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {settings.canManage ? <SettingsForm key={JSON.stringify(valuesOf(settings))} settings={settings} /> : <ReadOnlySettings settings={settings} />}
        <div className="flex flex-col gap-2 border-t pt-4 sm:flex-row sm:items-center sm:justify-between">
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <Badge variant={closed ? "secondary" : "success"}>{closed ? "Availability closed" : "Availability open"}</Badge>
            {closed ? "Members cannot change their times." : "Members can still give or change their times."}
          </p>
          {settings.canManage ? <AvailabilityToggle settings={settings} /> : null}
        </div>
      </CardContent>
    </Card>
  );
}
