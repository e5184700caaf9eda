import "server-only";
import { notFound } from "next/navigation";
import { currentActor } from "@/server/auth/current";
import { env } from "@/server/env";
import { devMailboxAvailable } from "@/server/mail";

/**
 * The development mailbox and the mail preview show real people's mail
 * (reset links included): off in production while real mail goes out, and in
 * production for system admins only; everyone else gets a 404, so nobody
 * learns the pages exist.
 */
export async function requireDevMailAccess(): Promise<void> {
  if (!devMailboxAvailable()) notFound();
  if (env().NODE_ENV === "production" && !(await currentActor())?.isSystemAdmin) notFound();
}
