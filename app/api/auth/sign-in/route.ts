import { signInInputSchema } from "@/lib/schemas/auth";
import { fieldErrorsOf } from "@/lib/validation";
import { rateLimitedResponse } from "@/server/auth/sign-in-limit";
import { signIn } from "@/server/auth/next-auth";
import { verifyCredentials } from "@/server/services/accounts";

/** Only same-site paths: an attacker's link cannot bounce people to another site. */
function safeRedirect(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

/**
 * Password sign-in for the web form. It answers JSON with a clear message
 * (400 invalid input, 401 wrong email or password, 429 over the limit), then
 * lets next-auth set the session cookie.
 */
export async function POST(req: Request) {
  const limited = await rateLimitedResponse(req.headers);
  if (limited) return limited;

  const body: unknown = await req.json().catch(() => null);
  const parsed = signInInputSchema.safeParse(body);
  if (!parsed.success) {
    return Response.json(
      { error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) },
      { status: 400 },
    );
  }
  const user = await verifyCredentials(parsed.data);
  if (!user) {
    return Response.json({ error: "Email or password is incorrect." }, { status: 401 });
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  const callbackUrl = body && typeof body === "object" && "callbackUrl" in body ? body.callbackUrl : undefined;
  return Response.json({ ok: true, redirectTo: safeRedirect(callbackUrl) });
}
