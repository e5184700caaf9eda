import { createUIMessageStreamResponse } from "ai";
import { AppError, httpStatusOf, isAppError } from "@/lib/errors";
import type { MaybeActor } from "../auth/actor";
import { requireActor } from "../auth/permissions";
import { createRateLimiter, rateLimitHeaders, type RateLimiter } from "../rate-limit";
import { sendTutorMessage, type SendTutorMessageOptions } from "./tutor";

/**
 * POST /api/tutor without Next: the request in, the streamed reply (or a
 * JSON error) out. The route file only adds the signed-in actor and keeps
 * the process alive until the reply is saved, so tests call this directly.
 *
 * Body: `{ cohortId, itemId, message }` (lib/schemas/tutor.ts). Answers:
 * 200 a UI message stream (SSE, for `useChat`); 400 / 403 / 404 / 409 with
 * `{ error }` saying what to fix; 401 signed out; 429 with Retry-After when
 * a learner sends more than `tutorMessagesPerMinute`.
 */

export const tutorMessagesPerMinute = 20;

export const tutorLimiter: RateLimiter = createRateLimiter({ name: "tutor", limit: tutorMessagesPerMinute, windowMs: 60_000 });

export interface TutorRequestOptions extends Omit<SendTutorMessageOptions, "abortSignal"> {
  limiter?: RateLimiter;
}

export interface TutorResponse {
  response: Response;
  /** Resolves once the reply is saved; null when no reply was started. */
  settled: Promise<unknown> | null;
}

export async function handleTutorRequest(actor: MaybeActor, request: Request, options: TutorRequestOptions = {}): Promise<TutorResponse> {
  try {
    requireActor(actor);
    const limit = await (options.limiter ?? tutorLimiter).hit(`user:${actor.userId}`);
    if (!limit.allowed) {
      const error = new AppError(
        "rate_limited",
        `You have sent the tutor ${limit.limit} messages in the last minute. Wait ${limit.retryAfterSeconds} seconds and send it again.`,
        { retryAfter: limit.retryAfterSeconds },
      );
      return { response: errorResponse(error, rateLimitHeaders(limit)), settled: null };
    }
    const body: unknown = await request.json().catch(() => {
      throw new AppError("invalid", "Send the message as JSON: { cohortId, itemId, message }.");
    });
    const turn = await sendTutorMessage(actor, body, { ...options, abortSignal: request.signal });
    return { response: createUIMessageStreamResponse({ stream: turn.stream, headers: rateLimitHeaders(limit) }), settled: turn.settled };
  } catch (error) {
    if (isAppError(error)) return { response: errorResponse(error), settled: null };
    throw error;
  }
}

function errorResponse(error: AppError, headers: Record<string, string> = {}): Response {
  const all: Record<string, string> = { ...headers };
  if (error.retryAfter !== undefined) all["Retry-After"] = String(Math.max(1, error.retryAfter));
  return Response.json(
    { error: error.message, code: error.code, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) },
    { status: httpStatusOf[error.code], headers: all },
  );
}
