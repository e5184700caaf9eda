import { learnItemPath } from "@/lib/notifications/catalog";

/** Links between the learner pages; `preview` keeps a teacher in "view as learner". */

export function learnHomePath(orgId: string, cohortId: string, preview = false): string {
  return `/orgs/${encodeURIComponent(orgId)}/cohorts/${encodeURIComponent(cohortId)}/learn${preview ? "?preview=1" : ""}`;
}

export function learnItemHref(orgId: string, cohortId: string, itemId: string, preview = false): string {
  return `${learnItemPath(orgId, cohortId, itemId)}${preview ? "?preview=1" : ""}`;
}
