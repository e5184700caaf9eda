import type { ReactNode } from "react";
import { CohortTabs } from "@/components/cohort-dashboard/cohort-tabs";
import { LearnerRedirect } from "@/components/cohort-dashboard/learner-redirect";
import { ItemIconSprite } from "@/components/learn/item-status";
import { cohortFrame } from "./_lib/cohort-frame";

/**
 * The frame of a cohort's pages. Staff (teachers, facilitators, unit
 * teachers and admins) get the cohort's tabs; learners get nothing around
 * the learner pages and are sent to them from anywhere else.
 */
export default async function CohortLayout({ children, params }: { children: ReactNode; params: Promise<{ orgId: string; cohortId: string }> }) {
  const { orgId, cohortId } = await params;
  const header = await cohortFrame(orgId, cohortId);
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
