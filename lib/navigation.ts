import type { Role } from "./schemas/roles";

export interface NavItem {
  href: string;
  label: string;
}

/**
 * The organisation navigation each role sees. The server enforces every
 * permission again; this only keeps people from links they cannot use.
 */
export function orgNavigation(
  orgId: string,
  roles: readonly Role[],
  options: { isSystemAdmin?: boolean; canReadAudit?: boolean; canManageSettings?: boolean; facilitatesGroups?: boolean } = {},
): NavItem[] {
  // Settings and the audit log both belong to admins of the top unit, so one follows the other unless told apart.
  const { isSystemAdmin = false, canReadAudit = isSystemAdmin, canManageSettings = canReadAudit } = options;
  const base = `/orgs/${orgId}`;
  const has = (role: Role) => isSystemAdmin || roles.includes(role);
  const items: NavItem[] = [{ href: base, label: "Home" }];
  // Every member may be a learner in some cohort; "My learning" explains how to join one when they are not.
  if (isSystemAdmin || roles.length > 0) {
    items.push({ href: `${base}/learn`, label: "Learning" });
    // Group meetings of any cohort; the page explains how meetings come about when there are none yet.
    items.push({ href: `${base}/meetings`, label: "Meetings" });
  }
  if (options.facilitatesGroups) items.push({ href: `${base}/facilitate`, label: "Facilitate" });
  if (has("org_admin") || has("teacher")) items.push({ href: `${base}/courses`, label: "Courses" });
  if (has("org_admin")) {
    items.push(
      { href: `${base}/admin/units`, label: "Units" },
      { href: `${base}/admin/people`, label: "People" },
      { href: `${base}/admin/invites`, label: "Invites" },
    );
    if (canReadAudit) items.push({ href: `${base}/admin/audit`, label: "Audit log" });
    if (canManageSettings) items.push({ href: `${base}/admin/settings`, label: "Settings" });
  } else {
    if (has("teacher") || has("facilitator")) items.push({ href: `${base}/admin/people`, label: "People" });
    if (has("teacher")) items.push({ href: `${base}/admin/invites`, label: "Invites" });
  }
  return items;
}

/** The role that decides a person's home page in an organisation. */
export function primaryRole(roles: readonly Role[]): Role | null {
  const order: Role[] = ["org_admin", "teacher", "facilitator", "student"];
  return order.find((r) => roles.includes(r)) ?? null;
}
