"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, HelpCircleIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { toastError } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { rsvpLabels, rsvpResponses, type RsvpResponse } from "@/lib/schemas/meetings";
import { cn } from "@/lib/utils";

const icons: Record<RsvpResponse, typeof CheckIcon> = { yes: CheckIcon, maybe: HelpCircleIcon, no: XIcon };

/**
 * Going / Maybe / Not going for one meeting: toggle buttons with the current
 * answer pressed (aria-pressed). The pressed state follows the click at once
 * and rolls back if the server refuses.
 */
export function RsvpButtons({
  meetingId,
  current,
  disabled = false,
  label,
  size = "sm",
}: {
  meetingId: string;
  current: RsvpResponse | null;
  disabled?: boolean;
  /** Names the group of buttons for screen readers, e.g. "Your answer for meeting 3". */
  label: string;
  size?: "sm" | "default";
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [optimistic, setOptimistic] = useState<RsvpResponse | null>(null);
  const answer = useMutation(
    trpc.meetings.rsvp.mutationOptions({
      onMutate: ({ response }) => setOptimistic(response),
      onError: (error) => {
        setOptimistic(null);
        toastError("Your answer was not saved", error);
      },
      onSettled: async () => {
        await queryClient.invalidateQueries(trpc.meetings.pathFilter());
        setOptimistic(null);
      },
    }),
  );
  const shown = optimistic ?? current;

  return (
    <div role="group" aria-label={label} className="flex flex-wrap gap-1.5">
      {rsvpResponses.map((response) => {
        const Icon = icons[response];
        const pressed = shown === response;
        return (
          <Button
            key={response}
            type="button"
            size={size}
            variant={pressed ? "default" : "outline"}
            aria-pressed={pressed}
            disabled={disabled || answer.isPending}
            onClick={() => {
              if (!pressed) answer.mutate({ meetingId, response });
            }}
            className={cn(pressed && response === "no" && "bg-muted-foreground hover:bg-muted-foreground/90")}
          >
            <Icon aria-hidden="true" />
            {rsvpLabels[response]}
          </Button>
        );
      })}
    </div>
  );
}
