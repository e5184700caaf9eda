import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createMeetingFixture, type MeetingFixture } from "@/tests/fixtures/meetings";
import { createOrgFixture, type OrgFixture } from "@/tests/fixtures/org";
import { deliverChannel, emailAdapter, type ChannelAdapter } from "../notifications";
import { dueOffset, sendMeetingRemindersBatch } from "./reminders";
import { verifyRsvpToken } from "./rsvp-links";

/**
 * Meeting reminders with a moved clock: every run is given its `now`. The
 * meetings sit in 2031 so that no other test file's meetings (near the real
 * time) fall in the windows these runs look at; assertions still look only
 * at this file's meetings.
 */

const minute = 60_000;
const hour = 60 * minute;
const T = new Date("2031-03-10T17:00:00Z");

let f: OrgFixture;
let m: MeetingFixture;

beforeAll(async () => {
  f = await createOrgFixture("Meeting reminders");
  // Meeting 1 at T, meeting 2 a week later.
  m = await createMeetingFixture(f, { starts: [T, new Date(T.getTime() + 7 * 24 * hour)] });
});

/** Every batch at `now`, as the workflow runs them. */
async function runAt(now: Date, batchSize = 2) {
  let cursor: string | null = null;
  let sent = 0;
  let batches = 0;
  do {
    const batch = await sendMeetingRemindersBatch({ now, cursor, batchSize });
    sent += batch.sent;
    batches += 1;
    cursor = batch.nextCursor;
  } while (cursor);
  return { sent, batches };
}

async function remindersOf(meetingId: string) {
  return db().notification.findMany({
    where: { type: "meeting.reminder", data: { path: ["meetingId"], equals: meetingId } },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
    select: { userId: true, title: true, body: true, data: true, dedupeKey: true },
  });
}

describe("dueOffset", () => {
  it("picks the nearest reminder that still makes sense, and none once started", () => {
    expect(dueOffset(T, new Date(T.getTime() - 25 * hour))).toBeNull();
    expect(dueOffset(T, new Date(T.getTime() - 24 * hour))).toBe(1440);
    expect(dueOffset(T, new Date(T.getTime() - 61 * minute))).toBe(1440);
    expect(dueOffset(T, new Date(T.getTime() - 60 * minute))).toBe(60);
    expect(dueOffset(T, new Date(T.getTime() - 1 * minute))).toBe(60);
    expect(dueOffset(T, T)).toBeNull();
    expect(dueOffset(T, new Date(T.getTime() + minute))).toBeNull();
  });
});

