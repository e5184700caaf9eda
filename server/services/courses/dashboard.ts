import { AppError } from "@/lib/errors";
import { courseAvailability, dripAnchorDate } from "@/lib/courses/drip";
import type { CourseItemKind } from "@/lib/schemas/course-content";
import { cohortDashboardSchema, cohortIdInputSchema, type CohortDashboardInput, type CohortIdInput, type DashboardFilter } from "@/lib/schemas/review";
import { parseLocalDate, zonedTimeToUtc } from "@/lib/time-zone";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db, type Db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import type { Page } from "../audit";
import { cohortSubject, loadCohort, type CohortAccess } from "./access";
import { canReviewCohort, countWaitingReviews, isCohortStaff, requireCohortStaff } from "./review";

/**
 * The cohort dashboard: every learner's progress, who is at risk and why,
 * and how far the cohort got through each item. It reads a fixed number of
 * queries whatever the size of the cohort (one aggregate over all learners'
 * progress, one per-item count, the published items, the waiting reviews),
 * then filters, searches and pages in memory: a cohort is hundreds of
 * learners, and the summary and the filter counts need all of them anyway.
 *
 * At risk means inactive for the cohort's atRiskAfterDays (counted from the
 * later of the learner's last activity, their join and the cohort's start,
 * so nobody is "inactive" before the course begins), or failing a quiz: a
 * graded attempt and no passing one (ItemProgress.passed = false).
 */

type Client = Db | Prisma.TransactionClient;

const dayMs = 24 * 60 * 60 * 1000;
const activeWindowDays = 7;

export interface DashboardLearner {
  memberId: string;
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
  lastActiveAt: Date | null;
  /** Completed published items. */
  completed: number;
  /** Published items open to this learner now (drip and publish dates). */
  available: number;
  /** completed / available, 0..1 (0 when nothing is open yet). */
  progress: number;
  /** Mean best score over scored items, 0..1; null before any score. */
  averageScore: number | null;
  /** Quizzes with a graded attempt and no passing one. */
  failing: number;
  /** Whole days without activity once the cohort started; null before it starts. */
  inactiveDays: number | null;
  inactive: boolean;
  atRisk: boolean;
  /** Why the learner is at risk, e.g. "inactive 9 days", "failing 2 quizzes". */
  reasons: string[];
}

export interface DashboardItem {
  itemId: string;
  title: string;
  kind: Exclude<CourseItemKind, "ai_activity">;
  /** Learners who completed it. */
  completed: number;
  /** completed / learners; null without learners. */
  rate: number | null;
  /** When it opens for learners counted from the cohort start; null when already open. */
  opensAt: Date | null;
}

export interface DashboardSummary {
  learners: number;
  activeLast7Days: number;
  /** Mean of the learners' progress, 0..1; null without learners. */
  averageCompletion: number | null;
  /** Mean of the learners' average scores, 0..1; null before any score. */
  averageScore: number | null;
  atRisk: number;
  pendingReviews: number;
}

export interface CohortDashboard extends Page<DashboardLearner> {
  atRiskAfterDays: number;
  summary: DashboardSummary;
  /** Learners per filter over the whole cohort (before the search). */
  counts: Record<DashboardFilter, number>;
  /** Learners matching the filter and the search. */
  matching: number;
  /** Completion of each published item, in course order. */
  itemCompletion: DashboardItem[];
}

interface LearnerMemberRow {
  id: string;
  userId: string;
  joinedAt: Date;
  lastActiveAt: Date | null;
  name: string;
  email: string;
}

interface ProgressAggregate {
  /** Set on per-learner rows. */
  userId: string | null;
  /** Set on per-item rows. */
  itemId: string | null;
  completed: number;
  failing: number;
  averageScore: number | null;
}

/**
 * Learners' progress over the course's published items, aggregated twice in
 * one scan: per learner (completed, failing quizzes, mean best score) and per
 * item (learners who completed it). Kept apart from the member list on
 * purpose: joined to it, a planner with stale statistics (a cohort filled a
 * minute ago) re-runs the aggregate once per learner.
 */
