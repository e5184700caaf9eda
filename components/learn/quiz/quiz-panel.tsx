"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CalendarClockIcon, EyeIcon, InfoIcon, MessageCircleQuestionIcon, PlayIcon, RotateCcwIcon, TimerIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { describeError, toastError } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { AttemptDTO, AttemptSummary, QuizItemView } from "@/server/services/courses/learning";
import { formatPoints, formatWhen, plural } from "../format";
import { AttemptForm } from "./attempt-form";
import { AttemptResults } from "./attempt-results";

/**
 * A quiz page: the start screen (mode, limits, window, earlier attempts),
 * the attempt being taken, and the results. The server decides whether an
 * attempt may start and scores it; this only shows what it says.
 */

interface QuizPanelProps {
  cohortId: string;
  itemId: string;
  view: QuizItemView;
  preview: boolean;
  timeZone: string;
  serverNow: Date;
  /** The lesson whose tutor can coach on this quiz (practice mode). */
  tutorLesson: { title: string; href: string } | null;
  /** The quiz instructions, rendered on the server. */
  instructions: ReactNode;
}

function Fact({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <li className="flex items-center gap-2 text-sm">
      <span aria-hidden="true" className="text-muted-foreground [&_svg]:size-4">
        {icon}
      </span>
      {children}
    </li>
  );
}

function attemptStatusText(a: AttemptSummary): string {
  switch (a.status) {
    case "in_progress":
      return "In progress";
    case "expired":
      return "Time ran out";
    case "grading":
      return a.resultsHidden ? "Handed in" : "Awaiting grading";
    case "graded":
      return a.resultsHidden ? "Handed in" : a.passed ? "Passed" : "Not passed";
  }
}

function QuizFacts({ view, timeZone }: { view: QuizItemView; timeZone: string }) {
  const attempts = view.attemptLimit === null ? "Unlimited attempts" : `${view.attemptsUsed} of ${plural(view.attemptLimit, "attempt")} used`;
  return (
    <ul className="grid gap-2 sm:grid-cols-2">
      <Fact icon={<InfoIcon />}>
        {plural(view.questionCount, "question")} · {formatPoints(view.maxScore)} points · pass mark {formatPoints(view.passPercent)}%
      </Fact>
      <Fact icon={<RotateCcwIcon />}>{attempts}</Fact>
      <Fact icon={<TimerIcon />}>{view.timeLimitMinutes ? `${plural(view.timeLimitMinutes, "minute")} per attempt` : "No time limit"}</Fact>
      {view.opensAt || view.closesAt ? (
        <Fact icon={<CalendarClockIcon />}>
          {view.opensAt ? `Opens ${formatWhen(view.opensAt, timeZone)}` : ""}
          {view.opensAt && view.closesAt ? " · " : ""}
          {view.closesAt ? `Closes ${formatWhen(view.closesAt, timeZone)}` : ""}
        </Fact>
      ) : null}
    </ul>
  );
}

