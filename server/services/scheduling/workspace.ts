import type { CohortCalendar } from "@/lib/scheduling/cohort-calendar";
import type { DraftParams, DraftPerson } from "@/lib/scheduling/draft";
import type { ScheduleStats } from "@/lib/scheduling";
import { cohortIdInputSchema, type CohortIdInput } from "@/lib/schemas/cohorts";
import type { DraftGroupData } from "@/lib/schemas/scheduling";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { db } from "../../db";
import { canManageCohort } from "../courses/cohorts";
import { requireCohortStaff } from "../courses/review";
import { runDTO, runSelect, type RunDTO } from "./runs";
import { settingsDTO, type SchedulingSettingsDTO } from "./settings";
import { calendarOf, draftParamsOf, loadSchedulingCohort, loadSchedulingPeople, readDraft, readParams, readResult } from "./shared";

/**
 * Everything the scheduling page shows, in one read: settings, the latest
 * run (for its progress bar), the draft the admin works on with the people
 * it places (availability included, so the page checks every move itself),
 * and what is published now.
 */

export interface WorkspacePerson extends DraftPerson {
  email: string;
  timeZone: string;
  /** Why the scheduler (or the admin) left them out, when they are not in a group. */
  reason: { code: string; text: string } | null;
}

export interface WorkspaceDraft {
  runId: string;
  status: "succeeded" | "published";
  version: number;
  /** The version that is published now, when this run's groups are the cohort's schedule. */
  publishedVersion: number | null;
  groups: DraftGroupData[];
  params: DraftParams;
  /** The run's figures from the scheduler (before any edits). */
  stats: ScheduleStats | null;
  /** Groups kept as they were from an earlier draft ("keep my changes"). */
  keptGroups: number;
  /** The settings changed since this run: publishing is refused until it runs again. */
  settingsChanged: boolean;
  createdAt: Date;
  publishedAt: Date | null;
}

/** A published group and its series, so staff who are not in it can open any of its meetings. */
export interface PublishedGroupMeetings {
  id: string;
  name: string;
  facilitatorName: string | null;
  members: number;
  meetings: { id: string; seq: number; startsAt: Date; canceled: boolean }[];
}

export interface PublishedSummary {
  runId: string | null;
  publishedAt: Date | null;
  groups: number;
  members: number;
  meetings: number;
  firstMeetingAt: Date | null;
  /** The groups by name, each with its meetings in order. */
  groupMeetings: PublishedGroupMeetings[];
}

export interface SchedulingWorkspaceDTO {
  settings: SchedulingSettingsDTO;
  calendar: CohortCalendar;
  /** The viewer's own zone (their profile): the week view and every time are shown in it. */
  viewerTimeZone: string;
  /** Members who gave availability (the people a run schedules). */
  respondents: number;
  facilitators: number;
  latestRun: RunDTO | null;
  draft: WorkspaceDraft | null;
  people: WorkspacePerson[];
  published: PublishedSummary | null;
}

function firstInstant(instants: Date[]): Date | null {
  return instants.reduce<Date | null>((first, at) => (first === null || at.getTime() < first.getTime() ? at : first), null);
}

export async function getSchedulingWorkspace(actor: MaybeActor, input: CohortIdInput): Promise<SchedulingWorkspaceDTO> {
  const { cohortId } = parseInput(cohortIdInputSchema, input);
  const access = await requireCohortStaff(actor, cohortId);
  const [cohort, people, latest, draftRow, groups, publishedRow] = await Promise.all([
    loadSchedulingCohort(access.id),
    loadSchedulingPeople(access.id),
    db().scheduleRun.findFirst({ where: { cohortId: access.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: runSelect }),
    db().scheduleRun.findFirst({
      where: { cohortId: access.id, status: { in: ["succeeded", "published"] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, status: true, draft: true, params: true, result: true, createdAt: true, publishedAt: true },
    }),
    db().cohortGroup.findMany({
      where: { cohortId: access.id, archivedAt: null },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        facilitator: { select: { name: true } },
        _count: { select: { members: true } },
        meetings: { orderBy: { seq: "asc" }, select: { id: true, seq: true, startsAt: true, canceledAt: true } },
      },
    }),
    db().scheduleRun.findFirst({ where: { cohortId: access.id, status: "published" }, orderBy: { publishedAt: "desc" }, select: { id: true, publishedAt: true } }),
  ]);

  let draft: WorkspaceDraft | null = null;
  const reasons = new Map<string, { code: string; text: string }>();
  const stored = draftRow ? readDraft(draftRow.draft) : null;
  const params = draftRow ? readParams(draftRow.params) : null;
  if (draftRow && stored && params && (draftRow.status === "succeeded" || draftRow.status === "published")) {
    const result = readResult(draftRow.result);
    for (const u of result?.unassigned ?? []) reasons.set(String(u.id), { code: u.code, text: u.reason });
    const kept = result && typeof (result as unknown as { keptGroups?: unknown }).keptGroups === "number" ? (result as unknown as { keptGroups: number }).keptGroups : 0;
    draft = {
      runId: draftRow.id,
      status: draftRow.status,
      version: stored.version,
      publishedVersion: draftRow.status === "published" ? stored.publishedVersion : null,
      groups: stored.groups,
      params: draftParamsOf(params),
      stats: result?.stats ?? null,
      keptGroups: kept,
      settingsChanged: params.meeting_length !== cohort.meetingMinutes || params.min_people !== cohort.groupMinSize || params.max_people !== cohort.groupMaxSize,
      createdAt: draftRow.createdAt,
      publishedAt: draftRow.publishedAt,
    };
  }
  return {
    settings: settingsDTO(cohort, canManageCohort(actor, access)),
    calendar: calendarOf(cohort),
    viewerTimeZone: access.actor.timeZone,
    respondents: people.length,
    facilitators: people.filter((p) => p.isFacilitator).length,
    latestRun: latest ? runDTO(latest) : null,
    draft,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      timeZone: p.timeZone,
      isFacilitator: p.isFacilitator,
      intervals: p.intervals,
      ifNeededIntervals: p.ifNeededIntervals,
      maxGroups: p.maxGroups,
      reason: reasons.get(p.id) ?? (p.unplacedReason ? { code: p.unplacedCode ?? "not_placed", text: p.unplacedReason } : null),
    })),
    published:
      groups.length > 0
        ? {
            runId: publishedRow?.id ?? null,
            publishedAt: publishedRow?.publishedAt ?? null,
            groups: groups.length,
            members: groups.reduce((sum, g) => sum + g._count.members, 0),
            meetings: groups.reduce((sum, g) => sum + g.meetings.length, 0),
            firstMeetingAt: firstInstant(groups.flatMap((g) => g.meetings.map((m) => m.startsAt))),
            groupMeetings: groups.map((g) => ({
              id: g.id,
              name: g.name,
              facilitatorName: g.facilitator?.name ?? null,
              members: g._count.members,
              meetings: g.meetings.map((m) => ({ id: m.id, seq: m.seq, startsAt: m.startsAt, canceled: m.canceledAt !== null })),
            })),
          }
        : null,
  };
}
