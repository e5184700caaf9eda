"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, useSyncExternalStore } from "react";
import { useMutationDialog } from "@/components/admin/use-mutation-dialog";
import { useTRPC } from "@/components/providers/trpc-provider";
import type { ButtonProps } from "@/components/ui/button";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select-native";
import { Textarea } from "@/components/ui/textarea";
import { offsetPresets, offsetLabel, timeZoneLabel, weekdayNames, weekdayShortNames } from "@/lib/reminders";
import { cn } from "@/lib/utils";
import {
  maxNoteLength,
  maxTitleLength,
  reminderChannelLabels,
  reminderChannels,
  reminderInputSchema,
  type ReminderKind,
} from "@/lib/schemas/reminders";
import type { ReminderDTO } from "@/server/services/reminders";
import { CheckboxChips, ToggleButtons, chipClasses } from "./choice-chips";
import { newReminderValues, reminderInputOf, reminderValues, type ReminderFormValues } from "./form-values";

const shownFields = ["title", "note", "kind", "date", "time", "weekdays", "timeZone", "offsets", "channels", "link"] as const;

const weekdayOptions = weekdayShortNames.map((label, i) => ({ value: i + 1, label, name: weekdayNames[i] ?? label }));
const channelOptions = reminderChannels.map((value) => ({ value, label: reminderChannelLabels[value] }));

function subscribeNever(): () => void {
  return () => {};
}

/** The browser's time zone; null on the server. */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

/** A stored reminder may use an offset the form does not offer (set from the bot, say): keep it choosable. */
function offsetOptions(current: readonly number[]) {
  const presets: { value: number; label: string }[] = offsetPresets.map((p) => ({ value: p.minutes, label: p.label }));
  const extra = current.filter((m) => !presets.some((p) => p.value === m)).map((m) => ({ value: m, label: offsetLabel(m).replace(/^./, (c) => c.toUpperCase()) }));
  return [...presets, ...extra].sort((a, b) => a.value - b.value);
}

/**
 * Create or edit a reminder in a dialog. The fields are checked with the same
 * schema as the server before sending; the server adds the one check that
 * needs its clock (a one-off must not be in the past).
 */
