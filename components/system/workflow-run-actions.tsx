"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { BanIcon, RotateCwIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { WorkflowRunDetailDTO } from "@/server/services/workflow-runs";

function useInvalidateWorkflows() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.workflows.pathFilter());
}

export function RetryRunAction({ run, functionName }: { run: WorkflowRunDetailDTO; functionName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useMutationDialog({ invalidate: useInvalidateWorkflows() });
  const now = run.retryStartsWaitingAttempt;
  const mutation = useMutation(
    trpc.workflows.retry.mutationOptions({
      onSuccess: async (result) => {
        if (result.kind === "retry_now") {
          await dialog.succeeded("Retrying now", `Attempt ${run.attempt + 1} of ${functionName} starts within a few seconds.`);
          return;
        }
        await dialog.succeeded("Started a new run", `${functionName} runs again with the same event. You are now looking at the new run.`);
        router.push(`/system/workflows/${result.runId}`);
      },
      onError: (error) => dialog.failed("The run was not retried", error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={{
        variant: "default",
        size: "default",
        children: (
          <>
            <RotateCwIcon aria-hidden /> {now ? "Retry now" : "Retry"}
          </>
        ),
      }}
      title={now ? "Retry this run now?" : "Run this workflow again?"}
      description={
        now
          ? `The run is waiting before attempt ${run.attempt + 1} of ${run.maxAttempts}. Retrying starts that attempt now instead of waiting; finished steps are not repeated.`
          : `A new run of ${functionName} starts with the same event, and every step runs again from the beginning. Steps with side effects (emails, messages) repeat. This run stays as it is, for the record.`
      }
      confirmLabel={now ? "Retry now" : "Start a new run"}
      pendingLabel="Starting…"
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ runId: run.id })}
    />
  );
}

export function CancelRunAction({ run, functionName }: { run: WorkflowRunDetailDTO; functionName: string }) {
  const trpc = useTRPC();
  const dialog = useMutationDialog({ invalidate: useInvalidateWorkflows() });
  const mutation = useMutation(
    trpc.workflows.cancel.mutationOptions({
      onSuccess: () => dialog.succeeded("Run cancelled", `This run of ${functionName} will not continue.`),
      onError: (error) => dialog.failed("The run was not cancelled", error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={{
        variant: "outline",
        size: "default",
        children: (
          <>
            <BanIcon aria-hidden /> Cancel run
          </>
        ),
      }}
      title="Cancel this run?"
      description={`The run of ${functionName} stops where it is: steps already done stay done, the rest never run, and a sleep or wait in progress is dropped. You can retry it later.`}
      confirmLabel="Yes, cancel the run"
      pendingLabel="Cancelling…"
      destructive
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ runId: run.id })}
    />
  );
}
