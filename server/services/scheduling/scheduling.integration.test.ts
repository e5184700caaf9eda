import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduleCohort } from "@/inngest/functions/schedule-cohort";
import { CELLS_PER_DAY } from "@/lib/scheduling/cohort-calendar";
import { meetingsOverlap } from "@/lib/scheduling/availability";
import { analyseDraft, applyMove } from "@/lib/scheduling/draft";
import { addDays, formatLocalDate, isoWeekday, localDateAt, parseLocalDate } from "@/lib/time-zone";
import type { Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { resetWorkflowTables, testApp, testClient } from "@/server/workflows/test-support";
import { createCourseFixture, type CourseFixture } from "@/tests/fixtures/courses";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { deliverChannel, emailAdapter, type ChannelAdapter } from "../notifications";
import { saveMyAvailability } from "./availability";
import { publishRun } from "./publish";
import { noAvailabilityMessage, runScheduler, saveDraft, startRun } from "./runs";
import { syntheticCohort } from "@/lib/scheduling/synthetic";
import { getSchedulingSettings, setAvailabilityOpen, updateSchedulingSettings } from "./settings";
import { draftParamsOf, loadSchedulingPeople, readDraft, readParams } from "./shared";
import { getSchedulingWorkspace } from "./workspace";

/**
 * Scheduling end to end against PostgreSQL: settings, runs on the embedded
 * executor (the real workflow, the scheduler on its worker thread), editing
 * the draft, "keep my changes", and publishing with its rows, notifications
 * (email with the .ics invite) and the event for the Discord bot.
 *
 * The cohort (Europe/Brussels) has the fixture facilitator (at most 2
 * groups), seven learners free Tuesday 18:00-21:00 and one free only on
 * Saturday morning, so a run makes two groups of 4 that cannot overlap and
 * leaves two people out.
 */

const zone = "Europe/Brussels";
const cell = (weekday: number, hour: number) => (weekday - 1) * CELLS_PER_DAY + hour * 2;
const cells = (weekday: number, from: number, to: number) => Array.from({ length: (to - from) * 2 }, (_, i) => cell(weekday, from) + i);

/** A Monday about three weeks ahead, so publishing is never refused for a past first day. */
function futureMonday(): string {
  const today = parseLocalDate(localDateAt(new Date(), zone))!;
  const ahead = addDays(today, 21);
  return formatLocalDate(addDays(ahead, (8 - isoWeekday(ahead.year, ahead.month, ahead.day)) % 7));
}

let f: OrgFixture;
let course: CourseFixture;
const learners: { id: string; name: string; email: string; actor: Actor }[] = [];
const app = (() => {
  const client = testClient("scheduling-it");
  return testApp(client, [createScheduleCohort(client, () => ({ throttleMs: 0 }))]);
})();

async function drain() {
  const engine = app.engine();
  for (let i = 0; i < 6; i++) {
    await engine.runUntilIdle();
    app.clock.advance(5000);
  }
}

async function addLearner(cohortId: string, label: string): Promise<{ id: string; name: string; email: string; actor: Actor }> {
  const { user, actor } = await f.addMember(f.units.department, "student", label);
  await db().cohortMember.create({ data: { cohortId, userId: user.id, role: "learner" } });
  return { id: user.id, name: user.name, email: user.email, actor };
}

async function runAndWait(actor: Actor, cohortId: string, keepManualChanges = false) {
  const run = await startRun(actor, { cohortId, keepManualChanges });
  await drain();
  return db().scheduleRun.findUniqueOrThrow({ where: { id: run.id } });
}

beforeAll(async () => {
  await resetWorkflowTables();
  await app.engine().sync();
  f = await createOrgFixture("Scheduling");
  course = await createCourseFixture(f);
  await updateSchedulingSettings(f.actors.teacher, {
    cohortId: course.cohortId,
    meetingMinutes: 60,
    groupMinSize: 3,
    groupMaxSize: 4,
    meetingWeeks: 3,
    meetingsStartDate: futureMonday(),
  });
  await saveMyAvailability(f.actors.facilitator, { cohortId: course.cohortId, role: "facilitator", timeZone: zone, regularCells: cells(2, 18, 21), ifNeededCells: [], maxGroups: 2 });
  for (const name of ["Ana", "Bo", "Cy", "Di", "Ed", "Fa", "Gu"]) {
    const learner = await addLearner(course.cohortId, name);
    await saveMyAvailability(learner.actor, { cohortId: course.cohortId, role: "participant", timeZone: zone, regularCells: cells(2, 18, 21), ifNeededCells: [] });
    learners.push(learner);
  }
  await saveMyAvailability(f.actors.student, { cohortId: course.cohortId, role: "participant", timeZone: zone, regularCells: cells(6, 6, 7), ifNeededCells: [] });
});

afterAll(resetWorkflowTables);

describe("scheduling settings", () => {
  it("are read by the cohort's staff and changed by those who manage it, with an audit row", async () => {
    const read = await getSchedulingSettings(f.actors.facilitator, { cohortId: course.cohortId });
    expect(read).toMatchObject({ meetingMinutes: 60, groupMinSize: 3, groupMaxSize: 4, meetingWeeks: 3, canManage: false, timeZone: zone });
    await expect(updateSchedulingSettings(f.actors.facilitator, { cohortId: course.cohortId, meetingMinutes: 90, groupMinSize: 3, groupMaxSize: 4, meetingWeeks: 3, meetingsStartDate: null })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getSchedulingSettings(f.actors.student, { cohortId: course.cohortId })).rejects.toMatchObject({ code: "forbidden" });
    const audit = await db().auditLog.findFirst({ where: { targetId: course.cohortId, action: "scheduling.settings_updated" } });
    expect(audit?.data).toMatchObject({ after: { meetingMinutes: 60, groupMinSize: 3, groupMaxSize: 4, meetingWeeks: 3 } });
  });

  it("refuse bad values with messages that say what to fix, and change nothing", async () => {
    const bad = updateSchedulingSettings(f.actors.teacher, { cohortId: course.cohortId, meetingMinutes: 10, groupMinSize: 6, groupMaxSize: 4, meetingWeeks: 60, meetingsStartDate: "2026-02-30" });
    await expect(bad).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: {
        meetingMinutes: ["The meeting length must be at least 15 minutes."],
        meetingWeeks: ["The number of weekly meetings can be at most 52 weeks."],
        meetingsStartDate: ["Choose a real first meeting day, as YYYY-MM-DD."],
      },
    });
    await expect(
      updateSchedulingSettings(f.actors.teacher, { cohortId: course.cohortId, meetingMinutes: 60, groupMinSize: 6, groupMaxSize: 4, meetingWeeks: 3, meetingsStartDate: null }),
    ).rejects.toMatchObject({ fieldErrors: { groupMaxSize: ["The largest group size must be at least the smallest."] } });
    expect((await getSchedulingSettings(f.actors.teacher, { cohortId: course.cohortId })).groupMinSize).toBe(3);
  });

  it("close and reopen availability once each, with audit rows", async () => {
    const closed = await setAvailabilityOpen(f.actors.rootAdmin, { cohortId: course.cohortId, open: false });
    expect(closed.availabilityClosedAt).not.toBeNull();
    await setAvailabilityOpen(f.actors.rootAdmin, { cohortId: course.cohortId, open: false });
    await expect(
      saveMyAvailability(learners[0]!.actor, { cohortId: course.cohortId, role: "participant", timeZone: zone, regularCells: cells(2, 18, 21), ifNeededCells: [] }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await setAvailabilityOpen(f.actors.rootAdmin, { cohortId: course.cohortId, open: true })).availabilityClosedAt).toBeNull();
    const actions = await db().auditLog.findMany({ where: { targetId: course.cohortId, action: { startsWith: "scheduling.availability_" } }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["scheduling.availability_closed", "scheduling.availability_reopened"]);
  });
});

