import { AppError, httpStatusOf, isAppError } from "@/lib/errors";
import { currentActor } from "@/server/auth/current";
import { formatBytes, maxUploadBytes } from "@/server/storage";
import { submitAssignmentUpload } from "@/server/services/courses/learning";

/**
 * POST multipart/form-data: cohortId, itemId, file, and an optional text.
 * Hands in an assignment with a file (the page shows upload progress from
 * XMLHttpRequest). Answers JSON: the submission, or { error, fieldErrors }.
 */

export const dynamic = "force-dynamic";

/** Room for the other form fields and the multipart boundaries around the file. */
const formOverheadBytes = 256 * 1024;

function errorResponse(error: AppError): Response {
  return Response.json({ error: error.message, fieldErrors: error.fieldErrors ?? null }, { status: httpStatusOf[error.code] });
}

export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Sign in to hand in your work.");
    // Refuse an oversized upload before reading it into memory.
    const declared = Number(request.headers.get("content-length") ?? "0");
    const limit = maxUploadBytes();
    if (declared > limit + formOverheadBytes) {
      return Response.json(
        { error: `The file is too large: files may be at most ${formatBytes(limit)}. Compress it (for example as a ZIP) or split it.`, fieldErrors: { file: [`At most ${formatBytes(limit)}.`] } },
        { status: 413 },
      );
    }
    const form = await request.formData().catch(() => {
      throw new AppError("invalid", "The upload did not arrive as a form. Reload the page and try again.");
    });
    const entry = form.get("file");
    const file = entry instanceof File && entry.size > 0 ? { name: entry.name, type: entry.type, size: entry.size, bytes: new Uint8Array(await entry.arrayBuffer()) } : null;
    const text = form.get("text");
    const submission = await submitAssignmentUpload(actor, {
      cohortId: form.get("cohortId"),
      itemId: form.get("itemId"),
      text: typeof text === "string" ? text : null,
      file,
    });
    return Response.json(submission, { status: 201 });
  } catch (error) {
    if (isAppError(error)) return errorResponse(error);
    console.error("Assignment upload failed:", error);
    return Response.json({ error: "Something went wrong on our side. Try again." }, { status: 500 });
  }
}
