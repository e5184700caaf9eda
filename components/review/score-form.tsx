"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { plural } from "@/components/cohort-dashboard/format";
import type { useFormErrors } from "@/components/admin/use-mutation-dialog";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { parseNumberLoose } from "@/lib/schemas/courses";

type FormErrors = ReturnType<typeof useFormErrors>;

interface ScoreFieldProps {
  /** The input's name, which is also the schema field its errors come back under. */
  name: string;
  label: string;
  initial: number | null;
  max: number;
  /** What is being scored, for the message when the score is too high ("This question"). */
  worth: string;
}

interface CommentFieldProps {
  name: string;
  label: string;
  description: string;
  initial: string | null;
  maxLength: number;
  rows: number;
}

/**
 * The part a reviewer fills in for an answer or a submission: a score
 * checked against its maximum before anything is sent, and a note for the
 * learner. The caller validates with its own schema and sends.
 */
export function ScoreForm({
  label,
  errors,
  score,
  comment,
  onSave,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  errors: FormErrors;
  score: ScoreFieldProps;
  comment: CommentFieldProps;
  onSave: (values: { score: number | undefined; comment: string }) => void;
  /** The buttons. */
  children: ReactNode;
}) {
  const [scoreText, setScoreText] = useState(score.initial === null ? "" : String(score.initial));
  const [commentText, setCommentText] = useState(comment.initial ?? "");

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = parseNumberLoose(scoreText);
    if (value !== null && value > score.max) {
      errors.showFields({ [score.name]: [`${score.worth} is worth ${plural(score.max, "point", "points")}: give between 0 and ${score.max}.`] });
      return;
    }
    onSave({ score: value ?? undefined, comment: commentText });
  }

  return (
    <form onSubmit={save} noValidate className="grid gap-3 rounded-lg border bg-muted/30 p-3" aria-label={label}>
      <FormErrorAlert message={errors.formError} />
      <FormField
        label={score.label}
        name={score.name}
        inputMode="decimal"
        autoComplete="off"
        value={scoreText}
        onChange={(e) => setScoreText(e.target.value)}
        error={errors.fieldErrors[score.name]}
        className="max-w-40"
      />
      <FormField label={comment.label} name={comment.name} description={comment.description} error={errors.fieldErrors[comment.name]}>
        <Textarea value={commentText} onChange={(e) => setCommentText(e.target.value)} maxLength={comment.maxLength} rows={comment.rows} />
      </FormField>
      {children}
    </form>
  );
}
