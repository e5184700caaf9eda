"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ClipboardCheckIcon, InboxIcon } from "lucide-react";
import { useId, useState } from "react";
import { LoadErrorAlert, PagedListFooter, pagedListOptions } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select-native";
import { Skeleton } from "@/components/ui/skeleton";
import { reviewStatusLabels, reviewStatuses, type ReviewStatus } from "@/lib/schemas/review";
import { QueueEntry } from "./queue-entry";
import { reviewQueueInput } from "./queue-input";
import { ReleaseFeedbackPanel } from "./release-feedback";

const emptyText: Record<ReviewStatus, { title: string; description: string }> = {
  needs_review: {
    title: "Nothing waits for you",
    description: "Answers the AI could not grade, code answers and assignment submissions appear here as learners hand them in.",
  },
  ai_graded: {
    title: "No AI-graded answers to check",
    description: "Written answers the AI grader scored appear here, so you can confirm the score or override it.",
  },
  all: {
    title: "The queue is empty",
    description: "Everything handed in has been reviewed. New answers and submissions appear here as learners hand them in.",
  },
  reviewed: {
    title: "Nothing reviewed yet",
    description: "Scores you or other reviewers set or confirm are listed here, newest first, so you can change them later.",
  },
};

/** The review queue with its filters, and the exams whose feedback a reviewer releases. */
export function ReviewWorkspace({ cohortId }: { cohortId: string }) {
  const trpc = useTRPC();
  const itemFilterId = useId();
  const [status, setStatus] = useState<ReviewStatus>("needs_review");
  const [itemId, setItemId] = useState<string>("");

  const overview = useQuery(trpc.review.overview.queryOptions({ cohortId }));
  const list = useInfiniteQuery(trpc.review.queue.infiniteQueryOptions(reviewQueueInput(cohortId, { status, itemId }), pagedListOptions));
  const entries = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canReview = overview.data?.canReview ?? list.data?.pages[0]?.canReview ?? false;
  const loadingOther = list.isFetching && !list.isFetchingNextPage && list.isPlaceholderData;
  const empty = emptyText[status];

  return (
    <div className="space-y-6">
      {overview.data && !overview.data.canReview ? (
        <Alert>
          <AlertDescription>You can read the queue as a facilitator. The cohort&apos;s teachers set and confirm scores.</AlertDescription>
        </Alert>
      ) : null}

      {overview.data && overview.data.exams.length > 0 ? <ReleaseFeedbackPanel cohortId={cohortId} exams={overview.data.exams} canReview={overview.data.canReview} /> : null}

      <section aria-labelledby="queue-heading" className="space-y-4">
        <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
          <div className="space-y-2">
            <h2 id="queue-heading" className="text-lg font-semibold">
              Queue{overview.data ? <span className="font-normal text-muted-foreground"> · {overview.data.waiting} waiting for a person</span> : null}
            </h2>
            <div role="group" aria-label="Show" className="flex flex-wrap gap-1.5">
              {reviewStatuses.map((s) => (
                <Button key={s} type="button" size="sm" className="min-h-9" variant={status === s ? "default" : "outline"} aria-pressed={status === s} onClick={() => setStatus(s)}>
                  {reviewStatusLabels[s]}
                </Button>
              ))}
            </div>
          </div>
          <div className="grid gap-1.5 lg:w-72">
            <Label htmlFor={itemFilterId}>Item</Label>
            <NativeSelect id={itemFilterId} value={itemId} onChange={(e) => setItemId(e.target.value)}>
              <option value="">All quizzes and assignments</option>
              {(overview.data?.items ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title} ({item.kind === "quiz" ? "quiz" : "assignment"})
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>

        <p className="sr-only" aria-live="polite">
          {list.isPending || loadingOther ? "Loading…" : `${entries.length}${list.hasNextPage ? "+" : ""} ${entries.length === 1 ? "entry" : "entries"} shown.`}
        </p>

        {list.isError && entries.length === 0 ? (
          <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <div aria-busy="true" className="space-y-3">
            <Skeleton className="h-20 w-full" />
            <Skeleton className="h-20 w-full" />
          </div>
        ) : entries.length === 0 ? (
          <EmptyState
            titleAs="h3"
            icon={status === "reviewed" ? <ClipboardCheckIcon /> : <InboxIcon />}
            title={empty.title}
            description={itemId ? `${empty.description} Only one item is shown; choose “All quizzes and assignments” to see the rest.` : empty.description}
            data-testid="review-empty"
          />
        ) : (
          <ul className={loadingOther ? "space-y-3 opacity-60 transition-opacity" : "space-y-3"} aria-label="Review queue">
            {entries.map((entry) => (
              <QueueEntry key={`${entry.type}-${entry.id}`} entry={entry} canReview={canReview} />
            ))}
          </ul>
        )}
        <PagedListFooter list={list} shown={entries.length} />
      </section>
    </div>
  );
}
