import { courseHomeInputSchema, type CourseHomeInput } from "@/lib/schemas/learning";
import type { Streak } from "@/lib/courses";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { courseAssetUrl } from "./authoring-shared";
import { requireLearnerView } from "./learning-access";
import { loadCourseState, type ContinueTarget, type CourseProgress, type OutlineModule } from "./learning-outline";

/** The learner's course home: the outline with locks and progress, where to continue, and the streak. */

export interface CohortHeader {
  id: string;
  orgId: string;
  name: string;
  /** Archived: readable, nothing more is recorded. */
  readOnly: boolean;
}

export interface CourseHomeDTO {
  /** "View as learner": nobody's progress, nothing saved. */
  preview: boolean;
  cohort: CohortHeader;
  course: { id: string; title: string; description: string; coverUrl: string | null; published: boolean };
  modules: OutlineModule[];
  progress: CourseProgress;
  continueItem: ContinueTarget | null;
  streak: Streak | null;
  viewerTimeZone: string;
  /** The cohort's zone, which drip dates follow. */
  cohortTimeZone: string;
}

export async function getCourseHome(actor: MaybeActor, input: CourseHomeInput): Promise<CourseHomeDTO> {
  const { cohortId, preview } = parseInput(courseHomeInputSchema, input);
  requireActor(actor);
  const viewer = await requireLearnerView(actor, cohortId, preview);
  const state = await loadCourseState(viewer, await appNow());
  const { cohort } = viewer;
  return {
    preview: viewer.preview,
    cohort: { id: cohort.id, orgId: cohort.orgId, name: cohort.name, readOnly: viewer.readOnly && !viewer.preview },
    course: {
      id: state.course.id,
      title: state.course.title,
      description: state.course.description,
      coverUrl: state.course.coverKey ? courseAssetUrl(state.course.coverKey) : null,
      published: state.course.published,
    },
    modules: state.modules,
    progress: state.progress,
    continueItem: state.continueItem,
    streak: state.streak,
    viewerTimeZone: state.viewerTimeZone,
    cohortTimeZone: cohort.timeZone,
  };
}
