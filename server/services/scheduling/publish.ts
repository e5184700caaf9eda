import { dateTimeFormat } from "@/lib/intl";
import { inngest } from "@/inngest/client";
import { groupsPublished } from "@/inngest/events";
import { AppError } from "@/lib/errors";
import { formatLocalTime } from "@/lib/notifications/catalog";
import { meetingInstants } from "@/lib/scheduling/cohort-calendar";
import { analyseDraft } from "@/lib/scheduling/draft";
import { publishRunSchema, type PublishRunInput, type StoredDraft } from "@/lib/schemas/scheduling";
import type { GroupsPublished } from "@/lib/schemas/events";
import { localDateAt } from "@/lib/time-zone";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import { requireManagedCohort } from "../courses/cohorts";
import { recordNotifications, requestDelivery, type NotificationDraft } from "../notifications";
import { draftEditableStatuses } from "./runs";
import {
  calendarOf,
  draftParamsOf,
  loadSchedulingCohort,
  loadSchedulingPeople,
  readDraft,
  readParams,
  readResult,
  type SchedulingCohort,
  type SchedulingPerson,
} from "./shared";

/**
 * Publishing a run's draft makes it the cohort's schedule, in one
 * transaction: groups ("Group 1", ... or the names the admin gave), their
 * members (facilitator and if-needed marked), a meeting per week at the
 * cohort's wall-clock time (meetingInstants), each person's placed/unplaced
 * verdict on their availability, and a notification for everyone. A schedule
 * published before is replaced: its groups are archived and their meetings
 * still to come deleted (past ones stay, with their attendance). After the
 * commit, deliveries are requested and `cohort/groups.published` tells the
 * Discord bot to make channels and events.
 *
 * Refused while any hard rule is broken (the draft saves with problems, but
 * does not publish), when the first meeting day has passed, or when the
 * settings changed since the run.
 */

export interface PublishResultDTO {
  runId: string;
  groups: number;
  meetings: number;
  placed: number;
  unplaced: number;
  /** The earliest first meeting of the new schedule. */
  firstMeetingAt: Date | null;
  /** Groups of the earlier schedule that were archived. */
  replacedGroups: number;
}

function describeDate(date: string, timeZone: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return dateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  ) + ` (${timeZone})`;
}

function settingsChanged(cohort: SchedulingCohort, params: NonNullable<ReturnType<typeof readParams>>): string | null {
  const changes: string[] = [];
  if (params.meeting_length !== cohort.meetingMinutes) changes.push(`meeting length ${params.meeting_length} → ${cohort.meetingMinutes} minutes`);
  if (params.min_people !== cohort.groupMinSize || params.max_people !== cohort.groupMaxSize) {
    changes.push(`group size ${params.min_people}–${params.max_people} → ${cohort.groupMinSize}–${cohort.groupMaxSize}`);
  }
  return changes.length ? changes.join(", ") : null;
}

const leftOutByHand = {
  code: "not_placed",
  reason: "You were not placed in any of the groups. Check that your times still fit, or ask the cohort's teachers.",
};

interface Checked {
  draft: StoredDraft;
  people: SchedulingPerson[];
  unassignedReasons: Map<string, { code: string; reason: string }>;
  starts: Map<string, Date[]>;
}

/** Every refusal, in words; shared by the check before the transaction and the one inside it. */
function check(
  cohort: SchedulingCohort,
  run: { status: string; draft: Prisma.JsonValue; params: Prisma.JsonValue; result: Prisma.JsonValue },
  draftVersion: number,
  people: SchedulingPerson[],
  now: Date,
): Checked {
  if (!(draftEditableStatuses as readonly string[]).includes(run.status)) {
    throw new AppError("conflict", "A newer scheduling run replaced this one. Reload the page and publish the latest groups.");
  }
  const draft = readDraft(run.draft);
  const params = readParams(run.params);
  if (!draft || !params) throw new AppError("conflict", "This run has no groups to publish. Run scheduling again.");
  if (draft.version !== draftVersion) {
    throw new AppError("conflict", "The groups changed since you reviewed them. Reload the page, check them, and publish again.");
  }
  const changed = settingsChanged(cohort, params);
  if (changed) throw new AppError("conflict", `The scheduling settings changed since this run (${changed}). Run scheduling again with the new settings.`);
  if (draft.groups.length === 0) throw new AppError("conflict", "There are no groups to publish. Run scheduling once people have given their availability.");
  const calendar = calendarOf(cohort);
  if (calendar.startDate < localDateAt(now, cohort.timeZone)) {
    throw new AppError(
      "conflict",
      `The first meeting day, ${describeDate(calendar.startDate, cohort.timeZone)}, has passed. Choose a later first meeting day in the settings, then publish.`,
    );
  }
  const analysis = analyseDraft({ people, params: draftParamsOf(params), groups: draft.groups, view: { calendar, timeZone: cohort.timeZone } });
  if (!analysis.valid) {
    const first = analysis.problems.slice(0, 3).map((p) => p.message);
    const more = analysis.problems.length > 3 ? ` and ${analysis.problems.length - 3} more` : "";
    throw new AppError("conflict", `Fix the groups before publishing: ${first.join("; ")}${more}.`);
  }
  const starts = new Map<string, Date[]>();
  for (const group of draft.groups) {
    const instants = meetingInstants(calendar, group.start);
    const first = instants[0];
    if (!first || first <= now) {
      throw new AppError(
        "conflict",
        `${group.name}'s first meeting (${first ? formatLocalTime(first, cohort.timeZone) : "unknown"}) would already have started. Choose a later first meeting day in the settings, then publish.`,
      );
    }
    starts.set(group.key, instants);
  }
  const result = readResult(run.result);
  const unassignedReasons = new Map((result?.unassigned ?? []).map((u) => [String(u.id), { code: u.code, reason: u.reason }]));
  return { draft, people, unassignedReasons, starts };
}

