"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { describeError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Joins the cohort a link is for, then opens its course page; joining twice just opens it. */
export function JoinCohortButton({ token, cohortName }: { token: string; cohortName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const errorRef = useRef<HTMLDivElement>(null);
  const join = useMutation(
    trpc.cohorts.join.mutationOptions({
      onSuccess: (result) => {
        toastSuccess(
          result.alreadyMember ? "You are already in this cohort" : `Welcome to ${result.cohortName}`,
          result.alreadyMember ? "Nothing changed: opening the course." : `You joined as a learner of ${result.courseTitle}.`,
        );
        // A refresh as well, so the header and navigation pick up a new organisation role.
        router.push(`/orgs/${result.orgId}/cohorts/${result.cohortId}/learn`);
        router.refresh();
      },
    }),
  );
  useEffect(() => {
    if (join.isError) errorRef.current?.focus();
  }, [join.isError]);

  return (
    <div className="space-y-4">
      {join.isError ? (
        <Alert variant="destructive" ref={errorRef} tabIndex={-1}>
          <AlertDescription>{describeError(join.error)}</AlertDescription>
        </Alert>
      ) : null}
      <Button type="button" className="w-full" disabled={join.isPending || join.isSuccess} onClick={() => join.mutate({ token })}>
        {join.isPending || join.isSuccess ? "Joining…" : `Join ${cohortName}`}
      </Button>
    </div>
  );
}
