"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Learners have their places in a cohort, its course pages and their
 * meeting times (/availability): a learner who lands on a staff page of the
 * cohort (a shared link, a bookmark) is sent to the course. The staff pages
 * refuse learners on the server as well.
 */
export function LearnerRedirect({ base }: { base: string }) {
  const pathname = usePathname();
  const router = useRouter();
  const onLearnerPage = pathname === `${base}/learn` || pathname.startsWith(`${base}/learn/`) || pathname === `${base}/availability`;
  useEffect(() => {
    if (!onLearnerPage) router.replace(`${base}/learn`);
  }, [onLearnerPage, base, router]);
  return null;
}
