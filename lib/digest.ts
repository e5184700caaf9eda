/**
 * The daily digest for org admins: when it runs, how a day is named, and the
 * words it uses. Pure, so the settings page, the workflow and the tests share
 * one definition. The figures themselves are counted in server/services/digest.ts.
 */

/** The cron of the daily digest workflow: every day at 07:00 UTC. */
export const dailyDigestCron = "0 7 * * *";
export const dailyDigestHourUtc = 7;
export const dailyDigestScheduleText = "Every day at 07:00 UTC";
/** A digest covers the hours before its end (by default, the moment it runs). */
export const digestPeriodHours = 24;

const hourMs = 60 * 60 * 1000;

/** The UTC date that names a digest ("2026-11-22"): one digest per organisation per UTC day. */
export function digestDay(periodEnd: Date): string {
  return periodEnd.toISOString().slice(0, 10);
}

export function digestPeriodStart(periodEnd: Date, hours = digestPeriodHours): Date {
  return new Date(periodEnd.getTime() - hours * hourMs);
}

/** notify() ignores a second notification with this key for the same person: a re-run never repeats the digest. */
export function digestDedupeKey(orgId: string, day: string): string {
  return `digest:${orgId}:${day}`;
}

/** Event id of the scheduled request for one organisation and day: a resend with the same id is ignored. */
export function digestEventId(orgId: string, day: string): string {
  return `digest-${orgId}-${day}`;
}

/** The next scheduled run strictly after `now`. */
export function nextDailyDigestAt(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), dailyDigestHourUtc);
  return new Date(today > now.getTime() ? today : today + 24 * hourMs);
}

// ---------------------------------------------------------------------------
// Figures and highlights

/** What happened in one organisation in one period (counts, and unit names: never people's names). */
export interface DigestFacts {
  /** Members who used the app in the period (a device session seen then). */
  activeMembers: number;
  /** Everyone holding a role in the organisation now. */
  members: number;
  /** People who got their first role in the organisation in the period. */
  newMembers: number;
  /** New roles in the units with the most, most first (a few). A person who joined two units counts in each. */
  joinedByUnit: { unitName: string; people: number }[];
  /** New roles in all the other units. */
  joinedElsewhere: { people: number; units: number };
  invitesCreated: number;
  invitesAccepted: number;
  /** Audit-log entries made by people (system entries such as the digest's own are left out). */
  changes: number;
  /** Audit actions by how often they happened, most first. */
  topChanges: { action: string; count: number }[];
  /** Notifications members received (other than digests). */
  notificationsSent: number;
  remindersSent: number;
}

export interface DigestFigure {
  label: string;
  value: number;
}

export function digestFigures(facts: DigestFacts): DigestFigure[] {
  return [
    { label: "Active people", value: facts.activeMembers },
    { label: "Members", value: facts.members },
    { label: "New members", value: facts.newMembers },
    { label: "Invites created", value: facts.invitesCreated },
    { label: "Invites accepted", value: facts.invitesAccepted },
    { label: "Changes in the audit log", value: facts.changes },
    { label: "Notifications sent", value: facts.notificationsSent },
    { label: "Reminders sent", value: facts.remindersSent },
  ];
}

/** How the highlights name audit actions ("7 role changes"). Unknown actions keep their code. */
const changeNames: Record<string, [one: string, many: string]> = {
  "organization.renamed": ["organisation rename", "organisation renames"],
  "unit.created": ["unit added", "units added"],
  "unit.renamed": ["unit renamed", "units renamed"],
  "unit.moved": ["unit moved", "units moved"],
  "unit.archived": ["unit archived", "units archived"],
  "unit.restored": ["unit restored", "units restored"],
  "member.role_changed": ["role change", "role changes"],
  "member.moved": ["person moved", "people moved"],
  "member.removed": ["person removed", "people removed"],
  "invite.created": ["invite created", "invites created"],
  "invite.revoked": ["invite revoked", "invites revoked"],
  "invite.redeemed": ["invite used", "invites used"],
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function changeName(action: string, count: number): string {
  const names = changeNames[action];
  return names ? plural(count, names[0], names[1]) : `${count} × ${action}`;
}

/** "role changes": the kind of change, without a count. */
function changeKind(action: string): string {
  return changeNames[action]?.[1] ?? action;
}

/** How many units the highlights name; the rest are summed up. */
export const unitsNamedInHighlights = 3;

/** Short sentences for the top of the digest, most telling first. */
export function digestHighlights(facts: DigestFacts): string[] {
  const out: string[] = [];
  for (const unit of facts.joinedByUnit) {
    out.push(`${plural(unit.people, "person", "people")} joined ${unit.unitName}.`);
  }
  const rest = facts.joinedElsewhere;
  if (rest.units > 0) {
    out.push(`${plural(rest.people, "more person", "more people")} joined ${plural(rest.units, "other unit", "other units")}.`);
  }

  if (facts.activeMembers === 0) {
    out.push(facts.members === 0 ? "The organisation has no members yet." : "No one used Lyceum in this period.");
  } else {
    const share = facts.members > 0 ? Math.round((facts.activeMembers / facts.members) * 100) : 0;
    out.push(`${facts.activeMembers} of ${plural(facts.members, "member", "members")} used Lyceum (${share}%).`);
  }

  if (facts.invitesCreated > 0 || facts.invitesAccepted > 0) {
    out.push(`${plural(facts.invitesCreated, "invite", "invites")} created, ${facts.invitesAccepted} accepted.`);
  }

  const [top] = facts.topChanges;
  if (facts.changes > 0 && top) {
    out.push(
      facts.topChanges.length === 1
        ? `${plural(facts.changes, "change", "changes")} in the audit log: ${changeName(top.action, top.count)}.`
        : `${plural(facts.changes, "change", "changes")} in the audit log, most often ${changeKind(top.action)} (${top.count}).`,
    );
  }

  if (facts.remindersSent > 0) out.push(`${plural(facts.remindersSent, "reminder", "reminders")} went out to members.`);

  if (facts.newMembers === 0 && facts.changes === 0 && facts.invitesCreated === 0 && facts.invitesAccepted === 0) {
    out.push("A quiet day: no one joined and nothing changed.");
  }
  return out;
}
