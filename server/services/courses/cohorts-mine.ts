import { AppError } from "@/lib/errors";
import { itemAvailability } from "@/lib/courses/drip";
import type { CohortRole } from "@/lib/schemas/cohort-roles";
import { listMyCohortsSchema, type ListMyCohortsInput } from "@/lib/schemas/cohorts";
import type { CourseItemKind } from "@/lib/schemas/course-content";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { Page } from "../audit";
import { organizationNotFound, canSeeOrg } from "../organizations";
import { cohortStatusOf, type CohortStatus } from "./cohorts";
import { readDripSettings } from "./drip-settings";
import { dripItemOrder, learnerItemsWhere } from "./drip-order";

/**
 * "My learning": the cohorts a person belongs to in one organisation, with
 * the course, their progress (learners only) and the item to open next.
 */

export interface MyCohortItem {
  id: string;
  title: string;
  kind: CourseItemKind;
  /** Open now (drip release and publish date have passed). */
  unlocked: boolean;
  /** When it opens (or opened); null when nothing held it back. */
  unlocksAt: Date | null;
}

export interface MyCohortDTO {
  cohortId: string;
  orgId: string;
  name: string;
  startDate: string;
  timeZone: string;
  status: CohortStatus;
  role: CohortRole;
  joinedAt: Date;
  course: { id: string; title: string; description: string; coverKey: string | null };
  /**
   * Learners only (null for facilitators and teachers): completed published
   * items over published items, as counts and a fraction 0..1.
   */
  progress: { completed: number; total: number; fraction: number } | null;
  /** Learners only: the first published item, in course order, not yet completed; null when none is left. */
  nextItem: MyCohortItem | null;
  /** The item the learner last opened, for "continue where you left off"; null if none (or it is gone). */
  lastItem: Pick<MyCohortItem, "id" | "title" | "kind"> | null;
}

const cohortSelect = {
  id: true,
  orgId: true,
  name: true,
  startDate: true,
  timeZone: true,
  drip: true,
  archivedAt: true,
  course: { select: { id: true, title: true, description: true, coverKey: true } },
} satisfies Prisma.CohortSelect;

/** Items learners see, in course order (module, then item): published, and not the placeholder AI activities. */
async function publishedItemsByCourse(courseIds: readonly string[]) {
  const rows = await db().courseItem.findMany({
    where: { ...learnerItemsWhere({ in: [...courseIds] }), publishedTitle: { not: null } },
    orderBy: dripItemOrder,
    select: { id: true, courseId: true, kind: true, publishedTitle: true, publishAt: true, unlockOffsetDays: true },
  });
  const out = new Map<string, typeof rows>();
  for (const row of rows) out.set(row.courseId, [...(out.get(row.courseId) ?? []), row]);
  return out;
}

/** The actor's cohorts in `orgId`, active ones first by start date (newest first). */
export async function listMyCohorts(actor: MaybeActor, input: ListMyCohortsInput): Promise<Page<MyCohortDTO>> {
  requireActor(actor);
  const { orgId, includeArchived, cursor, take } = parseInput(listMyCohortsSchema, input);
  if (!canSeeOrg(actor, orgId)) throw new AppError("not_found", organizationNotFound);

  const rows = await db().cohort.findMany({
    where: { orgId, members: { some: { userId: actor.userId } }, ...(includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { startDate: "desc" }, { id: "desc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: take + 1,
    select: { ...cohortSelect, members: { where: { userId: actor.userId }, select: { role: true, joinedAt: true, lastItemId: true } } },
  });
  const page = rows.flatMap((cohort) => {
    const member = cohort.members[0];
    return member ? [{ cohort, role: member.role, joinedAt: member.joinedAt, lastItemId: member.lastItemId }] : [];
  }).slice(0, take);
  const learnerRows = page.filter((r) => r.role === "learner");
  const [items, completed, now] = await Promise.all([
    publishedItemsByCourse([...new Set(page.map((r) => r.cohort.course.id))]),
    learnerRows.length === 0
      ? Promise.resolve([])
      : db().itemProgress.findMany({
          where: { userId: actor.userId, cohortId: { in: learnerRows.map((r) => r.cohort.id) }, status: "completed" },
          select: { cohortId: true, itemId: true },
        }),
    appNow(),
  ]);
  const done = new Set(completed.map((p) => `${p.cohortId}:${p.itemId}`));

  return {
    items: page.map((row): MyCohortDTO => {
      const { cohort } = row;
      const courseItems = items.get(cohort.course.id) ?? [];
      const last = courseItems.find((i) => i.id === row.lastItemId);
      const base = {
        cohortId: cohort.id,
        orgId: cohort.orgId,
        name: cohort.name,
        startDate: cohort.startDate,
        timeZone: cohort.timeZone,
        status: cohortStatusOf(cohort, now),
        role: row.role,
        joinedAt: row.joinedAt,
        course: cohort.course,
        lastItem: last ? { id: last.id, title: last.publishedTitle ?? "", kind: last.kind } : null,
      };
      if (row.role !== "learner") return { ...base, progress: null, nextItem: null };

      const completedCount = courseItems.filter((i) => done.has(`${cohort.id}:${i.id}`)).length;
      const total = courseItems.length;
      const nextIndex = courseItems.findIndex((i) => !done.has(`${cohort.id}:${i.id}`));
      const next = courseItems[nextIndex];
      const drip = { drip: readDripSettings(cohort.drip), timeZone: cohort.timeZone, startDate: cohort.startDate };
      return {
        ...base,
        progress: { completed: completedCount, total, fraction: total === 0 ? 0 : completedCount / total },
        nextItem: next
          ? {
              id: next.id,
              title: next.publishedTitle ?? "",
              kind: next.kind,
              ...pickAvailability(itemAvailability(drip, { position: nextIndex, unlockOffsetDays: next.unlockOffsetDays, publishAt: next.publishAt }, now, row.joinedAt)),
            }
          : null,
      };
    }),
    nextCursor: rows.length > take ? (page[page.length - 1]?.cohort.id ?? null) : null,
  };
}

function pickAvailability(a: { unlocked: boolean; unlocksAt: Date | null }) {
  return { unlocked: a.unlocked, unlocksAt: a.unlocksAt };
}