describe("scheduling runs", () => {
  it("refuses to start when nobody has given availability", async () => {
    const other = await createCourseFixture(f);
    await expect(startRun(f.actors.teacher, { cohortId: other.cohortId, keepManualChanges: false })).rejects.toMatchObject({ code: "conflict", message: noAvailabilityMessage });
    expect(await db().scheduleRun.count({ where: { cohortId: other.cohortId } })).toBe(0);
  });

  it("runs the workflow: progress, result and first draft, with an audit row", async () => {
    const run = await runAndWait(f.actors.teacher, course.cohortId);
    expect(run.status).toBe("succeeded");
    expect(run.startedAt).not.toBeNull();
    // The facilitator and six learners: groups of at most 4 that the one facilitator leads at two times.
    expect(run.progress).toMatchObject({ phase: "done", fraction: 1, placed: 7 });
    const draft = readDraft(run.draft)!;
    expect(draft.version).toBe(1);
    expect(draft.groups.map((g) => g.name)).toEqual(["Group 1", "Group 2"]);
    expect(draft.groups.map((g) => g.memberIds.length)).toEqual([4, 4]);
    expect(draft.groups.every((g) => g.memberIds.includes(f.users.facilitator.id) && !g.manual)).toBe(true);
    const people = await loadSchedulingPeople(course.cohortId);
    const analysis = analyseDraft({ people, params: draftParamsOf(readParams(run.params)!), groups: draft.groups });
    expect(analysis.valid).toBe(true);
    const steps = await db().workflowStep.findMany({ where: { run: { functionId: "scheduling-it-schedule-cohort" } }, select: { name: true } });
    expect(steps.map((s) => s.name)).toEqual(expect.arrayContaining(["prepare", "schedule", "save"]));
    expect(await db().auditLog.count({ where: { targetId: course.cohortId, action: "scheduling.run_started" } })).toBeGreaterThanOrEqual(1);

    const workspace = await getSchedulingWorkspace(f.actors.teacher, { cohortId: course.cohortId });
    expect(workspace.draft?.runId).toBe(run.id);
    expect(workspace.respondents).toBe(9);
    expect(workspace.people.find((p) => p.id === f.users.student.id)?.reason?.code).toBe("no_facilitator");
  });

  it("refuses a second run while one is running, and only managers start runs", async () => {
    const running = await db().scheduleRun.create({ data: { cohortId: course.cohortId, status: "running", params: {} } });
    await expect(startRun(f.actors.teacher, { cohortId: course.cohortId })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("already running") });
    await db().scheduleRun.update({ where: { id: running.id }, data: { status: "failed" } });
    await expect(startRun(f.actors.facilitator, { cohortId: course.cohortId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(startRun(f.actors.otherAdmin, { cohortId: course.cohortId })).rejects.toMatchObject({ code: "not_found" });
  });

  it("writes the progress of a long run as it goes, at most about four times a second", async () => {
    const run = await db().scheduleRun.create({ data: { cohortId: course.cohortId, status: "running", params: {} } });
    const input = syntheticCohort({ people: 800, seed: 7, facilitatorShare: 0.1 });
    const seen: string[] = [];
    const started = Date.now();
    const watcher = setInterval(() => {
      void db()
        .scheduleRun.findUnique({ where: { id: run.id }, select: { progress: true } })
        .then((row) => seen.push(JSON.stringify(row?.progress ?? null)));
    }, 50);
    const output = await runScheduler(run.id, input, { throttleMs: 250 });
    clearInterval(watcher);
    const elapsed = Date.now() - started;
    const distinct = [...new Set(seen.filter((p) => p !== "null"))];
    // Progress showed up while the scheduler ran (it runs on its own thread), not only at the end...
    expect(distinct.length).toBeGreaterThanOrEqual(2);
    // ...and no more often than the throttle allows.
    expect(distinct.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);
    const stored = await db().scheduleRun.findUniqueOrThrow({ where: { id: run.id }, select: { progress: true } });
    expect(stored.progress).toMatchObject({ phase: "done", placed: output.stats.placed, upperBound: output.stats.upper_bound });
    await db().scheduleRun.update({ where: { id: run.id }, data: { status: "failed" } });
  });

  it("fails with a clear error when the people are gone by the time it runs", async () => {
    const other = await createCourseFixture(f);
    const learner = await addLearner(other.cohortId, "Solo");
    await saveMyAvailability(learner.actor, { cohortId: other.cohortId, role: "participant", timeZone: zone, regularCells: cells(2, 18, 21), ifNeededCells: [] });
    const run = await startRun(f.actors.teacher, { cohortId: other.cohortId });
    await db().cohortAvailability.deleteMany({ where: { cohortId: other.cohortId } });
    await drain();
    const failed = await db().scheduleRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed).toMatchObject({ status: "failed", error: noAvailabilityMessage });
  });
});

describe("availability saved before the meeting dates changed", () => {
  it("is read again from the painted week before a run, so 18:00 in Brussels stays 18:00 across a clock change", async () => {
    const other = await createCourseFixture(f);
    const settings = { cohortId: other.cohortId, meetingMinutes: 60, groupMinSize: 2, groupMaxSize: 4, meetingWeeks: 2 };
    await updateSchedulingSettings(f.actors.teacher, { ...settings, meetingsStartDate: "2027-10-04" });
    const learner = await addLearner(other.cohortId, "Clock");
    await saveMyAvailability(learner.actor, { cohortId: other.cohortId, role: "participant", timeZone: zone, regularCells: cells(2, 18, 21), ifNeededCells: [] });
    const row = () => db().cohortAvailability.findUniqueOrThrow({ where: { cohortId_userId: { cohortId: other.cohortId, userId: learner.id } } });
    // October is summer time in Brussels (UTC+2): Tuesday 18:00-21:00 is 16:00-19:00 UTC.
    expect((await row()).intervals).toEqual([[1440 + 16 * 60, 1440 + 19 * 60]]);
    await updateSchedulingSettings(f.actors.teacher, { ...settings, meetingsStartDate: "2027-11-08" });
    await runAndWait(f.actors.teacher, other.cohortId);
    // November is winter time (UTC+1): the same painted hours are 17:00-20:00 UTC.
    expect((await row()).intervals).toEqual([[1440 + 17 * 60, 1440 + 20 * 60]]);
  });
});

describe("editing the draft", () => {
  it("saves moves, marks the groups changed by hand, reports problems and refuses stale or foreign edits", async () => {
    const run = await runAndWait(f.actors.teacher, course.cohortId);
    const draft = readDraft(run.draft)!;
    const [g1, g2] = draft.groups;
    const mover = g1!.memberIds.find((id) => id !== f.users.facilitator.id)!;
    // Moving someone makes Group 1 too small (3 -> fine) and Group 2 too large (5 > 4): saved, with problems.
    const moved = applyMove(draft.groups, { personId: mover, from: g1!.key, to: g2!.key });
    const saved = await saveDraft(f.actors.teacher, { runId: run.id, groups: moved, baseVersion: 1 });
    expect(saved.version).toBe(2);
    expect(saved.groups.map((g) => g.manual)).toEqual([true, true]);
    expect(saved.problems.map((p) => p.message)).toEqual(["Group 2 has 5 people; at most 4"]);

    await expect(saveDraft(f.actors.teacher, { runId: run.id, groups: draft.groups, baseVersion: 1 })).rejects.toMatchObject({ code: "conflict" });
    await expect(
      saveDraft(f.actors.teacher, { runId: run.id, groups: [{ ...g1!, memberIds: [...g1!.memberIds, f.users.rootAdmin.id] }], baseVersion: 2 }),
    ).rejects.toMatchObject({ code: "invalid" });
    await expect(saveDraft(f.actors.facilitator, { runId: run.id, groups: draft.groups, baseVersion: 2 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(publishRun(f.actors.teacher, { runId: run.id, draftVersion: 2 })).rejects.toMatchObject({
      code: "conflict",
      message: "Fix the groups before publishing: Group 2 has 5 people; at most 4.",
    });
  });

  it("keeps the groups changed by hand on a re-run and schedules everyone else around them", async () => {
    const base = await runAndWait(f.actors.teacher, course.cohortId);
    const draft = readDraft(base.draft)!;
    const [g1, g2] = draft.groups;
    // Group 1 loses one learner to the unassigned list: it is now "changed by hand" (3 people, still valid).
    const out = g1!.memberIds.find((id) => id !== f.users.facilitator.id)!;
    const edited = applyMove(draft.groups, { personId: out, from: g1!.key, to: null }).map((g) => (g.key === g2!.key ? { ...g, name: "Renamed" } : g));
    const saved = await saveDraft(f.actors.teacher, { runId: base.id, groups: edited, baseVersion: 1 });
    expect(saved.groups.map((g) => g.manual)).toEqual([true, false]);

    const rerun = await runAndWait(f.actors.teacher, course.cohortId, true);
    expect(rerun.status).toBe("succeeded");
    expect(rerun.baseRunId).toBe(base.id);
    const next = readDraft(rerun.draft)!;
    const kept = next.groups.find((g) => g.key === g1!.key)!;
    expect(kept).toMatchObject({ name: g1!.name, start: g1!.start, manual: true });
    expect(new Set(kept.memberIds)).toEqual(new Set(g1!.memberIds.filter((id) => id !== out)));
    const fresh = next.groups.filter((g) => g.key !== g1!.key);
    expect(fresh.length).toBeGreaterThan(0);
    for (const g of fresh) {
      expect(g.manual).toBe(false);
      expect(g.memberIds.filter((id) => kept.memberIds.includes(id) && id !== f.users.facilitator.id)).toEqual([]);
      if (g.memberIds.includes(f.users.facilitator.id)) expect(meetingsOverlap(g.start, kept.start, 60)).toBe(false);
    }
    // The facilitator has one group left to lead: four of the five people outside Group 1 fill it.
    expect(fresh.map((g) => g.memberIds.length)).toEqual([4]);
    expect(kept.memberIds).not.toContain(out);
    expect(await db().scheduleRun.findUniqueOrThrow({ where: { id: base.id }, select: { status: true } })).toEqual({ status: "superseded" });
  });
});

describe("publishing", () => {
  it("creates groups, members and weekly meetings, records verdicts, notifies everyone with an invite, and tells the bot", async () => {
    const run = await runAndWait(f.actors.teacher, course.cohortId);
    const result = await publishRun(f.actors.teacher, { runId: run.id, draftVersion: 1 });
    expect(result).toMatchObject({ groups: 2, meetings: 6, placed: 7, unplaced: 2, replacedGroups: 0 });

    const groups = await db().cohortGroup.findMany({
      where: { cohortId: course.cohortId, archivedAt: null },
      orderBy: { name: "asc" },
      include: { members: true, meetings: { orderBy: { seq: "asc" } } },
    });
    expect(groups.map((g) => g.name)).toEqual(["Group 1", "Group 2"]);
    for (const g of groups) {
      expect(g.facilitatorId).toBe(f.users.facilitator.id);
      expect(g.members.filter((m) => m.isFacilitator).map((m) => m.userId)).toEqual([f.users.facilitator.id]);
      expect(g.meetings.map((m) => m.seq)).toEqual([1, 2, 3]);
      for (const m of g.meetings) expect(m.endsAt.getTime() - m.startsAt.getTime()).toBe(60 * 60_000);
      // Weekly, at the same Brussels wall-clock time.
      const local = g.meetings.map((m) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit" }).format(m.startsAt));
      expect(new Set(local).size).toBe(1);
      expect(local[0]).toMatch(/^Tue/);
    }
    const verdict = await db().cohortAvailability.findUniqueOrThrow({ where: { cohortId_userId: { cohortId: course.cohortId, userId: f.users.student.id } } });
    expect(verdict.unplacedCode).toBe("no_facilitator");
    expect(verdict.unplacedReason).toMatch(/No facilitator is available/);
    expect(await db().scheduleRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } })).toEqual({ status: "published" });

    const assigned = await db().notification.findMany({ where: { type: "scheduling.group_assigned", data: { path: ["cohortId"], equals: course.cohortId } } });
    expect(assigned).toHaveLength(8); // 6 learners + the facilitator once per group
    const placedLearner = learners.find((l) => assigned.some((n) => n.userId === l.id))!;
    const mine = assigned.find((n) => n.userId === placedLearner.id)!;
    expect(mine.title).toMatch(/^Your group in .*: Group \d$/);
    expect(mine.body).toMatch(/It meets on Tuesdays for 1 hour, 3 times, starting Tuesday \d+ \w+, (18|19):00 \(Europe\/Brussels\)/);
    expect(mine.url).toBe(`/orgs/${f.org.id}/meetings`);
    const unplaced = await db().notification.findFirstOrThrow({ where: { type: "scheduling.unplaced", userId: f.users.student.id } });
    expect(unplaced.url).toBe(`/orgs/${f.org.id}/cohorts/${course.cohortId}/availability`);

    // The email carries the member's meetings as an .ics invite with their own answer links.
    const discord: ChannelAdapter = { send: async () => ({ status: "skipped", reason: "not linked" }) };
    const delivered = await deliverChannel(mine.id, "email", { email: emailAdapter(), discord });
    expect(delivered.status).toBe("sent");
    const mail = await db().mailMessage.findFirstOrThrow({ where: { to: placedLearner.email }, orderBy: { createdAt: "desc" } });
    const [invite] = mail.attachments as { filename: string; contentType: string; content: string }[];
    expect(invite?.filename).toMatch(/^group-\d-meetings\.ics$/);
    expect(invite?.contentType).toContain("text/calendar");
    expect(invite?.content.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(invite?.content).toContain("/rsvp/");

    const event = await db().workflowEvent.findFirstOrThrow({ where: { name: "cohort/groups.published" }, orderBy: { receivedAt: "desc" } });
    const data = (event.payload as { data: { cohortId: string; groups: { id: string; memberUserIds: string[]; meetings: unknown[]; facilitatorUserId: string }[]; replacedGroupIds: string[] } }).data;
    expect(data.cohortId).toBe(course.cohortId);
    expect(data.groups.map((g) => g.id).sort()).toEqual(groups.map((g) => g.id).sort());
    expect(data.groups.every((g) => g.meetings.length === 3 && g.facilitatorUserId === f.users.facilitator.id && g.memberUserIds.length === 4)).toBe(true);
    expect(data.replacedGroupIds).toEqual([]);
    expect(await db().auditLog.count({ where: { targetId: course.cohortId, action: "scheduling.published" } })).toBe(1);

    // Staff who are in no group reach every meeting from the Scheduling tab.
    const { published } = await getSchedulingWorkspace(f.actors.rootAdmin, { cohortId: course.cohortId });
    expect(published).toMatchObject({ groups: 2, members: 8, meetings: 6, firstMeetingAt: groups[0]!.meetings[0]!.startsAt });
    expect(published?.groupMeetings.map((g) => [g.name, g.members, g.facilitatorName, g.meetings.map((m) => m.seq)])).toEqual([
      ["Group 1", 4, f.users.facilitator.name, [1, 2, 3]],
      ["Group 2", 4, f.users.facilitator.name, [1, 2, 3]],
    ]);
    expect(published?.groupMeetings[0]?.meetings.map((m) => m.id)).toEqual(groups[0]!.meetings.map((m) => m.id));
  });

  it("re-publishing replaces the schedule: earlier groups archived, their future meetings deleted", async () => {
    const before = await db().cohortGroup.findMany({ where: { cohortId: course.cohortId, archivedAt: null }, select: { id: true, runId: true } });
    expect(before).toHaveLength(2);
    const run = await runAndWait(f.actors.teacher, course.cohortId);
    const result = await publishRun(f.actors.rootAdmin, { runId: run.id, draftVersion: 1 });
    expect(result.replacedGroups).toBe(2);
    const archived = await db().cohortGroup.findMany({ where: { id: { in: before.map((g) => g.id) } }, select: { archivedAt: true, _count: { select: { meetings: true } } } });
    expect(archived.every((g) => g.archivedAt !== null && g._count.meetings === 0)).toBe(true);
    expect(await db().cohortGroup.count({ where: { cohortId: course.cohortId, archivedAt: null } })).toBe(2);
    expect(await db().scheduleRun.findUniqueOrThrow({ where: { id: before[0]!.runId! }, select: { status: true } })).toEqual({ status: "superseded" });
    const event = await db().workflowEvent.findFirstOrThrow({ where: { name: "cohort/groups.published" }, orderBy: { receivedAt: "desc" } });
    expect((event.payload as { data: { replacedGroupIds: string[] } }).data.replacedGroupIds.sort()).toEqual(before.map((g) => g.id).sort());
  });

  it("refuses when the first meeting day has passed or the settings changed since the run", async () => {
    const run = await runAndWait(f.actors.teacher, course.cohortId);
    await updateSchedulingSettings(f.actors.teacher, { cohortId: course.cohortId, meetingMinutes: 60, groupMinSize: 3, groupMaxSize: 4, meetingWeeks: 3, meetingsStartDate: "2026-01-05" });
    await expect(publishRun(f.actors.teacher, { runId: run.id, draftVersion: 1 })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("has passed") });
    await updateSchedulingSettings(f.actors.teacher, { cohortId: course.cohortId, meetingMinutes: 90, groupMinSize: 3, groupMaxSize: 4, meetingWeeks: 3, meetingsStartDate: futureMonday() });
    await expect(publishRun(f.actors.teacher, { runId: run.id, draftVersion: 1 })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("meeting length 60 → 90 minutes") });
    await expect(publishRun(f.actors.facilitator, { runId: run.id, draftVersion: 1 })).rejects.toMatchObject({ code: "forbidden" });
    await updateSchedulingSettings(f.actors.teacher, { cohortId: course.cohortId, meetingMinutes: 60, groupMinSize: 3, groupMaxSize: 4, meetingWeeks: 3, meetingsStartDate: futureMonday() });
  });
});
