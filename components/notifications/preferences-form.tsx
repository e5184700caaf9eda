"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { describeError, toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { LoadErrorAlert } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { channelLabels, notificationChannels, type NotificationChannel } from "@/lib/notifications/catalog";
import { cn } from "@/lib/utils";

function channelList(channels: NotificationChannel[]): string {
  const names = channels.map((c) => ({ in_app: "the inbox", email: "your email", discord: "Discord" })[c]);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Types x channels, each saved as soon as it changes; and a test to check the channels. */
export function PreferencesForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.notifications.preferences.queryOptions());
  const [status, setStatus] = useState("");
  const key = trpc.notifications.preferences.queryKey();

  const save = useMutation(
    trpc.notifications.setPreference.mutationOptions({
      // Shown at once; the server's answer (or a failure's refetch) settles it.
      onMutate: async (input) => {
        setStatus("Saving…");
        await queryClient.cancelQueries({ queryKey: key });
        queryClient.setQueryData(key, (old) =>
          old
            ? {
                ...old,
                rows: old.rows.map((r) =>
                  r.type === input.type
                    ? { ...r, cells: r.cells.map((c) => (c.channel === input.channel ? { ...c, enabled: input.enabled, isDefault: false } : c)) }
                    : r,
                ),
              }
            : old,
        );
      },
      onSuccess: (next, input) => {
        queryClient.setQueryData(key, next);
        const row = next.rows.find((r) => r.type === input.type);
        setStatus(`Saved: ${row?.label ?? "notifications"} by ${channelLabels[input.channel].toLowerCase()} ${input.enabled ? "on" : "off"}.`);
      },
      onError: (error) => {
        setStatus("");
        toastError("Could not save your choice", error);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
    }),
  );
  const sendTest = useMutation(
    trpc.notifications.sendTest.mutationOptions({
      onSuccess: (result) => {
        const skipped = result.skipped.map((s) => ` ${channelLabels[s.channel]}: ${s.reason}`).join("");
        toastSuccess("Test notification sent", `Look for it in ${channelList(result.channels)}.${skipped}`);
        void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
      },
      onError: (error) => toastError("Could not send the test", error),
    }),
  );

  if (prefs.isError && !prefs.data) return <LoadErrorAlert error={prefs.error} onRetry={() => void prefs.refetch()} />;
  if (!prefs.data) return <p className="text-sm text-muted-foreground">Loading your preferences…</p>;
  const { rows, discordLinked, discordReason, email } = prefs.data;

  return (
    <div className="space-y-6">
      <section aria-labelledby="prefs-heading" className="space-y-3">
        <div className="space-y-1">
          <h2 id="prefs-heading" className="text-lg font-semibold">
            What reaches you, and where
          </h2>
          <p className="text-sm text-muted-foreground">
            Each change is saved at once. Email goes to <span className="font-medium text-foreground break-all">{email}</span>. A reminder
            can also pick its own channels when you set it.
          </p>
        </div>
        {discordLinked ? null : (
          <Alert>
            <AlertDescription>
              <p id="discord-reason">{discordReason}</p>
            </AlertDescription>
          </Alert>
        )}
        <Table containerClassName="rounded-lg border">
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Notification</TableHead>
              {notificationChannels.map((channel) => (
                <TableHead key={channel} scope="col" className="w-16 text-center sm:w-24">
                  {channelLabels[channel]}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.type} data-testid={`pref-row-${row.type}`}>
                <TableHead scope="row" className="py-3 align-top font-normal whitespace-normal">
                  <span className="block font-medium text-foreground">{row.label}</span>
                  <span className="block text-xs text-muted-foreground">{row.description}</span>
                  {row.audience === "org_admins" ? (
                    <span className="mt-1 block text-xs text-muted-foreground">Only organisation admins get this.</span>
                  ) : null}
                </TableHead>
                {row.cells.map((cell) => {
                  const discordOff = cell.channel === "discord" && !discordLinked;
                  const disabled = !cell.available || discordOff;
                  const label = `${row.label} by ${channelLabels[cell.channel].toLowerCase()}`;
                  return (
                    <TableCell key={cell.channel} className="text-center align-middle">
                      <input
                        type="checkbox"
                        aria-label={label}
                        aria-describedby={discordOff ? "discord-reason" : undefined}
                        checked={cell.enabled && !discordOff}
                        disabled={disabled}
                        title={discordOff ? (discordReason ?? undefined) : !cell.available ? "Not sent this way" : undefined}
                        onChange={(e) => save.mutate({ type: row.type, channel: cell.channel, enabled: e.target.checked })}
                        className={cn(
                          "size-5 cursor-pointer accent-primary align-middle",
                          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                          "disabled:cursor-not-allowed disabled:opacity-50",
                        )}
                      />
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <p className="min-h-5 text-sm text-muted-foreground" role="status" aria-live="polite" data-testid="prefs-status">
          {status}
        </p>
        {save.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{describeError(save.error)}</AlertDescription>
          </Alert>
        ) : null}
      </section>

      <section aria-labelledby="test-heading" className="space-y-3 rounded-lg border p-4">
        <div className="space-y-1">
          <h2 id="test-heading" className="text-lg font-semibold">
            Check your channels
          </h2>
          <p className="text-sm text-muted-foreground">
            Sends you a test notification on the channels ticked in the Test notifications row. It shows up on the bell and in your{" "}
            <Link href="/notifications" className="font-medium text-primary underline-offset-4 hover:underline">
              notifications
            </Link>
            .
          </p>
        </div>
        <Button onClick={() => sendTest.mutate()} disabled={sendTest.isPending}>
          <Send aria-hidden /> {sendTest.isPending ? "Sending…" : "Send me a test notification"}
        </Button>
        {sendTest.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{describeError(sendTest.error)}</AlertDescription>
          </Alert>
        ) : null}
      </section>
    </div>
  );
}
