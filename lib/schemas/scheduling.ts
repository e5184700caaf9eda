import { z } from "zod";
import { parseLocalDate } from "../time-zone";
import { WEEK_MINUTES } from "../scheduling/availability";
import { cohortIdSchema } from "./cohorts";
import { idOf } from "./ids";

/**
 * Scheduling a cohort (issue 5, part 3): its settings, starting a run of the
 * scheduler, the admin's edited draft of the groups, and publishing it.
 * Shared by the scheduling page, the tRPC procedures and the services.
 */

export const meetingMinutesRange = { min: 15, max: 240 } as const;
export const groupSizeRange = { min: 2, max: 50 } as const;
export const meetingWeeksRange = { min: 1, max: 52 } as const;
/** Meetings start on the half hour: the availability grid's cells. */
export const startIncrementMinutes = 30;
export const maxGroupNameLength = 60;
/** More groups than this in one draft is a mistake (2,000 people in groups of 2 is 1,000). */
export const maxDraftGroups = 1000;

export const scheduleRunIdSchema = idOf("a scheduling run");

const wholeNumber = (what: string, range: { min: number; max: number }, unit: string) =>
  z
    .number({ error: `Enter ${what} as a number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(range.min, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${range.min} ${unit}.`)
    .max(range.max, `${what[0]!.toUpperCase()}${what.slice(1)} can be at most ${range.max} ${unit}.`);

export const meetingMinutesSchema = wholeNumber("the meeting length", meetingMinutesRange, "minutes");
export const groupMinSizeSchema = wholeNumber("the smallest group size", groupSizeRange, "people");
export const groupMaxSizeSchema = wholeNumber("the largest group size", groupSizeRange, "people");
export const meetingWeeksSchema = wholeNumber("the number of weekly meetings", meetingWeeksRange, "weeks");

/** Null = the cohort's start date. */
export const meetingsStartDateSchema = z
  .string({ error: "Choose the first meeting day." })
  .trim()
  .refine((v) => parseLocalDate(v) !== null, "Choose a real first meeting day, as YYYY-MM-DD.")
  .nullable();

export const schedulingSettingsFields = {
  meetingMinutes: meetingMinutesSchema,
  groupMinSize: groupMinSizeSchema,
  groupMaxSize: groupMaxSizeSchema,
  meetingWeeks: meetingWeeksSchema,
  meetingsStartDate: meetingsStartDateSchema,
};

export const updateSchedulingSettingsSchema = z
  .object({ cohortId: cohortIdSchema, ...schedulingSettingsFields })
  .refine((v) => v.groupMinSize <= v.groupMaxSize, {
    message: "The largest group size must be at least the smallest.",
    path: ["groupMaxSize"],
  });
export type UpdateSchedulingSettingsInput = z.input<typeof updateSchedulingSettingsSchema>;

export const setAvailabilityOpenSchema = z.object({
  cohortId: cohortIdSchema,
  open: z.boolean({ error: "Say whether members may still change their availability." }),
});
export type SetAvailabilityOpenInput = z.input<typeof setAvailabilityOpenSchema>;

export const startRunSchema = z.object({
  cohortId: cohortIdSchema,
  /** Keep the groups changed by hand in the latest draft; schedule everyone else around them. */
  keepManualChanges: z.boolean({ error: "Say whether to keep the groups you changed by hand." }).default(false),
});
export type StartRunInput = z.input<typeof startRunSchema>;

export const runIdInputSchema = z.object({ runId: scheduleRunIdSchema });
export type RunIdInput = z.input<typeof runIdInputSchema>;

// ---------------------------------------------------------------------------
// The draft: the groups as the admin arranges them before publishing

const personIdSchema = idOf("a person");

export const draftGroupNameSchema = z
  .string({ error: "Give the group a name." })
  .trim()
  .min(1, "Give the group a name, like “Group 1”.")
  .max(maxGroupNameLength, `Keep group names to ${maxGroupNameLength} characters or fewer.`);

export const draftStartSchema = z
  .number({ error: "Choose when the group meets." })
  .int("Choose a meeting time on the half hour.")
  .min(0, "Choose a meeting time inside the week.")
  .max(WEEK_MINUTES - 1, "Choose a meeting time inside the week.")
  .refine((v) => v % startIncrementMinutes === 0, "Choose a meeting time on the hour or half hour.");

export const draftGroupSchema = z.object({
  /** Stable within a run's draft ("g1", "g2", ...), so edits can be matched to the group they change. */
  key: z.string().trim().min(1, "Every group needs its key.").max(40, "That group key is too long."),
  name: draftGroupNameSchema,
  /** Minutes of the cohort's reference week (UTC, Monday 00:00 = 0). */
  start: draftStartSchema,
  /** Everyone in the group, its facilitator included. */
  memberIds: z.array(personIdSchema).max(groupSizeRange.max * 4, "A group cannot hold that many people."),
  /** Changed by hand since the scheduler made it: "keep my changes" keeps it as it is. */
  manual: z.boolean().default(false),
});
export type DraftGroupInput = z.input<typeof draftGroupSchema>;
export type DraftGroupData = z.output<typeof draftGroupSchema>;

export const draftGroupsSchema = z
  .array(draftGroupSchema)
  .max(maxDraftGroups, `A draft holds at most ${maxDraftGroups} groups.`)
  .superRefine((groups, ctx) => {
    const keys = new Set<string>();
    groups.forEach((g, i) => {
      if (keys.has(g.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `Two groups share the key “${g.key}”.` });
      keys.add(g.key);
      if (new Set(g.memberIds).size !== g.memberIds.length) {
        ctx.addIssue({ code: "custom", path: [i, "memberIds"], message: `${g.name} lists someone twice.` });
      }
    });
  });

export const saveDraftSchema = z.object({
  runId: scheduleRunIdSchema,
  groups: draftGroupsSchema,
  /** The draft's version the edit started from; an older one means someone else saved in between. */
  baseVersion: z.number({ error: "Reload the page: the draft version is missing." }).int().min(0),
});
export type SaveDraftInput = z.input<typeof saveDraftSchema>;

export const publishRunSchema = z.object({
  runId: scheduleRunIdSchema,
  /** The draft version the admin reviewed; publishing refuses a newer one they have not seen. */
  draftVersion: z.number({ error: "Reload the page: the draft version is missing." }).int().min(0),
});
export type PublishRunInput = z.input<typeof publishRunSchema>;

/** What ScheduleRun.draft holds. */
export const storedDraftSchema = z.object({
  version: z.number().int().min(0),
  groups: z.array(draftGroupSchema),
  /** The version last published, so the page can tell published groups from later edits. */
  publishedVersion: z.number().int().min(0).nullable().default(null),
});
export type StoredDraft = z.output<typeof storedDraftSchema>;

// ---------------------------------------------------------------------------
// Run status, for the page's progress bar

export const scheduleRunStatuses = ["queued", "running", "succeeded", "failed", "published", "superseded"] as const;
export type ScheduleRunStatusName = (typeof scheduleRunStatuses)[number];

export const scheduleProgressSchema = z.object({
  phase: z.enum(["prepare", "construct", "search", "polish", "done"]),
  fraction: z.number(),
  placed: z.number(),
  bestPlaced: z.number(),
  upperBound: z.number(),
  elapsedMs: z.number(),
});
export type ScheduleProgressData = z.output<typeof scheduleProgressSchema>;
