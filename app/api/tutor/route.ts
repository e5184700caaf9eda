import { after } from "next/server";
import { currentActor } from "@/server/auth/current";
import { handleTutorRequest } from "@/server/services/tutor-route";

/**
 * The lesson tutor's chat: POST `{ cohortId, itemId, message }`, answered
 * with a UI message stream for `useChat` (server/services/tutor-route.ts).
 * `after` keeps the work alive until the reply is saved, even when the
 * response has already ended (the learner pressed Stop or left).
 */
export async function POST(request: Request) {
  const { response, settled } = await handleTutorRequest(await currentActor(), request);
  if (settled) after(() => settled);
  return response;
}