function progressAggregateSql(cohortId: string, courseId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT ip."userId", ip."itemId",
           COUNT(*) FILTER (WHERE ip."status" = 'completed')::int AS "completed",
           COUNT(*) FILTER (WHERE ip."passed" = false AND i."kind" = 'quiz')::int AS "failing",
           AVG(ip."bestScore")::float8 AS "averageScore"
    FROM "ItemProgress" ip
    JOIN "CourseItem" i ON i."id" = ip."itemId"
    JOIN "CohortMember" m ON m."cohortId" = ip."cohortId" AND m."userId" = ip."userId" AND m."role" = 'learner'
    WHERE ip."cohortId" = ${cohortId} AND i."courseId" = ${courseId}
      AND i."publishedAt" IS NOT NULL AND i."kind" <> 'ai_activity'
    GROUP BY GROUPING SETS ((ip."userId"), (ip."itemId"))`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The instant the cohort's first day begins on its own wall clock. */
function cohortStartsAt(cohort: CohortAccess): Date {
  const day = parseLocalDate(cohort.startDate);
  if (!day) throw new Error(`Cohort ${cohort.id} has a start date that is not a date: ${cohort.startDate}.`);
  return zonedTimeToUtc({ ...day, hour: 0, minute: 0 }, cohort.timeZone);
}

function matchesFilter(learner: DashboardLearner, filter: DashboardFilter): boolean {
  switch (filter) {
    case "all":
      return true;
    case "at_risk":
      return learner.atRisk;
    case "inactive":
      return learner.inactive;
    case "failing":
      return learner.failing > 0;
  }
}

/** Name order, then id: also the cursor, so a page starts right after the last learner shown even if someone left meanwhile. */
function sortKey(learner: Pick<DashboardLearner, "name" | "memberId">): [string, string] {
  return [learner.name.toLocaleLowerCase("en"), learner.memberId];
}

function compareKeys(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

function encodeCursor(learner: DashboardLearner): string {
  const [name, id] = sortKey(learner);
  return `${id}|${name}`.slice(0, 500);
}

function decodeCursor(cursor: string | null | undefined): [string, string] | null {
  if (!cursor) return null;
  const bar = cursor.indexOf("|");
  if (bar < 1) throw new AppError("invalid", "This page link is not valid; start from the first page.");
  return [cursor.slice(bar + 1), cursor.slice(0, bar)];
}

export async function cohortDashboard(actor: MaybeActor, input: CohortDashboardInput, client: Client = db()): Promise<CohortDashboard> {
  const { cohortId, cursor, filter, search, take } = parseInput(cohortDashboardSchema, input);
  const after = decodeCursor(cursor);
  const cohort = await requireCohortStaff(actor, cohortId, client);
  const now = await appNow();

  const [rawItems, members, aggregates, pendingReviews] = await Promise.all([
    // The learner's outline order (learning-outline.ts): drip positions must match what learners see. A draft course shows learners nothing.
    client.courseItem.findMany({
      where: { courseId: cohort.courseId, publishedAt: { not: null }, kind: { not: "ai_activity" }, course: { publishedAt: { not: null } } },
      orderBy: [{ module: { position: "asc" } }, { moduleId: "asc" }, { position: "asc" }, { id: "asc" }],
      select: { id: true, kind: true, title: true, publishedTitle: true, publishAt: true, unlockOffsetDays: true },
    }),
    // Plain SQL: through Prisma the user relation became a JSON object built and parsed per learner, three times the CPU.
    client.$queryRaw<LearnerMemberRow[]>`
      SELECT m."id", m."userId", m."joinedAt", m."lastActiveAt", u."name", u."email"
      FROM "CohortMember" m JOIN "User" u ON u."id" = m."userId"
      WHERE m."cohortId" = ${cohort.id} AND m."role" = 'learner'`,
    client.$queryRaw<ProgressAggregate[]>(progressAggregateSql(cohort.id, cohort.courseId)),
    countWaitingReviews(cohort.id, now, client),
  ]);
  // AI activities stay hidden from learners until the tools issue (the query leaves them out; this tells TypeScript).
  const items = rawItems.flatMap((i) => (i.kind === "ai_activity" ? [] : [{ ...i, kind: i.kind }]));
  const byLearner = new Map(aggregates.flatMap((a) => (a.userId === null ? [] : [[a.userId, a] as const])));
  // Open items depend on the learner only through the drip anchor day, so learners who joined the same day share one computation.
  const openByAnchor = new Map<string, number>();
  const openItems = (joinedAt: Date): number => {
    const anchor = cohort.drip?.anchor === "join_date" ? dripAnchorDate(cohort, joinedAt) : cohort.startDate;
    let open = openByAnchor.get(anchor);
    if (open === undefined) {
      open = courseAvailability(cohort, items, now, joinedAt).filter((i) => i.unlocked).length;
      openByAnchor.set(anchor, open);
    }
    return open;
  };

  const startsAt = cohortStartsAt(cohort);
  const started = now.getTime() >= startsAt.getTime();
  // One object literal per learner: spreading a row and adding fields took V8's slow path, 10 µs a learner.
  const learners = members.map((m): DashboardLearner => {
    const aggregate = byLearner.get(m.userId);
    const completed = aggregate?.completed ?? 0;
    const failing = aggregate?.failing ?? 0;
    const available = openItems(m.joinedAt);
    const since = Math.max((m.lastActiveAt ?? m.joinedAt).getTime(), startsAt.getTime());
    const inactiveDays = started ? Math.max(0, Math.floor((now.getTime() - since) / dayMs)) : null;
    const inactive = inactiveDays !== null && inactiveDays >= cohort.atRiskAfterDays;
    const reasons: string[] = [];
    if (inactive) reasons.push(m.lastActiveAt ? `inactive ${plural(inactiveDays, "day", "days")}` : `no activity yet (${plural(inactiveDays, "day", "days")})`);
    if (failing > 0) reasons.push(`failing ${plural(failing, "quiz", "quizzes")}`);
    return {
      memberId: m.id,
      userId: m.userId,
      name: m.name,
      email: m.email,
      joinedAt: m.joinedAt,
      lastActiveAt: m.lastActiveAt,
      completed,
      failing,
      averageScore: aggregate?.averageScore ?? null,
      available,
      // An item completed before its date was moved later still counts, but progress never passes 100%.
      progress: available === 0 ? 0 : Math.min(1, completed / available),
      inactiveDays,
      inactive,
      atRisk: reasons.length > 0,
      reasons,
    };
  });

  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  const activeSince = now.getTime() - activeWindowDays * dayMs;
  const summary: DashboardSummary = {
    learners: learners.length,
    activeLast7Days: learners.filter((l) => l.lastActiveAt !== null && l.lastActiveAt.getTime() >= activeSince).length,
    averageCompletion: mean(learners.map((l) => l.progress)),
    averageScore: mean(learners.flatMap((l) => (l.averageScore === null ? [] : [l.averageScore]))),
    atRisk: learners.filter((l) => l.atRisk).length,
    pendingReviews,
  };
  const counts: Record<DashboardFilter, number> = {
    all: learners.length,
    at_risk: summary.atRisk,
    inactive: learners.filter((l) => l.inactive).length,
    failing: learners.filter((l) => l.failing > 0).length,
  };

  const needle = search.toLocaleLowerCase("en");
  const matching = learners
    .filter((l) => matchesFilter(l, filter))
    .map((l) => ({ learner: l, key: sortKey(l) }))
    .filter(({ learner: l, key }) => needle === "" || key[0].includes(needle) || l.email.includes(needle))
    .sort((a, b) => compareKeys(a.key, b.key));
  const start = after ? matching.filter(({ key }) => compareKeys(key, after) <= 0).length : 0;
  const page = matching.slice(start, start + take).map(({ learner }) => learner);
  const last = page[page.length - 1];

  const completedBy = new Map(aggregates.flatMap((a) => (a.itemId === null ? [] : [[a.itemId, a.completed] as const])));
  const fromStart = courseAvailability(cohort, items, now);
  const itemRows = items.map((item, index): DashboardItem => {
    const completed = completedBy.get(item.id) ?? 0;
    const availability = fromStart[index];
    return {
      itemId: item.id,
      title: item.publishedTitle ?? item.title,
      kind: item.kind,
      completed,
      rate: learners.length === 0 ? null : completed / learners.length,
      opensAt: availability && !availability.unlocked ? availability.unlocksAt : null,
    };
  });

  return {
    items: page,
    nextCursor: last && start + take < matching.length ? encodeCursor(last) : null,
    matching: matching.length,
    atRiskAfterDays: cohort.atRiskAfterDays,
    summary,
    counts,
    itemCompletion: itemRows,
  };
}

export interface CohortHeader {
  cohort: { id: string; orgId: string; name: string; courseId: string; courseTitle: string; startDate: string; timeZone: string; archived: boolean };
  /** Teachers and facilitators of the cohort, teachers and admins of its unit. */
  isStaff: boolean;
  canReview: boolean;
  /** May change the cohort's settings (teachers and admins of the unit). */
  canManage: boolean;
}

/** What the cohort pages' frame shows: the cohort, and which tabs the viewer gets. Learners get isStaff false. */
export async function cohortHeader(actor: MaybeActor, input: CohortIdInput): Promise<CohortHeader> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  const cohort = await loadCohort(actor, cohortId);
  const subject = cohortSubject(cohort);
  if (!actor || !can(actor, "read", "Cohort", subject)) throw new AppError("not_found", "This cohort was not found, or you do not have access to it.");
  const staff = isCohortStaff(actor, cohort);
  return {
    cohort: {
      id: cohort.id,
      orgId: cohort.orgId,
      name: cohort.name,
      courseId: cohort.courseId,
      courseTitle: cohort.course.title,
      startDate: cohort.startDate,
      timeZone: cohort.timeZone,
      archived: cohort.archivedAt !== null,
    },
    isStaff: staff,
    canReview: staff && canReviewCohort(actor, cohort),
    canManage: can(actor, "update", "Cohort", subject),
  };
}
