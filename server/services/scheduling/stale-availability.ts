import { referenceAvailability } from "@/lib/scheduling/cohort-calendar";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { calendarOf, loadSchedulingCohort } from "./shared";

/**
 * Availability is stored as minutes of the cohort's reference week, derived
 * when the person saved it (availability.ts). If the meeting dates or the
 * cohort's zone change afterwards (a later first meeting day across a clock
 * change, more weeks, another zone), those minutes no longer mean the local
 * times the person painted. Before a run, rows saved before the last such
 * change are derived again from the painted grid, with the same
 * referenceAvailability, so the scheduler always reads what people meant.
 *
 * The change is found in the audit log, which records every settings and
 * cohort update with its before and after values in the same transaction.
 */

type Json = Prisma.JsonValue;

function field(data: Json, side: "before" | "after", key: string): Json | undefined {
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const part = data[side];
  if (!part || typeof part !== "object" || Array.isArray(part)) return undefined;
  return part[key];
}

function changesCalendar(entry: { action: string; data: Json }): boolean {
  const keys = entry.action === "cohort.updated" ? ["startDate", "timeZone"] : ["meetingsStartDate", "meetingWeeks"];
  return keys.some((key) => field(entry.data, "before", key) !== field(entry.data, "after", key));
}

/** Derives again the availability saved before the cohort's calendar last changed; returns how many rows changed. */
export async function refreshStaleAvailability(cohortId: string): Promise<number> {
  const oldest = await db().cohortAvailability.findFirst({ where: { cohortId }, orderBy: { updatedAt: "asc" }, select: { updatedAt: true } });
  if (!oldest) return 0;
  const changes = await db().auditLog.findMany({
    where: { targetType: "Cohort", targetId: cohortId, action: { in: ["scheduling.settings_updated", "cohort.updated"] }, createdAt: { gt: oldest.updatedAt } },
    orderBy: { createdAt: "desc" },
    select: { action: true, data: true, createdAt: true },
  });
  const changedAt = changes.find(changesCalendar)?.createdAt;
  if (!changedAt) return 0;
  const calendar = calendarOf(await loadSchedulingCohort(cohortId));
  const rows = await db().cohortAvailability.findMany({
    where: { cohortId, updatedAt: { lt: changedAt } },
    select: { id: true, timeZone: true, regularCells: true, ifNeededCells: true },
  });
  let refreshed = 0;
  for (const row of rows) {
    const reference = referenceAvailability(calendar, { timeZone: row.timeZone, regularCells: row.regularCells, ifNeededCells: row.ifNeededCells });
    // Only a row nobody saved meanwhile: a fresh save was already derived with the new calendar.
    const { count } = await db().cohortAvailability.updateMany({
      where: { id: row.id, updatedAt: { lt: changedAt } },
      data: {
        intervals: reference.intervals.map(([a, b]) => [a, b]),
        ifNeededIntervals: reference.ifNeededIntervals.map(([a, b]) => [a, b]),
        warnings: reference.warnings.map((w) => ({ fromDate: w.fromDate, lostCells: w.lostCells, message: w.message })),
      },
    });
    refreshed += count;
  }
  return refreshed;
}
