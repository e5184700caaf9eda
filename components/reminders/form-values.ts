import { localDateAt, zonedParts } from "@/lib/reminders";
import type { ReminderChannel, ReminderInput, ReminderKind } from "@/lib/schemas/reminders";
import type { ReminderDTO } from "@/server/services/reminders";

/** What the reminder form edits, as the form holds it (strings for the inputs). */
export interface ReminderFormValues {
  title: string;
  note: string;
  kind: ReminderKind;
  date: string;
  time: string;
  weekdays: number[];
  timeZone: string;
  offsets: number[];
  channels: ReminderChannel[];
  link: string;
}

/** A new reminder: one-off, at the next full hour in `timeZone`, at the time, in the app. */
export function newReminderValues(timeZone: string, now: Date = new Date()): ReminderFormValues {
  const nextHour = new Date(Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000);
  const parts = zonedParts(nextHour, timeZone);
  return {
    title: "",
    note: "",
    kind: "once",
    date: localDateAt(nextHour, timeZone),
    time: `${String(parts.hour).padStart(2, "0")}:${String(parts.minute).padStart(2, "0")}`,
    weekdays: [parts.weekday],
    timeZone,
    offsets: [0],
    channels: ["in_app"],
    link: "",
  };
}

export function reminderValues(reminder: ReminderDTO, now: Date = new Date()): ReminderFormValues {
  const fallback = newReminderValues(reminder.timeZone, now);
  return {
    title: reminder.title,
    note: reminder.note ?? "",
    kind: reminder.kind,
    date: reminder.date ?? fallback.date,
    time: reminder.time,
    weekdays: reminder.weekdays.length ? reminder.weekdays : fallback.weekdays,
    timeZone: reminder.timeZone,
    offsets: reminder.offsets,
    channels: reminder.channels,
    link: reminder.link ?? "",
  };
}

/** The input the schema and the server take: only the field of the chosen kind. */
export function reminderInputOf(values: ReminderFormValues): ReminderInput {
  return {
    title: values.title,
    note: values.note,
    kind: values.kind,
    timeZone: values.timeZone,
    time: values.time,
    offsets: values.offsets,
    channels: values.channels,
    link: values.link,
    ...(values.kind === "once" ? { date: values.date } : { weekdays: values.weekdays }),
  };
}
