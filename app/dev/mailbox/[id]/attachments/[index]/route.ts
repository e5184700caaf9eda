import { isAppError } from "@/lib/errors";
import { devMailAttachment } from "@/server/mail";
import { requireDevMailAccess } from "../../../../_lib/dev-mail-access";

/** Downloads one attachment of a message in the development mailbox (an .ics invite, say). Same access as the mailbox. */
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  await requireDevMailAccess();
  const { id, index } = await params;
  const position = /^\d{1,2}$/.test(index) ? Number(index) : -1;
  try {
    const file = await devMailAttachment(id, position);
    if (!file) return Response.json({ error: "This message has no such attachment." }, { status: 404 });
    return new Response(file.content, {
      headers: {
        "Content-Type": file.contentType,
        // The name was checked when the mail was recorded (no quotes or line breaks).
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message }, { status: 403 });
    throw error;
  }
}
