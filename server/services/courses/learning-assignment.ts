import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { assignmentContentSchema, type AssignmentContent, type SubmissionType } from "@/lib/schemas/course-content";
import {
  assignmentUploadFieldsSchema,
  submissionIdInputSchema,
  submitAssignmentInputSchema,
  type SubmissionIdInput,
  type SubmitAssignmentInput,
} from "@/lib/schemas/learning";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { can, requireActor } from "../../auth/permissions";
import { appNow } from "../../clock";
import { db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { checkUpload, maxUploadBytes, storage, type FileStorage } from "../../storage";
import { cohortSubject, loadCohort } from "./access";
import { requireLearnerWriter } from "./learning-access";
import { loadCourseState } from "./learning-outline";
import { assertUnlocked } from "./learning-quiz";
import { recomputeAssignmentProgress, touchLearner } from "./progress";

/**
 * Assignment submissions: a text typed in the page, a file uploaded through
 * POST /api/submissions, or both, as the assignment allows. Every hand-in
 * adds a numbered row (earlier ones stay for the reviewer); the score comes
 * only from a reviewer.
 */

const submissionNotFound = "This submission was not found, or you do not have access to it.";

export interface SubmissionDTO {
  id: string;
  number: number;
  text: string | null;
  file: { name: string; size: number; type: string; url: string } | null;
  status: "submitted" | "reviewed";
  score: number | null;
  maxScore: number;
  feedback: string | null;
  submittedAt: Date;
  reviewedAt: Date | null;
}

/** The fields of a submission both the learner and the review queue show; review.ts extends it with who and what. */
export const submissionSelect = {
  id: true,
  number: true,
  text: true,
  fileKey: true,
  fileName: true,
  fileSize: true,
  fileType: true,
  status: true,
  score: true,
  maxScore: true,
  feedback: true,
  submittedAt: true,
  reviewedAt: true,
} satisfies Prisma.AssignmentSubmissionSelect;
type SubmissionRow = Prisma.AssignmentSubmissionGetPayload<{ select: typeof submissionSelect }>;

export function submissionFileUrl(submissionId: string): string {
  return `/api/submissions/${submissionId}/file`;
}

function toDTO(row: SubmissionRow): SubmissionDTO {
  return {
    id: row.id,
    number: row.number,
    text: row.text,
    file: row.fileKey ? { name: row.fileName ?? "file", size: row.fileSize ?? 0, type: row.fileType ?? "application/octet-stream", url: submissionFileUrl(row.id) } : null,
    status: row.status,
    // A score is the reviewer's to give; until reviewed there is none.
    score: row.status === "reviewed" ? row.score : null,
    maxScore: row.maxScore,
    feedback: row.status === "reviewed" ? row.feedback : null,
    submittedAt: row.submittedAt,
    reviewedAt: row.reviewedAt,
  };
}

export interface AssignmentItemView {
  kind: "assignment";
  instructions: string;
  submission: SubmissionType;
  maxPoints: number;
  /** Largest file accepted, in bytes. */
  maxUploadBytes: number;
  /** Newest first, at most 50. */
  submissions: SubmissionDTO[];
  submissionCount: number;
  /** Why nothing can be handed in now (preview, archived cohort), or null. */
  submitBlock: string | null;
}

export async function assignmentItemView(input: {
  itemId: string;
  cohortId: string;
  learnerId: string | null;
  content: AssignmentContent;
  readOnly: boolean;
}): Promise<AssignmentItemView> {
  const { itemId, cohortId, learnerId, content } = input;
  const where = learnerId ? { cohortId, userId: learnerId, itemId } : null;
  const [rows, count] = where
    ? await Promise.all([
        db().assignmentSubmission.findMany({ where, orderBy: { number: "desc" }, take: 50, select: submissionSelect }),
        db().assignmentSubmission.count({ where }),
      ])
    : [[], 0];
  return {
    kind: "assignment",
    instructions: content.instructions,
    submission: content.submission,
    maxPoints: content.maxPoints,
    maxUploadBytes: maxUploadBytes(),
    submissions: rows.map(toDTO),
    submissionCount: count,
    submitBlock: !learnerId ? "Previewing as a learner: nothing is handed in." : input.readOnly ? "This cohort has ended: its assignments are read-only." : null,
  };
}

/** A file as the upload route received it. */
export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  bytes: Uint8Array;
}

export interface SubmitAssignmentOptions {
  /** Where the file goes; the process's store by default (tests pass a local one in a temp folder). */
  storage?: FileStorage;
}

