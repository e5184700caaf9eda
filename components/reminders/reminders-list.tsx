"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { BellRingIcon, CalendarClockIcon, PencilIcon, PlusIcon, RepeatIcon, Trash2Icon } from "lucide-react";
import { actionTrigger } from "@/components/admin/action-trigger";
import { LoadErrorAlert, pagedListOptions } from "@/components/admin/paged-list";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { describeNextSend, describeSchedule, offsetLabel, timeZoneLabel, type ReminderSchedule } from "@/lib/reminders";
import { reminderChannelLabels } from "@/lib/schemas/reminders";
import type { ReminderDTO } from "@/server/services/reminders";
import { remindersListInput } from "./list-input";
import { ReminderDialog } from "./reminder-dialog";

function scheduleOf(r: ReminderDTO): ReminderSchedule {
  return r.kind === "once"
    ? { kind: "once", date: r.date ?? "", time: r.time, timeZone: r.timeZone }
    : { kind: "recurring", weekdays: r.weekdays, time: r.time, timeZone: r.timeZone };
}

function whenText(offsets: number[]): string {
  const labels = [...offsets].sort((a, b) => b - a).map(offsetLabel);
  return `Reminds you ${labels.length > 1 ? `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}` : labels[0]}`;
}

function DeleteReminder({ reminder, onDeleted }: { reminder: ReminderDTO; onDeleted: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const dialog = useMutationDialog({ invalidate: onDeleted });
  const mutation = useMutation(
    trpc.reminders.delete.mutationOptions({
      onSuccess: () => dialog.succeeded("Reminder deleted", `“${reminder.title}” will not be sent.`),
      onError: (error) => dialog.failed("The reminder was not deleted", error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={actionTrigger({ label: `Delete ${reminder.title}`, icon: Trash2Icon, text: "Delete", destructive: true })}
      title="Delete this reminder?"
      description={`“${reminder.title}” and everything still to be sent for it are removed. Reminders already sent stay in your inbox.`}
      confirmLabel="Delete reminder"
      pendingLabel="Deleting…"
      destructive
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ reminderId: reminder.id })}
    />
  );
}

function ReminderItem({
  reminder,
  profileTimeZone,
  timeZones,
  refresh,
}: {
  reminder: ReminderDTO;
  profileTimeZone: string;
  timeZones: string[];
  refresh: () => Promise<unknown>;
}) {
  const now = new Date();
  const next = reminder.nextSendAt && reminder.nextOffset !== null ? { sendAt: reminder.nextSendAt, offsetMinutes: reminder.nextOffset } : null;
  const otherZone = reminder.timeZone !== profileTimeZone;
  const Icon = reminder.kind === "once" ? CalendarClockIcon : RepeatIcon;
  return (
    <li
      aria-label={reminder.title}
      data-testid="reminder-row"
      className="flex flex-col gap-3 rounded-lg border bg-card p-4 sm:flex-row sm:items-start sm:justify-between"
    >
      <div className="min-w-0 space-y-1.5">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <Icon aria-hidden className="size-4 shrink-0 text-muted-foreground" />
          <span className="break-words">{reminder.title}</span>
          {next ? null : <Badge variant="secondary">Done</Badge>}
        </p>
        <p className="text-sm">
          {describeSchedule(scheduleOf(reminder))}
          {otherZone ? <span className="text-muted-foreground"> ({timeZoneLabel(reminder.timeZone)} time)</span> : null}
        </p>
        <p className={next ? "text-sm font-medium text-primary" : "text-sm text-muted-foreground"} data-testid="reminder-next">
          {/* Formatted with an explicit zone, so server and browser agree; only "this year" may differ at New Year. */}
          <span suppressHydrationWarning>{next ? describeNextSend(next, profileTimeZone, now) : "All sent: nothing more is due."}</span>
        </p>
        <p className="text-sm text-muted-foreground">{whenText(reminder.offsets)}</p>
        {reminder.note ? <p className="text-sm break-words whitespace-pre-line">{reminder.note}</p> : null}
        <ul className="flex flex-wrap gap-1.5 pt-1" aria-label="Channels">
          {reminder.channels.map((c) => (
            <li key={c}>
              <Badge variant="outline">{reminderChannelLabels[c]}</Badge>
            </li>
          ))}
        </ul>
      </div>
      <div className="flex shrink-0 gap-1 self-start">
        <ReminderDialog
          reminder={reminder}
          profileTimeZone={profileTimeZone}
          timeZones={timeZones}
          onSaved={refresh}
          trigger={actionTrigger({ label: `Edit ${reminder.title}`, icon: PencilIcon, text: "Edit" })}
        />
        <DeleteReminder reminder={reminder} onDeleted={refresh} />
      </div>
    </li>
  );
}

/** My reminders: what each one is, when it sends next (in my time zone), and create / edit / delete. */
export function RemindersList({ profileTimeZone, timeZones }: { profileTimeZone: string; timeZones: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(trpc.reminders.list.infiniteQueryOptions(remindersListInput, pagedListOptions));
  const reminders = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => queryClient.invalidateQueries(trpc.reminders.pathFilter());

  const createButton = (variant: "default" | "outline") => (
    <ReminderDialog
      profileTimeZone={profileTimeZone}
      timeZones={timeZones}
      onSaved={refresh}
      trigger={{
        variant,
        size: "default",
        children: (
          <>
            <PlusIcon aria-hidden="true" />
            New reminder
          </>
        ),
      }}
    />
  );

  return (
    <section aria-labelledby="reminders-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="reminders-heading" className="text-lg font-semibold">
          {list.isPending || reminders.length === 0
            ? "Your reminders"
            : reminders.length === 1
              ? "1 reminder"
              : `${reminders.length}${list.hasNextPage ? "+" : ""} reminders`}
        </h2>
        {reminders.length > 0 ? createButton("default") : null}
      </div>

      {list.isError && reminders.length === 0 ? (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div aria-busy="true" className="space-y-3">
          <span className="sr-only">Loading reminders…</span>
          <Skeleton className="h-28 w-full" />
          <Skeleton className="h-28 w-full" />
        </div>
      ) : reminders.length === 0 ? (
        <EmptyState
          titleAs="h3"
          icon={<BellRingIcon />}
          title="No reminders yet"
          description="A reminder tells you about something at the time you choose: once, or every week on the days you pick, at the time or ahead of it (say, an hour before). It reaches you here in Lyceum, by email or on Discord."
          action={createButton("default")}
          data-testid="reminders-empty"
        />
      ) : (
        <ul className="space-y-3" aria-label="Your reminders">
          {reminders.map((r) => (
            <ReminderItem key={r.id} reminder={r} profileTimeZone={profileTimeZone} timeZones={timeZones} refresh={refresh} />
          ))}
        </ul>
      )}

      {list.isError && reminders.length > 0 ? <LoadErrorAlert error={list.error} onRetry={() => void list.fetchNextPage()} /> : null}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="outline" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
