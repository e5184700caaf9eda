import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { nextSendAfter, occurrencesBetween, sendsDueBetween, type ReminderSchedule, type ReminderSendSlot } from "@/lib/reminders";
import {
  createReminderSchema,
  listRemindersSchema,
  notPastMessage,
  reminderIdInputSchema,
  updateReminderSchema,
  type CreateReminderInput,
  type ListRemindersInput,
  type ReminderChannel,
  type ReminderData,
  type ReminderIdInput,
  type ReminderKind,
  type UpdateReminderInput,
} from "@/lib/schemas/reminders";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../auth/actor";
import { assertCan, can, requireActor } from "../auth/permissions";
import { appNow } from "../clock";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Page } from "./audit";
import { recordNotifications, requestDelivery } from "./notifications";

/**
 * A person's reminders, and the dispatcher that sends them.
 *
 * Each reminder stores its next send (nextSendAt / nextOccurrenceAt /
 * nextOffset), recomputed on every write, so the dispatcher finds due ones
 * with an index scan. A send happens only if its ReminderSend row
 * (reminderId, occurrenceAt, offsetMinutes) was inserted by the same
 * transaction that records the notification (recordNotifications,
 * the batch form of recordNotification): that unique row is the exactly-once
 * guarantee, whatever the number of dispatchers or retries.
 */

export const maxRemindersPerUser = 200;
/** Sends older than this when the dispatcher finds them (after downtime) are skipped, not sent late. */
export const defaultCatchUpMinutes = 60;
export const defaultDispatchBatchSize = 500;
/** How far back a catch-up looks at all; older missed sends are skipped without being counted. */
const maxLookBackMs = 35 * 24 * 60 * 60 * 1000;
const minuteMs = 60_000;

