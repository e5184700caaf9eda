import { cleanupExpiredSessions } from "./functions/cleanup-expired-sessions";
import { sendMailFunction } from "./functions/send-mail";

export { inngest } from "./client";
export * from "./events";

/** Every function the app serves (app/api/inngest/route.ts) and the embedded worker runs. */
export const functions = [sendMailFunction, cleanupExpiredSessions];
