"use client";

import { ChevronDownIcon, DownloadIcon, FileTextIcon, ListChecksIcon, LockIcon } from "lucide-react";
import { useId, useState } from "react";
import { RelativeDateText } from "@/components/admin/date-text";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { AnswerEntry, ReviewEntry, SubmissionEntry } from "@/server/services/courses/review";
import { AnswerReviewForm } from "./answer-review-form";
import { AnswerView } from "./answer-view";
import { RubricResult } from "./rubric-result";
import { SubmissionReviewForm } from "./submission-review-form";

const answerStatus: Record<string, { label: string; variant: NonNullable<BadgeProps["variant"]> }> = {
  needs_review: { label: "Needs review", variant: "destructive" },
  pending_ai: { label: "AI grader stuck", variant: "destructive" },
  ai_graded: { label: "AI-graded", variant: "secondary" },
  reviewed: { label: "Reviewed", variant: "success" },
  auto: { label: "Scored automatically", variant: "outline" },
};

function pointsText(points: number | null, max: number): string {
  return points === null ? `– / ${max}` : `${points} / ${max}`;
}

function fileSize(bytes: number | null): string {
  if (bytes === null) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function AnswerDetails({ entry, canReview }: { entry: AnswerEntry; canReview: boolean }) {
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-4">
        <AnswerView entry={entry} />
        {entry.aiError ? (
          <Alert variant="destructive">
            <AlertDescription>{entry.aiError}</AlertDescription>
          </Alert>
        ) : null}
        {entry.ai ? <RubricResult result={entry.ai} /> : null}
      </div>
      <div className="space-y-3">
        <p className="text-sm">
          Attempt {entry.attempt.number}
          {entry.attempt.score === null ? ", still being graded" : `: ${entry.attempt.score} of ${entry.attempt.maxScore}${entry.attempt.passed ? ", passed" : ", not passed"}`}
        </p>
        {entry.feedbackHeld ? (
          <p className="flex items-start gap-2 text-sm text-muted-foreground">
            <LockIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            Exam: the learner sees scores and comments once you release the exam&apos;s feedback.
          </p>
        ) : null}
        {entry.reviewedBy && entry.reviewedAt ? (
          <p className="text-sm text-muted-foreground">
            Reviewed by {entry.reviewedBy}, <RelativeDateText value={entry.reviewedAt} />
            {entry.comment ? <span className="mt-1 block text-foreground italic">“{entry.comment}”</span> : null}
          </p>
        ) : null}
        {canReview ? <AnswerReviewForm entry={entry} /> : null}
      </div>
    </div>
  );
}

function SubmissionDetails({ entry, canReview }: { entry: SubmissionEntry; canReview: boolean }) {
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-3">
        <h4 className="text-xs font-medium text-muted-foreground uppercase">Submission {entry.number}</h4>
        {entry.text ? <blockquote className="rounded-md border-l-4 bg-muted/50 p-3 text-sm break-words whitespace-pre-wrap">{entry.text}</blockquote> : null}
        {entry.file ? (
          <a
            href={`/api/submissions/${encodeURIComponent(entry.id)}/file`}
            className="inline-flex max-w-full items-center gap-2 rounded-md border px-3 py-2 text-sm font-medium text-primary hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
            download
          >
            <DownloadIcon aria-hidden="true" className="size-4 shrink-0" />
            <span className="truncate">{entry.file.name}</span>
            <span className="shrink-0 text-xs font-normal text-muted-foreground">{fileSize(entry.file.size)}</span>
          </a>
        ) : null}
        {!entry.text && !entry.file ? <p className="text-sm text-muted-foreground">The submission is empty.</p> : null}
      </div>
      <div className="space-y-3">
        {entry.reviewedBy && entry.reviewedAt ? (
          <p className="text-sm text-muted-foreground">
            Graded by {entry.reviewedBy}, <RelativeDateText value={entry.reviewedAt} />
          </p>
        ) : null}
        {canReview ? <SubmissionReviewForm entry={entry} /> : entry.feedback ? <p className="text-sm whitespace-pre-wrap">{entry.feedback}</p> : null}
      </div>
    </div>
  );
}

/** One entry of the queue: a line that says whose work and where it stands, opening onto the work and the scoring form. */
export function QueueEntry({ entry, canReview }: { entry: ReviewEntry; canReview: boolean }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const isAnswer = entry.type === "answer";
  const status = isAnswer ? (answerStatus[entry.gradingStatus] ?? answerStatus.auto!) : entry.status === "reviewed" ? answerStatus.reviewed! : { label: "To grade", variant: "destructive" as const };
  const what = isAnswer ? (entry.question?.prompt ?? "Question") : `Submission ${entry.number}`;
  const Icon = isAnswer ? ListChecksIcon : FileTextIcon;

  return (
    <li className="rounded-lg border bg-card" data-testid="review-entry">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="flex w-full items-start gap-3 rounded-lg p-3 text-left hover:bg-accent/50 focus-visible:outline-2 focus-visible:outline-ring sm:p-4"
      >
        <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
        <span className="grid min-w-0 flex-1 gap-1">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium">{entry.learner.name}</span>
            <span className="text-sm text-muted-foreground">· {entry.item.title}</span>
          </span>
          <span className="line-clamp-2 text-sm break-words text-muted-foreground">{what}</span>
          <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <Badge variant={status.variant}>{status.label}</Badge>
            {isAnswer && entry.feedbackHeld ? <Badge variant="outline">Exam · results hidden</Badge> : null}
            <span>
              Handed in <RelativeDateText value={entry.at} />
            </span>
          </span>
        </span>
        <span className="flex shrink-0 flex-col items-end gap-1">
          <span className="text-sm font-medium tabular-nums" aria-label="Points">
            {isAnswer ? pointsText(entry.points, entry.maxPoints) : pointsText(entry.score, entry.maxScore)}
          </span>
          <ChevronDownIcon aria-hidden="true" className={cn("size-4 text-muted-foreground transition-transform", open && "rotate-180")} />
        </span>
      </button>
      {open ? (
        <div id={panelId} className="border-t p-3 sm:p-4">
          {entry.type === "answer" ? <AnswerDetails entry={entry} canReview={canReview} /> : <SubmissionDetails entry={entry} canReview={canReview} />}
        </div>
      ) : null}
    </li>
  );
}