export async function publishRun(actor: MaybeActor, input: PublishRunInput): Promise<PublishResultDTO> {
  const { runId, draftVersion } = parseInput(publishRunSchema, input);
  const found = await db().scheduleRun.findUnique({ where: { id: runId }, select: { cohortId: true } });
  if (!found) throw new AppError("not_found", "This scheduling run was not found. Reload the page.");
  const access = await requireManagedCohort(actor, found.cohortId);
  const now = await appNow();

  const outcome = await db().$transaction(
    async (tx) => {
      // One publish at a time per cohort, and nobody starts a run or saves a draft under our feet.
      await tx.$queryRaw`SELECT id FROM "Cohort" WHERE id = ${access.id} FOR UPDATE`;
      const cohort = await loadSchedulingCohort(access.id, tx);
      const run = await tx.scheduleRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true, draft: true, params: true, result: true } });
      const people = await loadSchedulingPeople(access.id, tx);
      const { draft, unassignedReasons, starts } = check(cohort, run, draftVersion, people, now);
      const calendar = calendarOf(cohort);
      const byId = new Map(people.map((p) => [p.id, p]));
      const analysis = analyseDraft({ people, params: draftParamsOf(readParams(run.params)!), groups: draft.groups });

      // The schedule this one replaces.
      const previous = await tx.cohortGroup.findMany({ where: { cohortId: cohort.id, archivedAt: null }, select: { id: true } });
      const replacedGroupIds = previous.map((g) => g.id);
      if (replacedGroupIds.length > 0) {
        await tx.meeting.deleteMany({ where: { groupId: { in: replacedGroupIds }, startsAt: { gte: now } } });
        await tx.cohortGroup.updateMany({ where: { id: { in: replacedGroupIds } }, data: { archivedAt: now } });
      }

      const published: GroupsPublished["groups"] = [];
      const notifications: NotificationDraft[] = [];
      let meetingCount = 0;
      for (const [index, group] of draft.groups.entries()) {
        const report = analysis.groups[index]!;
        const instants = starts.get(group.key)!;
        const ifNeeded = new Set(report.ifNeededIds);
        const created = await tx.cohortGroup.create({
          data: {
            cohortId: cohort.id,
            runId,
            name: group.name,
            startMinute: group.start,
            facilitatorId: report.facilitatorId,
            members: { create: group.memberIds.map((userId) => ({ userId, isFacilitator: userId === report.facilitatorId, onIfNeeded: ifNeeded.has(userId) })) },
            meetings: {
              create: instants.map((startsAt, i) => ({
                cohortId: cohort.id,
                seq: i + 1,
                startsAt,
                endsAt: new Date(startsAt.getTime() + cohort.meetingMinutes * 60_000),
              })),
            },
          },
          select: { id: true, meetings: { orderBy: { seq: "asc" }, select: { id: true, startsAt: true, endsAt: true } } },
        });
        meetingCount += created.meetings.length;
        published.push({
          id: created.id,
          name: group.name,
          facilitatorUserId: report.facilitatorId,
          memberUserIds: [...group.memberIds],
          meetings: created.meetings.map((m) => ({ id: m.id, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() })),
        });
        const facilitatorName = report.facilitatorId ? (byId.get(report.facilitatorId)?.name ?? null) : null;
        for (const userId of group.memberIds) {
          notifications.push({
            userId,
            type: "scheduling.group_assigned",
            context: {
              orgId: cohort.orgId,
              cohortId: cohort.id,
              cohortName: cohort.name,
              courseTitle: cohort.course.title,
              groupId: created.id,
              groupName: group.name,
              firstStartsAt: instants[0]!.toISOString(),
              meetingMinutes: cohort.meetingMinutes,
              meetingCount: instants.length,
              timeZone: byId.get(userId)?.timeZone ?? cohort.timeZone,
              facilitatorName,
              isFacilitator: userId === report.facilitatorId,
              memberCount: group.memberIds.length,
            },
            options: { orgId: cohort.orgId, dedupeKey: `scheduling.group_assigned:${created.id}` },
          });
        }
      }

      // Each person's verdict, where they see it on their availability page.
      const placed = new Set(draft.groups.flatMap((g) => g.memberIds));
      const left = people.filter((p) => !placed.has(p.id));
      await tx.cohortAvailability.updateMany({ where: { cohortId: cohort.id, userId: { in: [...placed] } }, data: { unplacedCode: null, unplacedReason: null } });
      const byReason = new Map<string, { code: string; reason: string; userIds: string[] }>();
      for (const person of left) {
        const verdict = unassignedReasons.get(person.id) ?? leftOutByHand;
        const key = `${verdict.code}\u0000${verdict.reason}`;
        const entry = byReason.get(key) ?? { ...verdict, userIds: [] };
        entry.userIds.push(person.id);
        byReason.set(key, entry);
        notifications.push({
          userId: person.id,
          type: "scheduling.unplaced",
          context: { orgId: cohort.orgId, cohortId: cohort.id, cohortName: cohort.name, courseTitle: cohort.course.title, code: verdict.code, reason: verdict.reason },
          options: { orgId: cohort.orgId, dedupeKey: `scheduling.unplaced:${runId}:${now.getTime()}` },
        });
      }
      for (const { code, reason, userIds } of byReason.values()) {
        await tx.cohortAvailability.updateMany({ where: { cohortId: cohort.id, userId: { in: userIds } }, data: { unplacedCode: code, unplacedReason: reason } });
      }

      await tx.scheduleRun.updateMany({ where: { cohortId: cohort.id, id: { not: runId }, status: { in: ["published", "succeeded"] } }, data: { status: "superseded" } });
      await tx.scheduleRun.update({
        where: { id: runId },
        data: { status: "published", publishedAt: now, draft: { ...draft, publishedVersion: draft.version } as unknown as Prisma.InputJsonValue },
      });
      const firstMeetingAt = published.flatMap((g) => g.meetings.map((m) => m.startsAt)).sort()[0] ?? null;
      await recordAudit(tx, {
        orgId: cohort.orgId,
        actorId: access.actor.userId,
        action: "scheduling.published",
        targetType: "Cohort",
        targetId: cohort.id,
        data: {
          cohortName: cohort.name,
          runId,
          groups: draft.groups.length,
          meetings: meetingCount,
          placed: placed.size,
          unplaced: left.length,
          replacedGroups: replacedGroupIds.length,
          firstMeetingAt,
          calendar: { timeZone: calendar.timeZone, startDate: calendar.startDate, weeks: calendar.weeks },
        },
      });
      const recorded = await recordNotifications(tx, notifications, { skipInvalid: true });
      return {
        result: {
          runId,
          groups: draft.groups.length,
          meetings: meetingCount,
          placed: placed.size,
          unplaced: left.length,
          firstMeetingAt: firstMeetingAt ? new Date(firstMeetingAt) : null,
          replacedGroups: replacedGroupIds.length,
        } satisfies PublishResultDTO,
        notificationIds: recorded.flatMap((r) => (r?.created ? [r.notificationId] : [])),
        event: { cohortId: cohort.id, orgId: cohort.orgId, runId, cohortName: cohort.name, groups: published, replacedGroupIds } satisfies GroupsPublished,
      };
    },
    // Hundreds of groups, each with its members and weekly meetings, take longer than the default 5 s.
    { timeout: 120_000, maxWait: 15_000 },
  );

  try {
    await requestDelivery(outcome.notificationIds);
  } catch (error) {
    // The notifications are committed; the sweeper requests deliveries left pending.
    console.warn("publishRun: could not request notification deliveries; the sweeper will retry.", error);
  }
  try {
    await inngest.send(groupsPublished.create(outcome.event));
  } catch (error) {
    console.warn(`publishRun: could not send cohort/groups.published for cohort ${outcome.event.cohortId}.`, error);
  }
  return outcome.result;
}
