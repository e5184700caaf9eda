import { beforeAll, describe, expect, it } from "vitest";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import { zonedParts } from "@/lib/time-zone";
import { db } from "@/server/db";
import { createMeetingFixture, type MeetingFixture } from "@/tests/fixtures/meetings";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { recordAttendance } from "./attendance";
import { calendarFeedIcs, createCalendarFeed, getCalendarFeed, meetingIcs, revokeCalendarFeed, rotateCalendarFeed } from "./calendar";
import { cancelMeeting, moveMeeting, restoreMeeting } from "./change";
import { facilitatorDashboard, facilitatesGroups } from "./facilitator";
import { getMeeting, listMyMeetings } from "./mine";
import { previewRsvpLink, rsvp, rsvpByToken } from "./rsvp";
import { rsvpToken } from "./rsvp-links";

/**
 * The meeting services against PostgreSQL, on groups and meetings written as
 * scheduling's publish writes them (tests/fixtures/meetings.ts). Fixture
 * meetings: seq 1 a week ago, seq 2 in 2 days, seq 3 in 9 days, seq 4 in
 * 16 days; the facilitator leads, the student and one more learner are in it.
 */

let f: OrgFixture;
let m: MeetingFixture;
const dayMs = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  f = await createOrgFixture("Meetings");
  m = await createMeetingFixture(f);
});

async function expectError(promise: Promise<unknown>, code: AppErrorCode, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), `expected AppError ${code}, got ${String(error)}`).toBe(true);
  if (!isAppError(error)) return;
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
}

