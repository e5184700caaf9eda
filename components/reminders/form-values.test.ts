import { describe, expect, it } from "vitest";
import { reminderInputSchema } from "@/lib/schemas/reminders";
import { newReminderValues, reminderInputOf } from "./form-values";

describe("reminder form values", () => {
  it("starts a new reminder at the next full hour in the chosen zone, on that local date", () => {
    // 23:20 on Sunday 6 Dec in New York is already Monday in UTC; the next hour there is Monday 00:00.
    const values = newReminderValues("America/New_York", new Date("2026-12-07T04:20:00Z"));
    expect(values).toMatchObject({ kind: "once", date: "2026-12-07", time: "00:00", weekdays: [1], offsets: [0], channels: ["in_app"] });
    const exactHour = newReminderValues("UTC", new Date("2026-12-07T10:00:00Z"));
    expect(exactHour.time).toBe("11:00");
  });

  it("sends only the field of the chosen kind, which the schema accepts", () => {
    const values = { ...newReminderValues("Europe/Brussels", new Date("2026-12-07T10:00:00Z")), title: "Lab" };
    expect(reminderInputOf(values)).not.toHaveProperty("weekdays");
    expect(reminderInputSchema.safeParse(reminderInputOf(values)).success).toBe(true);
    const weekly = reminderInputOf({ ...values, kind: "recurring" });
    expect(weekly).not.toHaveProperty("date");
    expect(reminderInputSchema.parse(weekly).weekdays).toEqual([1]);
  });
});
