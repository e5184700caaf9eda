/**
 * The learner's side of courses: course home, item pages, quiz attempts,
 * code drafts and assignment submissions, plus "view as learner" for the
 * cohort's teachers and facilitators. Split by concern in learning-*.ts.
 */
export { notALearnerMessage, requireLearnerView, requireLearnerWriter, requirePreviewer, type LearnerViewer } from "./learning-access";
export { getCourseHome, type CohortHeader, type CourseHomeDTO } from "./learning-home";
export { getLearnerItem, type LearnerItemDTO, type LessonItemView, type NavTarget } from "./learning-item";
export {
  continueTarget,
  isDone,
  loadCourseState,
  type ContinueTarget,
  type CourseProgress,
  type CourseState,
  type LearnableKind,
  type LearnerItemStatus,
  type OutlineItem,
  type OutlineModule,
} from "./learning-outline";
export {
  getAttempt,
  saveCodeDraft,
  startAttempt,
  submitAttempt,
  type AnswerGrading,
  type AnswerResult,
  type AttemptDTO,
  type AttemptStatusDTO,
  type AttemptSummary,
  type CriterionResult,
  type QuizItemView,
  type StartBlock,
  type StartBlockReason,
} from "./learning-quiz";
export {
  getSubmissionFile,
  submissionFileUrl,
  submitAssignment,
  submitAssignmentUpload,
  type AssignmentItemView,
  type SubmissionDTO,
  type SubmissionFile,
  type UploadedFile,
} from "./learning-assignment";
