import { pathToFileURL } from "node:url";
import type { Inngest } from "inngest";
import { createDb, db, setDb } from "../db";
import { silentLogger } from "./context";
import { createWorkflowEngine } from "./engine";
import type { ServeHandler } from "./protocol";
import { handlerFor, testClient } from "./test-support";

/**
 * A worker process for the crash test (crash.integration.test.ts): it runs
 * `crashFunction` and, after FREEZE_AFTER_CALLS calls, stops before the next
 * one and prints FROZEN, so the test can kill it between two steps. Every step
 * body records itself in workflow_test.side_effects.
 */
export function crashFunction(client: Inngest) {
  const effect = (runId: string, step: string) => db().$executeRaw`INSERT INTO workflow_test.side_effects (run_id, step) VALUES (${runId}, ${step})`;
  return client.createFunction({ id: "three-effects", triggers: [{ event: "crash/go" }] }, async ({ step, runId }) => {
    await step.run("a", () => effect(runId, "a"));
    await step.run("b", () => effect(runId, "b"));
    await step.run("c", () => effect(runId, "c"));
    return "done";
  });
}

async function main(): Promise<void> {
  setDb(createDb(process.env.DATABASE_URL!, { max: 2 }));
  const client = testClient("crash");
  const handler = handlerFor(client, [crashFunction(client)]);
  const freezeAfter = Number(process.env.FREEZE_AFTER_CALLS ?? "3");
  let calls = 0;
  const gated: ServeHandler = async (request) => {
    if (request.method === "POST" && calls++ >= freezeAfter) {
      console.log("FROZEN");
      await new Promise(() => {});
    }
    return handler(request);
  };
  const engine = createWorkflowEngine({ handler: gated, concurrency: 1, leaseMs: 60_000, logger: silentLogger });
  await engine.start({ pollMs: 20 });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
