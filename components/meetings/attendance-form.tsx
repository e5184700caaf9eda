"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ClipboardCheckIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { describeError, toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { attendanceLabels, attendanceStatuses, type AttendanceStatus } from "@/lib/schemas/meetings";
import type { MeetingMemberDTO } from "@/server/services/meetings/mine";
import { cn } from "@/lib/utils";

/**
 * Attendance of one meeting: a row of four choices per member (a radio group
 * each, so arrows move between them), saved together. Members not yet marked
 * start on nothing chosen, and "Mark everyone present" fills the blanks.
 */
export function AttendanceForm({ meetingId, members }: { meetingId: string; members: MeetingMemberDTO[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const people = members.filter((m) => !m.isFacilitator);
  const [marks, setMarks] = useState<Record<string, AttendanceStatus | null>>(() => Object.fromEntries(people.map((m) => [m.userId, m.attendance])));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.meetings.recordAttendance.mutationOptions({
      onSuccess: async (result) => {
        setError(null);
        toastSuccess("Attendance saved", `${result.saved} ${result.saved === 1 ? "member" : "members"} marked.`);
        await queryClient.invalidateQueries(trpc.meetings.pathFilter());
      },
      onError: (e) => {
        setError(describeError(e));
        toastError("Attendance was not saved", e);
      },
    }),
  );

  const entries = people.flatMap((m) => {
    const status = marks[m.userId];
    return status ? [{ userId: m.userId, status }] : [];
  });
  const unmarked = people.length - entries.length;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (entries.length === 0) {
      setError("Mark at least one member before saving.");
      return;
    }
    save.mutate({ meetingId, entries });
  }

  if (people.length === 0) return <p className="text-sm text-muted-foreground">This group has no members besides its facilitator.</p>;
  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Attendance" noValidate>
      <FormErrorAlert message={error} />
      <ul className="divide-y rounded-md border">
        {people.map((m) => (
          <li key={m.userId} className="p-3">
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
              <span id={`attendance-name-${m.userId}`} className="text-sm font-medium break-words">
                {m.name}
              </span>
              <div role="radiogroup" aria-labelledby={`attendance-name-${m.userId}`} className="flex flex-wrap gap-1.5">
                {attendanceStatuses.map((status) => {
                  const checked = marks[m.userId] === status;
                  return (
                    <label
                      key={status}
                      className={cn(
                        "inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md border px-2.5 text-sm select-none has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                        checked ? "border-primary bg-primary text-primary-foreground" : "bg-background hover:bg-accent",
                      )}
                    >
                      <input
                        type="radio"
                        className="sr-only"
                        name={`attendance-${m.userId}`}
                        value={status}
                        checked={checked}
                        onChange={() => setMarks((prev) => ({ ...prev, [m.userId]: status }))}
                      />
                      {attendanceLabels[status]}
                    </label>
                  );
                })}
              </div>
            </div>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={save.isPending}>
          <ClipboardCheckIcon aria-hidden="true" /> {save.isPending ? "Saving…" : "Save attendance"}
        </Button>
        {unmarked > 0 ? (
          <Button
            type="button"
            variant="outline"
            onClick={() => setMarks((prev) => Object.fromEntries(people.map((m) => [m.userId, prev[m.userId] ?? "present"])))}
          >
            Mark the rest present
          </Button>
        ) : null}
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {unmarked > 0 ? `${unmarked} not marked yet.` : "Everyone is marked."}
        </p>
      </div>
    </form>
  );
}
