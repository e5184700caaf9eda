"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckIcon, SaveIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useFormErrors } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { parseNumberLoose } from "@/lib/schemas/courses";
import { maxReviewCommentLength, overrideAnswerSchema } from "@/lib/schemas/review";
import type { AnswerEntry, AnswerReviewResult } from "@/server/services/courses/review";
import { plural } from "@/components/cohort-dashboard/format";
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
  const [points, setPoints] = useState(entry.points === null ? "" : String(entry.points));
  const [comment, setComment] = useState(entry.comment ?? "");

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

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = parseNumberLoose(points);
    if (value !== null && value > entry.maxPoints) {
      errors.showFields({ points: [`This question is worth ${plural(entry.maxPoints, "point", "points")}: give between 0 and ${entry.maxPoints}.`] });
      return;
    }
    const input = errors.check(overrideAnswerSchema, { answerId: entry.id, points: value ?? undefined, comment });
    if (input) override.mutate(input);
  }

  return (
    <form onSubmit={save} noValidate className="grid gap-3 rounded-lg border bg-muted/30 p-3" aria-label={`Score for ${entry.learner.name}`}>
      {errors.formError ? (
        <Alert variant="destructive">
          <AlertDescription>{errors.formError}</AlertDescription>
        </Alert>
      ) : null}
      <FormField
        label={`Points (0 to ${entry.maxPoints})`}
        name="points"
        inputMode="decimal"
        autoComplete="off"
        value={points}
        onChange={(e) => setPoints(e.target.value)}
        error={errors.fieldErrors.points}
        className="max-w-40"
      />
      <FormField
        label="Comment for the learner"
        name="comment"
        description={entry.feedbackHeld ? "Shown to the learner with the exam's results once you release them." : "Optional. The learner sees it with the new score."}
        error={errors.fieldErrors.comment}
      >
        <Textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={maxReviewCommentLength} rows={2} />
      </FormField>
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
    </form>
  );
}