export interface ReminderDTO {
  id: string;
  title: string;
  note: string | null;
  kind: ReminderKind;
  timeZone: string;
  time: string;
  weekdays: number[];
  date: string | null;
  offsets: number[];
  channels: ReminderChannel[];
  link: string | null;
  version: number;
  nextSendAt: Date | null;
  nextOccurrenceAt: Date | null;
  nextOffset: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the dispatcher reads of a due reminder: its schedule and what to send. */
const dueSelect = {
  id: true,
  userId: true,
  title: true,
  note: true,
  kind: true,
  timeZone: true,
  localTime: true,
  weekdays: true,
  date: true,
  offsets: true,
  channels: true,
  link: true,
  nextSendAt: true,
} satisfies Prisma.ReminderSelect;
type DueRow = Prisma.ReminderGetPayload<{ select: typeof dueSelect }>;

const reminderSelect = {
  ...dueSelect,
  version: true,
  nextOccurrenceAt: true,
  nextOffset: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ReminderSelect;

type ReminderRow = Prisma.ReminderGetPayload<{ select: typeof reminderSelect }>;

function toDTO(row: ReminderRow): ReminderDTO {
  return {
    id: row.id,
    title: row.title,
    note: row.note,
    kind: row.kind,
    timeZone: row.timeZone,
    time: row.localTime,
    weekdays: row.weekdays,
    date: row.date,
    offsets: row.offsets,
    channels: row.channels,
    link: row.link,
    version: row.version,
    nextSendAt: row.nextSendAt,
    nextOccurrenceAt: row.nextOccurrenceAt,
    nextOffset: row.nextOffset,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

type ScheduleFields = Pick<ReminderRow, "kind" | "timeZone" | "localTime" | "weekdays" | "date">;

function scheduleOf(row: ScheduleFields): ReminderSchedule {
  return row.kind === "once"
    ? { kind: "once", date: row.date ?? "", time: row.localTime, timeZone: row.timeZone }
    : { kind: "recurring", weekdays: row.weekdays, time: row.localTime, timeZone: row.timeZone };
}

function fieldsOf(data: ReminderData) {
  return {
    title: data.title,
    note: data.note,
    kind: data.kind,
    timeZone: data.timeZone,
    localTime: data.time,
    weekdays: data.weekdays,
    date: data.date,
    offsets: data.offsets,
    channels: data.channels,
    link: data.link,
  };
}

function startOfMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / minuteMs) * minuteMs);
}

interface NextSend {
  nextSendAt: Date | null;
  nextOccurrenceAt: Date | null;
  nextOffset: number | null;
}

function nextSendFields(slot: ReminderSendSlot | null): NextSend {
  return { nextSendAt: slot?.dueAt ?? null, nextOccurrenceAt: slot?.occurrenceAt ?? null, nextOffset: slot?.offsetMinutes ?? null };
}

/**
 * The first send from the start of the current minute on: a reminder saved at
 * 09:00:40 for 09:00 still goes out (the dispatcher runs each minute), and a
 * send that already went out is not repeated (its ReminderSend row exists).
 */
function planFrom(schedule: ReminderSchedule, offsets: number[], now: Date): NextSend {
  return nextSendFields(nextSendAfter(schedule, offsets, new Date(startOfMinute(now).getTime() - 1)));
}

/** A one-off must be now or later (this minute counts). */
function assertNotPast(schedule: ReminderSchedule, now: Date): void {
  if (schedule.kind !== "once") return;
  const [occurrence] = occurrencesBetween(schedule, startOfMinute(now), new Date(8.64e15));
  if (!occurrence) throw new AppError("invalid", notPastMessage, { fieldErrors: { date: [notPastMessage] } });
}

function notFound(): AppError {
  return new AppError("not_found", "That reminder was not found. It may have been deleted; refresh the list.");
}

/** A reminder the actor may act on, or not_found (never forbidden: ids of other people's reminders reveal nothing). */
async function findOwned(actor: MaybeActor, reminderId: string, action: "read" | "update" | "delete"): Promise<ReminderRow> {
  requireActor(actor);
  const row = await db().reminder.findUnique({ where: { id: reminderId }, select: reminderSelect });
  if (!row || !can(actor, action, "Reminder", { userId: row.userId })) throw notFound();
  return row;
}

export interface ClockOptions {
  /** "Now" for the not-in-the-past check and the next send (default: the app clock). */
  now?: Date;
}

export async function createReminder(actor: MaybeActor, input: CreateReminderInput, options: ClockOptions = {}): Promise<ReminderDTO> {
  requireActor(actor);
  assertCan(actor, "create", "Reminder", { userId: actor.userId });
  const data = parseInput(createReminderSchema, input);
  const now = options.now ?? (await appNow());
  const schedule = scheduleOf(fieldsOf(data));
  assertNotPast(schedule, now);
  const count = await db().reminder.count({ where: { userId: actor.userId } });
  if (count >= maxRemindersPerUser) {
    throw new AppError("quota_exceeded", `You have ${maxRemindersPerUser} reminders, the most one person can keep. Delete some you no longer need.`);
  }
  const row = await db().reminder.create({
    data: { userId: actor.userId, ...fieldsOf(data), ...planFrom(schedule, data.offsets, now) },
    select: reminderSelect,
  });
  return toDTO(row);
}

/**
 * Replaces a reminder's fields. Its pending sends are recomputed from the new
 * version; sends that already went out stay sent (and are never repeated).
 */
export async function updateReminder(actor: MaybeActor, input: UpdateReminderInput, options: ClockOptions = {}): Promise<ReminderDTO> {
  requireActor(actor);
  const { reminderId, version, ...data } = parseInput(updateReminderSchema, input);
  const current = await findOwned(actor, reminderId, "update");
  if (version !== undefined && version !== current.version) throw changedMeanwhile();
  const now = options.now ?? (await appNow());
  const fields = fieldsOf(data);
  const schedule = scheduleOf(fields);
  const scheduleChanged =
    fields.kind !== current.kind ||
    fields.timeZone !== current.timeZone ||
    fields.localTime !== current.localTime ||
    fields.date !== current.date ||
    fields.weekdays.join() !== current.weekdays.join();
  // A finished one-off may still get a new title or note without a new date.
  if (scheduleChanged) assertNotPast(schedule, now);
  const updated = await db().reminder.updateMany({
    where: { id: current.id, version: current.version },
    data: { ...fields, ...planFrom(schedule, data.offsets, now), version: { increment: 1 } },
  });
  if (updated.count === 0) throw changedMeanwhile();
  return toDTO(await db().reminder.findUniqueOrThrow({ where: { id: current.id }, select: reminderSelect }));
}

function changedMeanwhile(): AppError {
  return new AppError("conflict", "This reminder was changed somewhere else while you edited it. Reload it and make your change again.");
}

/** Deletes a reminder and its send records; nothing more is sent for it. */
export async function deleteReminder(actor: MaybeActor, input: ReminderIdInput): Promise<{ id: string }> {
  const { reminderId } = parseInput(reminderIdInputSchema, input);
  const row = await findOwned(actor, reminderId, "delete");
  await db().reminder.deleteMany({ where: { id: row.id } });
  return { id: row.id };
}

export async function getReminder(actor: MaybeActor, input: ReminderIdInput): Promise<ReminderDTO> {
  const { reminderId } = parseInput(reminderIdInputSchema, input);
  return toDTO(await findOwned(actor, reminderId, "read"));
}

/** The actor's own reminders, newest first. */
export async function listMyReminders(actor: MaybeActor, input: ListRemindersInput = {}): Promise<Page<ReminderDTO>> {
  requireActor(actor);
  assertCan(actor, "read", "Reminder", { userId: actor.userId });
  const { cursor, take } = parseInput(listRemindersSchema, input);
  if (cursor) {
    // A cursor must be one of the actor's own reminders, or the page would start somewhere else.
    const anchor = await db().reminder.findFirst({ where: { id: cursor, userId: actor.userId }, select: { id: true } });
    if (!anchor) throw new AppError("invalid", "This page link is not valid; start from the first page.");
  }
  const rows = await db().reminder.findMany({
    where: { userId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: reminderSelect,
  });
  const page = rows.slice(0, take);
  return { items: page.map(toDTO), nextCursor: rows.length > take ? (page[page.length - 1]?.id ?? null) : null };
}

// ---------------------------------------------------------------------------
// Dispatch

export interface DispatchOptions {
  /** Sends due at or before this are handled. */
  now: Date;
  /** Sends due longer ago than this are skipped (and passed), not sent late. */
  catchUpMinutes?: number;
  /** Reminders per transaction. */
  batchSize?: number;
}

export interface DispatchBatchResult {
  /** Due reminders this batch locked. */
  reminders: number;
  /** Sends recorded (a notification was recorded in the same transaction). */
  sent: number;
  /** Due sends older than the catch-up window, passed without sending. */
  skippedLate: number;
  /** Notifications created with an email or Discord channel, for requestDelivery after the commit. */
  notificationIds: string[];
  /** True when the batch was full: more reminders may be due. */
  more: boolean;
}

interface PlannedSend extends ReminderSendSlot {
  id: string;
  reminder: DueRow;
}

/** What one due reminder needs: the sends to make, how many to skip, and its next send after now. */
function planDue(row: DueRow, now: Date, cutoff: Date): { sends: ReminderSendSlot[]; skipped: number; next: NextSend } {
  const schedule = scheduleOf(row);
  try {
    const from = new Date(Math.max(row.nextSendAt?.getTime() ?? now.getTime(), now.getTime() - maxLookBackMs));
    const due = sendsDueBetween(schedule, row.offsets, from, now);
    const sends = due.filter((s) => s.dueAt >= cutoff);
    return { sends, skipped: due.length - sends.length, next: nextSendFields(nextSendAfter(schedule, row.offsets, now)) };
  } catch {
    // A stored schedule that no longer computes (say, a zone dropped from the tz database) stops
    // instead of blocking every batch behind it.
    return { sends: [], skipped: 1, next: nextSendFields(null) };
  }
}

/**
 * One batch: locks up to `batchSize` due reminders (SKIP LOCKED, so parallel
 * dispatchers take different ones), records each due send and its
 * notification in one transaction, and moves each reminder to its next send.
 * Call requestDelivery(result.notificationIds) after it returns.
 */
export async function dispatchReminderBatch(options: DispatchOptions): Promise<DispatchBatchResult> {
  const { now } = options;
  const batchSize = options.batchSize ?? defaultDispatchBatchSize;
  const cutoff = new Date(now.getTime() - (options.catchUpMinutes ?? defaultCatchUpMinutes) * minuteMs);

  return db().$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Reminder"
         WHERE "nextSendAt" <= ${now}
         ORDER BY "nextSendAt"
         LIMIT ${batchSize}
         FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return { reminders: 0, sent: 0, skippedLate: 0, notificationIds: [], more: false };
      const rows = await tx.reminder.findMany({ where: { id: { in: locked.map((r) => r.id) } }, select: dueSelect });

      const planned: PlannedSend[] = [];
      const nexts: (NextSend & { id: string })[] = [];
      let skippedLate = 0;
      for (const row of rows) {
        const plan = planDue(row, now, cutoff);
        skippedLate += plan.skipped;
        for (const slot of plan.sends) planned.push({ ...slot, id: randomUUID(), reminder: row });
        nexts.push({ id: row.id, ...plan.next });
      }

      const inserted = await claimSends(tx, planned, now);
      const claimed = planned.filter((send) => inserted.has(send.id));
      const recorded = await recordNotifications(
        tx,
        claimed.map((send) => {
          const r = send.reminder;
          const occurrenceAt = send.occurrenceAt.toISOString();
          return {
            userId: r.userId,
            type: "reminder" as const,
            context: { reminderId: r.id, title: r.title, note: r.note, occurrenceAt, offsetMinutes: send.offsetMinutes, timeZone: r.timeZone, link: r.link },
            options: { channels: r.channels, dedupeKey: `reminder:${r.id}:${occurrenceAt}:${send.offsetMinutes}`, now },
          };
        }),
        // One reminder that no longer renders must not hold back everyone else's in the batch.
        { skipInvalid: true },
      );
      const notificationIds: string[] = [];
      const linked: { sendId: string; notificationId: string }[] = [];
      for (const [i, send] of claimed.entries()) {
        const result = recorded[i];
        if (!result) continue;
        linked.push({ sendId: send.id, notificationId: result.notificationId });
        // Only email and Discord need a delivery; the inbox shows the row as it is.
        if (result.created && result.channels.some((c) => c !== "in_app")) notificationIds.push(result.notificationId);
      }
      await linkNotifications(tx, linked);
      await advanceReminders(tx, nexts);
      return { reminders: rows.length, sent: inserted.size, skippedLate, notificationIds, more: locked.length === batchSize };
    },
    // A batch records hundreds of notifications: more than Prisma's 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Inserts the send rows; returns the ids that were new. A row that exists means it was sent already. */
async function claimSends(tx: Prisma.TransactionClient, sends: PlannedSend[], sentAt: Date): Promise<Set<string>> {
  if (sends.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "ReminderSend" ("id", "reminderId", "occurrenceAt", "offsetMinutes", "dueAt", "sentAt")
    SELECT v.id, v.reminder_id, v.occurrence_at, v.offset_minutes, v.due_at, ${sentAt}::timestamp(3)
      FROM unnest(
        ${sends.map((s) => s.id)}::text[],
        ${sends.map((s) => s.reminder.id)}::text[],
        ${sends.map((s) => s.occurrenceAt.toISOString())}::timestamp(3)[],
        ${sends.map((s) => s.offsetMinutes)}::int[],
        ${sends.map((s) => s.dueAt.toISOString())}::timestamp(3)[]
      ) AS v(id, reminder_id, occurrence_at, offset_minutes, due_at)
    ON CONFLICT ("reminderId", "occurrenceAt", "offsetMinutes") DO NOTHING
    RETURNING "id"`;
  return new Set(rows.map((r) => r.id));
}

async function linkNotifications(tx: Prisma.TransactionClient, links: { sendId: string; notificationId: string }[]): Promise<void> {
  if (links.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ReminderSend" AS s SET "notificationId" = v.notification_id
      FROM unnest(${links.map((l) => l.sendId)}::text[], ${links.map((l) => l.notificationId)}::text[]) AS v(id, notification_id)
     WHERE s."id" = v.id`;
}

async function advanceReminders(tx: Prisma.TransactionClient, nexts: (NextSend & { id: string })[]): Promise<void> {
  if (nexts.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Reminder" AS r
       SET "nextSendAt" = v.next_send_at, "nextOccurrenceAt" = v.next_occurrence_at, "nextOffset" = v.next_offset
      FROM unnest(
        ${nexts.map((n) => n.id)}::text[],
        ${nexts.map((n) => n.nextSendAt?.toISOString() ?? null)}::timestamp(3)[],
        ${nexts.map((n) => n.nextOccurrenceAt?.toISOString() ?? null)}::timestamp(3)[],
        ${nexts.map((n) => n.nextOffset)}::int[]
      ) AS v(id, next_send_at, next_occurrence_at, next_offset)
     WHERE r."id" = v.id`;
}

export interface DispatchResult {
  batches: number;
  reminders: number;
  sent: number;
  skippedLate: number;
}

/**
 * Sends everything due at `now`, batch after batch, then asks for delivery
 * (email, Discord) of the notifications each batch created once it committed.
 * The workflow (inngest/functions/dispatch-reminders.ts) runs the same
 * batches as steps; this is for scripts and tests.
 */
export async function dispatchDueReminders(options: DispatchOptions & { maxBatches?: number }): Promise<DispatchResult> {
  const total: DispatchResult = { batches: 0, reminders: 0, sent: 0, skippedLate: 0 };
  const maxBatches = options.maxBatches ?? 1000;
  while (total.batches < maxBatches) {
    const batch = await dispatchReminderBatch(options);
    if (batch.reminders > 0) total.batches += 1;
    total.reminders += batch.reminders;
    total.sent += batch.sent;
    total.skippedLate += batch.skippedLate;
    if (batch.notificationIds.length > 0) await requestDelivery(batch.notificationIds);
    if (!batch.more) break;
  }
  return total;
}