function checkSubmissionType(type: SubmissionType, hasText: boolean, hasFile: boolean): void {
  if (type === "text" && hasFile) throw new AppError("invalid", "This assignment takes a written answer, not a file. Type your answer in the text box.", { fieldErrors: { file: ["This assignment takes a written answer, not a file."] } });
  if (type === "text" && !hasText) throw new AppError("invalid", "Write your answer before handing it in.", { fieldErrors: { text: ["Write your answer before handing it in."] } });
  if (type === "file" && !hasFile) throw new AppError("invalid", "This assignment takes a file. Choose the file to upload.", { fieldErrors: { file: ["Choose the file to upload."] } });
  if (type === "text_or_file" && !hasText && !hasFile) {
    throw new AppError("invalid", "Write your answer or choose a file before handing it in.", { fieldErrors: { text: ["Write your answer or choose a file."] } });
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function handIn(actor: MaybeActor, input: { cohortId: string; itemId: string; text: string | null; file: UploadedFile | null }, options: SubmitAssignmentOptions): Promise<SubmissionDTO> {
  const { cohortId, itemId } = input;
  const now = await appNow();
  const viewer = await requireLearnerWriter(actor, cohortId);
  const state = await loadCourseState(viewer, now);
  const item = state.items.find((i) => i.id === itemId && i.kind === "assignment");
  if (!item) throw new AppError("not_found", "This assignment was not found, or it is not published yet.");
  assertUnlocked(item, state.viewerTimeZone);
  const row = await db().courseItem.findUniqueOrThrow({ where: { id: itemId }, select: { publishedContent: true } });
  const content = assignmentContentSchema.parse(row.publishedContent);

  const text = input.text && input.text.trim() ? input.text : null;
  checkSubmissionType(content.submission, text !== null, input.file !== null);
  const checked = input.file ? checkUpload(input.file) : null;
  if (input.file && input.file.bytes.byteLength !== input.file.size) {
    throw new AppError("invalid", "The file did not arrive whole. Upload it again.", { fieldErrors: { file: ["Upload the file again."] } });
  }

  const who = { cohortId, userId: viewer.learnerId, itemId };
  const store = options.storage ?? storage();
  const fileKey = checked ? `assignments/${cohortId}/${viewer.learnerId}/${randomUUID()}` : null;
  if (fileKey && checked && input.file) await store.put(fileKey, input.file.bytes, { contentType: checked.contentType });

  const record = () =>
    db().$transaction(async (tx) => {
      const last = await tx.assignmentSubmission.findFirst({ where: who, orderBy: { number: "desc" }, select: { number: true } });
      const created = await tx.assignmentSubmission.create({
        data: {
          ...who,
          number: (last?.number ?? 0) + 1,
          text,
          fileKey,
          fileName: checked?.name ?? null,
          fileSize: checked?.size ?? null,
          fileType: checked?.contentType ?? null,
          maxScore: content.maxPoints,
          submittedAt: now,
        },
        select: submissionSelect,
      });
      await recomputeAssignmentProgress(tx, { ...who, at: now });
      await touchLearner(tx, { ...who, at: now });
      return created;
    });

  try {
    let created: SubmissionRow;
    try {
      created = await record();
    } catch (error) {
      // Two hand-ins at the same moment: the second takes the next number.
      if (!isUniqueViolation(error)) throw error;
      created = await record();
    }
    return toDTO(created);
  } catch (error) {
    if (fileKey) await store.delete(fileKey).catch(() => {});
    throw error;
  }
}

/** Hands in a written answer (files come through the upload route). */
export async function submitAssignment(actor: MaybeActor, input: SubmitAssignmentInput, options: SubmitAssignmentOptions = {}): Promise<SubmissionDTO> {
  const { cohortId, itemId, text } = parseInput(submitAssignmentInputSchema, input);
  return handIn(actor, { cohortId, itemId, text, file: null }, options);
}

/** Hands in a file, with an optional note or written answer (POST /api/submissions). */
export async function submitAssignmentUpload(
  actor: MaybeActor,
  input: { cohortId: unknown; itemId: unknown; text?: unknown; file: UploadedFile | null },
  options: SubmitAssignmentOptions = {},
): Promise<SubmissionDTO> {
  const fields = parseInput(assignmentUploadFieldsSchema, { cohortId: input.cohortId, itemId: input.itemId, text: input.text });
  return handIn(actor, { ...fields, file: input.file }, options);
}

export interface SubmissionFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/**
 * The uploaded file of a submission, for the learner who handed it in, the
 * cohort's teachers and facilitators, and the unit's teachers and admins.
 * Anyone else is told it does not exist.
 */
export async function getSubmissionFile(actor: MaybeActor, input: SubmissionIdInput, options: SubmitAssignmentOptions = {}): Promise<SubmissionFile> {
  const { submissionId } = parseInput(submissionIdInputSchema, input);
  requireActor(actor);
  const row = await db().assignmentSubmission.findUnique({ where: { id: submissionId }, select: { userId: true, cohortId: true, fileKey: true, fileName: true } });
  if (!row) throw new AppError("not_found", submissionNotFound);
  const cohort = await loadCohort(actor, row.cohortId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("not_found", submissionNotFound);
    throw error;
  });
  const role = cohort.member?.role;
  const isOwner = row.userId === actor.userId && role === "learner";
  const allowed = isOwner || role === "teacher" || role === "facilitator" || can(actor, "review", "Cohort", cohortSubject(cohort));
  if (!allowed) throw new AppError("not_found", submissionNotFound);
  if (!row.fileKey) throw new AppError("not_found", "This submission has no file.");
  const stored = await (options.storage ?? storage()).get(row.fileKey);
  if (!stored) throw new AppError("not_found", "The file of this submission is missing from storage. Ask the learner to upload it again.");
  return { name: row.fileName ?? "file", contentType: stored.contentType, bytes: stored.bytes };
}
