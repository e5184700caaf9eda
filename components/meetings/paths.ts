/** Where the meetings pages and downloads live. */

export function meetingsPath(orgId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/meetings`;
}

export function meetingHref(orgId: string, meetingId: string): string {
  return `${meetingsPath(orgId)}/${encodeURIComponent(meetingId)}`;
}

/** One meeting as an .ics file (app/api/meetings/[meetingId]/ics). */
export function meetingIcsHref(meetingId: string): string {
  return `/api/meetings/${encodeURIComponent(meetingId)}/ics`;
}

export function availabilityHref(orgId: string, cohortId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/cohorts/${encodeURIComponent(cohortId)}/availability`;
}

/** The "My meetings" list's query input, shared by the page (prefetch) and the list. */
export function myMeetingsInput(orgId: string, scope: "upcoming" | "past") {
  return { orgId, scope, take: 20 };
}
