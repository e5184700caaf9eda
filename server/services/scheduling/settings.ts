import { cohortIdInputSchema, type CohortIdInput } from "@/lib/schemas/cohorts";
import {
  setAvailabilityOpenSchema,
  updateSchedulingSettingsSchema,
  type SetAvailabilityOpenInput,
  type UpdateSchedulingSettingsInput,
} from "@/lib/schemas/scheduling";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import { recordAudit } from "../audit";
import { canManageCohort, requireManagedCohort } from "../courses/cohorts";
import { requireCohortStaff } from "../courses/review";
import { loadSchedulingCohort, type SchedulingCohort } from "./shared";

/**
 * A cohort's scheduling settings: meeting length, group sizes, how many
 * weekly meetings and from which day, and whether members may still change
 * their availability. The cohort's staff read them; those who manage the
 * cohort (unit teachers and admins) change them, with an audit row each time.
 */

export interface SchedulingSettingsDTO {
  cohortId: string;
  orgId: string;
  cohortName: string;
  /** The cohort's zone: meetings keep its wall-clock time every week. */
  timeZone: string;
  /** The cohort's own start date, used when no first meeting day is set. */
  startDate: string;
  meetingMinutes: number;
  groupMinSize: number;
  groupMaxSize: number;
  meetingWeeks: number;
  /** Null = the cohort's start date. */
  meetingsStartDate: string | null;
  /** The first meeting day in effect. */
  firstMeetingDate: string;
  availabilityClosedAt: Date | null;
  archived: boolean;
  canManage: boolean;
}

export function settingsDTO(cohort: SchedulingCohort, canManage: boolean): SchedulingSettingsDTO {
  return {
    cohortId: cohort.id,
    orgId: cohort.orgId,
    cohortName: cohort.name,
    timeZone: cohort.timeZone,
    startDate: cohort.startDate,
    meetingMinutes: cohort.meetingMinutes,
    groupMinSize: cohort.groupMinSize,
    groupMaxSize: cohort.groupMaxSize,
    meetingWeeks: cohort.meetingWeeks,
    meetingsStartDate: cohort.meetingsStartDate,
    firstMeetingDate: cohort.meetingsStartDate ?? cohort.startDate,
    availabilityClosedAt: cohort.availabilityClosedAt,
    archived: cohort.archivedAt !== null,
    canManage: canManage && cohort.archivedAt === null,
  };
}

export async function getSchedulingSettings(actor: MaybeActor, input: CohortIdInput): Promise<SchedulingSettingsDTO> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  const cohort = await requireCohortStaff(actor, cohortId);
  return settingsDTO(await loadSchedulingCohort(cohort.id), canManageCohort(actor, cohort));
}

export async function updateSchedulingSettings(actor: MaybeActor, input: UpdateSchedulingSettingsInput): Promise<SchedulingSettingsDTO> {
  const data = parseInput(updateSchedulingSettingsSchema, input);
  const cohort = await requireManagedCohort(actor, data.cohortId);
  const updated = await db().$transaction(async (tx) => {
    const before = await loadSchedulingCohort(cohort.id, tx);
    const after = await tx.cohort.update({
      where: { id: cohort.id },
      data: {
        meetingMinutes: data.meetingMinutes,
        groupMinSize: data.groupMinSize,
        groupMaxSize: data.groupMaxSize,
        meetingWeeks: data.meetingWeeks,
        meetingsStartDate: data.meetingsStartDate,
      },
      select: { id: true },
    });
    const pick = (c: Pick<SchedulingCohort, "meetingMinutes" | "groupMinSize" | "groupMaxSize" | "meetingWeeks" | "meetingsStartDate">) => ({
      meetingMinutes: c.meetingMinutes,
      groupMinSize: c.groupMinSize,
      groupMaxSize: c.groupMaxSize,
      meetingWeeks: c.meetingWeeks,
      meetingsStartDate: c.meetingsStartDate,
    });
    await recordAudit(tx, {
      orgId: cohort.orgId,
      actorId: cohort.actor.userId,
      action: "scheduling.settings_updated",
      targetType: "Cohort",
      targetId: after.id,
      data: { cohortName: cohort.name, before: pick(before), after: pick(data) },
    });
    return loadSchedulingCohort(cohort.id, tx);
  });
  return settingsDTO(updated, true);
}

/** Closes availability (members can no longer change theirs) or opens it again. Doing what is already so changes nothing. */
export async function setAvailabilityOpen(actor: MaybeActor, input: SetAvailabilityOpenInput): Promise<SchedulingSettingsDTO> {
  const { cohortId, open } = parseInput(setAvailabilityOpenSchema, input);
  const cohort = await requireManagedCohort(actor, cohortId);
  const now = await appNow();
  const updated = await db().$transaction(async (tx) => {
    const { count } = await tx.cohort.updateMany({
      where: { id: cohort.id, availabilityClosedAt: open ? { not: null } : null },
      data: { availabilityClosedAt: open ? null : now },
    });
    if (count === 1) {
      await recordAudit(tx, {
        orgId: cohort.orgId,
        actorId: cohort.actor.userId,
        action: open ? "scheduling.availability_reopened" : "scheduling.availability_closed",
        targetType: "Cohort",
        targetId: cohort.id,
        data: { cohortName: cohort.name },
      });
    }
    return loadSchedulingCohort(cohort.id, tx);
  });
  return settingsDTO(updated, true);
}
