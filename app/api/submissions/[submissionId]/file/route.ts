import { httpStatusOf, isAppError } from "@/lib/errors";
import { currentActor } from "@/server/auth/current";
import { contentDisposition } from "@/server/storage";
import { getSubmissionFile } from "@/server/services/courses/learning";

/**
 * GET: the file of an assignment submission, as a download, for the learner
 * who handed it in and the cohort's staff (the service decides who).
 */

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  const { submissionId } = await params;
  try {
    const file = await getSubmissionFile(await currentActor(), { submissionId });
    return new Response(Buffer.from(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.bytes.byteLength),
        "Content-Disposition": contentDisposition(file.name),
        // Uploaded by learners: never rendered as a page of this site, never cached by shared caches.
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message }, { status: httpStatusOf[error.code] });
    console.error("Submission download failed:", error);
    return Response.json({ error: "Something went wrong on our side. Try again." }, { status: 500 });
  }
}
