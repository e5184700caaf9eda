"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCircle2Icon, FileIcon, PaperclipIcon, SendIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { formErrorsOf, toastError, toastSuccess, type FieldErrorMap } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { maxAssignmentTextLength } from "@/lib/schemas/learning";
import type { AssignmentItemView, SubmissionDTO } from "@/server/services/courses/learning";
import { ProgressBar } from "../progress-bar";
import { formatPoints, formatWhen } from "../format";
import { uploadSubmission, type UploadError } from "./upload";

/**
 * An assignment page: instructions, a text answer and/or a file (uploaded
 * with a progress bar), and the history of what was handed in with each
 * review's score and feedback.
 */

const submissionLabels = {
  text: "Hand in a written answer.",
  file: "Hand in a file.",
  text_or_file: "Hand in a written answer, a file, or both.",
} as const;

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function SubmissionItem({ submission, timeZone }: { submission: SubmissionDTO; timeZone: string }) {
  const reviewed = submission.status === "reviewed";
  return (
    <li className="space-y-2 px-4 py-3" data-testid="submission">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">Submission {submission.number}</span>
        <span className="text-sm text-muted-foreground">{formatWhen(submission.submittedAt, timeZone)}</span>
        <span className="flex-1" />
        {reviewed && submission.score !== null ? (
          <Badge variant="success" className="tabular-nums">
            Reviewed · {formatPoints(submission.score)}/{formatPoints(submission.maxScore)}
          </Badge>
        ) : reviewed ? (
          <Badge variant="success">Reviewed</Badge>
        ) : (
          <Badge variant="outline">Waiting for review</Badge>
        )}
      </div>
      {submission.text ? <p className="line-clamp-6 rounded-md bg-muted/50 px-3 py-2 text-sm break-words whitespace-pre-wrap">{submission.text}</p> : null}
      {submission.file ? (
        <a href={submission.file.url} className="inline-flex max-w-full items-center gap-2 text-sm font-medium text-primary underline-offset-4 hover:underline" download>
          <FileIcon aria-hidden="true" className="size-4 shrink-0" />
          <span className="truncate">{submission.file.name}</span>
          <span className="shrink-0 font-normal text-muted-foreground">({formatSize(submission.file.size)})</span>
        </a>
      ) : null}
      {submission.feedback ? (
        <p className="rounded-md border border-primary/30 bg-primary/5 px-3 py-2 text-sm break-words whitespace-pre-wrap">
          <span className="font-medium">Feedback: </span>
          {submission.feedback}
        </p>
      ) : null}
    </li>
  );
}

