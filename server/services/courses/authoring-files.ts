import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { courseIdSchema } from "@/lib/schemas/course-authoring";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { requireActor } from "../../auth/permissions";
import { db } from "../../db";
import { assertStorageKey, formatBytes, storage as defaultStorage, type FileStorage, type StoredFile } from "../../storage";
import { canSeeOrg } from "../organizations";
import { courseAssetUrl, requireEditableCourse } from "./authoring-shared";

/**
 * Course files in storage: covers (`courses/<courseId>/cover-<uuid>`) and
 * lesson images (`courses/<courseId>/assets/<uuid>-<name>`), and reading
 * them back for anyone in the course's organisation.
 */

export const maxCoverBytes = 5 * 1024 * 1024;

/** Image types a browser shows in <img>, told apart by their first bytes (the browser's claimed type is not trusted). */
const imageSignatures: { type: string; matches: (b: Uint8Array) => boolean }[] = [
  { type: "image/png", matches: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", matches: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  {
    type: "image/webp",
    matches: (b) => b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
  },
];

export function sniffImageType(bytes: Uint8Array): string | null {
  return imageSignatures.find((s) => s.matches(bytes))?.type ?? null;
}

export interface CoverResult {
  coverUrl: string;
}

function coverError(message: string): AppError {
  return new AppError("invalid", message, { fieldErrors: { file: [message] } });
}

/** Replaces the course's cover with an uploaded PNG, JPEG, GIF or WebP image. */
export async function setCourseCover(
  actor: MaybeActor,
  courseId: string,
  file: { name: string; bytes: Uint8Array },
  options: { storage?: FileStorage } = {},
): Promise<CoverResult> {
  const id = parseInput(courseIdSchema, courseId);
  await requireEditableCourse(actor, id);
  if (file.bytes.length === 0) throw coverError(`“${file.name}” is empty. Choose the image again.`);
  if (file.bytes.length > maxCoverBytes) {
    throw coverError(`“${file.name}” is ${formatBytes(file.bytes.length)}; a cover may be at most ${formatBytes(maxCoverBytes)}. Resize or compress it.`);
  }
  const contentType = sniffImageType(file.bytes);
  if (!contentType) throw coverError(`“${file.name}” is not a PNG, JPEG, GIF or WebP image. Save it in one of those formats and upload it again.`);

  const files = options.storage ?? defaultStorage();
  const key = `courses/${id}/cover-${randomUUID()}`;
  await files.put(key, file.bytes, { contentType });
  let previous: string | null;
  try {
    previous = await db().$transaction(async (tx) => {
      const row = await tx.course.findUniqueOrThrow({ where: { id }, select: { coverKey: true } });
      await tx.course.update({ where: { id }, data: { coverKey: key } });
      return row.coverKey;
    });
  } catch (error) {
    await files.delete(key).catch(() => undefined);
    throw error;
  }
  // The old file is no longer referenced; a failure here only leaves an orphan behind.
  if (previous) await files.delete(previous).catch(() => undefined);
  return { coverUrl: courseAssetUrl(key) };
}

/** Back to the generated cover. */
export async function clearCourseCover(actor: MaybeActor, courseId: string, options: { storage?: FileStorage } = {}): Promise<{ coverUrl: null }> {
  const id = parseInput(courseIdSchema, courseId);
  await requireEditableCourse(actor, id);
  const row = await db().course.findUniqueOrThrow({ where: { id }, select: { coverKey: true } });
  if (row.coverKey) {
    await db().course.update({ where: { id }, data: { coverKey: null } });
    await (options.storage ?? defaultStorage()).delete(row.coverKey).catch(() => undefined);
  }
  return { coverUrl: null };
}

/**
 * Gives a duplicated course its own copy of the cover, so archiving or
 * replacing either cover leaves the other alone. A cover file that has gone
 * missing leaves the copy with the generated cover rather than failing it.
 */
export async function copyCover(courseId: string, sourceKey: string, files: FileStorage): Promise<void> {
  const stored = await files.get(sourceKey);
  if (!stored) return;
  const key = `courses/${courseId}/cover-${randomUUID()}`;
  await files.put(key, stored.bytes, { contentType: stored.contentType });
  await db().course.update({ where: { id: courseId }, data: { coverKey: key } });
}

/** A storage key for an imported image, from its file name (storage keys allow only A-Z a-z 0-9 _ . -). */
export function courseAssetKey(courseId: string, fileName: string): string {
  const base = (fileName.split("/").pop() ?? "image")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_.-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(-100);
  return `courses/${courseId}/assets/${randomUUID()}-${base || "image"}`;
}

const courseKeyPattern = /^courses\/([A-Za-z0-9_-]{1,64})\/[^/].*$/;

/**
 * A stored course file for a viewer who belongs to the course's organisation.
 * Anything else (a key outside courses/, another organisation's course, a
 * missing file) is the same not_found, so keys reveal nothing.
 */
export async function readCourseAsset(actor: MaybeActor, key: string, options: { storage?: FileStorage } = {}): Promise<StoredFile> {
  requireActor(actor);
  const notFound = new AppError("not_found", "This file was not found, or you do not have access to it.");
  const match = courseKeyPattern.exec(key);
  if (!match?.[1]) throw notFound;
  try {
    assertStorageKey(key);
  } catch {
    throw notFound;
  }
  const course = await db().course.findUnique({ where: { id: match[1] }, select: { orgId: true } });
  if (!course || !canSeeOrg(actor, course.orgId)) throw notFound;
  const file = await (options.storage ?? defaultStorage()).get(key);
  if (!file) throw notFound;
  return file;
}
