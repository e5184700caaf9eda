"use client";

import { useQuery } from "@tanstack/react-query";
import { EyeIcon, InfoIcon } from "lucide-react";
import { useId, useMemo } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { TutorInfoDTO } from "@/server/services/tutor";
import { errorMessageOf } from "@/components/admin/mutation-feedback";
import { starterPrompts, toUIMessages } from "./messages";
import { TutorChat } from "./tutor-chat";
import { TutorComposer } from "./tutor-composer";
import { TutorHeader } from "./tutor-header";

/**
 * The AI tutor beside a lesson: a chat that streams answers grounded in the
 * lesson, with the learner's conversation restored from the server. In
 * "view as learner" (`preview`), and for anyone who is not a learner of the
 * cohort, it shows as learners see it with sending switched off.
 *
 * It fills its container's height (give the container one; it keeps a
 * usable minimum otherwise) and scrolls its messages inside.
 */
export function TutorPanel({ cohortId, itemId, preview = false }: { cohortId: string; itemId: string; preview?: boolean }) {
  const trpc = useTRPC();
  const headingId = useId();
  const target = useMemo(() => ({ cohortId, itemId }), [cohortId, itemId]);
  const info = useQuery(trpc.tutor.info.queryOptions(target));
  const asLearner = !preview && info.data?.learner === true;
  // The transcript seeds the chat once per visit: refetching under a live chat would only disagree with it,
  // and nothing is cached past the visit (gcTime 0), so coming back to the lesson loads what was said since.
  const history = useQuery({ ...trpc.tutor.history.queryOptions(target), enabled: asLearner, staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false });

  let body: React.ReactNode;
  if (info.isPending) {
    body = <PanelSkeleton />;
  } else if (info.isError) {
    body = <LoadError message={errorMessageOf(info.error)} onRetry={() => void info.refetch()} />;
  } else if (!asLearner) {
    body = <PreviewBody info={info.data} />;
  } else if (history.isPending) {
    body = <PanelSkeleton />;
  } else if (history.isError) {
    body = <LoadError message={errorMessageOf(history.error)} onRetry={() => void history.refetch()} />;
  } else {
    return (
      <Frame headingId={headingId}>
        <TutorChat
          key={`${cohortId}:${itemId}`}
          cohortId={cohortId}
          itemId={itemId}
          info={info.data}
          headingId={headingId}
          initialMessages={toUIMessages(history.data.messages)}
          hasEarlier={history.data.hasEarlier}
        />
      </Frame>
    );
  }

  return (
    <Frame headingId={headingId}>
      <TutorHeader info={info.data} headingId={headingId} />
      {body}
    </Frame>
  );
}

function Frame({ headingId, children }: { headingId: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby={headingId}
      className="flex h-full min-h-[24rem] w-full min-w-0 flex-col overflow-hidden rounded-lg border bg-background"
      data-testid="tutor-panel"
    >
      {children}
    </section>
  );
}

function PanelSkeleton() {
  return (
    <div className="flex flex-1 flex-col gap-3 p-3" aria-busy="true" aria-label="Loading the tutor">
      <Skeleton className="h-10 w-3/4" />
      <Skeleton className="ml-auto h-8 w-1/2" />
      <Skeleton className="h-16 w-5/6" />
    </div>
  );
}

function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="flex-1 p-3">
      <Alert variant="destructive">
        <AlertDescription className="flex flex-wrap items-center justify-between gap-2">
          <span>The tutor could not be loaded: {message}</span>
          <Button type="button" size="sm" variant="outline" onClick={onRetry}>
            Try again
          </Button>
        </AlertDescription>
      </Alert>
    </div>
  );
}

/** What learners see before they ask anything, with sending off and the reason why. */
function PreviewBody({ info }: { info: TutorInfoDTO }) {
  return (
    <>
      <div className="flex flex-1 flex-col gap-3 overflow-y-auto p-3">
        {info.notice ? (
          <Alert>
            {info.learner ? <InfoIcon aria-hidden /> : <EyeIcon aria-hidden />}
            <AlertDescription data-testid="tutor-notice">{info.notice}</AlertDescription>
          </Alert>
        ) : null}
        <div className="flex flex-col items-center gap-3 px-2 py-4 text-center">
          <p className="max-w-xs text-sm text-muted-foreground">
            Learners ask about anything in this lesson. The tutor explains and gives hints, and will not give away quiz answers.
          </p>
          <ul className="flex flex-wrap justify-center gap-2" aria-label="Suggested questions">
            {starterPrompts.map((prompt) => (
              <li key={prompt}>
                <Button type="button" variant="outline" size="sm" className="h-auto py-1.5 whitespace-normal" disabled>
                  {prompt}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <TutorComposer value="" onChange={() => undefined} onSend={() => undefined} onStop={() => undefined} busy={false} disabled disabledReason="Sending is off in this view." />
    </>
  );
}
