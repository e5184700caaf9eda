import { z } from "zod";
import { inngest, remindersDispatchRequested } from "@/inngest";
import { advanceTestClock, appNow, testClockEnabled } from "@/server/clock";

/**
 * The test clock, for end-to-end tests: GET reads the app's time, POST
 * `{ advanceMinutes }` moves it forward and asks for the reminders that are
 * now due. Only with LYCEUM_TEST_CLOCK=true; otherwise this route does not exist.
 */

export const dynamic = "force-dynamic";

const advanceSchema = z.object({
  advanceMinutes: z
    .number({ error: "Send advanceMinutes as a number of minutes." })
    .int("advanceMinutes must be a whole number of minutes.")
    .min(1, "advanceMinutes must be at least 1.")
    .max(366 * 24 * 60, "advanceMinutes can be at most a year."),
});

function notFound(): Response {
  return Response.json({ error: "Not found." }, { status: 404 });
}

export async function GET() {
  if (!testClockEnabled()) return notFound();
  const now = await appNow();
  return Response.json({ now: now.toISOString(), offsetMs: now.getTime() - Date.now() });
}

export async function POST(request: Request) {
  if (!testClockEnabled()) return notFound();
  const body: unknown = await request.json().catch(() => null);
  const parsed = advanceSchema.safeParse(body);
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues.map((i) => i.message).join(" ") }, { status: 400 });
  }
  const now = await advanceTestClock(parsed.data.advanceMinutes * 60_000);
  await inngest.send(remindersDispatchRequested.create({ reason: "test clock advanced" }));
  return Response.json({ now: now.toISOString() });
}
