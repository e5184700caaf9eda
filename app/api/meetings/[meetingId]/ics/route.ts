import { httpStatusOf, isAppError } from "@/lib/errors";
import { currentActor } from "@/server/auth/current";
import { contentDisposition } from "@/server/storage";
import { meetingIcs } from "@/server/services/meetings/calendar";

/** GET: one meeting as an .ics file ("Add to calendar"), for the members of its group. */

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ meetingId: string }> }): Promise<Response> {
  const { meetingId } = await params;
  try {
    const file = await meetingIcs(await currentActor(), { meetingId });
    return new Response(file.content, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": contentDisposition(file.filename),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message }, { status: httpStatusOf[error.code] });
    console.error("Meeting .ics download failed:", error);
    return Response.json({ error: "Something went wrong on our side. Try again." }, { status: 500 });
  }
}
