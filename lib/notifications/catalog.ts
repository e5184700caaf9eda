import { z } from "zod";
import { timeZoneSchema } from "../schemas/auth";

/**
 * Every kind of notification Lyceum sends: what the preferences page shows,
 * which channels a type may use and which are on by default, the shape of the
 * context a sender passes (checked at compile time and again at run time) and
 * how that context becomes the title, body and link a person sees.
 */

export const notificationChannels = ["in_app", "email", "discord"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const channelLabels: Record<NotificationChannel, string> = {
  in_app: "In app",
  email: "Email",
  discord: "Discord",
};

export type NotificationAudience = "everyone" | "org_admins";

export interface RenderedNotification {
  title: string;
  body: string;
  /** An app path ("/account/reminders"); channels outside the app make it absolute. */
  url: string;
}

export interface NotificationTypeDefinition<S extends z.ZodType = z.ZodType> {
  label: string;
  /** One sentence for the preferences page: when this arrives. */
  description: string;
  /** The channels this type may use; the others are not offered. */
  channels: readonly NotificationChannel[];
  /** What a person gets before they choose. */
  defaults: readonly NotificationChannel[];
  /** Who sees the type on the preferences page. */
  audience: NotificationAudience;
  schema: S;
  render(context: z.output<S>): RenderedNotification;
}

/** A path inside the app: a leading "/" and no "//" or "\" (which browsers read as another host). */
export const appPathSchema = z
  .string()
  .trim()
  .max(500, "Keep the link under 500 characters.")
  .refine((v) => v.startsWith("/") && !v.startsWith("//") && !v.includes("\\"), "The link must be a path in Lyceum, starting with /.");

const isoInstantSchema = z.iso.datetime({ offset: true, error: "Give the time as an ISO 8601 date-time, like 2026-11-22T09:00:00Z." });

function define<S extends z.ZodType>(definition: NotificationTypeDefinition<S>): NotificationTypeDefinition<S> {
  return definition;
}

/** "1 hour", "90 minutes" -> "1 hour 30 minutes", "2 days". */
export function formatOffset(minutes: number): string {
  const parts: string[] = [];
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) parts.push(`${days} ${days === 1 ? "day" : "days"}`);
  if (hours) parts.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (mins) parts.push(`${mins} ${mins === 1 ? "minute" : "minutes"}`);
  return parts.join(" ");
}

/** "Monday 23 November, 09:00 (Europe/Brussels)": the wall-clock time where the reminder was set. */
export function formatLocalTime(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(instant);
  return `${text.replace(" at ", ", ")} (${timeZone})`;
}

const reminder = define({
  label: "Reminders",
  description: "The reminders you set yourself, at the times you chose.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "everyone",
  schema: z.object({
    reminderId: z.string().min(1).max(100),
    title: z.string().trim().min(1, "A reminder needs a title.").max(200),
    note: z.string().max(2000).nullable(),
    occurrenceAt: isoInstantSchema,
    offsetMinutes: z.number().int().min(0, "The offset cannot be negative.").max(60 * 24 * 28),
    timeZone: timeZoneSchema,
    link: appPathSchema.nullable(),
  }),
  render(c) {
    const when = formatLocalTime(new Date(c.occurrenceAt), c.timeZone);
    const title = c.offsetMinutes === 0 ? `Reminder: ${c.title}` : `In ${formatOffset(c.offsetMinutes)}: ${c.title}`;
    const lead = c.offsetMinutes === 0 ? `Now: ${when}.` : `At ${when}.`;
    return { title, body: c.note ? `${lead} ${c.note}` : lead, url: c.link ?? "/account/reminders" };
  },
});

const dailyDigest = define({
  label: "Daily admin digests",
  description: "Once a day, what happened in the organisations you administer.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "org_admins",
  schema: z.object({
    orgId: z.string().min(1).max(100),
    orgName: z.string().trim().min(1).max(200),
    periodStart: isoInstantSchema,
    periodEnd: isoInstantSchema,
    figures: z.array(z.object({ label: z.string().trim().min(1).max(100), value: z.number() })).max(50),
    highlights: z.array(z.string().trim().min(1).max(500)).max(50),
  }),
  render(c) {
    const figures = c.figures.map((f) => `${f.label}: ${f.value.toLocaleString("en-GB")}`).join(" · ");
    const highlights = c.highlights.length ? ` ${c.highlights.join(" ")}` : "";
    const body = `${figures || "No activity to report."}${highlights}`;
    return { title: `Daily digest: ${c.orgName}`, body, url: `/orgs/${encodeURIComponent(c.orgId)}` };
  },
});

