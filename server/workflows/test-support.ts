import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/edge";
import { db } from "../db";
import { manualClock } from "./clock";
import { embeddedClientOptions } from "./client-options";
import { silentLogger } from "./context";
import { createWorkflowEngine, type WorkflowEngine, type WorkflowEngineOptions } from "./engine";
import type { ServeHandler } from "./protocol";

/**
 * For the executor's tests: an Inngest app of test functions behind Inngest's
 * serve handler, a clock moved by hand, and engines (workers) bound to both.
 * Not used by the app.
 */

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

export function testClient(appId: string): Inngest {
  return new Inngest({ id: appId, ...embeddedClientOptions(), logger: quiet });
}

/** Inngest's framework-agnostic (Request -> Response) serve handler; the app's worker uses the Next one (inngest/worker.ts). */
export function handlerFor(client: Inngest, functions: InngestFunction.Any[]): ServeHandler {
  return serve({ client, functions });
}

export function testApp(client: Inngest, functions: InngestFunction.Any[], start = new Date("2026-11-22T10:00:00.000Z")) {
  const clock = manualClock(start);
  const handler = handlerFor(client, functions);
  const engine = (options: Partial<WorkflowEngineOptions> = {}): WorkflowEngine =>
    createWorkflowEngine({ handler, clock, logger: silentLogger, backoff: () => 1000, ...options });
  return { client, clock, handler, engine };
}

/** Empties the executor's tables (tests share one database). */
export async function resetWorkflowTables(): Promise<void> {
  await db().$executeRaw`TRUNCATE "WorkflowWaiter", "WorkflowStep", "WorkflowRun", "WorkflowEvent", "WorkflowSchedule"`;
}

export async function runsOf(functionId: string) {
  return db().workflowRun.findMany({ where: { functionId }, orderBy: { createdAt: "asc" }, include: { steps: true } });
}
