import { AppError } from "@/lib/errors";
import { importMarkdownZip, type MarkdownImport } from "@/lib/courses/markdown-import";
import { courseIdSchema, maxCourseTitleLength, maxModuleTitleLength, maxModulesPerCourse } from "@/lib/schemas/course-authoring";
import { lessonContentSchema } from "@/lib/schemas/course-content";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../../auth/actor";
import { appNow } from "../../clock";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { storage as defaultStorage, type FileStorage } from "../../storage";
import { courseAssetKey } from "./authoring-files";
import { courseAssetUrl, lockCourse, requireEditableCourse } from "./authoring-shared";

/**
 * Importing a zip of Markdown lessons into a course: one module per folder,
 * one lesson draft per file, images stored with the course and the lessons'
 * references to them rewritten to where the app serves them. Either all of
 * it is added or nothing is.
 */

export interface ImportLessonsResult {
  modules: number;
  lessons: number;
  images: number;
  /** Things the author may want to fix; the import itself went through. */
  warnings: string[];
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Points image references at their stored copies: inline images
 * `![alt](original "title")` and reference definitions `[id]: original`.
 * Other text that happens to contain the same path is left alone.
 */
export function rewriteImageReferences(markdown: string, urls: ReadonlyMap<string, string>): string {
  let out = markdown;
  for (const [original, url] of urls) {
    const target = escapeRegExp(original);
    out = out
      .replace(new RegExp(`(!\\[(?:[^\\]\\\\]|\\\\.)*\\]\\(\\s*)${target}(?=[\\s)])`, "g"), (_, before: string) => `${before}${url}`)
      .replace(new RegExp(`(^ {0,3}(?:> ?)*\\[[^\\]]+\\]:[ \\t]*)${target}(?=\\s|$)`, "gm"), (_, before: string) => `${before}${url}`);
  }
  return out;
}

function fit(text: string, max: number, fallback: string): string {
  const trimmed = text.trim() || fallback;
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

interface PlannedLesson {
  title: string;
  markdown: string;
}

function planLessons(parsed: MarkdownImport, keyOf: ReadonlyMap<string, string>): { title: string; lessons: PlannedLesson[] }[] {
  return parsed.modules.map((m) => ({
    title: fit(m.title, maxModuleTitleLength, "Imported lessons"),
    lessons: m.lessons.map((lesson) => {
      const urls = new Map<string, string>();
      for (const ref of lesson.images) {
        const key = keyOf.get(ref.resolvedPath);
        if (key) urls.set(ref.original, courseAssetUrl(key));
      }
      const markdown = rewriteImageReferences(lesson.markdown, urls);
      const checked = lessonContentSchema.safeParse({ kind: "lesson", markdown });
      if (!checked.success) {
        throw new AppError("invalid", `“${lesson.sourcePath}”: ${checked.error.issues.map((i) => i.message).join(" ")} Split it into smaller lessons.`);
      }
      return { title: fit(lesson.title, maxCourseTitleLength, "Untitled lesson"), markdown };
    }),
  }));
}

/** Adds the zip's modules and lesson drafts after the course's existing modules. */
export async function importLessonsZip(
  actor: MaybeActor,
  courseId: string,
  zip: Uint8Array,
  options: { storage?: FileStorage } = {},
): Promise<ImportLessonsResult> {
  const id = parseInput(courseIdSchema, courseId);
  await requireEditableCourse(actor, id);
  const parsed = importMarkdownZip(zip);
  const existing = await db().courseModule.count({ where: { courseId: id } });
  if (existing + parsed.modules.length > maxModulesPerCourse) {
    throw new AppError(
      "conflict",
      `The archive has ${parsed.modules.length} modules and the course already ${existing}; a course holds at most ${maxModulesPerCourse}. Import into a new course, or merge folders.`,
    );
  }

  const files = options.storage ?? defaultStorage();
  // Images no lesson refers to would only take up space.
  const referenced = new Set(parsed.modules.flatMap((m) => m.lessons.flatMap((l) => l.images.map((i) => i.resolvedPath))));
  const keyOf = new Map<string, string>();
  const stored: string[] = [];
  try {
    for (const image of parsed.images) {
      if (!referenced.has(image.path)) continue;
      const key = courseAssetKey(id, image.path);
      await files.put(key, image.bytes, { contentType: image.contentType });
      stored.push(key);
      keyOf.set(image.path, key);
    }
    const modules = planLessons(parsed, keyOf);
    const now = await appNow();
    await db().$transaction(
      async (tx) => {
        await lockCourse(tx, id);
        let position = await tx.courseModule.count({ where: { courseId: id } });
        for (const m of modules) {
          const created = await tx.courseModule.create({ data: { courseId: id, title: m.title, position: position++ }, select: { id: true } });
          await tx.courseItem.createMany({
            data: m.lessons.map((lesson, index) => ({
              courseId: id,
              moduleId: created.id,
              kind: "lesson" as const,
              position: index,
              title: lesson.title,
              content: { kind: "lesson", markdown: lesson.markdown } satisfies Prisma.InputJsonValue,
              draftUpdatedAt: now,
            })),
          });
        }
      },
      { timeout: 60_000 },
    );
    return {
      modules: modules.length,
      lessons: modules.reduce((n, m) => n + m.lessons.length, 0),
      images: stored.length,
      warnings: parsed.warnings,
    };
  } catch (error) {
    // Nothing was added to the course, so the images it would have used go too.
    await Promise.all(stored.map((key) => files.delete(key).catch(() => undefined)));
    throw error;
  }
}
