import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { isAppError } from "@/lib/errors";
import { currentActor } from "@/server/auth/current";
import { cohortHeader, type CohortHeader } from "@/server/services/courses/dashboard";

/**
 * The cohort as its layout and pages see it, loaded once per request (the
 * layout and the page both need it). Unknown cohorts, cohorts the viewer may
 * not see and cohorts of another organisation are a 404.
 */
export const cohortFrame = cache(async (orgId: string, cohortId: string): Promise<CohortHeader> => {
  const header = await cohortHeader(await currentActor(), { cohortId }).catch((error: unknown) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  if (header.cohort.orgId !== orgId) notFound();
  return header;
});

/** The same, for the staff pages (dashboard, review, scheduling): learners are sent to their course home. */
export async function staffCohortFrame(orgId: string, cohortId: string): Promise<CohortHeader> {
  const header = await cohortFrame(orgId, cohortId);
  if (!header.isStaff) redirect(`/orgs/${orgId}/cohorts/${cohortId}/learn`);
  return header;
}
