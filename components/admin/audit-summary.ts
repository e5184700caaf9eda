import { roleLabels, roles, type Role } from "@/lib/schemas/roles";
import type { AuditEntryDTO, AuditJson } from "@/server/services/audit";

/**
 * Turns an audit row's action and data into words for the log table. Pure,
 * so it is easy to test; unknown actions fall back to their code and keys.
 */

type JsonObject = { [key: string]: AuditJson };

function isObject(value: AuditJson | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `get(data, "after", "name")` → the value when every step exists. */
function get(data: AuditJson | undefined, ...keys: string[]): AuditJson | undefined {
  let current = data;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function text(data: AuditJson | undefined, ...keys: string[]): string | undefined {
  const value = get(data, ...keys);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function num(data: AuditJson | undefined, ...keys: string[]): number | undefined {
  const value = get(data, ...keys);
  return typeof value === "number" ? value : undefined;
}

function role(data: AuditJson | undefined, ...keys: string[]): string | undefined {
  const value = text(data, ...keys);
  const known = roles.find((r): r is Role => r === value);
  return known ? roleLabels[known].toLowerCase() : value;
}

/** "a student", "an org admin". */
function withArticle(label: string | undefined, fallback: string): string {
  if (!label) return fallback;
  return `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
}

function quoted(name: string | undefined, fallback: string): string {
  return name ? `“${name}”` : fallback;
}

const actionLabels: Record<string, string> = {
  "organization.created": "Organisation created",
  "organization.renamed": "Organisation renamed",
  "organization.slack_connected": "Slack connected",
  "organization.slack_disconnected": "Slack disconnected",
  "organization.slack_tested": "Slack test message sent",
  "organization.digest_requested": "Digest sent on request",
  "organization.digest_posted": "Digest posted to Slack",
  "unit.created": "Unit added",
  "unit.renamed": "Unit renamed",
  "unit.moved": "Unit moved",
  "unit.archived": "Unit archived",
  "unit.restored": "Unit restored",
  "member.role_changed": "Role changed",
  "member.moved": "Person moved",
  "member.removed": "Person removed",
  "invite.created": "Invite created",
  "invite.revoked": "Invite revoked",
  "invite.redeemed": "Invite used",
  "scheduling.settings_updated": "Scheduling settings changed",
  "scheduling.availability_closed": "Availability closed",
  "scheduling.availability_reopened": "Availability reopened",
  "scheduling.run_started": "Scheduling run started",
  "scheduling.published": "Groups published",
  "meeting.moved": "Meeting moved",
  "meeting.canceled": "Meeting cancelled",
  "meeting.restored": "Meeting restored",
};

export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}

export const auditFamilies = [
  { value: "", label: "All actions" },
  { value: "unit", label: "Units" },
  { value: "member", label: "People and roles" },
  { value: "invite", label: "Invites" },
  { value: "organization", label: "Organisation" },
  { value: "scheduling", label: "Scheduling" },
  { value: "meeting", label: "Meetings" },
] as const;

/** Names of units by id, from the unit tree, for rows that store only ids. */
export type UnitNames = ReadonlyMap<string, string>;

function unitName(names: UnitNames, data: AuditJson, ...keys: string[]): string | undefined {
  const id = text(data, ...keys);
  return id ? names.get(id) : undefined;
}

/** An ISO instant as "2026-12-07 17:00 UTC" (audit rows are read by people in many zones). */
function utcText(iso: string | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return "an unknown time";
  return `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export interface AuditSummary {
  /** What the action touched, e.g. “North Campus” or ada@example.com. */
  target: string;
  /** One sentence, e.g. "Renamed from “North” to “North Campus”." */
  details: string;
}

export function summarizeAudit(entry: Pick<AuditEntryDTO, "action" | "data" | "targetType">, names: UnitNames): AuditSummary {
  const d = entry.data;
  switch (entry.action) {
    case "organization.created":
      return { target: quoted(text(d, "name"), "This organisation"), details: "Created the organisation." };
    case "organization.renamed":
      return {
        target: quoted(text(d, "after", "name"), "This organisation"),
        details: `Renamed from ${quoted(text(d, "before", "name"), "its old name")} to ${quoted(text(d, "after", "name"), "a new name")}.`,
      };
    case "unit.created":
      return {
        target: quoted(text(d, "name"), "A unit"),
        details: `Added under ${quoted(text(d, "parentName") ?? unitName(names, d, "parentId"), "its parent unit")}.`,
      };
    case "unit.renamed":
      return {
        target: quoted(text(d, "after", "name"), "A unit"),
        details: `Renamed from ${quoted(text(d, "before", "name"), "its old name")} to ${quoted(text(d, "after", "name"), "a new name")}.`,
      };
    case "unit.moved": {
      const from = unitName(names, d, "before", "parentId");
      const to = unitName(names, d, "after", "parentId");
      const count = num(d, "unitsMoved");
      const extra = count !== undefined && count > 1 ? ` with ${plural(count - 1, "sub-unit", "sub-units")}` : "";
      return {
        target: quoted(text(d, "name"), "A unit"),
        details: `Moved${extra} from ${quoted(from, "its old parent")} to ${quoted(to, "a new parent")}.`,
      };
    }
    case "unit.archived":
    case "unit.restored": {
      const verb = entry.action === "unit.archived" ? "Archived" : "Restored";
      const count = num(d, entry.action === "unit.archived" ? "unitsArchived" : "unitsRestored");
      const extra = count !== undefined && count > 1 ? ` with ${plural(count - 1, "sub-unit", "sub-units")}` : "";
      return { target: quoted(text(d, "name"), "A unit"), details: `${verb}${extra}.` };
    }
    case "member.role_changed":
      return {
        target: text(d, "email") ?? "A person",
        details: `Role changed from ${role(d, "before", "role") ?? "?"} to ${role(d, "after", "role") ?? "?"}${
          unitName(names, d, "unitId") ? ` in ${quoted(unitName(names, d, "unitId"), "")}` : ""
        }.`,
      };
    case "member.moved":
      return {
        target: text(d, "email") ?? "A person",
        details: `Moved${role(d, "role") ? ` as ${withArticle(role(d, "role"), "")}` : ""} from ${quoted(
          text(d, "before", "unitName"),
          "a unit",
        )} to ${quoted(text(d, "after", "unitName"), "another unit")}.`,
      };
    case "member.removed":
      return {
        target: text(d, "email") ?? "A person",
        details: `Removed as ${withArticle(role(d, "role"), "a member")} from ${quoted(text(d, "unitName") ?? unitName(names, d, "unitId"), "a unit")}.`,
      };
    case "invite.created": {
      const max = num(d, "maxUses");
      const unit = quoted(text(d, "unitName") ?? unitName(names, d, "unitId"), "a unit");
      return {
        target: text(d, "email") ?? "Shareable link",
        details: `Invite to join ${unit} as ${withArticle(role(d, "role"), "a member")}${
          max !== undefined ? ` (${plural(max, "use", "uses")})` : ""
        }.`,
      };
    }
    case "invite.revoked": {
      const uses = num(d, "uses");
      const max = num(d, "maxUses");
      return {
        target: text(d, "email") ?? "Shareable link",
        details: `Revoked the ${role(d, "role") ?? ""} invite to ${quoted(text(d, "unitName"), "a unit")}${
          uses !== undefined && max !== undefined ? ` after ${uses} of ${max} uses` : ""
        }.`.replace("the  invite", "the invite"),
      };
    }
    case "invite.redeemed":
      return {
        target: quoted(unitName(names, d, "unitId"), "A unit"),
        details: `Joined as ${withArticle(role(d, "role"), "a member")}${get(d, "newAccount") === true ? " with a new account" : ""}.`,
      };
    case "scheduling.settings_updated": {
      const after = (key: string) => num(d, "after", key);
      const start = text(d, "after", "meetingsStartDate");
      return {
        target: quoted(text(d, "cohortName"), "A cohort"),
        details: `Meetings of ${after("meetingMinutes") ?? "?"} minutes for groups of ${after("groupMinSize") ?? "?"}–${after("groupMaxSize") ?? "?"}, ${plural(after("meetingWeeks") ?? 0, "week", "weeks")}${start ? ` from ${start}` : " from the cohort's start"}.`,
      };
    }
    case "scheduling.availability_closed":
    case "scheduling.availability_reopened":
      return {
        target: quoted(text(d, "cohortName"), "A cohort"),
        details: entry.action === "scheduling.availability_closed" ? "Members can no longer change their availability." : "Members can change their availability again.",
      };
    case "scheduling.run_started":
      return {
        target: quoted(text(d, "cohortName"), "A cohort"),
        details: `Scheduled ${plural(num(d, "people") ?? 0, "person", "people")}${get(d, "keepManualChanges") === true ? ", keeping the groups changed by hand" : ""}.`,
      };
    case "scheduling.published":
      return {
        target: quoted(text(d, "cohortName"), "A cohort"),
        details: `Published ${plural(num(d, "groups") ?? 0, "group", "groups")} with ${plural(num(d, "meetings") ?? 0, "meeting", "meetings")}; ${plural(num(d, "placed") ?? 0, "person", "people")} placed, ${num(d, "unplaced") ?? 0} not${
          (num(d, "replacedGroups") ?? 0) > 0 ? `, replacing ${plural(num(d, "replacedGroups") ?? 0, "group", "groups")}` : ""
        }.`,
      };
    case "meeting.moved":
      return {
        target: `Meeting ${num(d, "seq") ?? "?"} of ${quoted(text(d, "groupName"), "a group")}`,
        details: `Moved from ${utcText(text(d, "from"))} to ${utcText(text(d, "to"))}; the rest of the series stays.`,
      };
    case "meeting.canceled":
    case "meeting.restored": {
      const reason = text(d, "reason");
      return {
        target: `Meeting ${num(d, "seq") ?? "?"} of ${quoted(text(d, "groupName"), "a group")}`,
        details: `${entry.action === "meeting.canceled" ? "Cancelled" : "Back on"}: ${utcText(text(d, "startsAt"))}.${reason ? ` “${reason}”` : ""}`,
      };
    }
    default: {
      const keys = isObject(d) ? Object.keys(d) : [];
      return {
        target: entry.targetType,
        details: keys.length > 0 ? `Recorded ${keys.join(", ")}.` : "No details recorded.",
      };
    }
  }
}