const testNotification = define({
  label: "Test notifications",
  description: "The test you send yourself from this page to check your channels.",
  channels: notificationChannels,
  defaults: ["in_app", "email", "discord"],
  audience: "everyone",
  schema: z.object({}),
  render() {
    return {
      title: "Test notification",
      body: "You sent this from your notification preferences. If it reached you here, this channel works.",
      url: "/account/notifications",
    };
  },
});

/** Where a learner sees an item of a cohort. */
export function learnItemPath(orgId: string, cohortId: string, itemId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/cohorts/${encodeURIComponent(cohortId)}/learn/${encodeURIComponent(itemId)}`;
}

const learnerItemContext = {
  orgId: z.string().min(1).max(100),
  cohortId: z.string().min(1).max(100),
  itemId: z.string().min(1).max(100),
  itemTitle: z.string().trim().min(1).max(200),
  courseTitle: z.string().trim().min(1).max(200),
};

const itemUnlocked = define({
  label: "New course material",
  description: "When a lesson, quiz or assignment opens for you in a course.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "everyone",
  schema: z.object(learnerItemContext),
  render(c) {
    return { title: `Now open: ${c.itemTitle}`, body: `A new item is open in ${c.courseTitle}.`, url: learnItemPath(c.orgId, c.cohortId, c.itemId) };
  },
});

const gradeUpdated = define({
  label: "Grades and feedback",
  description: "When a teacher grades your work, changes a grade or comments on it.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "everyone",
  schema: z.object({
    ...learnerItemContext,
    score: z.number().min(0),
    maxScore: z.number().min(0),
    comment: z.string().trim().max(2000).nullable(),
  }),
  render(c) {
    const score = `${Number(c.score.toFixed(2))} / ${Number(c.maxScore.toFixed(2))}`;
    const body = c.comment ? `Your grade is now ${score}. “${c.comment}”` : `Your grade is now ${score}.`;
    return { title: `Graded: ${c.itemTitle}`, body, url: learnItemPath(c.orgId, c.cohortId, c.itemId) };
  },
});

const feedbackReleased = define({
  label: "Exam results",
  description: "When a teacher releases the results and feedback of an exam you took.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "everyone",
  schema: z.object(learnerItemContext),
  render(c) {
    return { title: `Results released: ${c.itemTitle}`, body: `Your results and feedback for ${c.itemTitle} in ${c.courseTitle} are ready.`, url: learnItemPath(c.orgId, c.cohortId, c.itemId) };
  },
});

export const notificationCatalog = {
  reminder,
  "digest.daily": dailyDigest,
  "account.test": testNotification,
  "course.item_unlocked": itemUnlocked,
  "course.grade_updated": gradeUpdated,
  "course.feedback_released": feedbackReleased,
} as const;

export type NotificationType = keyof typeof notificationCatalog;
/** What a sender passes for a type (before the schema's trimming and defaults). */
export type NotificationContext<T extends NotificationType> = z.input<(typeof notificationCatalog)[T]["schema"]>;

export const notificationTypes = Object.keys(notificationCatalog) as NotificationType[];

export function isNotificationType(value: string): value is NotificationType {
  return Object.prototype.hasOwnProperty.call(notificationCatalog, value);
}

export function notificationTypeOf(type: NotificationType): NotificationTypeDefinition {
  return notificationCatalog[type] as NotificationTypeDefinition;
}

export type ParsedContext = { ok: true; context: unknown; rendered: RenderedNotification } | { ok: false; error: z.ZodError };

/** Validates a context against its type's schema and renders it. */
export function parseAndRender(type: NotificationType, context: unknown): ParsedContext {
  const definition = notificationTypeOf(type);
  const parsed = definition.schema.safeParse(context);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, context: parsed.data, rendered: definition.render(parsed.data) };
}
