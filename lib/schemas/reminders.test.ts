import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { listRemindersSchema, reminderInputSchema, updateReminderSchema } from "./reminders";

const valid = {
  title: "Stand-up",
  note: "",
  kind: "recurring",
  timeZone: "europe/brussels",
  time: "09:00",
  weekdays: [3, 1, 1],
  date: null,
  offsets: [0, 60],
  channels: ["email", "in_app"],
  link: "",
} as const;

function messages(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("reminderInputSchema", () => {
  it("normalises a valid repeating reminder", () => {
    expect(reminderInputSchema.parse(valid)).toEqual({
      title: "Stand-up",
      note: null,
      kind: "recurring",
      timeZone: "Europe/Brussels",
      time: "09:00",
      weekdays: [1, 3],
      date: null,
      offsets: [60, 0],
      channels: ["in_app", "email"],
      link: null,
    });
  });

  it("keeps only the date of a one-off", () => {
    const parsed = reminderInputSchema.parse({ ...valid, kind: "once", date: "2026-12-08", weekdays: [1] });
    expect(parsed).toMatchObject({ kind: "once", date: "2026-12-08", weekdays: [] });
  });

  it("asks for a title of at most 120 characters", () => {
    expect(messages(reminderInputSchema.safeParse({ ...valid, title: "  " }))).toEqual(["title: Give the reminder a title."]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, title: "x".repeat(121) }))).toEqual([
      "title: Keep the title to 120 characters or fewer.",
    ]);
    expect(reminderInputSchema.safeParse({ ...valid, title: "x".repeat(120) }).success).toBe(true);
  });

  it("refuses unknown time zones and times not written HH:MM", () => {
    expect(messages(reminderInputSchema.safeParse({ ...valid, timeZone: "Mars/Base" }))).toEqual([
      "timeZone: Choose a valid time zone, like Europe/London or America/New_York.",
    ]);
    for (const time of ["9:00", "24:00", "09:60", "9am", ""]) {
      expect(messages(reminderInputSchema.safeParse({ ...valid, time })), time).toEqual([
        "time: Enter a time as HH:MM on a 24-hour clock, like 08:30 or 17:45.",
      ]);
    }
  });

  it("needs a day for a repeating reminder and a real date for a one-off", () => {
    expect(messages(reminderInputSchema.safeParse({ ...valid, weekdays: [] }))).toEqual([
      "weekdays: Choose at least one day for a repeating reminder.",
    ]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, weekdays: [0] }))).toEqual(["weekdays.0: Weekdays run from 1 (Monday) to 7 (Sunday)."]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, kind: "once", date: null }))).toEqual([
      "date: Choose the date of a one-off reminder.",
    ]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, kind: "once", date: "2026-02-30" }))).toEqual([
      "date: Choose a real date, as YYYY-MM-DD.",
    ]);
  });

  it("reports a missing day alongside other mistakes, so the form shows them all", () => {
    expect(messages(reminderInputSchema.safeParse({ ...valid, title: "", weekdays: [], channels: [] }))).toEqual([
      "title: Give the reminder a title.",
      "channels: Choose at least one place to be reminded: in-app, email or Discord.",
      "weekdays: Choose at least one day for a repeating reminder.",
    ]);
  });

  it("takes 1 to 5 distinct offsets between 0 and a week", () => {
    expect(messages(reminderInputSchema.safeParse({ ...valid, offsets: [] }))).toEqual([
      "offsets: Choose when to be reminded: at the time, or some time before.",
    ]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, offsets: [0, 0] }))).toEqual(["offsets: Each reminder time can be chosen once."]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, offsets: [0, 10, 30, 60, 1440, 2880] }))).toEqual([
      "offsets: Choose at most 5 reminder times.",
    ]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, offsets: [10081] }))).toEqual(["offsets.0: Remind at most a week (10,080 minutes) before."]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, offsets: [-5] }))).toEqual(["offsets.0: Offsets are minutes before the time (0 = at the time)."]);
    expect(reminderInputSchema.parse({ ...valid, offsets: [10080] }).offsets).toEqual([10080]);
  });

  it("needs at least one channel, from the known three", () => {
    expect(messages(reminderInputSchema.safeParse({ ...valid, channels: [] }))).toEqual([
      "channels: Choose at least one place to be reminded: in-app, email or Discord.",
    ]);
    expect(messages(reminderInputSchema.safeParse({ ...valid, channels: ["sms"] }))).toEqual(["channels.0: Choose in-app, email or Discord."]);
  });

  it("accepts only links to pages of the app", () => {
    expect(reminderInputSchema.parse({ ...valid, link: "/orgs/abc?tab=1" }).link).toBe("/orgs/abc?tab=1");
    for (const link of ["https://evil.example", "//evil.example/x", "orgs/abc", "/\\evil.example", "/a b"]) {
      expect(messages(reminderInputSchema.safeParse({ ...valid, link })), link).toEqual([
        "link: The link must be a page of this app, starting with “/” (for example /account/profile).",
      ]);
    }
  });
});

describe("updateReminderSchema and listing", () => {
  it("needs the reminder's id and keeps the version the form saw", () => {
    expect(messages(updateReminderSchema.safeParse({ ...valid, reminderId: "" }))).toEqual(["reminderId: Choose a reminder."]);
    expect(updateReminderSchema.parse({ ...valid, reminderId: "r1", version: 3 })).toMatchObject({ reminderId: "r1", version: 3 });
  });

  it("pages 20 at a time by default and at most 100", () => {
    expect(listRemindersSchema.parse({})).toEqual({ take: 20 });
    expect(listRemindersSchema.safeParse({ take: 101 }).success).toBe(false);
  });
});
