"use client";

import { useMutation } from "@tanstack/react-query";
import { SaveIcon } from "lucide-react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useFormErrors } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { maxSubmissionFeedbackLength, reviewSubmissionSchema } from "@/lib/schemas/review";
import type { SubmissionEntry } from "@/server/services/courses/review";
import { ScoreForm } from "./score-form";
import { useReviewRefresh } from "./use-review-refresh";

/** A score and feedback for an assignment submission. */
export function SubmissionReviewForm({ entry }: { entry: SubmissionEntry }) {
  const trpc = useTRPC();
  const refresh = useReviewRefresh();
  const errors = useFormErrors();

  const review = useMutation(
    trpc.review.reviewSubmission.mutationOptions({
      onSuccess: async (result) => {
        toastSuccess("Grade saved", `${entry.learner.name}: ${result.score} of ${result.maxScore} points.${result.notified ? " They were notified." : ""}`);
        await refresh();
      },
      onError: (error) => {
        errors.show(error, ["score", "feedback"]);
        toastError("The grade was not saved", error);
      },
    }),
  );

  return (
    <ScoreForm
      label={`Grade for ${entry.learner.name}`}
      errors={errors}
      score={{ name: "score", label: `Score (0 to ${entry.maxScore})`, initial: entry.score, max: entry.maxScore, worth: "This assignment" }}
      comment={{
        name: "feedback",
        label: "Feedback for the learner",
        description: "Optional. The learner sees it with their grade.",
        initial: entry.feedback,
        maxLength: maxSubmissionFeedbackLength,
        rows: 3,
      }}
      onSave={({ score, comment }) => {
        const input = errors.check(reviewSubmissionSchema, { submissionId: entry.id, score, feedback: comment });
        if (input) review.mutate(input);
      }}
    >
      <div>
        <Button type="submit" disabled={review.isPending}>
          <SaveIcon aria-hidden="true" />
          {review.isPending ? "Saving…" : entry.status === "reviewed" ? "Update grade" : "Save grade"}
        </Button>
      </div>
    </ScoreForm>
  );
}
