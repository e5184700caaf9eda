"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleAlertIcon, CircleCheckIcon, CircleMinusIcon, CircleXIcon, HourglassIcon, LoaderCircleIcon, UserCheckIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { LearnerQuestion } from "@/lib/courses/questions";
import type { AnswerResult, AttemptDTO } from "@/server/services/courses/learning";
import { formatPoints, formatWhen } from "../format";
import { outcomeExplanation, outcomeLabels } from "./answers";

/**
 * The results of a handed-in attempt: the score against the pass mark, and
 * per question the learner's answer, its outcome and why, rubric scores with
 * the AI grader's feedback, and a reviewer's comment. While the AI grader is
 * still working it polls every 2 seconds. Exam results stay hidden (the
 * server sends none) until the teacher releases them.
 */

const pollMs = 2000;

function isWaitingForAi(attempt: AttemptDTO): boolean {
  return attempt.status === "grading" && attempt.answers.some((a) => a.grading === "pending_ai");
}

function AnswerText({ question, result }: { question: LearnerQuestion; result: AnswerResult }) {
  const answer = result.answer;
  if (!answer) return <p className="text-sm text-muted-foreground italic">No answer</p>;
  switch (answer.kind) {
    case "single_choice":
    case "multiple_choice": {
      const ids = answer.kind === "single_choice" ? [answer.choiceId] : answer.choiceIds;
      const choices = "choices" in question ? question.choices : [];
      const texts = ids.map((id) => choices.find((c) => c.id === id)?.text ?? id);
      return texts.length === 0 ? (
        <p className="text-sm text-muted-foreground italic">No choice</p>
      ) : (
        <ul className="list-inside list-disc text-sm">
          {texts.map((t) => (
            <li key={t} className="break-words">
              {t}
            </li>
          ))}
        </ul>
      );
    }
    case "short_answer":
    case "subjective":
      return <p className="rounded-md bg-muted/50 px-3 py-2 text-sm break-words whitespace-pre-wrap">{answer.text || "—"}</p>;
    case "code":
      return <pre className="max-h-80 overflow-auto rounded-md bg-muted/50 px-3 py-2 font-mono text-xs leading-5">{answer.code}</pre>;
  }
}

function OutcomeBadge({ result }: { result: AnswerResult }) {
  if (result.grading === null) return <Badge variant="outline">Handed in</Badge>;
  if (result.grading === "pending_ai" && result.points === null) {
    return (
      <Badge variant="secondary">
        <LoaderCircleIcon aria-hidden="true" className="animate-spin" /> Grading…
      </Badge>
    );
  }
  if (result.grading === "needs_review" && result.points === null) {
    return (
      <Badge variant="secondary">
        <HourglassIcon aria-hidden="true" /> Waiting for your teacher
      </Badge>
    );
  }
  const outcome = result.outcome;
  const full = result.points !== null && result.points >= result.maxPoints;
  const none = result.points === 0;
  const Icon = full ? CircleCheckIcon : none ? CircleXIcon : CircleMinusIcon;
  return (
    <Badge variant={full ? "success" : none ? "destructive" : "secondary"} className="tabular-nums">
      <Icon aria-hidden="true" />
      {outcome && outcome !== "needs_review" ? `${outcomeLabels[outcome]} · ` : ""}
      {formatPoints(result.points ?? 0)}/{formatPoints(result.maxPoints)}
    </Badge>
  );
}

