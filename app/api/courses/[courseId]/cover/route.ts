import { AppError } from "@/lib/errors";
import { currentActor } from "@/server/auth/current";
import { maxCoverBytes, setCourseCover } from "@/server/services/courses/authoring";
import { readUploadedFile, uploadErrorResponse } from "../read-upload";

/** POST multipart `file` = a PNG, JPEG, GIF or WebP image: the course's new cover. Answers `{ coverUrl }`. */
export async function POST(request: Request, { params }: { params: Promise<{ courseId: string }> }) {
  try {
    const { courseId } = await params;
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
    const file = await readUploadedFile(request, { maxBytes: maxCoverBytes, what: "cover image" });
    return Response.json(await setCourseCover(actor, courseId, { name: file.name, bytes: file.bytes }));
  } catch (error) {
    return uploadErrorResponse(error);
  }
}
