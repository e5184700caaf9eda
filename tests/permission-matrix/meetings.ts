import { db } from "../../server/db";
import { hashSecret, newSecret } from "../../server/security/tokens";
import { rsvpToken } from "../../server/services/meetings/rsvp-links";
import { createCourseFixture } from "../fixtures/courses";
import { createMeetingFixture } from "../fixtures/meetings";
import { oncePerFixture } from "../fixtures/org";
import type { Caller, MatrixContext, MatrixEntry } from "../permission-matrix";

/**
 * Rows of the permission matrix for the meetings procedures (merged into procedureMatrix).
 *
 * The fixture group belongs to the fixture course's cohort: the fixture
 * facilitator leads it and the fixture student is a member. Members answer
 * its meetings; its facilitator, the unit's teacher (who manages the cohort),
 * the org admin and a system admin take attendance and move or cancel them.
 * The admin of another organisation is told the meeting does not exist. The
 * calendar feed is personal (any signed-in person has one to manage), and the
 * signed RSVP link works without a session.
 */

const members = ["student", "facilitator"] as const satisfies readonly Caller[];
const managers = ["teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const viewers = ["student", "teacher", "facilitator", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const everyone = ["anonymous", "student", "teacher", "facilitator", "otherOrgAdmin", "orgAdmin", "systemAdmin"] as const satisfies readonly Caller[];
const signedIn = everyone.filter((c) => c !== "anonymous");

const courseOf = oncePerFixture((f) => createCourseFixture(f));
/** Shared by the rows that only read or answer: seq 1 a week ago, 2 in two days, 3 and 4 later. */
const groupOf = oncePerFixture(async (f) => createMeetingFixture(f, { course: await courseOf(f), extraLearners: 0 }));

const meetingAt = (index: number) => async ({ f }: MatrixContext) => ({ meetingId: (await groupOf(f)).meetingIds[index] ?? "" });

/** A fresh group for calls that change a meeting, so rows do not disturb each other. */
async function freshMeeting({ f }: MatrixContext, options: { canceled?: boolean } = {}): Promise<string> {
  const own = await createMeetingFixture(f, { course: await courseOf(f), extraLearners: 0 });
  const meetingId = own.meetingIds[1] ?? "";
  if (options.canceled) await db().meeting.update({ where: { id: meetingId }, data: { canceledAt: new Date() } });
  return meetingId;
}

/** The caller has a calendar feed (or none), whatever earlier rows did. */
async function withFeed({ actor }: MatrixContext, exists: boolean): Promise<Record<string, never>> {
  if (!actor) return {};
  await db().calendarFeed.deleteMany({ where: { userId: actor.userId } });
  if (exists) await db().calendarFeed.create({ data: { userId: actor.userId, tokenHash: hashSecret(newSecret()) } });
  return {};
}

const dayMs = 24 * 60 * 60 * 1000;

export const meetingsMatrix: Record<string, MatrixEntry> = {
  "meetings.mine": { allow: viewers, input: ({ f }) => ({ orgId: f.org.id }) },
  "meetings.get": { allow: viewers, input: meetingAt(1) },
  "meetings.rsvp": { allow: members, input: async (ctx) => ({ ...(await meetingAt(2)(ctx)), response: "yes" }) },
  // The signature is the permission: anyone holding the link records the answer it carries.
  "meetings.rsvpByToken": {
    allow: everyone,
    input: async ({ f }) => ({ token: rsvpToken((await groupOf(f)).meetingIds[3] ?? "", f.users.student.id, "maybe") }),
  },
  "meetings.recordAttendance": {
    allow: managers,
    input: async (ctx) => ({ ...(await meetingAt(0)(ctx)), entries: [{ userId: ctx.f.users.student.id, status: "present" }] }),
  },
  "meetings.move": {
    allow: managers,
    input: async (ctx) => {
      const meetingId = await freshMeeting(ctx);
      const row = await db().meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { startsAt: true } });
      const to = new Date(row.startsAt.getTime() + dayMs);
      return { meetingId, date: to.toISOString().slice(0, 10), time: to.toISOString().slice(11, 16), timeZone: "UTC" };
    },
  },
  "meetings.cancel": { allow: managers, input: async (ctx) => ({ meetingId: await freshMeeting(ctx), reason: "Matrix" }) },
  "meetings.restore": { allow: managers, input: async (ctx) => ({ meetingId: await freshMeeting(ctx, { canceled: true }) }) },
  // Everyone in the organisation may open it; it lists only the groups they lead (none for most).
  "meetings.facilitatorDashboard": { allow: viewers, input: ({ f }) => ({ orgId: f.org.id }) },

  "meetings.feed": { allow: signedIn, input: () => ({}), notOrgScoped: true },
  "meetings.createFeed": { allow: signedIn, input: (ctx) => withFeed(ctx, false), notOrgScoped: true },
  "meetings.rotateFeed": { allow: signedIn, input: (ctx) => withFeed(ctx, true), notOrgScoped: true },
  "meetings.revokeFeed": { allow: signedIn, input: () => ({}), notOrgScoped: true },
};
