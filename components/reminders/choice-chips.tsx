"use client";

import { useId } from "react";
import { cn } from "@/lib/utils";

/** Classes shared by chip checkboxes and toggle buttons: a pill, filled when chosen. */
export const chipClasses = cn(
  "inline-flex h-9 min-w-11 cursor-pointer items-center justify-center rounded-full border px-3 text-sm font-medium select-none",
  "border-input bg-background transition-colors hover:bg-accent hover:text-accent-foreground",
);
const chosenClasses = "border-primary bg-primary text-primary-foreground hover:bg-primary/90 hover:text-primary-foreground";

function messagesOf(error: string | readonly string[] | null | undefined): string[] {
  return (typeof error === "string" ? [error] : (error ?? [])).filter((m) => m.trim().length > 0);
}

function GroupError({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} className="grid gap-1 text-sm font-medium text-destructive">
      {messages.map((m, i) => (
        <p key={i}>{m}</p>
      ))}
    </div>
  );
}

/**
 * Several choices as checkbox chips in a fieldset: real checkboxes (Tab to
 * reach, Space to toggle, announced with the legend), drawn as pills.
 */
export function CheckboxChips<T extends string | number>({
  legend,
  description,
  name,
  options,
  value,
  onChange,
  error,
}: {
  legend: string;
  description?: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  error?: string | readonly string[] | null;
}) {
  const id = useId();
  const messages = messagesOf(error);
  const describedBy = [description ? `${id}-description` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="grid gap-2" aria-describedby={describedBy} data-invalid={messages.length ? "true" : undefined}>
      <legend className="mb-2 text-sm leading-none font-medium">{legend}</legend>
      {description ? (
        <p id={`${id}-description`} className="-mt-1 text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {options.map((option) => {
          const checked = value.includes(option.value);
          return (
            <label
              key={String(option.value)}
              className={cn(
                chipClasses,
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                checked && chosenClasses,
              )}
            >
              <input
                type="checkbox"
                name={name}
                value={String(option.value)}
                checked={checked}
                aria-invalid={messages.length ? true : undefined}
                onChange={(event) =>
                  onChange(event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value))
                }
                className="sr-only"
              />
              {option.label}
            </label>
          );
        })}
      </div>
      <GroupError id={`${id}-error`} messages={messages} />
    </fieldset>
  );
}

/** Toggle buttons (aria-pressed) in a labelled group, e.g. the days of the week. */
export function ToggleButtons<T extends string | number>({
  label,
  options,
  value,
  onChange,
  error,
}: {
  label: string;
  options: readonly { value: T; label: string; name: string }[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  error?: string | readonly string[] | null;
}) {
  const id = useId();
  const messages = messagesOf(error);
  return (
    <div className="grid gap-2">
      <p id={`${id}-label`} className="text-sm leading-none font-medium">
        {label}
      </p>
      <div role="group" aria-labelledby={`${id}-label`} aria-describedby={messages.length ? `${id}-error` : undefined} className="flex flex-wrap gap-2">
        {options.map((option) => {
          const pressed = value.includes(option.value);
          return (
            <button
              key={String(option.value)}
              type="button"
              aria-pressed={pressed}
              aria-label={option.name}
              title={option.name}
              onClick={() => onChange(pressed ? value.filter((v) => v !== option.value) : [...value, option.value])}
              className={cn(chipClasses, "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring", pressed && chosenClasses)}
            >
              {option.label}
            </button>
          );
        })}
      </div>
      <GroupError id={`${id}-error`} messages={messages} />
    </div>
  );
}
