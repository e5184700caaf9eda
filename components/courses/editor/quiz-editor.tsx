"use client";

import { PlusIcon } from "lucide-react";
import { useId, useState } from "react";
import type { FieldErrorMap } from "@/components/admin/mutation-feedback";
import { MarkdownEditor } from "@/components/courses/markdown-editor";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { ChoiceSelect } from "@/components/ui/choice-select";
import { maxQuestionsPerQuiz, quizModes, type QuizContent, type QuizMode } from "@/lib/schemas/course-content";
import { questionKinds, type QuestionKind } from "@/lib/schemas/courses";
import { fromLocalInput, moveEntry, newQuestion, questionKindLabels, toLocalInput } from "./item-form-values";
import { NumberField, OptionalNumberField } from "./number-field";
import { QuestionEditor } from "./question-editor";

const modeHelp: Record<QuizMode, string> = {
  practice: "Learners see feedback at once, may retry, and can ask the AI coach.",
  exam: "Attempts and the time window are enforced; scores and feedback stay hidden until you release them from the review queue.",
};

/** A quiz: its mode and limits, instructions, and questions of every kind. */
export function QuizEditor({
  content,
  onChange,
  errors,
  disabled,
  timeZone,
}: {
  content: QuizContent;
  onChange: (content: QuizContent) => void;
  errors: FieldErrorMap;
  disabled: boolean;
  timeZone: string;
}) {
  const ids = { instructions: useId(), addKind: useId() };
  const [addKind, setAddKind] = useState<QuestionKind>("single_choice");
  const set = <K extends keyof QuizContent>(key: K, value: QuizContent[K]) => onChange({ ...content, [key]: value });
  const error = (key: string) => errors[`content.${key}`];

  return (
    <div className="grid gap-6">
      <section aria-labelledby="quiz-settings" className="grid gap-4 rounded-lg border p-4">
        <h2 id="quiz-settings" className="text-base font-semibold">
          Settings
        </h2>
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Mode</legend>
          <div className="flex flex-wrap gap-4">
            {quizModes.map((mode) => (
              <label key={mode} className="flex items-center gap-2 text-sm">
                <input type="radio" name="quiz-mode" value={mode} className="size-4 accent-primary" disabled={disabled} checked={content.mode === mode} onChange={() => set("mode", mode)} />
                {mode === "practice" ? "Practice" : "Exam"}
              </label>
            ))}
          </div>
          <p className="text-sm text-muted-foreground">{modeHelp[content.mode]}</p>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-3">
          <OptionalNumberField
            label="Attempts allowed"
            name="content.attemptLimit"
            min={1}
            max={100}
            step={1}
            disabled={disabled}
            placeholder="Unlimited"
            description="Empty: unlimited."
            value={content.attemptLimit}
            onValueChange={(v) => set("attemptLimit", v)}
            error={error("attemptLimit")}
          />
          <OptionalNumberField
            label="Time limit (minutes)"
            name="content.timeLimitMinutes"
            min={1}
            max={1440}
            step={1}
            disabled={disabled}
            placeholder="None"
            description="Per attempt; empty: none."
            value={content.timeLimitMinutes}
            onValueChange={(v) => set("timeLimitMinutes", v)}
            error={error("timeLimitMinutes")}
          />
          <NumberField
            label="Pass mark (%)"
            name="content.passPercent"
            min={0}
            max={100}
            step="any"
            required
            disabled={disabled}
            value={content.passPercent}
            onValueChange={(v) => set("passPercent", v)}
            error={error("passPercent")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            label="Opens"
            name="content.opensAt"
            type="datetime-local"
            disabled={disabled}
            description={`Optional: attempts start from then (${timeZone.replaceAll("_", " ")} time).`}
            value={toLocalInput(content.opensAt, timeZone)}
            onChange={(e) => set("opensAt", fromLocalInput(e.target.value, timeZone))}
            error={error("opensAt")}
          />
          <FormField
            label="Closes"
            name="content.closesAt"
            type="datetime-local"
            disabled={disabled}
            description="Optional: no attempt starts after then."
            value={toLocalInput(content.closesAt, timeZone)}
            onChange={(e) => set("closesAt", fromLocalInput(e.target.value, timeZone))}
            error={error("closesAt")}
          />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={ids.instructions}>Instructions</Label>
          <MarkdownEditor id={ids.instructions} rows={6} value={content.instructions} onChange={(v) => set("instructions", v)} disabled={disabled} placeholder="Optional: shown above the questions." aria-invalid={!!error("instructions")} />
          {error("instructions") ? <p className="text-sm font-medium text-destructive">{error("instructions")?.join(" ")}</p> : null}
        </div>
      </section>

      <section aria-labelledby="quiz-questions" className="grid gap-4">
        <h2 id="quiz-questions" className="text-base font-semibold">
          Questions ({content.questions.length})
        </h2>
        {content.questions.length === 0 ? (
          <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
            No questions yet. Choose a type below and add one; a quiz needs at least one question before you can publish it.
          </p>
        ) : (
          <ol className="grid gap-4">
            {content.questions.map((question, index) => (
              <QuestionEditor
                key={question.id}
                question={question}
                index={index}
                count={content.questions.length}
                errors={errors}
                disabled={disabled}
                onChange={(next) => set("questions", content.questions.map((q, i) => (i === index ? next : q)))}
                onMove={(direction) => set("questions", moveEntry(content.questions, index, direction))}
                onRemove={() => set("questions", content.questions.filter((_, i) => i !== index))}
              />
            ))}
          </ol>
        )}
        {errors["content.questions"] ? <p className="text-sm font-medium text-destructive">{errors["content.questions"].join(" ")}</p> : null}
        <div className="flex flex-wrap items-end gap-2 rounded-md bg-muted/40 p-3">
          <div className="grid gap-1.5">
            <Label htmlFor={ids.addKind}>Question type</Label>
            <ChoiceSelect id={ids.addKind} value={addKind} choices={questionKinds} labelOf={(k) => questionKindLabels[k]} onValueChange={setAddKind} />
          </div>
          <Button
            type="button"
            variant="outline"
            disabled={disabled || content.questions.length >= maxQuestionsPerQuiz}
            onClick={() => set("questions", [...content.questions, newQuestion(addKind, content.questions.map((q) => q.id))])}
          >
            <PlusIcon aria-hidden="true" />
            Add question
          </Button>
        </div>
      </section>
    </div>
  );
}
