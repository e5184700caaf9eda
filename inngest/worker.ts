import { serve } from "inngest/next";
import { appUrl } from "@/server/env";
import { startEmbeddedWorker, workflowMode, type WorkflowLogger } from "@/server/workflows";
import { functions, inngest } from "./index";

/** The same serve handler as app/api/inngest/route.ts, called in-process (no HTTP) by the embedded worker. */
const handler = serve({ client: inngest, functions });

export function callServeHandler(request: Request): Promise<Response> {
  // inngest/next reads only what a standard Request has (method, url, headers, text()).
  return handler(request as Parameters<typeof handler>[0], undefined);
}

/**
 * Starts the embedded workflow worker when no Inngest server is configured
 * (returns null otherwise: the Inngest server calls /api/inngest itself).
 * Stop it by aborting `signal`, then await `stopped`.
 */
export async function startWorkflowWorker(options: { pollMs?: number; signal?: AbortSignal; logger?: WorkflowLogger } = {}) {
  if (workflowMode().mode === "inngest") return null;
  return startEmbeddedWorker({ handler: callServeHandler, serveUrl: `${appUrl()}/api/inngest`, ...options });
}
