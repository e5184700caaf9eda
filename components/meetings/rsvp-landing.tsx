"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCircle2Icon } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { describeError } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { rsvpLabels, rsvpResponses, type RsvpResponse } from "@/lib/schemas/meetings";
import type { RsvpLinkView } from "@/server/services/meetings/rsvp";
import { formatMeetingRange, formatMeetingStart, zoneName } from "./format";
import { meetingHref } from "./paths";

const sentence: Record<RsvpResponse, string> = {
  yes: "You are going",
  maybe: "You might come",
  no: "You are not going",
};

/**
 * The page an email's RSVP button opens. The answer is recorded from the
 * browser once the page has loaded, not by the GET itself: mail scanners
 * that fetch every link in a message (to check it) would otherwise answer
 * "yes", "maybe" and "no" in turn on the person's behalf.
 */
export function RsvpLanding({ view }: { view: RsvpLinkView }) {
  const trpc = useTRPC();
  const [current, setCurrent] = useState<RsvpResponse | null>(view.currentResponse);
  const [error, setError] = useState<string | null>(null);
  const record = useMutation(
    trpc.meetings.rsvpByToken.mutationOptions({
      onSuccess: (result) => {
        setError(result.closedReason);
        setCurrent(result.currentResponse);
      },
      onError: (e) => setError(describeError(e)),
    }),
  );
  const started = useRef(false);
  useEffect(() => {
    if (started.current || view.closedReason) return;
    started.current = true;
    record.mutate({ token: view.tokens[view.linkResponse] });
  }, [record, view]);

  const zone = view.person.timeZone;
  const m = view.meeting;
  const recorded = current !== null && !record.isPending && !error;
  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <p className="text-sm text-muted-foreground">
          {m.courseTitle} · {m.cohortName}
        </p>
        <h1 className="text-xl font-semibold break-words">
          {m.groupName}, meeting {m.seq}
        </h1>
        <p>
          <time dateTime={m.startsAt.toISOString()}>{formatMeetingRange(m.startsAt, m.endsAt, zone)}</time>{" "}
          <span className="text-sm text-muted-foreground">({zoneName(zone)})</span>
        </p>
        {m.originalStartsAt ? <p className="text-sm">Moved from {formatMeetingStart(m.originalStartsAt, zone)}; only this meeting moved.</p> : null}
        {m.location ? <p className="text-sm break-words text-muted-foreground">Where: {m.location}</p> : null}
      </div>

      {view.closedReason ? (
        <Alert variant="destructive" data-testid="rsvp-closed">
          <AlertTitle>Your answer cannot be changed</AlertTitle>
          <AlertDescription>
            <p>{view.closedReason}</p>
            {current ? <p>Your answer was: {rsvpLabels[current]}.</p> : null}
          </AlertDescription>
        </Alert>
      ) : error ? (
        <Alert variant="destructive">
          <AlertTitle>Your answer was not saved</AlertTitle>
          <AlertDescription>
            <p>{error}</p>
            <Button type="button" size="sm" variant="outline" onClick={() => record.mutate({ token: view.tokens[view.linkResponse] })}>
              Try again
            </Button>
          </AlertDescription>
        </Alert>
      ) : (
        <div role="status" aria-live="polite" data-testid="rsvp-status" className="rounded-md border bg-muted/40 p-4">
          {recorded && current ? (
            <p className="flex items-center gap-2 font-medium">
              <CheckCircle2Icon aria-hidden="true" className="size-5 text-primary" /> Recorded: {sentence[current]}, {view.person.name}.
            </p>
          ) : (
            <p className="text-sm">Recording your answer…</p>
          )}
        </div>
      )}

      {!view.closedReason ? (
        <div className="space-y-2">
          <p className="text-sm font-medium">Change your answer</p>
          <div role="group" aria-label="Change your answer" className="flex flex-wrap gap-2">
            {rsvpResponses.map((response) => (
              <Button
                key={response}
                type="button"
                size="sm"
                variant={current === response ? "default" : "outline"}
                aria-pressed={current === response}
                disabled={record.isPending}
                onClick={() => record.mutate({ token: view.tokens[response] })}
              >
                {rsvpLabels[response]}
              </Button>
            ))}
          </div>
        </div>
      ) : null}

      <p className="text-sm text-muted-foreground">
        Your group sees your answer. All your meetings, with who else comes, are{" "}
        <Link href={meetingHref(view.orgId, view.meetingId)} className="font-medium text-primary underline-offset-4 hover:underline">
          in Lyceum
        </Link>{" "}
        (sign-in needed).
      </p>
    </div>
  );
}