export function ReminderDialog({
  reminder,
  profileTimeZone,
  timeZones,
  trigger,
  onSaved,
}: {
  /** Absent: a new reminder. */
  reminder?: ReminderDTO;
  profileTimeZone: string;
  timeZones: string[];
  trigger: ButtonProps;
  onSaved: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [values, setValues] = useState<ReminderFormValues>(() => (reminder ? reminderValues(reminder) : newReminderValues(profileTimeZone)));
  const dialog = useMutationDialog({
    invalidate: onSaved,
    onOpen: () => setValues(reminder ? reminderValues(reminder) : newReminderValues(profileTimeZone)),
  });
  const browserZone = useBrowserTimeZone();
  const zones = [...new Set([...timeZones, values.timeZone, ...(browserZone ? [browserZone] : [])])];

  const create = useMutation(
    trpc.reminders.create.mutationOptions({
      onSuccess: (saved) => dialog.succeeded("Reminder created", `“${saved.title}” is set.`),
      onError: (error) => dialog.failed("The reminder was not created", error, shownFields),
    }),
  );
  const update = useMutation(
    trpc.reminders.update.mutationOptions({
      onSuccess: (saved) => dialog.succeeded("Reminder saved", `“${saved.title}” is updated.`),
      onError: (error) => dialog.failed("The reminder was not saved", error, shownFields),
    }),
  );
  const pending = create.isPending || update.isPending;

  function set<K extends keyof ReminderFormValues>(key: K, value: ReminderFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function submit() {
    const input = reminderInputOf(values);
    const checked = dialog.check(reminderInputSchema, input, "Check the highlighted fields.");
    if (!checked) return;
    if (reminder) update.mutate({ ...input, reminderId: reminder.id, version: reminder.version });
    else create.mutate(input);
  }

  // "offsets.0" belongs to the offsets group.
  const error = (field: string) =>
    Object.entries(dialog.fieldErrors)
      .filter(([key]) => key === field || key.startsWith(`${field}.`))
      .flatMap(([, messages]) => messages);

  return (
    <ConfirmDialog
      {...dialog.dialogProps}
      trigger={trigger}
      title={reminder ? "Edit reminder" : "New reminder"}
      description="Choose when it happens and how early, and where you want to hear about it."
      confirmLabel={reminder ? "Save reminder" : "Create reminder"}
      pendingLabel="Saving…"
      pending={pending}
      onConfirm={submit}
    >
      <FormField
        label="Title"
        name="title"
        required
        maxLength={maxTitleLength}
        value={values.title}
        onChange={(e) => set("title", e.target.value)}
        placeholder="Hand in the essay"
        error={error("title")}
      />
      <FormField label="Note" name="note" description="Optional: shown with the reminder." error={error("note")}>
        <Textarea rows={2} maxLength={maxNoteLength} value={values.note} onChange={(e) => set("note", e.target.value)} />
      </FormField>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm leading-none font-medium">Repeats</legend>
        <div className="flex flex-wrap gap-2">
          {(
            [
              ["once", "One-off"],
              ["recurring", "Every week"],
            ] as [ReminderKind, string][]
          ).map(([kind, label]) => (
            <label
              key={kind}
              className={cn(
                chipClasses,
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                values.kind === kind && "border-primary bg-primary text-primary-foreground hover:bg-primary/90 hover:text-primary-foreground",
              )}
            >
              <input type="radio" name="kind" value={kind} checked={values.kind === kind} onChange={() => set("kind", kind)} className="sr-only" />
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        {values.kind === "once" ? (
          <FormField label="Date" name="date" type="date" required value={values.date} onChange={(e) => set("date", e.target.value)} error={error("date")} />
        ) : null}
        <FormField
          label="Time"
          name="time"
          type="time"
          required
          value={values.time}
          onChange={(e) => set("time", e.target.value)}
          error={error("time")}
          className={values.kind === "recurring" ? "sm:col-span-2" : undefined}
        />
      </div>
      {values.kind === "recurring" ? (
        <ToggleButtons label="On these days" options={weekdayOptions} value={values.weekdays} onChange={(next) => set("weekdays", next)} error={error("weekdays")} />
      ) : null}

      <FormField label="Time zone" name="timeZone" required description="The date and time above are in this zone." error={error("timeZone")}>
        <NativeSelect value={values.timeZone} onChange={(e) => set("timeZone", e.target.value)}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {timeZoneLabel(z)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {browserZone && browserZone !== values.timeZone ? (
        <p className="-mt-2 text-sm text-muted-foreground">
          Your browser is set to {timeZoneLabel(browserZone)}.{" "}
          <Button type="button" variant="link" className="h-auto p-0" onClick={() => set("timeZone", browserZone)}>
            Use {timeZoneLabel(browserZone)}
          </Button>
        </p>
      ) : null}

      <CheckboxChips
        legend="Remind me"
        name="offsets"
        options={offsetOptions(values.offsets)}
        value={values.offsets}
        onChange={(next) => set("offsets", next)}
        error={error("offsets")}
      />
      <CheckboxChips
        legend="Where"
        description="Email goes to your account's address; Discord needs a linked Discord account."
        name="channels"
        options={channelOptions}
        value={values.channels}
        onChange={(next) => set("channels", next)}
        error={error("channels")}
      />
      <FormField
        label="Link"
        name="link"
        description="Optional: a Lyceum page to open from the reminder, like /account/profile."
        value={values.link}
        onChange={(e) => set("link", e.target.value)}
        placeholder="/orgs/…"
        error={error("link")}
      />
    </ConfirmDialog>
  );
}
