"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckIcon, SaveIcon } from "lucide-react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useFormErrors } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { maxReviewCommentLength, overrideAnswerSchema } from "@/lib/schemas/review";
import type { AnswerEntry, AnswerReviewResult } from "@/server/services/courses/review";
import { plural } from "@/components/cohort-dashboard/format";
import { ScoreForm } from "./score-form";
import { useReviewRefresh } from "./use-review-refresh";

function outcomeText(entry: AnswerEntry, result: AnswerReviewResult): string {
  const attempt = result.attempt.score === null ? "" : ` The attempt now scores ${result.attempt.score} of ${result.attempt.maxScore}.`;
  const told = result.notified
    ? " They were notified."
    : entry.feedbackHeld
      ? " They see it once you release the exam's feedback."
      : result.attempt.status === "grading"
        ? " They are told once the rest of the attempt is graded."
        : "";
  return `${entry.learner.name}: ${result.points ?? 0} of ${entry.maxPoints} points.${attempt}${told}`;
}

/** Points and a comment for one answer ("Save override"), or the AI or automatic score accepted as it is ("Confirm score"). */
export function AnswerReviewForm({ entry }: { entry: AnswerEntry }) {
  const trpc = useTRPC();
  const refresh = useReviewRefresh();
  const errors = useFormErrors();

  const override = useMutation(
    trpc.review.overrideAnswer.mutationOptions({
      onSuccess: async (result) => {
        toastSuccess("Score saved", outcomeText(entry, result));
        await refresh();
      },
      onError: (error) => {
        errors.show(error, ["points", "comment"]);
        toastError("The score was not saved", error);
      },
    }),
  );
  const confirm = useMutation(
    trpc.review.confirmAnswer.mutationOptions({
      onSuccess: async (result) => {
        toastSuccess("Score confirmed", outcomeText(entry, result));
        await refresh();
      },
      onError: (error) => {
        errors.show(error);
        toastError("The score was not confirmed", error);
      },
    }),
  );
  const pending = override.isPending || confirm.isPending;
  const canConfirm = entry.gradingStatus !== "reviewed" && entry.autoPoints !== null;

  return (
    <ScoreForm
      label={`Score for ${entry.learner.name}`}
      errors={errors}
      score={{ name: "points", label: `Points (0 to ${entry.maxPoints})`, initial: entry.points, max: entry.maxPoints, worth: "This question" }}
      comment={{
        name: "comment",
        label: "Comment for the learner",
        description: entry.feedbackHeld ? "Shown to the learner with the exam's results once you release them." : "Optional. The learner sees it with the new score.",
        initial: entry.comment,
        maxLength: maxReviewCommentLength,
        rows: 2,
      }}
      onSave={({ score, comment }) => {
        const input = errors.check(overrideAnswerSchema, { answerId: entry.id, points: score, comment });
        if (input) override.mutate(input);
      }}
    >
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          <SaveIcon aria-hidden="true" />
          {override.isPending ? "Saving…" : "Save override"}
        </Button>
        {canConfirm ? (
          <Button type="button" variant="outline" disabled={pending} onClick={() => confirm.mutate({ answerId: entry.id })}>
            <CheckIcon aria-hidden="true" />
            {confirm.isPending ? "Confirming…" : `Confirm ${plural(entry.autoPoints ?? 0, "point", "points")}`}
          </Button>
        ) : null}
      </div>
    </ScoreForm>
  );
}
