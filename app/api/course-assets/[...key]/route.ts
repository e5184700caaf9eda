import { httpStatusOf, isAppError } from "@/lib/errors";
import { currentActor } from "@/server/auth/current";
import { readCourseAsset } from "@/server/services/courses/authoring";

/**
 * Course covers and lesson images (`courses/<courseId>/...` in storage) for
 * members of the course's organisation. Keys hold a random UUID and are never
 * rewritten, so browsers may keep a file for good; `private` keeps shared
 * caches from serving it to people outside the organisation.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const { key } = await params;
  try {
    const file = await readCourseAsset(await currentActor(), key.join("/"));
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Cache-Control": "private, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
        // An SVG opened on its own could run script on our origin; sandboxed, it cannot.
        "Content-Security-Policy": "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
        "Content-Disposition": "inline",
      },
    });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message }, { status: httpStatusOf[error.code] });
    throw error;
  }
}
