"use client";

import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { LearnerQuestion } from "@/lib/courses/questions";
import { maxShortAnswerLength, maxSubjectiveAnswerLength, type Answer } from "@/lib/schemas/courses";
import { cn } from "@/lib/utils";
import { CodeField } from "./code-field";
import { formatPoints } from "../format";

/** One question of an attempt with the control its kind needs; the answer lives in the parent form. */

const kindHints: Record<LearnerQuestion["kind"], string> = {
  single_choice: "Choose one answer.",
  multiple_choice: "Choose every answer that applies.",
  short_answer: "Type a short answer.",
  subjective: "Write your answer in your own words.",
  code: "Write your code.",
};

/** A radio or checkbox answer as a bordered row, highlighted while chosen. */
function choiceClass(disabled: boolean): string {
  return cn("flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm transition-colors hover:bg-accent has-[:checked]:border-primary has-[:checked]:bg-primary/5", disabled && "cursor-default");
}

export function QuestionField({
  number,
  question,
  answer,
  onAnswer,
  disabled,
  draft,
}: {
  number: number;
  question: LearnerQuestion;
  answer: Answer | undefined;
  onAnswer: (answer: Answer) => void;
  disabled: boolean;
  draft: { cohortId: string; itemId: string } | null;
}) {
  const id = useId();
  const promptId = `${id}-prompt`;
  const hintId = `${id}-hint`;

  let control: React.ReactNode;
  switch (question.kind) {
    case "single_choice": {
      const chosen = answer?.kind === "single_choice" ? answer.choiceId : "";
      control = (
        <div role="radiogroup" aria-labelledby={promptId} aria-describedby={hintId} className="grid gap-2">
          {question.choices.map((c) => (
            <label key={c.id} className={choiceClass(disabled)}>
              <input
                type="radio"
                name={`${id}-choice`}
                value={c.id}
                checked={chosen === c.id}
                disabled={disabled}
                onChange={() => onAnswer({ kind: "single_choice", choiceId: c.id })}
                className="mt-0.5 size-4 accent-primary"
              />
              <span className="break-words whitespace-pre-wrap">{c.text}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case "multiple_choice": {
      const chosen = new Set(answer?.kind === "multiple_choice" ? answer.choiceIds : []);
      control = (
        <div role="group" aria-labelledby={promptId} aria-describedby={hintId} className="grid gap-2">
          {question.choices.map((c) => (
            <label key={c.id} className={choiceClass(disabled)}>
              <input
                type="checkbox"
                value={c.id}
                checked={chosen.has(c.id)}
                disabled={disabled}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(c.id);
                  else next.delete(c.id);
                  onAnswer({ kind: "multiple_choice", choiceIds: question.choices.map((x) => x.id).filter((x) => next.has(x)) });
                }}
                className="mt-0.5 size-4 accent-primary"
              />
              <span className="break-words whitespace-pre-wrap">{c.text}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case "short_answer":
      control = (
        <Input
          aria-labelledby={promptId}
          aria-describedby={hintId}
          value={answer?.kind === "short_answer" ? answer.text : ""}
          maxLength={maxShortAnswerLength}
          disabled={disabled}
          autoComplete="off"
          onChange={(e) => onAnswer({ kind: "short_answer", text: e.target.value })}
          className="max-w-md"
        />
      );
      break;
    case "subjective": {
      const text = answer?.kind === "subjective" ? answer.text : "";
      control = (
        <div className="space-y-1">
          <Textarea
            aria-labelledby={promptId}
            aria-describedby={hintId}
            value={text}
            rows={6}
            maxLength={maxSubjectiveAnswerLength}
            disabled={disabled}
            onChange={(e) => onAnswer({ kind: "subjective", text: e.target.value })}
          />
          <p className="text-right text-xs text-muted-foreground tabular-nums">
            {text.length.toLocaleString("en")} / {maxSubjectiveAnswerLength.toLocaleString("en")}
          </p>
        </div>
      );
      break;
    }
    case "code":
      control = (
        <CodeField
          id={`${id}-code`}
          language={question.language}
          describedBy={`${promptId} ${hintId}`}
          value={answer?.kind === "code" ? answer.code : question.starterCode}
          onChange={(code) => onAnswer({ kind: "code", code })}
          draft={draft && !disabled ? { ...draft, questionId: question.id } : null}
        />
      );
      break;
  }

  return (
    <fieldset className="space-y-3 rounded-xl border bg-card p-4 sm:p-5" data-testid="question">
      <legend className="sr-only">Question {number}</legend>
      <div className="flex items-start justify-between gap-3">
        <p id={promptId} className="font-medium break-words whitespace-pre-wrap">
          <span className="mr-2 text-muted-foreground tabular-nums">{number}.</span>
          {question.prompt}
        </p>
        <Badge variant="outline" className="tabular-nums">
          {formatPoints(question.points)} {question.points === 1 ? "pt" : "pts"}
        </Badge>
      </div>
      <p id={hintId} className="text-xs text-muted-foreground">
        {kindHints[question.kind]}
      </p>
      {question.kind === "subjective" ? (
        <details className="rounded-md bg-muted/50 px-3 py-2 text-sm">
          <summary className="cursor-pointer font-medium">How this is graded</summary>
          <ul className="mt-2 space-y-1.5">
            {question.rubric.criteria.map((c) => (
              <li key={c.id}>
                <span className="font-medium">{c.title}</span> ({c.min}–{c.max}, pass {c.pass}): <span className="text-muted-foreground">{c.description}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {control}
    </fieldset>
  );
}
