"use client";

import { useMutation } from "@tanstack/react-query";
import { SaveIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toastError, toastSuccess } from "@/components/admin/mutation-feedback";
import { useFormErrors } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { parseNumberLoose } from "@/lib/schemas/courses";
import { maxSubmissionFeedbackLength, reviewSubmissionSchema } from "@/lib/schemas/review";
import type { SubmissionEntry } from "@/server/services/courses/review";
import { plural } from "@/components/cohort-dashboard/format";
import { useReviewRefresh } from "./use-review-refresh";

/** A score and feedback for an assignment submission. */
export function SubmissionReviewForm({ entry }: { entry: SubmissionEntry }) {
  const trpc = useTRPC();
  const refresh = useReviewRefresh();
  const errors = useFormErrors();
  const [score, setScore] = useState(entry.score === null ? "" : String(entry.score));
  const [feedback, setFeedback] = useState(entry.feedback ?? "");

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

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = parseNumberLoose(score);
    if (value !== null && value > entry.maxScore) {
      errors.showFields({ score: [`This assignment is worth ${plural(entry.maxScore, "point", "points")}: give between 0 and ${entry.maxScore}.`] });
      return;
    }
    const input = errors.check(reviewSubmissionSchema, { submissionId: entry.id, score: value ?? undefined, feedback });
    if (input) review.mutate(input);
  }

  return (
    <form onSubmit={save} noValidate className="grid gap-3 rounded-lg border bg-muted/30 p-3" aria-label={`Grade for ${entry.learner.name}`}>
      {errors.formError ? (
        <Alert variant="destructive">
          <AlertDescription>{errors.formError}</AlertDescription>
        </Alert>
      ) : null}
      <FormField
        label={`Score (0 to ${entry.maxScore})`}
        name="score"
        inputMode="decimal"
        autoComplete="off"
        value={score}
        onChange={(e) => setScore(e.target.value)}
        error={errors.fieldErrors.score}
        className="max-w-40"
      />
      <FormField label="Feedback for the learner" name="feedback" description="Optional. The learner sees it with their grade." error={errors.fieldErrors.feedback}>
        <Textarea value={feedback} onChange={(e) => setFeedback(e.target.value)} maxLength={maxSubmissionFeedbackLength} rows={3} />
      </FormField>
      <div>
        <Button type="submit" disabled={review.isPending}>
          <SaveIcon aria-hidden="true" />
          {review.isPending ? "Saving…" : entry.status === "reviewed" ? "Update grade" : "Save grade"}
        </Button>
      </div>
    </form>
  );
}
