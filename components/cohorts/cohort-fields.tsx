"use client";

import { useId } from "react";
import { chipClasses } from "@/components/reminders/choice-chips";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ChoiceSelect } from "@/components/ui/choice-select";
import { NativeSelect } from "@/components/ui/select-native";
import { maxAtRiskDays, maxCohortNameLength } from "@/lib/schemas/cohorts";
import { dripAnchors, dripUnits, type DripAnchor, type DripUnit } from "@/lib/schemas/courses";
import { cn } from "@/lib/utils";
import { dripExample } from "./drip-text";
import { dripOf, type CohortFormValues } from "./form-values";

/** The form's field names, for telling field errors from form errors. */
export const cohortFieldNames = ["name", "startDate", "timeZone", "drip", "drip.every", "drip.unit", "drip.anchor", "atRiskAfterDays"] as const;

const chosenClasses = "border-primary bg-primary text-primary-foreground hover:bg-primary/90 hover:text-primary-foreground";

/** One choice of several as radio buttons drawn as pills (arrow keys move between them). */
function RadioChips<T extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  disabled,
}: {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (next: T) => void;
  disabled?: boolean;
}) {
  return (
    <fieldset className="grid gap-2" disabled={disabled}>
      <legend className="mb-2 text-sm leading-none font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              chipClasses,
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
              "has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60",
              value === option.value && chosenClasses,
            )}
          >
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} className="sr-only" />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const releaseOptions = [
  { value: "off", label: "All at once" },
  { value: "on", label: "One item at a time (drip)" },
] as const;

const unitLabels: Record<DripUnit, string> = { day: "days", week: "weeks" };
const anchorOptions = dripAnchors.map((value) => ({
  value,
  label: value === "cohort_start" ? "The cohort's start date" : "Each learner's join date",
})) satisfies { value: DripAnchor; label: string }[];

/** Errors under `field` and its sub-fields ("drip.every" belongs to "drip"). */
function errorsFor(errors: Record<string, string[]>, field: string): string[] {
  return Object.entries(errors)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);
}

/**
 * Name, start date, time zone, drip release and the at-risk threshold of a
 * cohort, with the drip explained by an example using the chosen dates.
 */
export function CohortFields({
  values,
  onChange,
  errors,
  timeZones,
  disabled = false,
}: {
  values: CohortFormValues;
  onChange: (next: CohortFormValues) => void;
  errors: Record<string, string[]>;
  timeZones: readonly string[];
  disabled?: boolean;
}) {
  const exampleId = useId();
  const zones = timeZones.includes(values.timeZone) ? timeZones : [values.timeZone, ...timeZones];
  const drip = dripOf(values);
  const example = drip && !Number.isInteger(drip.every) ? null : dripExample(drip, values.startDate, values.timeZone);

  function set<K extends keyof CohortFormValues>(key: K, value: CohortFormValues[K]) {
    onChange({ ...values, [key]: value });
  }

  return (
    <div className="grid gap-4">
      <FormField
        label="Name"
        name="name"
        required
        disabled={disabled}
        maxLength={maxCohortNameLength}
        value={values.name}
        onChange={(e) => set("name", e.target.value)}
        placeholder="Spring 2026"
        description="Learners see it on their course page, so a season or a group name works well."
        error={errorsFor(errors, "name")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Start date"
          name="startDate"
          type="date"
          required
          disabled={disabled}
          value={values.startDate}
          onChange={(e) => set("startDate", e.target.value)}
          error={errorsFor(errors, "startDate")}
        />
        <FormField label="Time zone" name="timeZone" required error={errorsFor(errors, "timeZone")} description="Items open at midnight here.">
          <NativeSelect value={values.timeZone} disabled={disabled} onChange={(e) => set("timeZone", e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>

      <div className="grid gap-4 rounded-lg border p-3 sm:p-4">
        <RadioChips
          legend="How items open"
          name="release"
          options={releaseOptions}
          value={values.dripOn ? "on" : "off"}
          onChange={(next) => set("dripOn", next === "on")}
          disabled={disabled}
        />
        {values.dripOn ? (
          <>
            <fieldset className="grid gap-2" disabled={disabled} aria-describedby={exampleId}>
              <legend className="mb-2 text-sm leading-none font-medium">A new item opens every</legend>
              <div className="flex flex-wrap items-center gap-2">
                <Input
                  aria-label="Number of days or weeks"
                  name="drip.every"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={52}
                  step={1}
                  value={values.every}
                  onChange={(e) => set("every", e.target.value)}
                  aria-invalid={errorsFor(errors, "drip.every").length > 0 ? true : undefined}
                  className="w-20"
                />
                <ChoiceSelect
                  aria-label="Days or weeks"
                  name="drip.unit"
                  value={values.unit}
                  choices={dripUnits}
                  labelOf={(u) => unitLabels[u]}
                  onValueChange={(u) => set("unit", u)}
                  wrapperClassName="w-32"
                />
              </div>
              {errorsFor(errors, "drip").length > 0 ? (
                <div className="grid gap-1 text-sm font-medium text-destructive">
                  {errorsFor(errors, "drip").map((m) => (
                    <p key={m}>{m}</p>
                  ))}
                </div>
              ) : null}
            </fieldset>
            <RadioChips legend="Counting from" name="anchor" options={anchorOptions} value={values.anchor} onChange={(next) => set("anchor", next)} disabled={disabled} />
          </>
        ) : null}
        <p id={exampleId} className="text-sm text-muted-foreground" aria-live="polite" data-testid="drip-example">
          {example ?? "Choose a start date to see when items open."}
          {values.dripOn ? " Items follow the course order; an item with its own unlock day in the course editor keeps it." : null}
        </p>
      </div>

      <FormField
        label="At risk after (days without activity)"
        name="atRiskAfterDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={maxAtRiskDays}
        step={1}
        required
        disabled={disabled}
        value={values.atRiskAfterDays}
        onChange={(e) => set("atRiskAfterDays", e.target.value)}
        description="Learners who do nothing in the cohort for this long show as at risk on the dashboard."
        error={errorsFor(errors, "atRiskAfterDays")}
      />
    </div>
  );
}
