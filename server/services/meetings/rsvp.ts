import { AppError } from "@/lib/errors";
import { rsvpSchema, rsvpTokenSchema, type RsvpInput, type RsvpResponse, type RsvpTokenInput } from "@/lib/schemas/meetings";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import { meetingAccessSelect, requireMeetingMember, type MeetingRow } from "./access";
import { rsvpToken, verifyRsvpToken } from "./rsvp-links";

/**
 * Answering a meeting ("going", "maybe", "not going"): from the web by a
 * signed-in member, or from the signed link in an email without signing in.
 * One answer per member and meeting; answering again replaces it. Answers
 * are taken until the meeting ends, never for a cancelled one.
 */

export interface RsvpResult {
  meetingId: string;
  response: RsvpResponse;
  respondedAt: Date;
}

function refuseClosed(meeting: Pick<MeetingRow, "endsAt" | "canceledAt" | "group" | "cohort">, now: Date): void {
  if (meeting.canceledAt) throw new AppError("conflict", "This meeting is cancelled, so there is nothing to answer.");
  if (meeting.group.archivedAt || meeting.cohort.archivedAt) {
    throw new AppError("conflict", "This group's schedule was replaced or the cohort has ended, so this meeting no longer takes answers.");
  }
  if (now.getTime() >= meeting.endsAt.getTime()) throw new AppError("conflict", "This meeting has ended, so it no longer takes answers.");
}

async function saveAnswer(meetingId: string, userId: string, response: RsvpResponse, via: "web" | "email", now: Date): Promise<RsvpResult> {
  const row = await db().meetingRsvp.upsert({
    where: { meetingId_userId: { meetingId, userId } },
    create: { meetingId, userId, response, via, respondedAt: now },
    update: { response, via, respondedAt: now },
    select: { response: true, respondedAt: true },
  });
  return { meetingId, response: row.response, respondedAt: row.respondedAt };
}

/** A signed-in member answers a meeting of their group. */
export async function rsvp(actor: MaybeActor, input: RsvpInput): Promise<RsvpResult> {
  const { meetingId, response } = parseInput(rsvpSchema, input);
  const { meeting, actor: member } = await requireMeetingMember(actor, meetingId);
  const now = await appNow();
  refuseClosed(meeting, now);
  return saveAnswer(meeting.id, member.userId, response, "web", now);
}

// ---------------------------------------------------------------------------
// The signed email link

export const invalidRsvpLink =
  "This RSVP link is not valid: it may have been cut short or changed. Open it again from the email, or answer on the Meetings page in Lyceum.";

export interface RsvpLinkView {
  meetingId: string;
  orgId: string;
  /** Whose answer the link records (the person it was sent to). */
  person: { name: string; timeZone: string };
  /** The answer this link records. */
  linkResponse: RsvpResponse;
  /** The answer stored now (after recording, the link's). */
  currentResponse: RsvpResponse | null;
  meeting: {
    seq: number;
    startsAt: Date;
    endsAt: Date;
    originalStartsAt: Date | null;
    groupName: string;
    courseTitle: string;
    cohortName: string;
    location: string | null;
  };
  /** Why the link can no longer record an answer; null while it can. */
  closedReason: string | null;
  /** Tokens of the same link for the other answers, to change one's mind on the page. */
  tokens: Record<RsvpResponse, string>;
}

async function loadLink(rawToken: string, now: Date) {
  const { token } = parseInput(rsvpTokenSchema, { token: rawToken });
  const claims = verifyRsvpToken(token);
  if (!claims) throw new AppError("invalid", invalidRsvpLink);
  const meeting = await db().meeting.findUnique({ where: { id: claims.meetingId }, select: meetingAccessSelect });
  const membership = meeting
    ? await db().cohortGroupMember.findUnique({
        where: { groupId_userId: { groupId: meeting.groupId, userId: claims.userId } },
        select: { user: { select: { name: true, timeZone: true } } },
      })
    : null;
  if (!meeting) throw new AppError("not_found", "This meeting no longer exists: its group's schedule was probably replaced. See your meetings in Lyceum.");
  if (!membership) throw new AppError("forbidden", "You are no longer in this meeting's group, so this link cannot answer for you.");
  let closedReason: string | null = null;
  try {
    refuseClosed(meeting, now);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    closedReason = error.message;
  }
  return { claims, meeting, person: membership.user, closedReason };
}

async function viewOf(rawToken: string, recorded: boolean): Promise<RsvpLinkView> {
  const now = await appNow();
  const { claims, meeting, person, closedReason } = await loadLink(rawToken, now);
  let currentResponse: RsvpResponse | null;
  if (recorded && !closedReason) {
    currentResponse = (await saveAnswer(meeting.id, claims.userId, claims.response, "email", now)).response;
  } else {
    const row = await db().meetingRsvp.findUnique({ where: { meetingId_userId: { meetingId: meeting.id, userId: claims.userId } }, select: { response: true } });
    currentResponse = row?.response ?? null;
  }
  return {
    meetingId: meeting.id,
    orgId: meeting.cohort.orgId,
    person,
    linkResponse: claims.response,
    currentResponse,
    meeting: {
      seq: meeting.seq,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      originalStartsAt: meeting.originalStartsAt,
      groupName: meeting.group.name,
      courseTitle: meeting.cohort.course.title,
      cohortName: meeting.cohort.name,
      location: meeting.group.location,
    },
    closedReason,
    tokens: {
      yes: rsvpToken(meeting.id, claims.userId, "yes"),
      maybe: rsvpToken(meeting.id, claims.userId, "maybe"),
      no: rsvpToken(meeting.id, claims.userId, "no"),
    },
  };
}

/** What a signed link is for and the answer stored now, without recording anything (the landing page's first render). */
export async function previewRsvpLink(input: RsvpTokenInput): Promise<RsvpLinkView> {
  return viewOf(input.token, false);
}

/**
 * Records the answer a signed link carries, without a session: the signature
 * is the permission. A tampered or truncated link is refused; a link whose
 * meeting ended or was cancelled records nothing and says why.
 */
export async function rsvpByToken(input: RsvpTokenInput): Promise<RsvpLinkView> {
  return viewOf(input.token, true);
}
