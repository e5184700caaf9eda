import { httpStatusOf, isAppError } from "@/lib/errors";
import { calendarFeedIcs } from "@/server/services/meetings/calendar";

/**
 * GET /api/calendar/<secret>.ics: a person's meetings as a calendar feed for
 * Google, Apple and Outlook to poll. No session: the secret in the URL is the
 * permission, so the response is never cached by shared caches.
 */

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  try {
    const feed = await calendarFeedIcs(decodeURIComponent(token));
    return new Response(feed.content, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `inline; filename="${feed.filename}"`,
        "Cache-Control": "private, no-cache",
        "X-Content-Type-Options": "nosniff",
        // The URL is a secret: keep it out of Referer headers and search engines.
        "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex",
      },
    });
  } catch (error) {
    if (isAppError(error)) {
      return new Response(`${error.message}\n`, { status: httpStatusOf[error.code], headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    console.error("Calendar feed failed:", error);
    return new Response("Something went wrong on our side. Your calendar app will try again later.\n", {
      status: 500,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
