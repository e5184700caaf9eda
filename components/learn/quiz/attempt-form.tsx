"use client";

import { useMutation } from "@tanstack/react-query";
import { SendIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { describeError, toastError } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { LearnerQuestion } from "@/lib/courses/questions";
import type { Answer } from "@/lib/schemas/courses";
import type { AttemptDTO } from "@/server/services/courses/learning";
import { clearLocalAnswers, initialAnswers, isAnswered, listNumbers, loadLocalAnswers, saveLocalAnswers, submission, type DraftAnswers } from "./answers";
import { Countdown } from "./countdown";
import { QuestionField } from "./question-field";

/**
 * Taking an attempt: every question on one page, a countdown when there is a
 * deadline (handing in by itself when time is up), and a confirmation that
 * lists unanswered questions. In preview the same form shows with handing in
 * switched off.
 */
export function AttemptForm({
  attempt,
  questions,
  cohortId,
  itemId,
  serverNow,
  onSubmitted,
}: {
  /** Null in preview. */
  attempt: AttemptDTO | null;
  questions: LearnerQuestion[];
  cohortId: string;
  itemId: string;
  serverNow: Date;
  onSubmitted: (result: AttemptDTO) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const preview = attempt === null;
  const [answers, setAnswers] = useState<DraftAnswers>(() => initialAnswers(questions, attempt?.codeDrafts ?? {}, {}));
  const [confirming, setConfirming] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [timeUp, setTimeUp] = useState(false);

  // Restored after hydration: the server cannot see this browser's storage.
  useEffect(() => {
    if (!attempt) return;
    const saved = loadLocalAnswers(attempt.id);
    // Storage is only readable after hydration, so this cannot be the initial state.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (Object.keys(saved).length > 0) setAnswers((current) => ({ ...initialAnswers(questions, attempt.codeDrafts, saved), ...pickCode(current) }));
  }, [attempt, questions]);

  const mutation = useMutation(
    trpc.learning.submitAttempt.mutationOptions({
      onSuccess: (result) => {
        if (attempt) clearLocalAnswers(attempt.id);
        setConfirming(false);
        onSubmitted(result);
        router.refresh();
      },
      onError: (error) => {
        setFormError(describeError(error));
        toastError("Your answers were not handed in", error);
        router.refresh();
      },
    }),
  );
  const { mutate } = mutation;

  const setAnswer = (questionId: string, answer: Answer) => {
    setAnswers((current) => {
      const next = { ...current, [questionId]: answer };
      if (attempt) saveLocalAnswers(attempt.id, next);
      return next;
    });
  };

  const handIn = useCallback(() => {
    if (!attempt) return;
    setFormError(null);
    mutate({ attemptId: attempt.id, answers: submission(questions, answers) });
  }, [attempt, mutate, questions, answers]);

  const onExpire = useCallback(() => {
    setTimeUp(true);
    handIn();
  }, [handIn]);

  const unanswered = questions.flatMap((q, i) => (isAnswered(q, answers[q.id]) ? [] : [i + 1]));
  const answeredCount = questions.length - unanswered.length;

  return (
    // Not a <form>: Enter in a short answer must not hand the attempt in, and the confirmation dialog brings its own form.
    <div className="space-y-4" role="group" aria-label="Quiz answers">
      <div className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center justify-between gap-3 bg-background/95 px-1 py-2 backdrop-blur">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {answeredCount} of {questions.length} answered
        </p>
        {attempt?.deadlineAt ? <Countdown deadlineAt={attempt.deadlineAt} serverNow={serverNow} onExpire={onExpire} /> : null}
      </div>

      {timeUp ? (
        <Alert variant="destructive">
          <AlertDescription>Time is up. Your answers are being handed in.</AlertDescription>
        </Alert>
      ) : null}

      {questions.map((q, i) => (
        <QuestionField
          key={q.id}
          number={i + 1}
          question={q}
          answer={answers[q.id]}
          onAnswer={(a) => setAnswer(q.id, a)}
          disabled={mutation.isPending || timeUp}
          draft={preview ? null : { cohortId, itemId }}
        />
      ))}

      <FormErrorAlert message={formError} />

      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" size="lg" disabled={preview || mutation.isPending || timeUp} onClick={() => setConfirming(true)}>
          <SendIcon aria-hidden="true" /> {mutation.isPending ? "Handing in…" : "Hand in answers"}
        </Button>
        {preview ? <p className="text-sm text-muted-foreground">Handing in is off while previewing.</p> : null}
      </div>

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Hand in your answers?"
        description={
          unanswered.length === 0
            ? "Every question has an answer. You cannot change them after handing in."
            : `${unanswered.length === 1 ? "Question" : "Questions"} ${listNumbers(unanswered)} ${unanswered.length === 1 ? "has" : "have"} no answer yet and will score 0. You cannot change your answers after handing in.`
        }
        confirmLabel="Hand in"
        pendingLabel="Handing in…"
        pending={mutation.isPending}
        formError={formError}
        onConfirm={handIn}
      />
    </div>
  );
}

function pickCode(answers: DraftAnswers): DraftAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([, a]) => a.kind === "code"));
}