export function AssignmentPanel({
  cohortId,
  itemId,
  view,
  timeZone,
  instructions,
}: {
  cohortId: string;
  itemId: string;
  view: AssignmentItemView;
  timeZone: string;
  instructions: ReactNode;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  // Bumped to clear the file input (a new element has no file chosen).
  const [fileInputKey, setFileInputKey] = useState(0);
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrorMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [justSent, setJustSent] = useState<number | null>(null);

  const takesText = view.submission !== "file";
  const takesFile = view.submission !== "text";
  const disabled = view.submitBlock !== null;

  function succeeded(submission: SubmissionDTO) {
    setText("");
    setFile(null);
    setFileInputKey((k) => k + 1);
    setProgress(null);
    setJustSent(submission.number);
    toastSuccess("Handed in", `Submission ${submission.number} is waiting for review.`);
    router.refresh();
  }

  const textMutation = useMutation(
    trpc.learning.submitAssignment.mutationOptions({
      onSuccess: succeeded,
      onError: (error) => {
        const { fieldErrors: fields, formError: message } = formErrorsOf(error, ["text"]);
        setFieldErrors(fields);
        setFormError(message);
        toastError("Not handed in", error);
      },
    }),
  );

  async function handIn() {
    setFieldErrors({});
    setFormError(null);
    setJustSent(null);
    if (file && file.size > view.maxUploadBytes) {
      setFieldErrors({ file: [`“${file.name}” is ${formatSize(file.size)}; files may be at most ${formatSize(view.maxUploadBytes)}. Compress it (for example as a ZIP) or split it.`] });
      return;
    }
    if (!file) {
      textMutation.mutate({ cohortId, itemId, text });
      return;
    }
    setProgress(0);
    try {
      const submission = await uploadSubmission({ cohortId, itemId, text, file, onProgress: setProgress });
      succeeded(submission);
    } catch (error) {
      setProgress(null);
      const failure = error as UploadError;
      setFieldErrors(failure.fieldErrors ?? {});
      setFormError(failure.fieldErrors?.file?.length || failure.fieldErrors?.text?.length ? null : failure.message);
      toastError("Not handed in", failure);
    }
  }

  const pending = textMutation.isPending || progress !== null;
  const textError = fieldErrors.text?.join(" ");
  const fileError = fieldErrors.file?.join(" ");

  return (
    <div className="space-y-6">
      <section aria-label="Instructions" className="space-y-3 rounded-xl border bg-card p-4 sm:p-5">
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <Badge variant="secondary">{formatPoints(view.maxPoints)} points</Badge>
          {submissionLabels[view.submission]}
        </p>
        {instructions ?? <p className="text-muted-foreground">Your teacher has not written instructions for this assignment.</p>}
      </section>

      <section aria-labelledby={`${id}-hand-in`} className="space-y-4 rounded-xl border bg-card p-4 sm:p-5">
        <h2 id={`${id}-hand-in`} className="text-base font-semibold">
          {view.submissionCount > 0 ? "Hand in again" : "Hand in your work"}
        </h2>
        {view.submitBlock ? (
          <Alert>
            <AlertDescription>{view.submitBlock}</AlertDescription>
          </Alert>
        ) : null}
        {justSent !== null ? (
          <Alert variant="success">
            <CheckCircle2Icon aria-hidden="true" />
            <AlertDescription>Submission {justSent} was handed in. Your teacher will review it.</AlertDescription>
          </Alert>
        ) : null}
        <form
          noValidate
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void handIn();
          }}
        >
          {takesText ? (
            <div className="space-y-1.5">
              <label htmlFor={`${id}-text`} className="text-sm font-medium">
                {view.submission === "file" ? "Note (optional)" : "Your answer"}
              </label>
              <Textarea
                id={`${id}-text`}
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={8}
                maxLength={maxAssignmentTextLength}
                disabled={disabled || pending}
                aria-invalid={textError ? true : undefined}
                aria-describedby={textError ? `${id}-text-error` : undefined}
              />
              {textError ? (
                <p id={`${id}-text-error`} className="text-sm text-destructive">
                  {textError}
                </p>
              ) : null}
            </div>
          ) : null}
          {takesFile ? (
            <div className="space-y-1.5">
              <label htmlFor={`${id}-file`} className="text-sm font-medium">
                File{view.submission === "text_or_file" ? " (optional)" : ""}
              </label>
              <div className="flex flex-wrap items-center gap-2">
                <input
                  key={fileInputKey}
                  id={`${id}-file`}
                  type="file"
                  disabled={disabled || pending}
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  aria-invalid={fileError ? true : undefined}
                  aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ""}`}
                  className="block w-full max-w-sm text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-accent"
                />
                {file ? (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    disabled={pending}
                    onClick={() => {
                      setFile(null);
                      setFileInputKey((k) => k + 1);
                    }}
                  >
                    <XIcon aria-hidden="true" /> Remove file
                  </Button>
                ) : null}
              </div>
              <p id={`${id}-file-hint`} className="text-xs text-muted-foreground">
                PDF, images, text, Markdown, source code, Office documents or ZIP; at most {formatSize(view.maxUploadBytes)}.
              </p>
              {fileError ? (
                <p id={`${id}-file-error`} className="text-sm text-destructive">
                  {fileError}
                </p>
              ) : null}
            </div>
          ) : null}
          {progress !== null ? (
            <div className="space-y-1" aria-live="polite">
              <p className="flex items-center gap-2 text-sm">
                <PaperclipIcon aria-hidden="true" className="size-4" /> Uploading {file?.name} · {progress}%
              </p>
              <ProgressBar value={progress} label="Upload progress" />
            </div>
          ) : null}
          <FormErrorAlert message={formError} />
          <Button type="submit" disabled={disabled || pending}>
            <SendIcon aria-hidden="true" /> {pending ? "Handing in…" : "Hand in"}
          </Button>
        </form>
      </section>

      <section aria-labelledby={`${id}-history`} className="space-y-2">
        <h2 id={`${id}-history`} className="text-base font-semibold">
          Your submissions
        </h2>
        {view.submissions.length === 0 ? (
          <p className="rounded-xl border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
            Nothing handed in yet. Your submissions and your teacher&apos;s feedback will appear here.
          </p>
        ) : (
          <>
            <ol className="divide-y rounded-xl border bg-card">
              {view.submissions.map((s) => (
                <SubmissionItem key={s.id} submission={s} timeZone={timeZone} />
              ))}
            </ol>
            {view.submissionCount > view.submissions.length ? (
              <p className="text-xs text-muted-foreground">Showing your latest {view.submissions.length} of {view.submissionCount} submissions.</p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
