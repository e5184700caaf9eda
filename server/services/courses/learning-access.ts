import { AppError } from "@/lib/errors";
import type { MaybeActor } from "../../auth/actor";
import { can, requireActor } from "../../auth/permissions";
import { db, type Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { cohortNotFound, cohortSubject, loadCohort, requireLearner, type CohortAccess } from "./access";

/**
 * Who is looking at a cohort's learner pages: one of its learners (whose
 * progress is shown and recorded), or a teacher or facilitator using "view as
 * learner" (the same pages, nobody's progress, nothing saved).
 */

type Client = Db | Prisma.TransactionClient;

export interface LearnerViewer {
  cohort: CohortAccess;
  /** The learner's id, or null in preview. */
  learnerId: string | null;
  /** The learner's join date (drip from join date); null in preview, where the cohort start anchors it. */
  joinedAt: Date | null;
  lastItemId: string | null;
  preview: boolean;
  /** Archived cohorts stay readable; nothing is recorded in them. */
  readOnly: boolean;
  /** The viewer's own time zone (dates on their pages), the previewing teacher's in preview. */
  timeZone: string;
}

/** The viewer for a learner who is about to change something (requireLearner refuses archived cohorts). */
export async function requireLearnerWriter(actor: MaybeActor, cohortId: string, client: Client = db()): Promise<LearnerViewer & { learnerId: string }> {
  requireActor(actor);
  const cohort = await requireLearner(actor, cohortId, client);
  return { cohort, learnerId: actor.userId, joinedAt: cohort.member.joinedAt, lastItemId: cohort.member.lastItemId, preview: false, readOnly: false, timeZone: actor.timeZone };
}

/** Told to teachers, facilitators and admins who open a learner page of a cohort they do not learn in (the page then switches to preview). */
export const notALearnerMessage = "Only learners of this cohort take part in it. Teachers and facilitators can use “View as learner”.";

/** A learner reading their own cohort (archived ones too: they are read-only, not gone). */
async function learnerReading(actor: MaybeActor, cohortId: string, client: Client): Promise<LearnerViewer> {
  requireActor(actor);
  const cohort = await loadCohort(actor, cohortId, client);
  const subject = cohortSubject(cohort);
  if (!can(actor, "learn", "Cohort", subject)) {
    if (!can(actor, "read", "Cohort", subject)) throw new AppError("not_found", cohortNotFound);
    throw new AppError("forbidden", notALearnerMessage);
  }
  const member = cohort.member;
  if (!member || member.role !== "learner") throw new AppError("forbidden", notALearnerMessage);
  return { cohort, learnerId: actor.userId, joinedAt: member.joinedAt, lastItemId: member.lastItemId, preview: false, readOnly: cohort.archivedAt !== null, timeZone: actor.timeZone };
}

/**
 * "View as learner": the unit's teachers and admins (who may update the
 * cohort) and the cohort's own teachers and facilitators. Learners may not:
 * a preview shows an exam's questions before an attempt starts.
 */
export async function requirePreviewer(actor: MaybeActor, cohortId: string, client: Client = db()): Promise<LearnerViewer> {
  const cohort = await loadCohort(actor, cohortId, client);
  const subject = cohortSubject(cohort);
  const role = cohort.member?.role;
  const allowed = can(actor, "update", "Cohort", subject) || role === "teacher" || role === "facilitator";
  if (!allowed) {
    if (!can(actor, "read", "Cohort", subject)) throw new AppError("not_found", cohortNotFound);
    throw new AppError("forbidden", "Only the cohort's teachers and facilitators can view it as a learner. Open the course from “My learning” instead.");
  }
  return { cohort, learnerId: null, joinedAt: null, lastItemId: null, preview: true, readOnly: true, timeZone: actor?.timeZone ?? "UTC" };
}

/** The viewer of a learner page: the learner themself, or a previewing teacher when `preview` is asked for. */
export async function requireLearnerView(actor: MaybeActor, cohortId: string, preview: boolean, client: Client = db()): Promise<LearnerViewer> {
  return preview ? requirePreviewer(actor, cohortId, client) : learnerReading(actor, cohortId, client);
}
