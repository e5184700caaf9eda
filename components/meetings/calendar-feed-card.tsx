"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarPlusIcon, CalendarX2Icon, CheckIcon, CopyIcon, RefreshCwIcon } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { copyText } from "@/components/admin/invite-form";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

interface FreshFeed {
  url: string;
  webcalUrl: string;
}

/** The feed URL just made, with a copy button and a one-click subscribe link; it is not shown again. */
function FreshFeedLink({ feed }: { feed: FreshFeed }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    inputRef.current?.focus();
  }, [feed.url]);

  async function copy() {
    const ok = await copyText(feed.url, inputRef.current);
    setCopied(ok);
    if (ok) toastSuccess("Calendar link copied", "Paste it into your calendar app.");
    else toastError("Could not copy the link", new Error("Select the link and copy it with your keyboard or menu."));
  }

  return (
    <div className="grid gap-2" data-testid="calendar-feed-link">
      <Label htmlFor={id}>Your calendar link</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id={id}
          ref={inputRef}
          readOnly
          value={feed.url}
          onFocus={(e) => e.currentTarget.select()}
          className="font-mono text-xs md:text-xs"
          aria-describedby={`${id}-note`}
        />
        <Button type="button" onClick={() => void copy()} className="shrink-0">
          {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
      <p id={`${id}-note`} className="text-sm font-medium">
        Copy it now: it is shown only once. Keep it private: anyone with it sees your meeting times.
      </p>
      <p className="text-sm">
        <a href={feed.webcalUrl} className="font-medium text-primary underline-offset-4 hover:underline">
          Open in my calendar app
        </a>{" "}
        <span className="text-muted-foreground">(Apple Calendar, Outlook on the desktop)</span>
      </p>
    </div>
  );
}

function HowTo() {
  return (
    <details className="rounded-md border px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">How to add it to Google, Apple or Outlook</summary>
      <ul className="mt-2 list-disc space-y-1.5 pl-5 text-muted-foreground">
        <li>
          <span className="font-medium text-foreground">Google Calendar</span> (on a computer): Other calendars, +, From URL, paste the link, Add
          calendar.
        </li>
        <li>
          <span className="font-medium text-foreground">Apple Calendar</span>: File, New Calendar Subscription, paste the link; on an iPhone:
          Settings, Calendar, Accounts, Add Account, Other, Add Subscribed Calendar.
        </li>
        <li>
          <span className="font-medium text-foreground">Outlook</span>: Add calendar, Subscribe from web, paste the link, Import.
        </li>
        <li>Calendar apps check the link every few hours, so a moved meeting can take a while to show there. Lyceum always shows the current time.</li>
      </ul>
    </details>
  );
}

/**
 * The personal calendar feed: all my group meetings in my calendar app. Make
 * the link (shown once), replace it (the old one stops working) or turn it
 * off. Only a fingerprint of the link is kept.
 */
export function CalendarFeedCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.meetings.feed.queryOptions({}));
  const [fresh, setFresh] = useState<FreshFeed | null>(null);
  const invalidate = () => queryClient.invalidateQueries(trpc.meetings.feed.pathFilter());

  const create = useMutation(
    trpc.meetings.createFeed.mutationOptions({
      onSuccess: async (link) => {
        setFresh(link);
        toastSuccess("Calendar link created", "Copy it now: it is shown only once.");
        await invalidate();
      },
      onError: (error) => toastError("The calendar link was not created", error),
    }),
  );
  const rotateDialog = useMutationDialog({ invalidate });
  const rotate = useMutation(
    trpc.meetings.rotateFeed.mutationOptions({
      onSuccess: async (link) => {
        setFresh(link);
        await rotateDialog.succeeded("New calendar link created", "The old link no longer works. Subscribe again with the new one.");
      },
      onError: (error) => rotateDialog.failed("The calendar link was not replaced", error),
    }),
  );
  const revokeDialog = useMutationDialog({ invalidate });
  const revoke = useMutation(
    trpc.meetings.revokeFeed.mutationOptions({
      onSuccess: async () => {
        setFresh(null);
        await revokeDialog.succeeded("Calendar link turned off", "Calendars subscribed to it stop getting your meetings.");
      },
      onError: (error) => revokeDialog.failed("The calendar link was not turned off", error),
    }),
  );

  const active = status.data?.active ?? false;
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2 className="flex items-center gap-2 text-lg">
            <CalendarPlusIcon aria-hidden="true" className="size-5" /> Your meetings in your calendar
          </h2>
        </CardTitle>
        <CardDescription>
          A private link your calendar app subscribes to. It keeps every meeting of your groups up to date there, moved and cancelled ones
          included.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {status.isPending ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : status.isError ? (
          <Alert variant="destructive">
            <AlertDescription>The calendar link could not be loaded. Reload the page to try again.</AlertDescription>
          </Alert>
        ) : !active ? (
          <div className="space-y-3">
            <Button type="button" onClick={() => create.mutate({})} disabled={create.isPending}>
              <CalendarPlusIcon aria-hidden="true" /> {create.isPending ? "Creating…" : "Create calendar link"}
            </Button>
          </div>
        ) : (
          <>
            {fresh ? (
              <FreshFeedLink feed={fresh} />
            ) : (
              <Alert>
                <AlertDescription>
                  Your calendar link is on. It was shown when it was made; Lyceum keeps only a fingerprint of it. Lost it, or shared it by
                  mistake? Replace it to get a new one.
                </AlertDescription>
              </Alert>
            )}
            <div className="flex flex-wrap gap-2">
              <ConfirmDialog
                {...rotateDialog.dialogProps}
                trigger={{ variant: "outline", size: "default", children: <><RefreshCwIcon aria-hidden="true" /> Replace link</> }}
                title="Replace your calendar link?"
                description="You get a new link. The current one stops working at once, so calendars subscribed to it stop updating until you subscribe again with the new link."
                confirmLabel="Replace link"
                pendingLabel="Replacing…"
                pending={rotate.isPending}
                onConfirm={() => rotate.mutate({})}
              />
              <ConfirmDialog
                {...revokeDialog.dialogProps}
                trigger={{ variant: "outline", size: "default", className: "text-destructive hover:text-destructive", children: <><CalendarX2Icon aria-hidden="true" /> Turn off</> }}
                title="Turn off your calendar link?"
                description="The link stops working at once. Your calendar app keeps the meetings it already has but gets no changes. You can make a new link later."
                confirmLabel="Turn off"
                pendingLabel="Turning off…"
                destructive
                pending={revoke.isPending}
                onConfirm={() => revoke.mutate({})}
              />
            </div>
          </>
        )}
        <HowTo />
      </CardContent>
    </Card>
  );
}
