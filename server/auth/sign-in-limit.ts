import { rateLimitHeaders, signInLimiter } from "../rate-limit";
import { clientIp } from "./client-ip";

/** 5 sign-in tries a minute per IP. Returns the 429 response when over, else null. */
export async function rateLimitedResponse(headers: Headers): Promise<Response | null> {
  const result = await signInLimiter.hit(`ip:${clientIp(headers)}`);
  if (result.allowed) return null;
  return Response.json(
    {
      error: `Too many sign-in attempts. Wait ${result.retryAfterSeconds} seconds and try again.`,
      retryAfterSeconds: result.retryAfterSeconds,
    },
    { status: 429, headers: rateLimitHeaders(result) },
  );
}
