"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArchiveIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useFormErrors, useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { updateCohortSchema } from "@/lib/schemas/cohorts";
import type { CohortSettingsDTO } from "@/server/services/courses/cohorts";
import { CohortFields, cohortFieldNames } from "./cohort-fields";
import { describeDrip, dripExample, formatCalendarDate } from "./drip-text";
import { cohortInputOf, cohortValues, type CohortFormValues } from "./form-values";

function ReadOnlyDetails({ cohort }: { cohort: CohortSettingsDTO }) {
  const rows: [string, string][] = [
    ["Start date", `${formatCalendarDate(cohort.startDate)} (${cohort.timeZone.replaceAll("_", " ")})`],
    ["How items open", describeDrip(cohort.drip)],
    ["At risk after", `${cohort.atRiskAfterDays} ${cohort.atRiskAfterDays === 1 ? "day" : "days"} without activity`],
  ];
  const example = dripExample(cohort.drip, cohort.startDate, cohort.timeZone);
  return (
    <div className="space-y-3">
      <dl className="grid gap-3 sm:grid-cols-[max-content_1fr] sm:gap-x-6">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm font-medium">{label}</dt>
            <dd className="text-sm text-muted-foreground">{value}</dd>
          </div>
        ))}
      </dl>
      {example ? <p className="text-sm text-muted-foreground">{example}</p> : null}
    </div>
  );
}

function ArchiveCohort({ cohort }: { cohort: CohortSettingsDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useMutationDialog({ invalidate: () => queryClient.invalidateQueries(trpc.cohorts.pathFilter()) });
  const mutation = useMutation(
    trpc.cohorts.archive.mutationOptions({
      onSuccess: () => dialog.succeeded("Cohort archived", `“${cohort.name}” is now read-only and its join link no longer works.`),
      onError: (error) => dialog.failed("The cohort was not archived", error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={{ variant: "outline", size: "default", className: "text-destructive hover:text-destructive", children: <><ArchiveIcon aria-hidden="true" /> Archive cohort</> }}
      title={`Archive “${cohort.name}”?`}
      description="The cohort becomes read-only: learners keep their progress and can look back at their work, but nobody can join, answer or submit any more, and the join link stops working. This cannot be undone here."
      confirmLabel="Archive cohort"
      pendingLabel="Archiving…"
      destructive
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ cohortId: cohort.id })}
    />
  );
}

function EditDetails({ cohort, timeZones }: { cohort: CohortSettingsDTO; timeZones: readonly string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<CohortFormValues>(() => cohortValues(cohort));
  const errors = useFormErrors();
  const update = useMutation(
    trpc.cohorts.update.mutationOptions({
      onSuccess: async (saved) => {
        errors.reset();
        setValues(cohortValues(saved));
        toastSuccess("Cohort saved", `“${saved.name}” is updated.`);
        await queryClient.invalidateQueries(trpc.cohorts.pathFilter());
      },
      onError: (error) => {
        errors.show(error, cohortFieldNames);
        toastError("The cohort was not saved", error);
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const input = { cohortId: cohort.id, ...cohortInputOf(values) };
    if (errors.check(updateCohortSchema, input, "Check the highlighted fields.")) update.mutate(input);
  }

  const unchanged = JSON.stringify(cohortInputOf(values)) === JSON.stringify(cohortInputOf(cohortValues(cohort)));
  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label="Cohort details">
      <FormErrorAlert message={errors.formError} />
      <CohortFields values={values} onChange={setValues} errors={errors.fieldErrors} timeZones={timeZones} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={update.isPending || unchanged}>
          {update.isPending ? "Saving…" : "Save changes"}
        </Button>
        {unchanged ? null : (
          <Button type="button" variant="ghost" onClick={() => setValues(cohortValues(cohort))}>
            Discard changes
          </Button>
        )}
      </div>
    </form>
  );
}

/** The cohort's name and schedule: a form for those who manage it, a summary for its teachers and facilitators. */
export function CohortDetails({ cohortId, timeZones }: { cohortId: string; timeZones: readonly string[] }) {
  const trpc = useTRPC();
  const { data: cohort } = useSuspenseQuery(trpc.cohorts.get.queryOptions({ cohortId }));
  const editable = cohort.canManage && cohort.status !== "archived";
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2 className="text-lg">Details and schedule</h2>
        </CardTitle>
        <CardDescription>
          {editable
            ? "Changing the start date or the release moves every learner's unlock dates; work already done stays."
            : cohort.status === "archived"
              ? "This cohort is archived and read-only."
              : "Only the course's teachers and admins change these."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {/* Keyed by the saved values, so the form starts again from them after someone else's change. */}
        {editable ? <EditDetails key={JSON.stringify(cohortValues(cohort))} cohort={cohort} timeZones={timeZones} /> : <ReadOnlyDetails cohort={cohort} />}
        {editable ? (
          <div className="flex flex-col gap-2 border-t pt-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-muted-foreground">Finished with this cohort? Archive it to make it read-only.</p>
            <ArchiveCohort cohort={cohort} />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
