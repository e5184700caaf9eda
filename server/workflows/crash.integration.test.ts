import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { db } from "../db";
import { crashFunction } from "./crash-worker.fixture";
import { sendEvent } from "./events";
import { resetWorkflowTables, runsOf, testApp, testClient } from "./test-support";

/**
 * A worker stopped between steps, gracefully or killed outright: a new worker
 * finishes every run exactly once and no step's side effect happens twice.
 */
beforeAll(async () => {
  await db().$executeRaw`CREATE SCHEMA IF NOT EXISTS workflow_test`;
  await db().$executeRaw`CREATE TABLE IF NOT EXISTS workflow_test.side_effects (run_id text NOT NULL, step text NOT NULL)`;
});
afterAll(async () => {
  await db().$executeRaw`DROP SCHEMA IF EXISTS workflow_test CASCADE`;
});
beforeEach(async () => {
  await resetWorkflowTables();
  await db().$executeRaw`TRUNCATE workflow_test.side_effects`;
});

function countEach(effects: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of effects) counts.set(e, (counts.get(e) ?? 0) + 1);
  return counts;
}

function threeSteps(client: ReturnType<typeof testClient>, effects: string[], onStep?: (runId: string, step: string) => void) {
  return client.createFunction({ id: "steps", triggers: [{ event: "crash/go" }] }, async ({ step, runId }) => {
    for (const name of ["a", "b", "c"]) {
      await step.run(name, () => {
        effects.push(`${runId}:${name}`);
        onStep?.(runId, name);
      });
    }
    return "done";
  });
}

describe("embedded executor: stopping and crashing workers", () => {
  it("a worker aborted mid-run hands the run back between steps; a new worker finishes it", async () => {
    const client = testClient("stop");
    const effects: string[] = [];
    const stop = new AbortController();
    const fn = threeSteps(client, effects, (_runId, step) => {
      if (step === "b" && !stop.signal.aborted) stop.abort();
    });
    const app = testApp(client, [fn]);
    await sendEvent(Array.from({ length: 3 }, (_, i) => ({ name: "crash/go", data: { i } })));

    await app.engine({ concurrency: 1 }).start({ signal: stop.signal, pollMs: 10 });
    const afterStop = await runsOf("stop-steps");
    const stopped = afterStop.find((r) => r.steps.some((s) => s.name === "b"));
    expect(stopped?.status).toBe("queued");
    expect(stopped?.leasedBy).toBeNull();
    expect(stopped?.steps.map((s) => s.name).sort()).toEqual(["a", "b"]);

    await app.engine().runUntilIdle();
    const runs = await runsOf("stop-steps");
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed", "completed"]);
    const counts = countEach(effects);
    expect(counts.size).toBe(9);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("several workers at once never drive the same run", async () => {
    const client = testClient("many");
    const effects: string[] = [];
    const fn = threeSteps(client, effects);
    const app = testApp(client, [fn]);
    await sendEvent(Array.from({ length: 20 }, (_, i) => ({ name: "crash/go", data: { i } })));
    await Promise.all([1, 2, 3].map(() => app.engine({ concurrency: 4 }).runUntilIdle()));
    const runs = await runsOf("many-steps");
    expect(runs).toHaveLength(20);
    expect(runs.every((r) => r.status === "completed" && r.output !== null)).toBe(true);
    const counts = countEach(effects);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("a worker process killed between steps: its run resumes after the lease expires, without repeating a step", async () => {
    const client = testClient("crash");
    const app = testApp(client, [crashFunction(client)], new Date());
    await sendEvent(Array.from({ length: 3 }, (_, i) => ({ name: "crash/go", data: { i } })));

    // Calls 1-4 finish the first run (a, b, c, return); call 5 runs the second run's "a"; the 6th never starts.
    const child = spawn(process.execPath, ["--import", "tsx", "server/workflows/crash-worker.fixture.ts"], {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl"), FREEZE_AFTER_CALLS: "5" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("FROZEN") && resolve());
      child.on("exit", (code) => reject(new Error(`The worker exited (${code}) before freezing: ${stderr}`)));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const held = (await runsOf("crash-three-effects")).filter((r) => r.status === "running");
    expect(held).toHaveLength(1);
    expect(held[0]?.steps.map((s) => s.name)).toEqual(["a"]);

    // Before the dead worker's lease runs out nobody takes its run.
    const survivor = app.engine();
    await survivor.runUntilIdle();
    expect((await db().workflowRun.findUniqueOrThrow({ where: { id: held[0]!.id } })).status).toBe("running");

    app.clock.set(new Date(Date.now() + 61_000));
    await survivor.runUntilIdle();
    const runs = await runsOf("crash-three-effects");
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed", "completed"]);
    const effects = await db().$queryRaw<{ run_id: string; step: string; n: bigint }[]>`
      SELECT run_id, step, count(*) AS n FROM workflow_test.side_effects GROUP BY run_id, step`;
    expect(effects).toHaveLength(9);
    expect(effects.every((e) => Number(e.n) === 1)).toBe(true);
  }, 60_000);
});