function EarlierAttempts({ attempts, shownId, onShow, timeZone }: { attempts: AttemptSummary[]; shownId: string | null; onShow: (id: string) => void; timeZone: string }) {
  const done = attempts.filter((a) => a.status !== "in_progress");
  if (done.length === 0) return null;
  return (
    <section aria-labelledby="earlier-attempts" className="space-y-2">
      <h2 id="earlier-attempts" className="text-base font-semibold">
        Your attempts
      </h2>
      <ul className="divide-y rounded-xl border bg-card">
        {done.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm">
            <span className="font-medium">Attempt {a.number}</span>
            <span className="text-muted-foreground">{a.submittedAt ? formatWhen(a.submittedAt, timeZone) : formatWhen(a.startedAt, timeZone)}</span>
            <span className="flex-1">
              {a.score !== null && a.percent !== null ? (
                <Badge variant={a.passed ? "success" : "destructive"} className="tabular-nums">
                  {formatPoints(a.score)}/{formatPoints(a.maxScore)} · {a.percent}%
                </Badge>
              ) : (
                <Badge variant="outline">{attemptStatusText(a)}</Badge>
              )}
            </span>
            {a.status !== "expired" ? (
              <Button type="button" variant="ghost" size="sm" onClick={() => onShow(a.id)} aria-pressed={shownId === a.id} aria-label={`Show the results of attempt ${a.number}`}>
                {shownId === a.id ? "Shown below" : "Show"}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An earlier attempt picked from the list, loaded on demand. */
function ShownAttempt({ attemptId, latest, timeZone, actions }: { attemptId: string; latest: AttemptDTO | null; timeZone: string; actions: ReactNode }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.learning.attempt.queryOptions({ attemptId }), enabled: latest?.id !== attemptId });
  const attempt = latest?.id === attemptId ? latest : query.data;
  if (!attempt) {
    if (query.isError) {
      return (
        <Alert variant="destructive">
          <AlertDescription>{describeError(query.error)}</AlertDescription>
        </Alert>
      );
    }
    return <Skeleton className="h-40 w-full" />;
  }
  return <AttemptResults key={attempt.id} attempt={attempt} timeZone={timeZone} actions={actions} />;
}

export function QuizPanel({ cohortId, itemId, view, preview, timeZone, serverNow, tutorLesson, instructions }: QuizPanelProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [active, setActive] = useState<AttemptDTO | null>(view.inProgress);
  const [justSubmitted, setJustSubmitted] = useState<AttemptDTO | null>(null);
  const [shownId, setShownId] = useState<string | null>(view.latest?.id ?? null);
  const [previewing, setPreviewing] = useState(false);

  const start = useMutation(
    trpc.learning.startAttempt.mutationOptions({
      onSuccess: (attempt) => {
        setActive(attempt);
        router.refresh();
      },
      onError: (error) => {
        toastError("The attempt did not start", error);
        router.refresh();
      },
    }),
  );

  const latest = justSubmitted ?? view.latest;
  const practice = view.mode === "practice";

  if (active) {
    return (
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={practice ? "secondary" : "default"}>{practice ? "Practice" : "Exam"}</Badge>
          <p className="text-sm text-muted-foreground">
            Attempt {active.number}
            {view.attemptLimit !== null ? ` of ${view.attemptLimit}` : ""}
            {active.deadlineAt ? ` · hand in by ${formatWhen(active.deadlineAt, timeZone)}` : ""}
          </p>
        </div>
        {instructions ? <div className="rounded-xl border bg-card p-4 sm:p-5">{instructions}</div> : null}
        <AttemptForm
          attempt={active}
          questions={active.questions}
          cohortId={cohortId}
          itemId={itemId}
          serverNow={serverNow}
          onSubmitted={(result) => {
            setActive(null);
            setJustSubmitted(result);
            setShownId(result.id);
          }}
        />
      </div>
    );
  }

  const block = view.startBlock;
  const canStart = block === null && !preview;
  const retry = latest !== null;
  const startButton = canStart ? (
    <Button type="button" size="lg" onClick={() => start.mutate({ cohortId, itemId })} disabled={start.isPending}>
      {retry ? <RotateCcwIcon aria-hidden="true" /> : <PlayIcon aria-hidden="true" />}
      {start.isPending ? "Starting…" : retry ? "Try again" : `Start ${practice ? "quiz" : "exam"}`}
    </Button>
  ) : null;
  // After a practice attempt, "Try again" sits with its results rather than above them.
  const resultsHaveRetry = practice && startButton !== null && latest !== null && shownId === latest.id;
  const tutorHint =
    practice && tutorLesson && latest && !latest.resultsHidden ? (
      <p className="flex items-start gap-2 text-sm text-muted-foreground">
        <MessageCircleQuestionIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-primary" />
        <span>
          Stuck on a question?{" "}
          <Link href={tutorLesson.href} className="font-medium text-primary underline-offset-4 hover:underline">
            Ask the tutor on “{tutorLesson.title}”
          </Link>{" "}
          to explain the idea behind it (it will not give away answers).
        </span>
      </p>
    ) : null;

  return (
    <div className="space-y-6">
      <section aria-label="About this quiz" className="space-y-4 rounded-xl border bg-card p-4 sm:p-5">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={practice ? "secondary" : "default"}>{practice ? "Practice" : "Exam"}</Badge>
          <p className="text-sm text-muted-foreground">
            {practice ? "See your results at once and retry as often as you like." : "Results are released by your teacher after the exam."}
          </p>
        </div>
        <QuizFacts view={view} timeZone={timeZone} />
        {instructions}
        {block && block.reason !== "preview" ? (
          <Alert>
            <InfoIcon aria-hidden="true" />
            <AlertTitle>{block.reason === "limit_reached" ? "No attempts left" : block.reason === "not_open_yet" ? "Not open yet" : block.reason === "closed" ? "Closed" : "Not available"}</AlertTitle>
            <AlertDescription>{block.message}</AlertDescription>
          </Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-3 empty:hidden">
          {resultsHaveRetry ? null : startButton}
          {preview ? (
            <Button type="button" variant="outline" onClick={() => setPreviewing((v) => !v)} aria-expanded={previewing}>
              <EyeIcon aria-hidden="true" /> {previewing ? "Hide the questions" : "Preview the questions"}
            </Button>
          ) : null}
          {!preview && latest && view.attemptLimit === null && block === null ? <span className="text-sm text-muted-foreground">Your best score counts.</span> : null}
        </div>
      </section>

      {preview && previewing && view.previewQuestions ? (
        <AttemptForm attempt={null} questions={view.previewQuestions} cohortId={cohortId} itemId={itemId} serverNow={serverNow} onSubmitted={() => {}} />
      ) : null}

      {shownId ? (
        <ShownAttempt
          attemptId={shownId}
          latest={latest}
          timeZone={timeZone}
          actions={
            resultsHaveRetry ? (
              <>
                {startButton}
                {tutorHint}
              </>
            ) : shownId === latest?.id ? (
              tutorHint
            ) : null
          }
        />
      ) : null}

      {view.attempts.length > 1 || (view.attempts.length === 1 && shownId !== view.attempts[0]?.id) ? (
        <EarlierAttempts attempts={view.attempts} shownId={shownId} onShow={setShownId} timeZone={timeZone} />
      ) : null}

      {!preview && view.attempts.length === 0 && block === null ? (
        <p className="text-sm text-muted-foreground">You have not tried this {practice ? "quiz" : "exam"} yet. Start when you are ready{view.timeLimitMinutes ? ": the timer starts at once" : ""}.</p>
      ) : null}
    </div>
  );
}
