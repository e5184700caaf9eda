import { dripAnchorDate, itemAvailability, type DripCohort } from "@/lib/courses/drip";
import { db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { recordNotifications, requestDelivery, type NotificationDraft } from "../notifications";
import { readDripSettings } from "./drip-settings";
import { dripItemOrder, learnerItemsWhere } from "./drip-order";

/**
 * "Now open" notifications for drip releases and scheduled publish dates.
 *
 * Each cohort keeps a high-water mark (unlockNotifiedUntil). A run at `now`
 * looks at the window (mark, now] (from the cohort's creation the first
 * time) and tells each learner about every published item that opened for
 * them inside it, then moves the mark to `now`, in one transaction per
 * cohort. An item that was already open when the learner joined is not news
 * and is not notified. Each notification's dedupe key names the cohort and
 * the item, so a learner hears about an item once, whatever the runs do
 * (a retried step, two runs overlapping, a mark moved back).
 *
 * Cost per cohort: one query for its items (shared by cohorts of the same
 * course in a batch), one for its learners, and recordNotifications' fixed
 * handful per chunk of notifications. Unlock times are computed once per
 * drip anchor day, so 500 learners anchored on the cohort start cost one
 * computation per item, not 500.
 */

/** Cohorts handled per batch (one workflow step). */
export const defaultUnlockBatchSize = 50;
/** Notifications written per recordNotifications call. */
export const unlockNotificationChunk = 500;
/**
 * How far back a run looks at most. After an outage (or for cohorts older
 * than this feature) a "Now open" about something that opened weeks ago is
 * noise: the course home shows it open anyway.
 */
export const unlockCatchUpMs = 3 * 24 * 60 * 60 * 1000;

/**
 * "Now open" notifications per learner and cohort in one run. When a whole
 * course opens at once (one publish date for every item) a learner hears
 * about the first few in course order, not fifty times; the course home
 * lists the rest.
 */
export const maxUnlocksPerLearnerPerRun = 3;

/** The notification catalog caps titles at 200 characters. */
const maxTitleLength = 200;

export interface UnlockBatchOptions {
  now: Date;
  /** The last cohort id of the previous batch; null for the first. */
  cursor?: string | null;
  batchSize?: number;
  catchUpMs?: number;
}

export interface UnlockBatchResult {
  /** Cohorts looked at in this batch. */
  cohorts: number;
  /** Notifications newly recorded. */
  notified: number;
  /** Notifications that go out by email or Discord too (for requestDelivery). */
  notificationIds: string[];
  nextCursor: string | null;
}

export interface UnlockRunResult {
  batches: number;
  cohorts: number;
  notified: number;
}

/** A learner-visible course item with what decides when it opens. */
interface DripCourseItem {
  id: string;
  title: string;
  unlockOffsetDays: number | null;
  publishAt: Date | null;
}

/**
 * The items learners see, in drip order: published, not AI activities (hidden
 * until the tools issue), by module then position. Index i is the drip
 * position of courseAvailability().
 */
export async function dripOrderedItems(courseId: string, client: Prisma.TransactionClient | ReturnType<typeof db> = db()): Promise<DripCourseItem[]> {
  const rows = await client.courseItem.findMany({
    where: learnerItemsWhere(courseId),
    orderBy: dripItemOrder,
    select: { id: true, title: true, publishedTitle: true, unlockOffsetDays: true, publishAt: true },
  });
  return rows.map((r) => ({ id: r.id, title: r.publishedTitle ?? r.title, unlockOffsetDays: r.unlockOffsetDays, publishAt: r.publishAt }));
}

const cohortSelect = {
  id: true,
  orgId: true,
  courseId: true,
  startDate: true,
  timeZone: true,
  drip: true,
  createdAt: true,
  unlockNotifiedUntil: true,
  course: { select: { title: true } },
} satisfies Prisma.CohortSelect;

type BatchCohort = Prisma.CohortGetPayload<{ select: typeof cohortSelect }>;

/** One batch of cohorts: records their unlock notifications and moves their marks. Call requestDelivery with the ids after. */
export async function notifyUnlockedItemsBatch(options: UnlockBatchOptions): Promise<UnlockBatchResult> {
  const { now } = options;
  const batchSize = options.batchSize ?? defaultUnlockBatchSize;
  const catchUpMs = options.catchUpMs ?? unlockCatchUpMs;
  const cohorts = await db().cohort.findMany({
    where: {
      archivedAt: null,
      course: { archivedAt: null, publishedAt: { not: null } },
      // Without drip and without a scheduled item, everything is open from the start: nothing ever unlocks.
      OR: [{ NOT: { drip: { equals: Prisma.AnyNull } } }, { course: { items: { some: { publishAt: { not: null } } } } }],
      ...(options.cursor ? { id: { gt: options.cursor } } : {}),
    },
    orderBy: { id: "asc" },
    take: batchSize,
    select: cohortSelect,
  });

  const itemsOf = new Map<string, DripCourseItem[]>();
  let notified = 0;
  const notificationIds: string[] = [];
  for (const cohort of cohorts) {
    const from = windowStart(cohort, now, catchUpMs);
    if (from.getTime() >= now.getTime()) continue;
    let items = itemsOf.get(cohort.courseId);
    if (!items) {
      items = await dripOrderedItems(cohort.courseId);
      itemsOf.set(cohort.courseId, items);
    }
    const outcome = await notifyCohort(cohort, items, from, now);
    notified += outcome.notified;
    notificationIds.push(...outcome.notificationIds);
  }
  return { cohorts: cohorts.length, notified, notificationIds, nextCursor: cohorts.length === batchSize ? (cohorts.at(-1)?.id ?? null) : null };
}

/** Every batch at `now`, with delivery requested after each (tests, scripts; the workflow runs the batches as steps). */
export async function notifyUnlockedItems(now: Date, options: Omit<UnlockBatchOptions, "now" | "cursor"> = {}): Promise<UnlockRunResult> {
  const total: UnlockRunResult = { batches: 0, cohorts: 0, notified: 0 };
  let cursor: string | null = null;
  do {
    const batch = await notifyUnlockedItemsBatch({ ...options, now, cursor });
    total.batches += 1;
    total.cohorts += batch.cohorts;
    total.notified += batch.notified;
    if (batch.notificationIds.length > 0) await requestDelivery(batch.notificationIds);
    cursor = batch.nextCursor;
  } while (cursor);
  return total;
}

/** The start of the window a run looks at: the mark (the cohort's creation the first time), but no further back than catchUpMs. */
function windowStart(cohort: Pick<BatchCohort, "unlockNotifiedUntil" | "createdAt">, now: Date, catchUpMs: number): Date {
  return new Date(Math.max((cohort.unlockNotifiedUntil ?? cohort.createdAt).getTime(), now.getTime() - catchUpMs));
}

async function notifyCohort(cohort: BatchCohort, items: DripCourseItem[], from: Date, now: Date): Promise<{ notified: number; notificationIds: string[] }> {
  const drip: DripCohort = { drip: readDripSettings(cohort.drip), timeZone: cohort.timeZone, startDate: cohort.startDate };
  const learners = await db().cohortMember.findMany({
    where: { cohortId: cohort.id, role: "learner", joinedAt: { lte: now } },
    select: { userId: true, joinedAt: true },
  });

  const drafts: NotificationDraft<"course.item_unlocked">[] = [];
  // Learners with the same anchor day share their unlock times.
  const openedInWindow = new Map<string, { item: DripCourseItem; at: Date }[]>();
  for (const learner of learners) {
    let opened: { item: DripCourseItem; at: Date }[];
    try {
      const anchor = dripAnchorDate(drip, learner.joinedAt);
      opened = openedInWindow.get(anchor) ?? unlocksBetween(drip, items, learner.joinedAt, from, now);
      openedInWindow.set(anchor, opened);
    } catch (error) {
      // A cohort with an unreadable start date or zone must not stop every other cohort's notifications.
      console.warn(`Unlock notifications skipped for cohort ${cohort.id}: ${error instanceof Error ? error.message : String(error)}`);
      return { notified: 0, notificationIds: [] };
    }
    const news = opened.filter(({ at }) => at.getTime() > learner.joinedAt.getTime()).slice(0, maxUnlocksPerLearnerPerRun);
    for (const { item } of news) {
      drafts.push({
        userId: learner.userId,
        type: "course.item_unlocked",
        context: { orgId: cohort.orgId, cohortId: cohort.id, itemId: item.id, itemTitle: clip(item.title), courseTitle: clip(cohort.course.title) },
        options: { orgId: cohort.orgId, dedupeKey: `unlock:${cohort.id}:${item.id}`, now },
      });
    }
  }

  return db().$transaction(
    async (tx) => {
      let notified = 0;
      const notificationIds: string[] = [];
      for (let i = 0; i < drafts.length; i += unlockNotificationChunk) {
        // One learner whose notification cannot be written (deleted meanwhile) must not hold back the others.
        const results = await recordNotifications(tx, drafts.slice(i, i + unlockNotificationChunk), { skipInvalid: true });
        for (const result of results) {
          if (!result?.created) continue;
          notified += 1;
          if (result.channels.some((c) => c !== "in_app")) notificationIds.push(result.notificationId);
        }
      }
      // Never moves back: an older run finishing late leaves a newer mark alone.
      await tx.cohort.updateMany({
        where: { id: cohort.id, OR: [{ unlockNotifiedUntil: null }, { unlockNotifiedUntil: { lt: now } }] },
        data: { unlockNotifiedUntil: now },
      });
      return { notified, notificationIds };
    },
    // A cohort's first drip day can notify hundreds of learners at once: more than Prisma's 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Items (in drip order) that open for a learner with this join time in (from, to]. */
function unlocksBetween(drip: DripCohort, items: readonly DripCourseItem[], joinedAt: Date, from: Date, to: Date): { item: DripCourseItem; at: Date }[] {
  const opened: { item: DripCourseItem; at: Date }[] = [];
  items.forEach((item, position) => {
    const availability = itemAvailability(drip, { position, unlockOffsetDays: item.unlockOffsetDays, publishAt: item.publishAt }, to, joinedAt);
    const at = availability.unlocksAt;
    if (at && at.getTime() > from.getTime() && at.getTime() <= to.getTime()) opened.push({ item, at });
  });
  return opened;
}

function clip(title: string): string {
  const trimmed = title.trim();
  return trimmed.length <= maxTitleLength ? trimmed : `${trimmed.slice(0, maxTitleLength - 1)}…`;
}
