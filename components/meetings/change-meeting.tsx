"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CalendarClockIcon, CalendarOffIcon, RotateCcwIcon } from "lucide-react";
import { useState } from "react";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import type { MeetingDetailDTO } from "@/server/services/meetings/mine";
import { formatMeetingStart, wallClockOf, zoneName } from "./format";

/**
 * Moving, cancelling and restoring ONE meeting, for its facilitator and the
 * cohort's staff. The new time is picked on the viewer's own clock (their
 * zone is named); the server turns it into an instant. Every dialog says
 * plainly that the rest of the series stays where it is.
 */
export function ChangeMeeting({ meeting }: { meeting: MeetingDetailDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries(trpc.meetings.pathFilter());
  const timeZone = meeting.viewerTimeZone;
  const initial = wallClockOf(meeting.startsAt, timeZone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [reason, setReason] = useState("");

  const moveDialog = useMutationDialog({
    invalidate,
    onOpen: () => {
      setDate(initial.date);
      setTime(initial.time);
    },
  });
  const move = useMutation(
    trpc.meetings.move.mutationOptions({
      onSuccess: async (moved) =>
        moveDialog.succeeded("Meeting moved", `Now ${formatMeetingStart(moved.startsAt, timeZone)} (${zoneName(timeZone)}). The group's members were told.`),
      onError: (error) => moveDialog.failed("The meeting was not moved", error, ["date", "time"]),
    }),
  );
  const cancelDialog = useMutationDialog({ invalidate, onOpen: () => setReason("") });
  const cancel = useMutation(
    trpc.meetings.cancel.mutationOptions({
      onSuccess: async () => cancelDialog.succeeded("Meeting cancelled", "The group's members were told."),
      onError: (error) => cancelDialog.failed("The meeting was not cancelled", error, ["reason"]),
    }),
  );
  const restoreDialog = useMutationDialog({ invalidate });
  const restore = useMutation(
    trpc.meetings.restore.mutationOptions({
      onSuccess: async () => restoreDialog.succeeded("Meeting back on", "The group's members were told."),
      onError: (error) => restoreDialog.failed("The meeting was not restored", error),
    }),
  );

  const seriesNote = "Only this meeting moves. The group's other meetings keep their usual day and time.";
  return (
    <div className="flex flex-wrap gap-2">
      {meeting.canChange ? (
        <>
          <ConfirmDialog
            {...moveDialog.dialogProps}
            trigger={{ variant: "outline", size: "default", children: <><CalendarClockIcon aria-hidden="true" /> Move this meeting</> }}
            title={`Move meeting ${meeting.seq} of ${meeting.group.name}`}
            description={seriesNote}
            confirmLabel="Move meeting"
            pendingLabel="Moving…"
            pending={move.isPending}
            onConfirm={() => move.mutate({ meetingId: meeting.id, date, time, timeZone })}
          >
            <p className="text-sm">
              Now: <span className="font-medium">{formatMeetingStart(meeting.startsAt, timeZone)}</span>
              {meeting.originalStartsAt ? <span className="text-muted-foreground"> (usually {formatMeetingStart(meeting.originalStartsAt, timeZone)})</span> : null}
            </p>
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField label="New day" name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required error={moveDialog.fieldErrors.date} />
              <FormField
                label="New start time"
                name="time"
                type="time"
                step={300}
                value={time}
                onChange={(e) => setTime(e.target.value)}
                required
                error={moveDialog.fieldErrors.time}
                description={`Your time zone: ${zoneName(timeZone)}`}
              />
            </div>
            <p className="text-sm text-muted-foreground">The meeting keeps its length. Everyone in the group is told the new time, in their own time zone.</p>
          </ConfirmDialog>
          <ConfirmDialog
            {...cancelDialog.dialogProps}
            trigger={{ variant: "outline", size: "default", className: "text-destructive hover:text-destructive", children: <><CalendarOffIcon aria-hidden="true" /> Cancel this meeting</> }}
            title={`Cancel meeting ${meeting.seq}?`}
            description="Only this meeting is cancelled; the rest of the series goes ahead. You can restore it until it was due to start."
            confirmLabel="Cancel meeting"
            pendingLabel="Cancelling…"
            destructive
            pending={cancel.isPending}
            onConfirm={() => cancel.mutate({ meetingId: meeting.id, reason: reason.trim() || null })}
          >
            <FormField label="Reason (optional, told to the members)" name="reason" error={cancelDialog.fieldErrors.reason}>
              <Textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} rows={3} />
            </FormField>
          </ConfirmDialog>
        </>
      ) : null}
      {meeting.canRestore ? (
        <ConfirmDialog
          {...restoreDialog.dialogProps}
          trigger={{ variant: "outline", size: "default", children: <><RotateCcwIcon aria-hidden="true" /> Restore this meeting</> }}
          title={`Restore meeting ${meeting.seq}?`}
          description={`It takes place after all, at ${formatMeetingStart(meeting.startsAt, timeZone)} (${zoneName(timeZone)}). The members are told.`}
          confirmLabel="Restore meeting"
          pendingLabel="Restoring…"
          pending={restore.isPending}
          onConfirm={() => restore.mutate({ meetingId: meeting.id })}
        />
      ) : null}
    </div>
  );
}