function QuestionResult({ number, question, result }: { number: number; question: LearnerQuestion; result: AnswerResult }) {
  return (
    <li className="space-y-3 rounded-xl border bg-card p-4" data-testid="question-result">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 flex-1 font-medium break-words whitespace-pre-wrap">
          <span className="mr-2 text-muted-foreground tabular-nums">{number}.</span>
          {question.prompt}
        </p>
        <OutcomeBadge result={result} />
      </div>
      <AnswerText question={question} result={result} />
      {result.outcome && result.grading === "auto" ? <p className="text-sm text-muted-foreground">{outcomeExplanation(result.outcome, question.kind)}</p> : null}
      {result.grading === "needs_review" && result.points === null ? (
        <p className="text-sm text-muted-foreground">{question.kind === "code" ? "Code answers are scored by your teacher." : "The AI grader could not score this; your teacher will."}</p>
      ) : null}
      {result.rubric ? (
        <div className="space-y-2 rounded-lg border bg-muted/30 p-3">
          <p className="text-sm font-medium">Rubric feedback</p>
          <ul className="space-y-2">
            {result.rubric.criteria.map((c) => (
              <li key={c.id} className="text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  {c.passed ? <CircleCheckIcon aria-hidden="true" className="size-4 text-success" /> : <CircleAlertIcon aria-hidden="true" className="size-4 text-destructive" />}
                  <span className="font-medium">{c.title}</span>
                  <span className="text-muted-foreground tabular-nums">
                    {formatPoints(c.score)}/{formatPoints(c.max)} (pass {formatPoints(c.pass)})
                  </span>
                  <span className="sr-only">{c.passed ? "passed" : "not passed"}</span>
                </p>
                {c.feedback ? <p className="mt-0.5 pl-6 text-muted-foreground">{c.feedback}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.reviewerComment ? (
        <div className="flex gap-2 rounded-lg border border-primary/30 bg-primary/5 p-3 text-sm">
          <UserCheckIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-primary" />
          <p className="break-words whitespace-pre-wrap">
            <span className="font-medium">Your teacher: </span>
            {result.reviewerComment}
          </p>
        </div>
      ) : null}
    </li>
  );
}

export function AttemptResults({ attempt: initial, timeZone, actions }: { attempt: AttemptDTO; timeZone: string; actions?: React.ReactNode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const query = useQuery(
    trpc.learning.attempt.queryOptions(
      { attemptId: initial.id },
      {
        initialData: initial,
        refetchInterval: (q) => (q.state.data && isWaitingForAi(q.state.data) ? pollMs : false),
        refetchOnWindowFocus: false,
      },
    ),
  );
  const attempt = query.data ?? initial;
  const waiting = isWaitingForAi(attempt);

  // Grading just finished: refresh the page so progress and the outline catch up.
  const wasWaiting = useRef(waiting);
  useEffect(() => {
    if (wasWaiting.current && !waiting) router.refresh();
    wasWaiting.current = waiting;
  }, [waiting, router]);

  const byId = new Map(attempt.questions.map((q) => [q.id, q]));
  return (
    <section aria-labelledby={`results-${attempt.id}`} className="space-y-4" data-testid="attempt-results">
      <div className="space-y-3 rounded-xl border bg-card p-4 sm:p-5">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`results-${attempt.id}`} className="text-lg font-semibold">
            Attempt {attempt.number}
          </h2>
          {attempt.submittedAt ? <p className="text-sm text-muted-foreground">Handed in {formatWhen(attempt.submittedAt, timeZone)}</p> : null}
        </div>
        {attempt.resultsHidden ? (
          <Alert>
            <HourglassIcon aria-hidden="true" />
            <AlertTitle>Handed in</AlertTitle>
            <AlertDescription>Results will be released by your teacher.</AlertDescription>
          </Alert>
        ) : attempt.status === "graded" && attempt.score !== null ? (
          <div className="flex flex-wrap items-center gap-3" aria-live="polite">
            <p className="text-3xl font-semibold tabular-nums">
              {formatPoints(attempt.score)}
              <span className="text-lg text-muted-foreground">/{formatPoints(attempt.maxScore)}</span>
            </p>
            <Badge variant={attempt.passed ? "success" : "destructive"} className="text-sm">
              {attempt.percent}% · {attempt.passed ? "Passed" : "Not passed yet"}
            </Badge>
            <p className="text-sm text-muted-foreground">Pass mark {formatPoints(attempt.passPercent)}%</p>
          </div>
        ) : (
          <p className="flex items-center gap-2 text-sm" aria-live="polite">
            {waiting ? (
              <>
                <LoaderCircleIcon aria-hidden="true" className="size-4 animate-spin" /> Grading your written answers… this usually takes a few seconds.
              </>
            ) : (
              <>
                <HourglassIcon aria-hidden="true" className="size-4" /> Some answers wait for your teacher; your score appears once they are scored.
              </>
            )}
          </p>
        )}
        {actions ? <div className="flex flex-wrap items-center gap-3 pt-1">{actions}</div> : null}
      </div>
      <ol className="space-y-3">
        {attempt.answers.map((result, i) => {
          const question = byId.get(result.questionId);
          return question ? <QuestionResult key={result.questionId} number={i + 1} question={question} result={result} /> : null;
        })}
      </ol>
    </section>
  );
}
