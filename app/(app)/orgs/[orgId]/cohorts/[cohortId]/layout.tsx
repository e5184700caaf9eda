import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CohortTabs } from "@/components/cohort-dashboard/cohort-tabs";
import { LearnerRedirect } from "@/components/cohort-dashboard/learner-redirect";
import { ItemIconSprite } from "@/components/learn/item-status";
import { isAppError } from "@/lib/errors";
import { currentActor } from "@/server/auth/current";
import { cohortHeader } from "@/server/services/courses/dashboard";

/**
 * The frame of a cohort's pages. Staff (teachers, facilitators, unit
 * teachers and admins) get the cohort's tabs; learners get nothing around
 * the learner pages and are sent to them from anywhere else.
 */
export default async function CohortLayout({ children, params }: { children: ReactNode; params: Promise<{ orgId: string; cohortId: string }> }) {
  const { orgId, cohortId } = await params;
  const header = await cohortHeader(await currentActor(), { cohortId }).catch((error: unknown) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  if (header.cohort.orgId !== orgId) notFound();
  const base = `/orgs/${orgId}/cohorts/${cohortId}`;
  if (!header.isStaff) {
    return (
      <>
        <ItemIconSprite />
        <LearnerRedirect base={base} />
        {children}
      </>
    );
  }
  return (
    <>
      <ItemIconSprite />
      <CohortTabs
        base={base}
        cohortName={header.cohort.name}
        courseTitle={header.cohort.courseTitle}
        courseHref={header.canManage ? `/orgs/${orgId}/courses/${header.cohort.courseId}` : null}
      />
      {children}
    </>
  );
}
