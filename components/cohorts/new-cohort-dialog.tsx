"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import type { ButtonProps } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { createCohortSchema } from "@/lib/schemas/cohorts";
import { localDateAt } from "@/lib/time-zone";
import { CohortFields, cohortFieldNames } from "./cohort-fields";
import { cohortInputOf, newCohortValues, type CohortFormValues } from "./form-values";

/**
 * "New cohort": name, start, zone, drip and at-risk threshold, checked with
 * the server's schema before sending. On success it opens the new cohort's
 * settings, where the join link is made.
 */
export function NewCohortDialog({
  orgId,
  courseId,
  profileTimeZone,
  timeZones,
  trigger,
}: {
  orgId: string;
  courseId: string;
  profileTimeZone: string;
  timeZones: readonly string[];
  trigger: ButtonProps;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<CohortFormValues>(() => newCohortValues(profileTimeZone, ""));
  const [createdId, setCreatedId] = useState<string | null>(null);
  const dialog = useMutationDialog({
    invalidate: () => queryClient.invalidateQueries(trpc.cohorts.pathFilter()),
    // Today is read when the dialog opens, in the browser, so the server render needs no clock.
    onOpen: () => setValues(newCohortValues(profileTimeZone, localDateAt(new Date(), profileTimeZone))),
  });

  const create = useMutation(
    trpc.cohorts.create.mutationOptions({
      onSuccess: async (cohort) => {
        setCreatedId(cohort.id);
        await dialog.succeeded("Cohort created", `“${cohort.name}” is ready. Create its join link to bring learners in.`);
      },
      onError: (error) => dialog.failed("The cohort was not created", error, cohortFieldNames),
    }),
  );

  function submit() {
    const input = { courseId, ...cohortInputOf(values) };
    const checked = dialog.check(createCohortSchema, input, "Check the highlighted fields.");
    if (checked) create.mutate(input);
  }

  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={trigger}
      title="New cohort"
      description="A cohort is one run of this course: its learners start together and follow one schedule."
      confirmLabel="Create cohort"
      pendingLabel="Creating…"
      pending={create.isPending}
      onConfirm={submit}
      onCloseAutoFocus={(event) => {
        if (!createdId) return;
        // Going to the new cohort: keep focus from jumping back to the trigger first.
        event.preventDefault();
        router.push(`/orgs/${orgId}/cohorts/${createdId}/settings`);
      }}
    >
      <CohortFields values={values} onChange={setValues} errors={dialog.fieldErrors} timeZones={timeZones} />
    </ConfirmDialog>
  );
}
