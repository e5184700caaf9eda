import { z } from "zod";
import { parseLocalDate } from "../time-zone";
import { timeZoneSchema } from "./auth";
import { cohortRoleSchema } from "./cohort-roles";
import { courseIdSchema } from "./course-authoring";
import { dripSettingsSchema } from "./courses";
import { idOf } from "./ids";
import { orgIdSchema } from "./org";
import { pageCursorSchema, pageTakeSchema } from "./paging";

/**
 * Cohort inputs, shared by the cohort forms, the tRPC procedures and the
 * services: creating and editing a cohort (its start, zone, drip release and
 * at-risk threshold), its join link, and its members.
 */

export const maxCohortNameLength = 120;
export const maxAtRiskDays = 90;

export const cohortIdSchema = idOf("a cohort");
const memberIdSchema = idOf("a member");

const takeSchema = pageTakeSchema.default(50);
const cursorSchema = pageCursorSchema.optional();

export const cohortNameSchema = z
  .string({ error: "Give the cohort a name." })
  .trim()
  .min(1, "Give the cohort a name, like “Spring 2026”.")
  .max(maxCohortNameLength, `Keep the cohort name to ${maxCohortNameLength} characters or fewer.`);

export const cohortStartDateSchema = z
  .string({ error: "Choose the cohort's first day." })
  .trim()
  .min(1, "Choose the cohort's first day.")
  .refine((v) => parseLocalDate(v) !== null, "Choose a real first day, as YYYY-MM-DD.");

export const atRiskAfterDaysSchema = z
  .number({ error: "Enter after how many inactive days a learner counts as at risk." })
  .int("Enter a whole number of days.")
  .min(1, "A learner counts as at risk after at least 1 inactive day.")
  .max(maxAtRiskDays, `Choose at most ${maxAtRiskDays} days.`);

/** Null (or absent) = no drip: every published item opens at once. */
const dripInputSchema = dripSettingsSchema.nullish().transform((v) => v ?? null);

const cohortFields = {
  name: cohortNameSchema,
  startDate: cohortStartDateSchema,
  drip: dripInputSchema,
  atRiskAfterDays: atRiskAfterDaysSchema.default(7),
};

export const createCohortSchema = z.object({
  courseId: courseIdSchema,
  ...cohortFields,
  /** Absent = the creator's own time zone (from their profile). */
  timeZone: timeZoneSchema.optional(),
});
export type CreateCohortInput = z.input<typeof createCohortSchema>;

export const updateCohortSchema = z.object({
  cohortId: cohortIdSchema,
  ...cohortFields,
  timeZone: timeZoneSchema,
});
export type UpdateCohortInput = z.input<typeof updateCohortSchema>;

export const cohortIdInputSchema = z.object({ cohortId: cohortIdSchema });
export type CohortIdInput = z.input<typeof cohortIdInputSchema>;

export const cohortListStatuses = ["active", "archived", "all"] as const;
export type CohortListStatus = (typeof cohortListStatuses)[number];

export const listCohortsOfCourseSchema = z.object({
  courseId: courseIdSchema,
  status: z.enum(cohortListStatuses, { error: 'Show "active", "archived" or "all" cohorts.' }).default("active"),
  cursor: cursorSchema,
  take: takeSchema,
});
export type ListCohortsOfCourseInput = z.input<typeof listCohortsOfCourseSchema>;

/** The secret from a join link (compared by its hash). */
export const joinTokenSchema = z.object({
  token: z
    .string({ error: "This join link is missing its code. Open the whole link you were sent." })
    .trim()
    .min(1, "This join link is missing its code. Open the whole link you were sent.")
    .max(200, "This join link is not valid. Check that you copied the whole link."),
});
export type JoinTokenInput = z.input<typeof joinTokenSchema>;

const searchSchema = z
  .string()
  .trim()
  .max(200, "Search for at most 200 characters.")
  .optional()
  .transform((v) => (v === "" ? undefined : v));

export const listCohortMembersSchema = z.object({
  cohortId: cohortIdSchema,
  role: cohortRoleSchema.optional(),
  /** Part of a name or email address. */
  query: searchSchema,
  cursor: cursorSchema,
  take: takeSchema,
});
export type ListCohortMembersInput = z.input<typeof listCohortMembersSchema>;

export const addCohortMemberSchema = z.object({
  cohortId: cohortIdSchema,
  email: z
    .string({ error: "Enter the person's email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter the person's email address.")
    .max(254, "Email addresses are at most 254 characters long.")
    .pipe(z.email({ error: "Enter a valid email address, like name@example.com." })),
  role: cohortRoleSchema,
});
export type AddCohortMemberInput = z.input<typeof addCohortMemberSchema>;

export const changeCohortMemberRoleSchema = z.object({ memberId: memberIdSchema, role: cohortRoleSchema });
export type ChangeCohortMemberRoleInput = z.input<typeof changeCohortMemberRoleSchema>;

export const removeCohortMemberSchema = z.object({ memberId: memberIdSchema });
export type RemoveCohortMemberInput = z.input<typeof removeCohortMemberSchema>;

export const listMyCohortsSchema = z.object({
  orgId: orgIdSchema,
  includeArchived: z.boolean().default(false),
  cursor: cursorSchema,
  take: takeSchema,
});
export type ListMyCohortsInput = z.input<typeof listMyCohortsSchema>;
