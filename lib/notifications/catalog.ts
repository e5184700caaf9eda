import { dateTimeFormat } from "../intl";
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
  /**
   * Extra buttons for the email only (absolute URLs carried in the context),
   * e.g. a meeting reminder's signed RSVP links. The inbox shows just the
   * rendered notification.
   */
  emailLinks?(context: z.output<S>): EmailLink[];
}

export interface EmailLink {
  label: string;
  /** Absolute http(s) URL. */
  url: string;
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
  const text = dateTimeFormat("en-GB", {
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

/** Where a member sees one meeting. */
export function meetingPagePath(orgId: string, meetingId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/meetings/${encodeURIComponent(meetingId)}`;
}

/** What every meeting notification names: the group, the course and the meeting's page; times come in the member's own zone. */
const meetingContext = {
  orgId: z.string().min(1).max(100),
  meetingId: z.string().min(1).max(100),
  groupName: z.string().trim().min(1).max(200),
  courseTitle: z.string().trim().min(1).max(200),
  startsAt: isoInstantSchema,
  /** The member's zone: every time in the message is on their clock. */
  timeZone: timeZoneSchema,
};

/** Absolute signed links that record an answer without signing in (server/services/meetings/rsvp-links.ts). */
const rsvpLinksSchema = z.object({ yes: z.url(), maybe: z.url(), no: z.url() });

const meetingReminder = define({
  label: "Meeting reminders",
  description: "A day and an hour before each meeting of your group, unless you said you are not going.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "everyone",
  schema: z.object({
    ...meetingContext,
    /** 1440 or 60: which reminder this is. */
    offsetMinutes: z.number().int().min(1).max(60 * 24 * 7),
    location: z.string().trim().max(500).nullable(),
    /** The member's answer when the reminder was sent. */
    response: z.enum(["yes", "maybe"]).nullable(),
    rsvpLinks: rsvpLinksSchema.nullable(),
  }),
  render(c) {
    const when = formatLocalTime(new Date(c.startsAt), c.timeZone);
    const soon = c.offsetMinutes <= 60 ? "soon" : "tomorrow";
    const where = c.location ? ` Where: ${c.location}.` : "";
    const answer =
      c.response === "yes" ? " You said you are going." : c.response === "maybe" ? " You said maybe: let your group know if you can come." : " Let your group know if you are coming.";
    return { title: `${c.groupName} meets ${soon}`, body: `${c.courseTitle}: ${when}.${where}${answer}`, url: meetingPagePath(c.orgId, c.meetingId) };
  },
  emailLinks(c) {
    if (!c.rsvpLinks) return [];
    return [
      { label: "I'm going", url: c.rsvpLinks.yes },
      { label: "Maybe", url: c.rsvpLinks.maybe },
      { label: "I can't come", url: c.rsvpLinks.no },
    ];
  },
});

const meetingMoved = define({
  label: "Moved meetings",
  description: "When one meeting of your group moves to another time.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "everyone",
  schema: z.object({ ...meetingContext, previousStartsAt: isoInstantSchema }),
  render(c) {
    const now = formatLocalTime(new Date(c.startsAt), c.timeZone);
    const before = formatLocalTime(new Date(c.previousStartsAt), c.timeZone);
    return {
      title: `Meeting moved: ${c.groupName}`,
      body: `${c.courseTitle}: this meeting is now on ${now}, instead of ${before}. Only this meeting moved; the others keep their usual time.`,
      url: meetingPagePath(c.orgId, c.meetingId),
    };
  },
});

const meetingCanceled = define({
  label: "Cancelled meetings",
  description: "When a meeting of your group is cancelled.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "everyone",
  schema: z.object({ ...meetingContext, reason: z.string().trim().max(300).nullable() }),
  render(c) {
    const when = formatLocalTime(new Date(c.startsAt), c.timeZone);
    const reason = c.reason ? ` “${c.reason}”` : "";
    return {
      title: `Meeting cancelled: ${c.groupName}`,
      body: `${c.courseTitle}: the meeting on ${when} is cancelled.${reason} The other meetings go ahead as planned.`,
      url: meetingPagePath(c.orgId, c.meetingId),
    };
  },
});

const meetingRestored = define({
  label: "Meetings back on",
  description: "When a cancelled meeting of your group takes place after all.",
  channels: notificationChannels,
  defaults: ["in_app", "email"],
  audience: "everyone",
  schema: z.object(meetingContext),
  render(c) {
    const when = formatLocalTime(new Date(c.startsAt), c.timeZone);
    return { title: `Meeting back on: ${c.groupName}`, body: `${c.courseTitle}: the meeting on ${when} takes place after all.`, url: meetingPagePath(c.orgId, c.meetingId) };
  },
});

/** A cohort's availability page, where a member changes the times they gave. */
export function cohortAvailabilityPath(orgId: string, cohortId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/cohorts/${encodeURIComponent(cohortId)}/availability`;
}

const cohortContext = {
  orgId: z.string().min(1).max(100),
  cohortId: z.string().min(1).max(100),
  cohortName: z.string().trim().min(1).max(200),
  courseTitle: z.string().trim().min(1).max(200),
};

const groupAssigned = define({
  label: "Group assignments",
  description: "When a cohort's groups are published: your group, when it meets and who leads it (email carries a calendar invite).",
  channels: notificationChannels,
  defaults: ["in_app", "email", "discord"],
  audience: "everyone",
  schema: z.object({
    ...cohortContext,
    groupId: z.string().min(1).max(100),
    groupName: z.string().trim().min(1).max(100),
    /** The first meeting; the group meets at the cohort's wall-clock time every week after it. */
    firstStartsAt: isoInstantSchema,
    meetingMinutes: z.number().int().min(1).max(24 * 60),
    meetingCount: z.number().int().min(1).max(100),
    /** The member's zone: the times in the message are on their clock. */
    timeZone: timeZoneSchema,
    facilitatorName: z.string().trim().min(1).max(200).nullable(),
    isFacilitator: z.boolean(),
    memberCount: z.number().int().min(1).max(500),
  }),
  render(c) {
    const first = formatLocalTime(new Date(c.firstStartsAt), c.timeZone);
    const weekday = dateTimeFormat("en-GB", { weekday: "long", timeZone: c.timeZone }).format(new Date(c.firstStartsAt));
    const lead = c.isFacilitator
      ? `You lead ${c.groupName} (${c.memberCount} people).`
      : `You are in ${c.groupName} (${c.memberCount} people)${c.facilitatorName ? `, led by ${c.facilitatorName}` : ""}.`;
    const series = `It meets on ${weekday}s for ${formatOffset(c.meetingMinutes)}, ${c.meetingCount === 1 ? "once" : `${c.meetingCount} times`}, starting ${first}.`;
    return {
      title: c.isFacilitator ? `You lead ${c.groupName}: ${c.cohortName}` : `Your group in ${c.cohortName}: ${c.groupName}`,
      body: `${c.courseTitle}: ${lead} ${series}`,
      url: `/orgs/${encodeURIComponent(c.orgId)}/meetings`,
    };
  },
});

const unplaced = define({
  label: "Not placed in a group",
  description: "When a cohort's groups are published and you are not in one: why, and what to change.",
  channels: notificationChannels,
  defaults: ["in_app", "email", "discord"],
  audience: "everyone",
  schema: z.object({
    ...cohortContext,
    /** lib/scheduling's unassigned reason code. */
    code: z.string().min(1).max(50),
    reason: z.string().trim().min(1).max(1000),
  }),
  render(c) {
    return {
      title: `No group for you yet in ${c.cohortName}`,
      body: `${c.courseTitle}: the groups were formed, and you are not in one yet. ${c.reason} Change your availability, and the cohort's teachers can place you when they schedule again.`,
      url: cohortAvailabilityPath(c.orgId, c.cohortId),
    };
  },
});

export const notificationCatalog = {
  reminder,
  "digest.daily": dailyDigest,
  "account.test": testNotification,
  "course.item_unlocked": itemUnlocked,
  "course.grade_updated": gradeUpdated,
  "course.feedback_released": feedbackReleased,
  "meeting.reminder": meetingReminder,
  "meeting.moved": meetingMoved,
  "meeting.canceled": meetingCanceled,
  "meeting.restored": meetingRestored,
  "scheduling.group_assigned": groupAssigned,
  "scheduling.unplaced": unplaced,
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

/** The email-only buttons of a stored notification's context; none when the type has none or the context no longer fits. */
export function emailLinksOf(type: NotificationType, context: unknown): EmailLink[] {
  const definition = notificationTypeOf(type);
  if (!definition.emailLinks) return [];
  const parsed = definition.schema.safeParse(context);
  return parsed.success ? definition.emailLinks(parsed.data) : [];
}

export type ParsedContext = { ok: true; context: unknown; rendered: RenderedNotification } | { ok: false; error: z.ZodError };

/** Validates a context against its type's schema and renders it. */
export function parseAndRender(type: NotificationType, context: unknown): ParsedContext {
  const definition = notificationTypeOf(type);
  const parsed = definition.schema.safeParse(context);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, context: parsed.data, rendered: definition.render(parsed.data) };
}
