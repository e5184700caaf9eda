import { z } from "zod";
import { CELLS_PER_WEEK } from "../scheduling/cohort-calendar";
import { isValidTimeZone } from "../time-zone";
import { idOf } from "./ids";
import { pageCursorSchema, pageTakeSchema } from "./paging";

/**
 * A member's weekly availability for a cohort (the enrolment wizard): the
 * role they take in the groups, the zone they painted in, and the half-hour
 * cells of their local week (Monday 00:00 = 0 ... Sunday 23:30 = 335, see
 * lib/scheduling/local-grid.ts). One schema feeds the wizard, the tRPC input
 * and the service; the server derives the UTC intervals itself.
 */

export const scheduleRoles = ["participant", "facilitator"] as const;
export type ScheduleRole = (typeof scheduleRoles)[number];
export const scheduleRoleLabels: Record<ScheduleRole, string> = { participant: "Participant", facilitator: "Facilitator" };

export const maxGroupsLimit = 20;
export const availabilityPageSize = 50;

const cohortIdSchema = idOf("a cohort");

function cellsSchema(what: string) {
  const range = `${what[0]!.toUpperCase()}${what.slice(1)} times are half-hour cells from 0 (Monday 00:00) to ${CELLS_PER_WEEK - 1} (Sunday 23:30).`;
  return z
    .array(z.number({ error: range }).int(range).min(0, range).max(CELLS_PER_WEEK - 1, range), {
      error: `Send the ${what} times as a list of half-hour cells.`,
    })
    .max(CELLS_PER_WEEK, `A week has only ${CELLS_PER_WEEK} half hours.`)
    .refine((cells) => new Set(cells).size === cells.length, `Each half hour appears once in the ${what} times; remove the repeats.`)
    .transform((cells) => [...cells].sort((a, b) => a - b));
}

export const availabilityTimeZoneSchema = z
  .string({ error: "Choose the time zone you painted your week in." })
  .trim()
  .min(1, "Choose the time zone you painted your week in.")
  .max(100, "Choose a valid time zone, like Europe/London.")
  .refine(isValidTimeZone, "Choose a valid time zone, like Europe/London or America/New_York.");

export const maxGroupsSchema = z
  .number({ error: "Enter how many groups you could lead, or choose no limit." })
  .int("Enter a whole number of groups.")
  .min(1, "A facilitator leads at least 1 group.")
  .max(maxGroupsLimit, `Choose at most ${maxGroupsLimit} groups, or no limit.`)
  .nullable();

export const saveAvailabilitySchema = z
  .object({
    cohortId: cohortIdSchema,
    role: z.enum(scheduleRoles, { error: "Choose whether you join as a participant or a facilitator." }),
    timeZone: availabilityTimeZoneSchema,
    regularCells: cellsSchema("available"),
    ifNeededCells: cellsSchema("if needed"),
    /** Facilitators only: the most groups they will lead; null = no limit. */
    maxGroups: maxGroupsSchema.optional().transform((v) => v ?? null),
  })
  .superRefine((value, ctx) => {
    const regular = new Set(value.regularCells);
    const both = value.ifNeededCells.filter((c) => regular.has(c));
    if (both.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["ifNeededCells"],
        message: `A half hour is either available or if needed, not both: ${both.length === 1 ? "1 time is" : `${both.length} times are`} marked twice. Paint them again with one mode.`,
      });
    }
    if (value.regularCells.length + value.ifNeededCells.length === 0) {
      ctx.addIssue({ code: "custom", path: ["regularCells"], message: "Paint at least one half hour when you could meet." });
    }
    if (value.role === "participant" && value.maxGroups !== null) {
      ctx.addIssue({ code: "custom", path: ["maxGroups"], message: "Only facilitators set how many groups they lead; leave it empty as a participant." });
    }
  });
export type SaveAvailabilityInput = z.input<typeof saveAvailabilitySchema>;
export type SaveAvailability = z.output<typeof saveAvailabilitySchema>;

export const myAvailabilityInputSchema = z.object({ cohortId: cohortIdSchema });
export type MyAvailabilityInput = z.input<typeof myAvailabilityInputSchema>;

export const availabilityResponseFilters = ["all", "responded", "missing"] as const;
export type AvailabilityResponseFilter = (typeof availabilityResponseFilters)[number];

export const listAvailabilityResponsesSchema = z.object({
  cohortId: cohortIdSchema,
  /** responded: members who saved availability; missing: learners and facilitators who have not yet. */
  filter: z.enum(availabilityResponseFilters, { error: 'Show "all", "responded" or "missing" members.' }).default("all"),
  cursor: pageCursorSchema.nullish(),
  take: pageTakeSchema.default(availabilityPageSize),
});
export type ListAvailabilityResponsesInput = z.input<typeof listAvailabilityResponsesSchema>;
