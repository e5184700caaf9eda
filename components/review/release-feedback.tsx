"use client";

import { useMutation } from "@tanstack/react-query";
import { LockOpenIcon, SendIcon } from "lucide-react";
import { DateText } from "@/components/admin/date-text";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ReviewOverview } from "@/server/services/courses/review";
import { useReviewRefresh } from "./use-review-refresh";

type Exam = ReviewOverview["exams"][number];

function ReleaseButton({ cohortId, exam }: { cohortId: string; exam: Exam }) {
  const trpc = useTRPC();
  const dialog = useMutationDialog({ invalidate: useReviewRefresh() });
  const mutation = useMutation(
    trpc.review.releaseFeedback.mutationOptions({
      onSuccess: (result) =>
        dialog.succeeded("Exam feedback released", `${result.notified} ${result.notified === 1 ? "learner was" : "learners were"} told their results for “${exam.title}” are ready.`),
      onError: (error) => dialog.failed("The feedback was not released", error),
    }),
  );
  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={{ variant: "outline", size: "sm", children: (<><SendIcon aria-hidden="true" /> Release feedback</>), "aria-label": `Release the feedback of ${exam.title}` }}
      title={`Release the feedback of “${exam.title}”?`}
      description="Learners who took this exam see their scores, the answers and your comments from now on, and each of them is notified. This applies to every cohort of the course and cannot be undone."
      confirmLabel="Release feedback"
      pendingLabel="Releasing…"
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate({ cohortId, itemId: exam.itemId })}
    />
  );
}

/** Exams of the course and whether their results are out; reviewers release them once grading is done. */
export function ReleaseFeedbackPanel({ cohortId, exams, canReview }: { cohortId: string; exams: Exam[]; canReview: boolean }) {
  return (
    <section aria-labelledby="exams-heading" className="space-y-3 rounded-lg border p-4">
      <div>
        <h2 id="exams-heading" className="text-lg font-semibold">
          Exam feedback
        </h2>
        <p className="text-sm text-muted-foreground">Exam scores and feedback stay hidden from learners until they are released. Review the answers first.</p>
      </div>
      <ul className="divide-y">
        {exams.map((exam) => (
          <li key={exam.itemId} className="flex flex-wrap items-center justify-between gap-3 py-2">
            <div className="min-w-0">
              <p className="font-medium break-words">{exam.title}</p>
              <p className="text-sm text-muted-foreground">
                {exam.attempted === 1 ? "1 learner took it" : `${exam.attempted} learners took it`} in this cohort
              </p>
            </div>
            {exam.releasedAt ? (
              <p className="flex items-center gap-1.5 text-sm text-success">
                <LockOpenIcon aria-hidden="true" className="size-4" /> Released <DateText value={exam.releasedAt} />
              </p>
            ) : canReview ? (
              <ReleaseButton cohortId={cohortId} exam={exam} />
            ) : (
              <p className="text-sm text-muted-foreground">Not released yet</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
