import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth/next-auth";
import { rateLimitedResponse } from "@/server/auth/sign-in-limit";

export const GET = handlers.GET;

export async function POST(req: NextRequest) {
  // The credentials callback is next-auth's own password endpoint: same limit as /api/auth/sign-in.
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const limited = await rateLimitedResponse(req.headers);
    if (limited) return limited;
  }
  return handlers.POST(req);
}