/** "YYYY-MM-DD" and "HH:MM" of an instant on the wall clock of a zone (what the move form sends). */
function wallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const p = zonedParts(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

const [past, next, later, last] = [0, 1, 2, 3];
const id = (index: number) => m.meetingIds[index] ?? "missing";

describe("my meetings", () => {
  it("lists upcoming meetings soonest first, with group, cohort, course and the others' answers", async () => {
    const page = await listMyMeetings(f.actors.student, { orgId: f.org.id, take: 2 });
    expect(page.items.map((i) => i.id)).toEqual([id(next), id(later)]);
    expect(page.nextCursor).not.toBeNull();
    const first = page.items[0];
    expect(first).toMatchObject({
      seq: 2,
      state: "upcoming",
      group: { id: m.groupId, name: m.groupName, location: "Room 101", facilitator: { id: f.users.facilitator.id } },
      cohort: { id: m.cohortId },
      myRsvp: null,
      memberCount: 3,
      isMember: true,
      isFacilitator: false,
    });
    expect(first?.othersRsvp).toEqual({ yes: 0, maybe: 0, no: 0, pending: 2 });
    expect(page.viewerTimeZone).toBe("UTC");

    const rest = await listMyMeetings(f.actors.student, { orgId: f.org.id, take: 2, cursor: page.nextCursor });
    expect(rest.items.map((i) => i.id)).toEqual([id(last)]);
    expect(rest.nextCursor).toBeNull();
  });

  it("lists past meetings latest first", async () => {
    const page = await listMyMeetings(f.actors.student, { orgId: f.org.id, scope: "past" });
    expect(page.items.map((i) => i.id)).toEqual([id(past)]);
    expect(page.items[0]?.state).toBe("ended");
  });

  it("shows the facilitator their groups' meetings and nobody else's", async () => {
    const mine = await listMyMeetings(f.actors.facilitator, { orgId: f.org.id });
    expect(mine.items[0]).toMatchObject({ id: id(next), isFacilitator: true, canManage: true });
    const teacher = await listMyMeetings(f.actors.teacher, { orgId: f.org.id });
    expect(teacher.items).toEqual([]);
    await expectError(listMyMeetings(f.actors.otherAdmin, { orgId: f.org.id }), "not_found");
  });

  it("refuses a malformed cursor with a message", async () => {
    await expectError(listMyMeetings(f.actors.student, { orgId: f.org.id, cursor: "nonsense" }), "invalid", /start from the first page/);
  });

  it("opens one meeting for members and staff, not for outsiders", async () => {
    const detail = await getMeeting(f.actors.student, { meetingId: id(next) });
    expect(detail.members.map((x) => x.userId)).toEqual([f.users.facilitator.id, ...[...m.learners].sort((a, b) => a.name.localeCompare(b.name)).map((l) => l.id)]);
    expect(detail.members[0]?.isFacilitator).toBe(true);
    expect(detail).toMatchObject({ canManage: false, canChange: false, canRecordAttendance: false });

    const teacher = await getMeeting(f.actors.teacher, { meetingId: id(next) });
    expect(teacher).toMatchObject({ isMember: false, canManage: true, canChange: true, canRecordAttendance: false });
    const facilitator = await getMeeting(f.actors.facilitator, { meetingId: id(past) });
    expect(facilitator).toMatchObject({ canRecordAttendance: true, canChange: false });

    const { actor: outsider } = await f.addMember(f.units.department, "student", "Outsider");
    await expectError(getMeeting(outsider, { meetingId: id(next) }), "not_found");
    await expectError(getMeeting(f.actors.otherAdmin, { meetingId: id(next) }), "not_found");
  });
});

describe("RSVP", () => {
  it("records a member's answer and replaces it when they answer again", async () => {
    const student = f.actors.student;
    await rsvp(student, { meetingId: id(later), response: "maybe" });
    const result = await rsvp(student, { meetingId: id(later), response: "yes" });
    expect(result.response).toBe("yes");
    const rows = await db().meetingRsvp.findMany({ where: { meetingId: id(later) } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: student.userId, response: "yes", via: "web" });

    const other = m.learners[1];
    if (!other) throw new Error("fixture has a second learner");
    const theirs = await listMyMeetings(await f.reload("facilitator"), { orgId: f.org.id });
    expect(theirs.items.find((i) => i.id === id(later))?.othersRsvp).toEqual({ yes: 1, maybe: 0, no: 0, pending: 1 });
  });

  it("refuses people outside the group, ended meetings and bad answers", async () => {
    await expectError(rsvp(f.actors.teacher, { meetingId: id(next), response: "yes" }), "forbidden", /Only the members/);
    await expectError(rsvp(f.actors.student, { meetingId: id(past), response: "yes" }), "conflict", /has ended/);
    await expectError(rsvp(f.actors.student, { meetingId: id(next), response: "perhaps" as "yes" }), "invalid", /yes, maybe or no/);
    expect(await db().meetingRsvp.count({ where: { meetingId: { in: [id(next), id(past)] } } })).toBe(0);
  });

  it("records the answer of a signed email link without a session, and lets the person change it", async () => {
    const token = rsvpToken(id(last), f.users.student.id, "no");
    const preview = await previewRsvpLink({ token });
    expect(preview).toMatchObject({ linkResponse: "no", currentResponse: null, closedReason: null, person: { name: f.users.student.name } });
    expect(await db().meetingRsvp.count({ where: { meetingId: id(last) } })).toBe(0);

    const recorded = await rsvpByToken({ token });
    expect(recorded.currentResponse).toBe("no");
    expect(recorded.meeting).toMatchObject({ seq: 4, groupName: m.groupName });
    const row = await db().meetingRsvp.findUniqueOrThrow({ where: { meetingId_userId: { meetingId: id(last), userId: f.users.student.id } } });
    expect(row).toMatchObject({ response: "no", via: "email" });

    const changed = await rsvpByToken({ token: recorded.tokens.yes });
    expect(changed.currentResponse).toBe("yes");
  });

  it("refuses a tampered link and records nothing for an ended meeting", async () => {
    const token = rsvpToken(id(last), f.users.student.id, "no");
    await expectError(rsvpByToken({ token: token.replace(".no.", ".yes.") }), "invalid", /not valid/);
    await expectError(rsvpByToken({ token: token.replace(f.users.student.id, f.users.teacher.id) }), "invalid", /not valid/);
    await expectError(rsvpByToken({ token: "" }), "invalid");

    const ended = await rsvpByToken({ token: rsvpToken(id(past), f.users.student.id, "yes") });
    expect(ended.closedReason).toMatch(/has ended/);
    expect(ended.currentResponse).toBeNull();
  });

  it("refuses a genuine link of someone who left the group", async () => {
    const { user } = await f.addMember(f.units.department, "student", "Leaver");
    await db().cohortGroupMember.create({ data: { groupId: m.groupId, userId: user.id } });
    const token = rsvpToken(id(next), user.id, "yes");
    await db().cohortGroupMember.delete({ where: { groupId_userId: { groupId: m.groupId, userId: user.id } } });
    await expectError(rsvpByToken({ token }), "forbidden", /no longer in this meeting's group/);
  });
});

describe("attendance", () => {
  it("lets the facilitator record it for a started meeting, idempotently", async () => {
    const [a, b] = m.learners;
    if (!a || !b) throw new Error("fixture has two learners");
    const entries = [
      { userId: a.id, status: "present" as const },
      { userId: b.id, status: "late" as const },
    ];
    await recordAttendance(f.actors.facilitator, { meetingId: id(past), entries });
    await recordAttendance(f.actors.facilitator, { meetingId: id(past), entries });
    const rows = await db().meetingAttendance.findMany({ where: { meetingId: id(past) }, orderBy: { userId: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.recordedById === f.users.facilitator.id)).toBe(true);

    await recordAttendance(f.actors.teacher, { meetingId: id(past), entries: [{ userId: b.id, status: "excused" }] });
    const b2 = await db().meetingAttendance.findUniqueOrThrow({ where: { meetingId_userId: { meetingId: id(past), userId: b.id } } });
    expect(b2).toMatchObject({ status: "excused", recordedById: f.users.teacher.id });

    const detail = await getMeeting(f.actors.facilitator, { meetingId: id(past) });
    expect(detail.members.find((x) => x.userId === a.id)?.attendance).toBe("present");
    const asStudent = await getMeeting(f.actors.student, { meetingId: id(past) });
    expect(asStudent.members.every((x) => x.attendance === null)).toBe(true);
  });

  it("refuses members, meetings that have not started and people outside the group", async () => {
    const a = m.learners[0];
    if (!a) throw new Error("fixture has a learner");
    await expectError(recordAttendance(f.actors.student, { meetingId: id(past), entries: [{ userId: a.id, status: "present" }] }), "forbidden");
    await expectError(recordAttendance(f.actors.facilitator, { meetingId: id(next), entries: [{ userId: a.id, status: "present" }] }), "conflict", /not started/);
    await expectError(
      recordAttendance(f.actors.facilitator, {
        meetingId: id(past),
        entries: [
          { userId: a.id, status: "absent" },
          { userId: f.users.teacher.id, status: "present" },
        ],
      }),
      "invalid",
      /not in/,
    );
    // Nothing half-applied: the student stays "present".
    expect((await db().meetingAttendance.findUniqueOrThrow({ where: { meetingId_userId: { meetingId: id(past), userId: a.id } } })).status).toBe("present");
    await expectError(
      recordAttendance(f.actors.facilitator, {
        meetingId: id(past),
        entries: [
          { userId: a.id, status: "absent" },
          { userId: a.id, status: "present" },
        ],
      }),
      "invalid",
      /once/,
    );
  });
});

describe("moving one meeting", () => {
  it("moves only that meeting, marks where it was once, notifies the others in their zone and emits meeting/moved", async () => {
    const own = await createMeetingFixture(f);
    await db().user.update({ where: { id: f.users.student.id }, data: { timeZone: "America/New_York" } });
    const target = own.meetingIds[1] ?? "";
    const before = await db().meeting.findUniqueOrThrow({ where: { id: target } });
    const series = await db().meeting.findMany({ where: { groupId: own.groupId, id: { not: target } }, orderBy: { seq: "asc" } });

    const newStart = new Date(before.startsAt.getTime() + 26 * 60 * 60 * 1000);
    const moved = await moveMeeting(f.actors.facilitator, { meetingId: target, ...wallClock(newStart, "Europe/Brussels"), timeZone: "Europe/Brussels" });
    expect(moved.startsAt.toISOString()).toBe(newStart.toISOString());
    expect(moved.endsAt.getTime() - moved.startsAt.getTime()).toBe(60 * 60 * 1000);
    expect(moved.originalStartsAt?.toISOString()).toBe(before.startsAt.toISOString());

    const after = await db().meeting.findMany({ where: { groupId: own.groupId, id: { not: target } }, orderBy: { seq: "asc" } });
    expect(after.map((x) => x.startsAt.toISOString())).toEqual(series.map((x) => x.startsAt.toISOString()));

    // A second move keeps the series time, not the first move's.
    const again = new Date(newStart.getTime() + 60 * 60 * 1000);
    const twice = await moveMeeting(f.actors.teacher, { meetingId: target, ...wallClock(again, "UTC"), timeZone: "UTC" });
    expect(twice.originalStartsAt?.toISOString()).toBe(before.startsAt.toISOString());

    const notes = await db().notification.findMany({ where: { type: "meeting.moved", data: { path: ["meetingId"], equals: target } }, orderBy: { createdAt: "asc" } });
    const toStudent = notes.filter((n) => n.userId === f.users.student.id);
    expect(toStudent).toHaveLength(2);
    expect(toStudent[0]?.body).toContain("(America/New_York)");
    expect(toStudent[0]?.body).toMatch(/instead of/);
    // The facilitator moved it the first time, so only the second move (by the teacher) told them.
    expect(notes.filter((n) => n.userId === f.users.facilitator.id)).toHaveLength(1);

    const events = await db().workflowEvent.findMany({ where: { name: "meeting/moved" } });
    const payloads = events.map((e) => (e.payload as { data: { meetingId: string; previousStartsAt: string; startsAt: string } }).data).filter((d) => d.meetingId === target);
    expect(payloads).toHaveLength(2);
    expect(payloads.map((p) => p.previousStartsAt).sort()).toEqual([before.startsAt.toISOString(), newStart.toISOString()].sort());

    expect(await db().auditLog.count({ where: { action: "meeting.moved", targetId: target } })).toBe(2);

    // Moving it back to the series time clears the mark.
    const back = await moveMeeting(f.actors.facilitator, { meetingId: target, ...wallClock(before.startsAt, "UTC"), timeZone: "UTC" });
    expect(back.originalStartsAt).toBeNull();
    await db().user.update({ where: { id: f.users.student.id }, data: { timeZone: "UTC" } });
  });

  it("refuses past meetings, moves into the past, overlaps and members", async () => {
    const own = await createMeetingFixture(f);
    const [pastId, nextId, laterId] = own.meetingIds;
    const nextRow = await db().meeting.findUniqueOrThrow({ where: { id: nextId ?? "" } });
    const laterRow = await db().meeting.findUniqueOrThrow({ where: { id: laterId ?? "" } });
    const future = wallClock(new Date(Date.now() + 3 * dayMs), "UTC");
    await expectError(moveMeeting(f.actors.facilitator, { meetingId: pastId ?? "", ...future, timeZone: "UTC" }), "conflict", /already started/);
    await expectError(
      moveMeeting(f.actors.facilitator, { meetingId: nextId ?? "", ...wallClock(new Date(Date.now() - dayMs), "UTC"), timeZone: "UTC" }),
      "invalid",
      /already passed/,
    );
    await expectError(
      moveMeeting(f.actors.facilitator, { meetingId: nextId ?? "", ...wallClock(new Date(laterRow.startsAt.getTime() + 30 * 60_000), "UTC"), timeZone: "UTC" }),
      "invalid",
      /Meeting 3 .* is already at/,
    );
    await expectError(moveMeeting(f.actors.student, { meetingId: nextId ?? "", ...future, timeZone: "UTC" }), "forbidden");
    await expectError(moveMeeting(f.actors.facilitator, { meetingId: nextId ?? "", date: "2026-02-30", time: "18:00", timeZone: "UTC" }), "invalid", /real day/);
    await expectError(moveMeeting(f.actors.facilitator, { meetingId: nextId ?? "", date: "2030-01-01", time: "25:00", timeZone: "UTC" }), "invalid", /HH:MM/);
    expect((await db().meeting.findUniqueOrThrow({ where: { id: nextId ?? "" } })).startsAt.toISOString()).toBe(nextRow.startsAt.toISOString());
  });

  it("cancels and restores one meeting, telling the members", async () => {
    const own = await createMeetingFixture(f);
    const target = own.meetingIds[2] ?? "";
    const canceled = await cancelMeeting(f.actors.facilitator, { meetingId: target, reason: "Holiday" });
    expect(canceled.state).toBe("canceled");
    expect(canceled.canRestore).toBe(true);
    await expectError(cancelMeeting(f.actors.facilitator, { meetingId: target }), "conflict", /already cancelled/);
    await expectError(rsvp(f.actors.student, { meetingId: target, response: "yes" }), "conflict", /cancelled/);
    const note = await db().notification.findFirstOrThrow({ where: { type: "meeting.canceled", userId: f.users.student.id, data: { path: ["meetingId"], equals: target } } });
    expect(note.body).toContain("“Holiday”");

    const restored = await restoreMeeting(f.actors.teacher, { meetingId: target });
    expect(restored.state).toBe("upcoming");
    expect(await db().notification.count({ where: { type: "meeting.restored", data: { path: ["meetingId"], equals: target } } })).toBe(3);
    expect(await db().workflowEvent.count({ where: { name: { in: ["meeting/canceled", "meeting/restored"] }, payload: { path: ["data", "meetingId"], equals: target } } })).toBe(2);
  });
});

describe("calendar", () => {
  it("downloads one meeting as .ics for members only", async () => {
    const file = await meetingIcs(f.actors.student, { meetingId: id(next) });
    expect(file.filename).toBe("lyceum-meeting-2.ics");
    expect(file.content).toContain(`UID:${id(next)}@meetings.lyceum`);
    expect(file.content).toContain("METHOD:PUBLISH");
    expect(file.content).toMatch(/SUMMARY:Group \w+ · Fixture course/);
    await expectError(meetingIcs(f.actors.teacher, { meetingId: id(next) }), "forbidden");
  });

  it("creates a feed shown once, stores only its hash, rotates and revokes it", async () => {
    const actor = f.actors.student;
    expect(await getCalendarFeed(actor)).toEqual({ active: false, createdAt: null });
    const link = await createCalendarFeed(actor);
    expect(link.url).toMatch(/\/api\/calendar\/[\w-]{43}\.ics$/);
    expect(link.webcalUrl.startsWith("webcal://")).toBe(true);
    const token = link.url.split("/").at(-1) ?? "";
    const row = await db().calendarFeed.findUniqueOrThrow({ where: { userId: actor.userId } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token.replace(".ics", ""));
    await expectError(createCalendarFeed(actor), "conflict", /already have/);

    const feed = await calendarFeedIcs(token);
    expect(feed.content).toContain("X-WR-CALNAME:Lyceum meetings");
    for (const meetingId of m.meetingIds) expect(feed.content).toContain(`UID:${meetingId}@meetings.lyceum`);
    expect(feed.content.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(4);

    const rotated = await rotateCalendarFeed(actor);
    await expectError(calendarFeedIcs(token), "not_found", /does not work/);
    await calendarFeedIcs(rotated.url.split("/").at(-1) ?? "");

    await revokeCalendarFeed(actor);
    await expectError(calendarFeedIcs(rotated.url.split("/").at(-1) ?? ""), "not_found");
    await expectError(rotateCalendarFeed(actor), "not_found", /Create one first/);
    await expectError(calendarFeedIcs("short"), "not_found");
  });

  it("keeps cancelled meetings in the feed as CANCELLED and leaves out meetings older than 30 days", async () => {
    const { actor, user } = await f.addMember(f.units.department, "student", "Feed reader");
    const course = m.course;
    await db().cohortMember.create({ data: { cohortId: course.cohortId, userId: user.id, role: "learner" } });
    const own = await createMeetingFixture(f, { course, extraLearners: 0, starts: [new Date(Date.now() - 40 * dayMs), new Date(Date.now() - 5 * dayMs), new Date(Date.now() + 5 * dayMs)] });
    await db().cohortGroupMember.create({ data: { groupId: own.groupId, userId: user.id } });
    await db().meeting.update({ where: { id: own.meetingIds[2] ?? "" }, data: { canceledAt: new Date() } });
    const link = await createCalendarFeed(actor);
    const feed = await calendarFeedIcs(link.url.split("/").at(-1) ?? "");
    expect(feed.content).not.toContain(`UID:${own.meetingIds[0]}@`);
    expect(feed.content).toContain(`UID:${own.meetingIds[1]}@`);
    const events = feed.content.split("BEGIN:VEVENT").slice(1);
    const canceled = events.find((e) => e.includes(`UID:${own.meetingIds[2]}@`));
    expect(canceled).toContain("STATUS:CANCELLED");
    expect(canceled).not.toContain("SEQUENCE:0\r\n");
  });
});

describe("facilitator dashboard", () => {
  it("shows my groups with members' progress from the cohort dashboard, attendance and the next meetings' answers", async () => {
    const dash = await facilitatorDashboard(f.actors.facilitator, { orgId: f.org.id });
    const group = dash.groups.find((g) => g.id === m.groupId);
    if (!group) throw new Error("the fixture group is on the dashboard");
    expect(group.progressHidden).toBe(false);
    expect(group.youFacilitate).toBe(true);
    expect(group.members.find((x) => x.isYou)?.userId).toBe(f.users.facilitator.id);
    expect(group.nextMeetings.map((x) => x.id)).toEqual([id(next), id(later), id(last)]);
    const [a, b] = m.learners;
    const memberA = group.members.find((x) => x.userId === a?.id);
    expect(memberA?.progress).toMatchObject({ completed: 0 });
    expect(memberA?.progress?.available).toBeGreaterThan(0);
    expect(memberA?.attendance).toMatchObject({ recorded: 1, present: 1, rate: 1 });
    const memberB = group.members.find((x) => x.userId === b?.id);
    expect(memberB?.attendance).toMatchObject({ recorded: 1, excused: 1, rate: null });
    expect(group.members.find((x) => x.isFacilitator)?.progress).toBeNull();
    // The student answered meeting 3, not meeting 2 (the next one).
    expect(memberA?.nextRsvp).toBeNull();
    expect(group.nextMeetings[1]?.rsvp).toMatchObject({ yes: 1 });
    expect(group.pastWithoutAttendance).toEqual([]);
    expect(await facilitatesGroups(f.actors.facilitator, f.org.id)).toBe(true);
  });

  it("shows a cohort's teacher every group of the cohort, marked as not theirs", async () => {
    const { user, actor } = await f.addMember(f.units.department, "teacher", "Cohort teacher");
    expect(await facilitatesGroups(actor, f.org.id)).toBe(false);
    await db().cohortMember.create({ data: { cohortId: m.cohortId, userId: user.id, role: "teacher" } });
    const dash = await facilitatorDashboard(actor, { orgId: f.org.id });
    const group = dash.groups.find((g) => g.id === m.groupId);
    expect(group).toMatchObject({ youFacilitate: false, facilitator: { id: f.users.facilitator.id }, progressHidden: false });
    expect(group?.members.some((x) => x.isYou)).toBe(false);
    expect(await facilitatesGroups(actor, f.org.id)).toBe(true);
  });

  it("is empty for people who lead no group", async () => {
    const dash = await facilitatorDashboard(f.actors.student, { orgId: f.org.id });
    expect(dash.groups).toEqual([]);
    expect(await facilitatesGroups(f.actors.student, f.org.id)).toBe(false);
    await expectError(facilitatorDashboard(f.actors.otherAdmin, { orgId: f.org.id }), "not_found");
  });
});