describe("meeting reminders", () => {
  it("sends the 24-hour and the 1-hour reminder once each, skipping members who said no", async () => {
    const meetingId = m.meetingIds[0] ?? "";
    const [student, other] = m.learners;
    if (!student || !other) throw new Error("fixture has two learners");
    await db().meetingRsvp.create({ data: { meetingId, userId: student.id, response: "no" } });
    await db().meetingRsvp.create({ data: { meetingId, userId: other.id, response: "maybe" } });
    await db().user.update({ where: { id: other.id }, data: { timeZone: "Australia/Sydney" } });

    await runAt(new Date(T.getTime() - 25 * hour));
    expect(await remindersOf(meetingId)).toHaveLength(0);

    await runAt(new Date(T.getTime() - 24 * hour + 3 * minute));
    let sent = await remindersOf(meetingId);
    expect(sent.map((n) => n.userId).sort()).toEqual([f.users.facilitator.id, other.id].sort());
    expect(sent.every((n) => n.title === `${m.groupName} meets tomorrow`)).toBe(true);
    const theirs = sent.find((n) => n.userId === other.id);
    // 17:00 UTC on 10 March 2031 is 04:00 on the 11th in Sydney (daylight time, UTC+11).
    expect(theirs?.body).toContain("Tuesday 11 March, 04:00 (Australia/Sydney)");
    expect(theirs?.body).toContain("You said maybe");

    // Every later run within the day finds them sent.
    for (const h of [23, 12, 2]) expect((await runAt(new Date(T.getTime() - h * hour))).sent).toBe(0);
    expect(await remindersOf(meetingId)).toHaveLength(2);

    await runAt(new Date(T.getTime() - 58 * minute));
    await runAt(new Date(T.getTime() - 53 * minute));
    sent = await remindersOf(meetingId);
    expect(sent).toHaveLength(4);
    expect(sent.filter((n) => n.title === `${m.groupName} meets soon`)).toHaveLength(2);

    // Started: nothing more, ever.
    await runAt(new Date(T.getTime() + minute));
    expect(await remindersOf(meetingId)).toHaveLength(4);
  });

  it("carries signed RSVP links for the member it goes to", async () => {
    const meetingId = m.meetingIds[0] ?? "";
    const [reminder] = (await remindersOf(meetingId)).filter((n) => n.userId === f.users.facilitator.id);
    const links = (reminder?.data as { rsvpLinks: Record<string, string> }).rsvpLinks;
    for (const response of ["yes", "maybe", "no"] as const) {
      const token = new URL(links[response] ?? "").pathname.split("/").at(-1) ?? "";
      expect(verifyRsvpToken(token)).toEqual({ meetingId, userId: f.users.facilitator.id, response });
    }
  });

  it("emails the reminder with the member's RSVP buttons", async () => {
    const meetingId = m.meetingIds[0] ?? "";
    const row = await db().notification.findFirstOrThrow({
      where: { type: "meeting.reminder", userId: f.users.facilitator.id, data: { path: ["meetingId"], equals: meetingId } },
      select: { id: true, data: true },
    });
    const sent: { text: string; html: string }[] = [];
    const transport = { sendMail: async (message: { text: string; html: string }) => void sent.push(message) };
    const noDiscord: ChannelAdapter = { send: async () => ({ status: "skipped", reason: "not linked" }) };
    const result = await deliverChannel(row.id, "email", { email: emailAdapter({ transport }), discord: noDiscord });
    expect(result.status).toBe("sent");
    const links = (row.data as { rsvpLinks: Record<"yes" | "maybe" | "no", string> }).rsvpLinks;
    const mail = sent[0];
    expect(mail?.text).toContain(`I'm going: ${links.yes}`);
    expect(mail?.text).toContain(`I can't come: ${links.no}`);
    expect(mail?.html).toContain(`href="${links.maybe}"`);
  });

  it("catches up after downtime with only the reminder that still makes sense", async () => {
    const meetingId = m.meetingIds[1] ?? "";
    const starts = new Date(T.getTime() + 7 * 24 * hour);
    // Down from two days before until 30 minutes before: the 24-hour reminder was missed and is not sent late.
    await runAt(new Date(starts.getTime() - 30 * minute));
    const sent = await remindersOf(meetingId);
    expect(sent).toHaveLength(3);
    expect(sent.every((n) => n.title.endsWith("meets soon"))).toBe(true);
    expect(sent.every((n) => n.dedupeKey?.includes(":60:"))).toBe(true);
  });

  it("never reminds of a meeting that already started, even after downtime, or of a cancelled one", async () => {
    const starts = new Date(T.getTime() + 30 * 24 * hour);
    const own = await createMeetingFixture(f, { course: m.course, extraLearners: 0, starts: [starts, new Date(starts.getTime() + 2 * hour)] });
    await db().meeting.update({ where: { id: own.meetingIds[1] ?? "" }, data: { canceledAt: new Date() } });
    await runAt(new Date(starts.getTime() + 5 * minute));
    expect(await remindersOf(own.meetingIds[0] ?? "")).toHaveLength(0);
    expect(await remindersOf(own.meetingIds[1] ?? "")).toHaveLength(0);
  });

  it("reminds again of a moved meeting at its new time", async () => {
    const starts = new Date(T.getTime() + 60 * 24 * hour);
    const own = await createMeetingFixture(f, { course: m.course, extraLearners: 0, starts: [starts] });
    const meetingId = own.meetingIds[0] ?? "";
    await runAt(new Date(starts.getTime() - 20 * hour));
    expect(await remindersOf(meetingId)).toHaveLength(2);
    const moved = new Date(starts.getTime() + 3 * hour);
    await db().meeting.update({ where: { id: meetingId }, data: { startsAt: moved, endsAt: new Date(moved.getTime() + hour), originalStartsAt: starts } });
    await runAt(new Date(starts.getTime() - 19 * hour));
    const sent = await remindersOf(meetingId);
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((n) => n.dedupeKey)).size).toBe(2);
  });
});
