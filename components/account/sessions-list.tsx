"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MonitorSmartphone } from "lucide-react";
import { useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import { LocalTime } from "./local-time";

interface SessionRow {
  id: string;
  deviceLabel: string;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

type Confirm = { kind: "one"; session: SessionRow; name: string } | { kind: "others"; count: number };

/**
 * Accessible names per row: "Chrome on Linux", and "Chrome on Linux (2)" when
 * several other sessions share a label, so every button has a unique name.
 */
function rowNames(sessions: SessionRow[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const s of sessions) if (!s.current) counts.set(s.deviceLabel, (counts.get(s.deviceLabel) ?? 0) + 1);
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const s of sessions) {
    if (s.current) {
      names.set(s.id, s.deviceLabel);
      continue;
    }
    const n = (seen.get(s.deviceLabel) ?? 0) + 1;
    seen.set(s.deviceLabel, n);
    names.set(s.id, (counts.get(s.deviceLabel) ?? 0) > 1 ? `${s.deviceLabel} (${n})` : s.deviceLabel);
  }
  return names;
}

/** "direct" means no trusted proxy told us the address. */
function ipText(ip: string | null): string {
  return ip && ip !== "direct" ? ip : "Unknown";
}

export function SessionsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  // Kept after closing, so the dialog's text does not change during its exit animation.
  const [confirm, setConfirm] = useState<Confirm>({ kind: "others", count: 0 });
  const [open, setOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a row disappears its button is gone; focus moves to the heading instead of the page top.
  const focusHeading = useRef(false);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });

  const revokeOne = useMutation(
    trpc.account.revokeSession.mutationOptions({
      onError: (error) => toast({ title: "Could not sign out that device", description: error.message, variant: "destructive" }),
      onSettled: refresh,
    }),
  );
  const revokeOthers = useMutation(
    trpc.account.revokeOtherSessions.mutationOptions({
      onError: (error) => toast({ title: "Could not sign out other devices", description: error.message, variant: "destructive" }),
      onSettled: refresh,
    }),
  );
  const pending = revokeOne.isPending || revokeOthers.isPending;

  function ask(next: Confirm) {
    setConfirm(next);
    setOpen(true);
  }

  async function confirmed() {
    try {
      if (confirm.kind === "one") {
        await revokeOne.mutateAsync({ sessionId: confirm.session.id });
        toast({ title: `Signed out ${confirm.name}`, description: "That device must sign in again to use your account." });
      } else {
        const { revoked } = await revokeOthers.mutateAsync();
        toast({
          title: revoked === 1 ? "Signed out 1 other device" : `Signed out ${revoked} other devices`,
          description: "Only this device is signed in now.",
        });
      }
      focusHeading.current = true;
      setOpen(false);
    } catch {
      // onError showed a toast; the dialog stays open to retry or cancel.
    }
  }

  if (sessions.isPending) {
    return (
      <div aria-busy="true" className="space-y-3">
        <span className="sr-only">Loading sessions…</span>
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (sessions.isError) {
    return (
      <Alert variant="destructive">
        <AlertDescription>
          <p>Your sessions could not be loaded. {sessions.error.message}</p>
          <Button variant="outline" size="sm" onClick={() => void sessions.refetch()}>
            Try again
          </Button>
        </AlertDescription>
      </Alert>
    );
  }

  const list = sessions.data;
  const names = rowNames(list);
  const others = list.filter((s) => !s.current);

  return (
    <section aria-labelledby="sessions-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="sessions-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
          {list.length === 1 ? "1 active session" : `${list.length} active sessions`}
        </h2>
        {others.length > 0 ? (
          <Button variant="outline" disabled={pending} onClick={() => ask({ kind: "others", count: others.length })}>
            Sign out all other devices
          </Button>
        ) : null}
      </div>

      <ul className="space-y-3" aria-label="Your sessions" data-testid="sessions-list">
        {list.map((s) => {
          const name = names.get(s.id) ?? s.deviceLabel;
          return (
            <li
              key={s.id}
              aria-label={s.current ? `Session on ${name} (this device)` : `Session on ${name}`}
              data-testid="session-row"
              data-session-id={s.id}
              data-current={s.current ? "true" : undefined}
              className="flex flex-col gap-3 rounded-lg border bg-card p-4 sm:flex-row sm:items-start sm:justify-between"
            >
              <div className="min-w-0 space-y-2">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <MonitorSmartphone aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                  <span className="break-words">{s.deviceLabel}</span>
                  {s.current ? <Badge variant="success">This device</Badge> : null}
                </p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-muted-foreground">IP address</dt>
                  <dd className="break-all">{ipText(s.ipAddress)}</dd>
                  <dt className="text-muted-foreground">Signed in</dt>
                  <dd>
                    <LocalTime date={s.createdAt} />
                  </dd>
                  <dt className="text-muted-foreground">Last active</dt>
                  <dd>{s.current ? "Now" : <LocalTime date={s.lastSeenAt} relative />}</dd>
                </dl>
              </div>
              {s.current ? null : (
                <Button
                  variant="outline"
                  size="sm"
                  className="self-start"
                  disabled={pending}
                  aria-label={`Sign out ${name}`}
                  onClick={() => ask({ kind: "one", session: s, name })}
                >
                  Sign out
                </Button>
              )}
            </li>
          );
        })}
      </ul>

      {others.length === 0 ? (
        <EmptyState
          titleAs="h3"
          icon={<MonitorSmartphone />}
          title="No other devices"
          description="You are only signed in on this device. When you sign in somewhere else, it will show up here."
          data-testid="sessions-empty"
        />
      ) : null}

      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        onCloseAutoFocus={(event) => {
          if (!focusHeading.current) return;
          focusHeading.current = false;
          event.preventDefault();
          headingRef.current?.focus();
        }}
        title={confirm.kind === "one" ? `Sign out ${confirm.name}?` : "Sign out all other devices?"}
        description={
          confirm.kind === "one"
            ? "That device will be signed out the next time it opens Lyceum, and must sign in again."
            : `${confirm.count === 1 ? "1 other device" : `${confirm.count} other devices`} will be signed out and must sign in again. This device stays signed in.`
        }
        confirmLabel={confirm.kind === "one" ? "Sign out" : "Sign out all others"}
        pendingLabel="Signing out…"
        destructive
        pending={pending}
        onConfirm={() => void confirmed()}
      />
    </section>
  );
}
