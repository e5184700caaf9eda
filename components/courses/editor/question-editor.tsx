"use client";

import { ArrowDownIcon, ArrowUpIcon, PlusIcon, Trash2Icon, XIcon } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ChoiceSelect } from "@/components/ui/choice-select";
import { Textarea } from "@/components/ui/textarea";
import {
  codeLanguageLabels,
  codeLanguages,
  maxChoices,
  maxRubricCriteria,
  type CodeQuestion,
  type MultipleChoiceQuestion,
  type Question,
  type ShortAnswerQuestion,
  type SingleChoiceQuestion,
  type SubjectiveQuestion,
} from "@/lib/schemas/courses";
import { cn } from "@/lib/utils";
import { freeId, nextChoiceId, questionKindLabels } from "./item-form-values";
import { NumberField, OptionalNumberField } from "./number-field";
import type { FieldErrorMap } from "@/components/admin/mutation-feedback";

/** Messages for `key` and everything below it ("choices" also gets "choices.2.text"). */
export function errorsUnder(errors: FieldErrorMap, key: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === key || k.startsWith(`${key}.`))
    .flatMap(([, messages]) => messages);
}

function InlineErrors({ messages, id }: { messages: readonly string[]; id?: string }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} className="grid gap-1 text-sm font-medium text-destructive">
      {[...new Set(messages)].map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

interface PartProps<Q extends Question> {
  question: Q;
  onChange: (question: Q) => void;
  /** "content.questions.3" */
  path: string;
  errors: FieldErrorMap;
  disabled: boolean;
}

function ChoicesEditor({ question, onChange, path, errors, disabled }: PartProps<SingleChoiceQuestion | MultipleChoiceQuestion>) {
  const groupId = useId();
  const multiple = question.kind === "multiple_choice";
  const correct = new Set(question.answerKey.correctChoiceIds);
  const keyErrors = errorsUnder(errors, `${path}.answerKey`);
  const listErrors = errors[`${path}.choices`] ?? [];

  function setCorrect(choiceId: string, on: boolean) {
    const next = multiple ? (on ? [...correct, choiceId] : [...correct].filter((id) => id !== choiceId)) : [choiceId];
    onChange({ ...question, answerKey: { correctChoiceIds: question.choices.map((c) => c.id).filter((id) => next.includes(id)) } });
  }

  return (
    <fieldset className="grid gap-2" aria-describedby={keyErrors.length + listErrors.length > 0 ? `${groupId}-errors` : undefined}>
      <legend className="mb-1 text-sm font-medium">
        Choices <span className="font-normal text-muted-foreground">— mark {multiple ? "every correct one" : "the correct one"}</span>
      </legend>
      <ol className="grid gap-2">
        {question.choices.map((choice, i) => {
          const textErrors = errorsUnder(errors, `${path}.choices.${i}`);
          return (
            <li key={choice.id} className="grid gap-1">
              <div className="flex items-center gap-2">
                <input
                  type={multiple ? "checkbox" : "radio"}
                  name={`${groupId}-correct`}
                  checked={correct.has(choice.id)}
                  disabled={disabled}
                  onChange={(e) => setCorrect(choice.id, e.target.checked)}
                  aria-label={`Choice ${i + 1} is correct`}
                  className="size-4 shrink-0 accent-primary"
                />
                <Input
                  value={choice.text}
                  disabled={disabled}
                  maxLength={500}
                  onChange={(e) => onChange({ ...question, choices: question.choices.map((c) => (c.id === choice.id ? { ...c, text: e.target.value } : c)) })}
                  aria-label={`Choice ${i + 1}`}
                  aria-invalid={textErrors.length > 0 ? true : undefined}
                  placeholder={`Choice ${i + 1}`}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-8 shrink-0"
                  disabled={disabled || question.choices.length <= 2}
                  aria-label={`Remove choice ${i + 1}`}
                  onClick={() =>
                    onChange({
                      ...question,
                      choices: question.choices.filter((c) => c.id !== choice.id),
                      answerKey: { correctChoiceIds: question.answerKey.correctChoiceIds.filter((id) => id !== choice.id) },
                    })
                  }
                >
                  <XIcon aria-hidden="true" />
                </Button>
              </div>
              <InlineErrors messages={textErrors} />
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={disabled || question.choices.length >= maxChoices}
          onClick={() => onChange({ ...question, choices: [...question.choices, { id: nextChoiceId(question.choices.map((c) => c.id)), text: "" }] })}
        >
          <PlusIcon aria-hidden="true" />
          Add choice
        </Button>
        {question.kind === "multiple_choice" ? (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={question.partialCredit}
              disabled={disabled}
              onChange={(e) => onChange({ ...question, partialCredit: e.target.checked })}
            />
            Partial credit (right picks minus wrong ones)
          </label>
        ) : null}
      </div>
      <InlineErrors id={`${groupId}-errors`} messages={[...listErrors, ...keyErrors]} />
    </fieldset>
  );
}

function ShortAnswerEditor({ question, onChange, path, errors, disabled }: PartProps<ShortAnswerQuestion>) {
  const tolerance = question.options.numericTolerance;
  return (
    <div className="grid gap-4">
      <FormField
        label="Accepted answers"
        name={`${path}.answerKey.acceptedAnswers`}
        required
        description="One per line. Checked on the server against what the learner types, ignoring extra spaces and punctuation; learners never see these."
        error={errorsUnder(errors, `${path}.answerKey`)}
      >
        <Textarea
          rows={3}
          disabled={disabled}
          value={question.answerKey.acceptedAnswers.join("\n")}
          onChange={(e) => onChange({ ...question, answerKey: { acceptedAnswers: e.target.value.split("\n") } })}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="flex items-center gap-2 self-end text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            disabled={disabled}
            checked={question.options.caseSensitive}
            onChange={(e) => onChange({ ...question, options: { ...question.options, caseSensitive: e.target.checked } })}
          />
          Case matters (“Paris” ≠ “paris”)
        </label>
        <OptionalNumberField
          label="Numeric tolerance"
          name={`${path}.options.numericTolerance`}
          min={0}
          step="any"
          disabled={disabled}
          description="For number answers: right when this close to an accepted one (0 = exactly). Empty: compared as text."
          value={tolerance}
          onValueChange={(numericTolerance) => onChange({ ...question, options: { ...question.options, numericTolerance } })}
          error={errorsUnder(errors, `${path}.options`)}
        />
      </div>
    </div>
  );
}

function RubricEditor({ question, onChange, path, errors, disabled }: PartProps<SubjectiveQuestion>) {
  const criteria = question.rubric.criteria;
  const setCriteria = (next: SubjectiveQuestion["rubric"]["criteria"]) => onChange({ ...question, rubric: { criteria: next } });
  const patch = (index: number, change: Partial<SubjectiveQuestion["rubric"]["criteria"][number]>) =>
    setCriteria(criteria.map((c, i) => (i === index ? { ...c, ...change } : c)));
  return (
    <div className="grid gap-4">
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-medium">
          Rubric <span className="font-normal text-muted-foreground">— the AI grader scores each criterion; an answer passes when every criterion reaches its pass mark</span>
        </legend>
        {criteria.map((criterion, i) => {
          const at = `${path}.rubric.criteria.${i}`;
          return (
            <div key={criterion.id} className="grid gap-3 rounded-md border p-3" role="group" aria-label={`Criterion ${i + 1}`}>
              <div className="flex items-start gap-2">
                <FormField
                  className="flex-1"
                  label={`Criterion ${i + 1}`}
                  name={`${at}.title`}
                  required
                  disabled={disabled}
                  maxLength={120}
                  value={criterion.title}
                  placeholder="Evidence"
                  onChange={(e) => patch(i, { title: e.target.value })}
                  error={errors[`${at}.title`]}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="mt-6 size-8 shrink-0"
                  disabled={disabled || criteria.length <= 1}
                  aria-label={`Remove criterion ${i + 1}`}
                  onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
                >
                  <XIcon aria-hidden="true" />
                </Button>
              </div>
              <FormField label="What it rewards" name={`${at}.description`} required error={errors[`${at}.description`]}>
                <Textarea rows={2} disabled={disabled} maxLength={2000} value={criterion.description} onChange={(e) => patch(i, { description: e.target.value })} placeholder="Backs each claim with an example from the text." />
              </FormField>
              <div className="grid grid-cols-3 gap-2">
                {(["min", "max", "pass"] as const).map((field) => (
                  <NumberField
                    key={field}
                    label={field === "min" ? "Lowest" : field === "max" ? "Highest" : "Pass mark"}
                    name={`${at}.${field}`}
                    step={field === "pass" ? "any" : 1}
                    disabled={disabled}
                    value={criterion[field]}
                    onValueChange={(v) => patch(i, { [field]: v })}
                    error={errors[`${at}.${field}`]}
                  />
                ))}
              </div>
            </div>
          );
        })}
        <InlineErrors messages={[...(errors[`${path}.rubric.criteria`] ?? []), ...(errors[`${path}.rubric`] ?? [])]} />
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={disabled || criteria.length >= maxRubricCriteria}
            onClick={() => setCriteria([...criteria, { id: freeId("c", criteria.map((c) => c.id)), title: "", description: "", min: 0, max: 4, pass: 2 }])}
          >
            <PlusIcon aria-hidden="true" />
            Add criterion
          </Button>
        </div>
      </fieldset>
      <FormField
        label="Notes for the grader"
        name={`${path}.graderNotes`}
        description="Optional: what a good answer contains. The AI grader and reviewers read it; learners never do."
        error={errors[`${path}.graderNotes`]}
      >
        <Textarea rows={3} disabled={disabled} maxLength={5000} value={question.graderNotes ?? ""} onChange={(e) => onChange({ ...question, graderNotes: e.target.value })} />
      </FormField>
    </div>
  );
}

function CodeEditor({ question, onChange, path, errors, disabled }: PartProps<CodeQuestion>) {
  return (
    <div className="grid gap-4">
      <FormField label="Language" name={`${path}.language`} required error={errors[`${path}.language`]}>
        <ChoiceSelect disabled={disabled} value={question.language} choices={codeLanguages} labelOf={(l) => codeLanguageLabels[l]} onValueChange={(language) => onChange({ ...question, language })} />
      </FormField>
      <FormField label="Starter code" name={`${path}.starterCode`} description="What the learner's editor starts with." error={errors[`${path}.starterCode`]}>
        <Textarea rows={5} spellCheck={false} disabled={disabled} className="font-mono text-sm" value={question.starterCode} onChange={(e) => onChange({ ...question, starterCode: e.target.value })} />
      </FormField>
      <FormField
        label="Reference tests"
        name={`${path}.referenceTests`}
        description="Optional: how reviewers check the answer. Learners never see them."
        error={errors[`${path}.referenceTests`]}
      >
        <Textarea
          rows={5}
          spellCheck={false}
          disabled={disabled}
          className="font-mono text-sm"
          value={question.referenceTests ?? ""}
          onChange={(e) => onChange({ ...question, referenceTests: e.target.value })}
        />
      </FormField>
    </div>
  );
}

/** One question of a quiz: prompt, points and the parts of its kind, with move and remove. */
export function QuestionEditor({
  question,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  errors,
  disabled,
}: {
  question: Question;
  index: number;
  count: number;
  onChange: (question: Question) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
  errors: FieldErrorMap;
  disabled: boolean;
}) {
  const path = `content.questions.${index}`;
  const invalid = errorsUnder(errors, path).length > 0;
  const part = { path, errors, disabled };
  return (
    <li className={cn("grid gap-4 rounded-lg border bg-card p-4", invalid && "border-destructive")} aria-label={`Question ${index + 1}`} data-testid="question-editor">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">
          Question {index + 1} <span className="font-normal text-muted-foreground">· {questionKindLabels[question.kind]}</span>
        </h3>
        <div className="flex gap-1">
          <Button type="button" variant="ghost" size="icon" className="size-8" disabled={disabled || index === 0} aria-label={`Move question ${index + 1} up`} onClick={() => onMove(-1)}>
            <ArrowUpIcon aria-hidden="true" />
          </Button>
          <Button type="button" variant="ghost" size="icon" className="size-8" disabled={disabled || index === count - 1} aria-label={`Move question ${index + 1} down`} onClick={() => onMove(1)}>
            <ArrowDownIcon aria-hidden="true" />
          </Button>
          <Button type="button" variant="ghost" size="icon" className="size-8 text-destructive hover:text-destructive" disabled={disabled} aria-label={`Remove question ${index + 1}`} onClick={onRemove}>
            <Trash2Icon aria-hidden="true" />
          </Button>
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
        <FormField label="Question" name={`${path}.prompt`} required error={errors[`${path}.prompt`]}>
          <Textarea rows={2} disabled={disabled} maxLength={5000} value={question.prompt} onChange={(e) => onChange({ ...question, prompt: e.target.value })} />
        </FormField>
        <NumberField
          label="Points"
          name={`${path}.points`}
          min={1}
          max={100}
          step={1}
          required
          disabled={disabled}
          value={question.points}
          onValueChange={(points) => onChange({ ...question, points })}
          error={errors[`${path}.points`]}
        />
      </div>
      {question.kind === "single_choice" || question.kind === "multiple_choice" ? (
        <ChoicesEditor question={question} onChange={onChange} {...part} />
      ) : question.kind === "short_answer" ? (
        <ShortAnswerEditor question={question} onChange={onChange} {...part} />
      ) : question.kind === "subjective" ? (
        <RubricEditor question={question} onChange={onChange} {...part} />
      ) : (
        <CodeEditor question={question} onChange={onChange} {...part} />
      )}
      <InlineErrors messages={[...(errors[path] ?? []), ...(errors[`${path}.id`] ?? []), ...(errors[`${path}.kind`] ?? [])]} />
    </li>
  );
}
