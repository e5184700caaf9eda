import { AppError } from "@/lib/errors";
import { markdownImportLimits } from "@/lib/courses/markdown-import";
import { currentActor } from "@/server/auth/current";
import { importLessonsZip } from "@/server/services/courses/authoring";
import { readUploadedFile, uploadErrorResponse } from "../read-upload";

/**
 * POST multipart `file` = a zip of Markdown lessons: adds its modules and
 * lesson drafts to the course (server/services/courses/authoring-import.ts)
 * and answers `{ modules, lessons, images, warnings }`.
 */
export async function POST(request: Request, { params }: { params: Promise<{ courseId: string }> }) {
  try {
    const { courseId } = await params;
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
    const file = await readUploadedFile(request, { maxBytes: markdownImportLimits.maxTotalBytes, what: "zip archive" });
    return Response.json(await importLessonsZip(actor, courseId, file.bytes));
  } catch (error) {
    return uploadErrorResponse(error);
  }
}
