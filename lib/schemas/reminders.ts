import { z } from "zod";
import { parseLocalDate, parseLocalTime } from "../time-zone";
import { timeZoneSchema } from "./auth";

/**
 * Reminder input, shared by the web form, the tRPC procedures and (later) the
 * Discord bot. Whether a one-off's date is in the past depends on the clock,
 * so the service checks that (checkReminderNotPast below) with its own clock.
 */

export const reminderKinds = ["once", "recurring"] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export const reminderChannels = ["in_app", "email", "discord"] as const;
export type ReminderChannel = (typeof reminderChannels)[number];

export const reminderChannelLabels: Record<ReminderChannel, string> = {
  in_app: "In-app",
  email: "Email",
  discord: "Discord",
};

/** A week: offsets further ahead than that are a different reminder. */
export const maxOffsetMinutes = 7 * 24 * 60;
export const maxOffsets = 5;
export const maxTitleLength = 120;
export const maxNoteLength = 1000;

const reminderIdSchema = z
  .string({ error: "Choose a reminder." })
  .trim()
  .min(1, "Choose a reminder.")
  .max(100, "That reminder was not found. Refresh the list.");

const titleSchema = z
  .string({ error: "Give the reminder a title." })
  .trim()
  .min(1, "Give the reminder a title.")
  .max(maxTitleLength, `Keep the title to ${maxTitleLength} characters or fewer.`);

/** Empty text means "no note". */
const noteSchema = z
  .string()
  .trim()
  .max(maxNoteLength, `Keep the note to ${maxNoteLength} characters or fewer.`)
  .nullish()
  .transform((v) => (v ? v : null));

export const localTimeSchema = z
  .string({ error: "Enter a time, like 08:30." })
  .trim()
  .refine((v) => parseLocalTime(v) !== null, "Enter a time as HH:MM on a 24-hour clock, like 08:30 or 17:45.");

export const localDateSchema = z
  .string({ error: "Choose a date." })
  .trim()
  .refine((v) => parseLocalDate(v) !== null, "Choose a real date, as YYYY-MM-DD.");

const weekdaysSchema = z
  .array(
    z.number({ error: "Weekdays are numbers from 1 (Monday) to 7 (Sunday)." }).int().min(1, "Weekdays run from 1 (Monday) to 7 (Sunday).").max(7, "Weekdays run from 1 (Monday) to 7 (Sunday)."),
    { error: "Choose the days it repeats on." },
  )
  .max(7, "A week has seven days.")
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

const offsetsSchema = z
  .array(
    z
      .number({ error: "Offsets are minutes before the time." })
      .int("Offsets are whole minutes.")
      .min(0, "Offsets are minutes before the time (0 = at the time).")
      .max(maxOffsetMinutes, "Remind at most a week (10,080 minutes) before."),
    { error: "Choose when to be reminded." },
  )
  .min(1, "Choose when to be reminded: at the time, or some time before.")
  .max(maxOffsets, `Choose at most ${maxOffsets} reminder times.`)
  .refine((offsets) => new Set(offsets).size === offsets.length, "Each reminder time can be chosen once.")
  .transform((offsets) => [...offsets].sort((a, b) => b - a));

const channelsSchema = z
  .array(z.enum(reminderChannels, { error: "Choose in-app, email or Discord." }), { error: "Choose where to be reminded." })
  .min(1, "Choose at least one place to be reminded: in-app, email or Discord.")
  .transform((channels) => reminderChannels.filter((c) => channels.includes(c)));

/** An app path ("/orgs/..."), never another site: a link in a notification must not lead off Lyceum. */
const linkSchema = z
  .string()
  .trim()
  .max(500, "Keep the link to 500 characters or fewer.")
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || (v.startsWith("/") && !v.startsWith("//") && !v.includes("\\") && !/\s/.test(v)), {
    message: "The link must be a page of this app, starting with “/” (for example /account/profile).",
  });

const reminderFieldsSchema = z.object({
  title: titleSchema,
  note: noteSchema,
  kind: z.enum(reminderKinds, { error: "Choose one-off or repeating." }),
  timeZone: timeZoneSchema,
  time: localTimeSchema,
  /** Recurring only. */
  weekdays: weekdaysSchema.optional(),
  /** One-off only: the local date in `timeZone`. */
  date: localDateSchema.nullish(),
  offsets: offsetsSchema,
  channels: channelsSchema,
  link: linkSchema,
});

type ReminderFields = z.output<typeof reminderFieldsSchema>;

/** Runs a cross-field check even when other fields failed, so a form shows every problem at once. */
function unlessFailed(...fields: string[]) {
  return (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));
}

/** Each kind needs its own field; the other one is dropped, so a stored reminder is one or the other. */
function withKindChecks<S extends z.ZodType<ReminderFields>>(schema: S) {
  return schema
    .refine((v) => v.kind !== "recurring" || (v.weekdays?.length ?? 0) > 0, {
      path: ["weekdays"],
      message: "Choose at least one day for a repeating reminder.",
      when: unlessFailed("kind", "weekdays"),
    })
    .refine((v) => v.kind !== "once" || !!v.date, {
      path: ["date"],
      message: "Choose the date of a one-off reminder.",
      when: unlessFailed("kind", "date"),
    });
}

function normaliseKind<T extends ReminderFields>(value: T) {
  return value.kind === "once"
    ? { ...value, weekdays: [] as number[], date: value.date ?? "" }
    : { ...value, weekdays: value.weekdays ?? [], date: null };
}

export const reminderInputSchema = withKindChecks(reminderFieldsSchema).transform(normaliseKind);
export type ReminderInput = z.input<typeof reminderInputSchema>;
export type ReminderData = z.output<typeof reminderInputSchema>;

export const createReminderSchema = reminderInputSchema;
export type CreateReminderInput = ReminderInput;

export const updateReminderSchema = withKindChecks(
  reminderFieldsSchema.extend({
    reminderId: reminderIdSchema,
    /** The version the form was opened on: a newer one means someone else changed it. */
    version: z.number().int().min(1).optional(),
  }),
).transform(normaliseKind);
export type UpdateReminderInput = z.input<typeof updateReminderSchema>;

export const reminderIdInputSchema = z.object({ reminderId: reminderIdSchema });
export type ReminderIdInput = z.input<typeof reminderIdInputSchema>;

export const listRemindersSchema = z.object({
  cursor: z.string().max(500, "This page link is not valid; start from the first page.").nullish(),
  take: z.number().int("Page size must be a whole number.").min(1, "Page size must be at least 1.").max(100, "Page size can be at most 100.").default(20),
});
export type ListRemindersInput = z.input<typeof listRemindersSchema>;

export const notPastMessage = "That time has passed. Choose a date and time from now on.";
