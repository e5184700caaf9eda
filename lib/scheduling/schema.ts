import { z } from "zod";
import { WEEK_MINUTES, type Interval } from "./availability";

/**
 * The scheduler's wire format, shared by the CLI and (later) the cohort
 * workflow. Field names are snake_case because this is the JSON contract of
 * issue 5; parsing normalises intervals to [start, end] pairs.
 */

const minute = z.number().int("must be a whole number of minutes").min(0).max(WEEK_MINUTES);

const intervalSchema = z
  .union([z.tuple([minute, minute]), z.object({ start: minute, end: minute })], {
    error: `must be [start, end] or {"start", "end"} in minutes of the week (0-${WEEK_MINUTES})`,
  })
  .transform((v): Interval => (Array.isArray(v) ? [v[0], v[1]] : [v.start, v.end]))
  .refine(([a, b]) => a < b, { message: "end must be after start (split an interval that crosses the week boundary)" });

const idSchema = z.union([z.string().min(1), z.number().int()], { error: "must be a non-empty string or an integer" });

export const personSchema = z.object({
  id: idSchema,
  intervals: z.array(intervalSchema).default([]),
  if_needed_intervals: z.array(intervalSchema).default([]),
  is_facilitator: z.boolean().default(false),
  /** Most groups this facilitator may lead; null or absent = no limit. Ignored for participants. */
  max_groups: z.number().int().min(1).nullable().default(null),
});

export const paramsSchema = z
  .object({
    meeting_length: z.number().int().min(1).max(WEEK_MINUTES),
    min_people: z.number().int().min(2),
    max_people: z.number().int().min(2),
    time_increment: z.number().int().min(1).max(WEEK_MINUTES).default(30),
    use_if_needed: z.boolean().default(true),
    seed: z.number().int().default(0),
  })
  .refine((p) => p.max_people >= p.min_people, {
    message: "must be at least min_people",
    path: ["max_people"],
  });

export const scheduleInputSchema = z
  .object({ params: paramsSchema, people: z.array(personSchema) })
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    input.people.forEach((p, i) => {
      const key = `${typeof p.id}:${p.id}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["people", i, "id"], message: `duplicates the id of people[${first}]` });
      } else seen.set(key, i);
    });
  });

export type ScheduleInput = z.output<typeof scheduleInputSchema>;
/** What callers may send: defaults are filled in by parsing. */
export type ScheduleInputJson = z.input<typeof scheduleInputSchema>;
export type SchedulePerson = ScheduleInput["people"][number];
export type ScheduleParams = ScheduleInput["params"];
export type PersonId = SchedulePerson["id"];

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(input)";
}

/** One line per problem, each naming the field, e.g. `people[3].intervals[0]: end must be after start`. */
export function describeZodError(error: z.ZodError, limit = 10): string {
  const lines = error.issues.slice(0, limit).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (error.issues.length > limit) lines.push(`... and ${error.issues.length - limit} more problems`);
  return lines.join("\n");
}

export type ParseResult = { ok: true; input: ScheduleInput } | { ok: false; message: string };

export function parseScheduleInput(json: unknown): ParseResult {
  const parsed = scheduleInputSchema.safeParse(json);
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, message: describeZodError(parsed.error) };
}
