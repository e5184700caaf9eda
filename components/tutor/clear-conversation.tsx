"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MessageSquarePlusIcon } from "lucide-react";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** "New conversation": deletes the learner's conversation about this lesson, after asking. */
export function ClearConversationButton({
  cohortId,
  itemId,
  disabled,
  onCleared,
}: {
  cohortId: string;
  itemId: string;
  disabled: boolean;
  onCleared: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useMutationDialog({ invalidate: () => queryClient.invalidateQueries(trpc.tutor.history.queryFilter({ cohortId, itemId })) });
  const mutation = useMutation(
    trpc.tutor.clear.mutationOptions({
      onSuccess: async () => {
        onCleared();
        await dialog.succeeded("New conversation started", "The tutor no longer sees your earlier messages about this lesson.");
      },
      onError: (error) => dialog.failed("The conversation was not cleared", error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={{
        size: "sm",
        variant: "ghost",
        disabled,
        "aria-label": "New conversation",
        children: (
          <>
            <MessageSquarePlusIcon aria-hidden />
            <span className="hidden sm:inline">New conversation</span>
          </>
        ),
      }}
      title="Start a new conversation?"
      description="Your messages with the tutor about this lesson are deleted, and the tutor starts again without them. This cannot be undone."
      confirmLabel="Start over"
      pendingLabel="Clearing…"
      destructive
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ cohortId, itemId })}
    />
  );
}
