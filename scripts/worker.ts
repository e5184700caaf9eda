import { ensureAuthSecret, loadDotEnv } from "./runtime";

/**
 * `npm run worker`: runs the workflow functions with the embedded executor,
 * as its own process, against DATABASE_URL. Several may run at once (and
 * alongside the app's own worker); each run is driven by one of them at a
 * time. Ctrl-C hands the runs it holds back between two steps before exiting.
 */
loadDotEnv();
ensureAuthSecret();

const { workflowMode } = await import("../server/workflows/mode");
const mode = workflowMode();
if (mode.mode === "inngest") {
  console.log(`Workflows: an Inngest server runs them (${mode.reason}); this worker has nothing to do.`);
  process.exit(0);
}
if (!process.env.DATABASE_URL?.trim()) {
  console.error(
    "DATABASE_URL is not set. The standalone worker needs the app's database; with the embedded database, `npm run dev` / `npm start` run the worker themselves.",
  );
  process.exit(1);
}

const { startWorkflowWorker } = await import("../inngest/worker");
const { db } = await import("../server/db");
const stop = new AbortController();
const worker = await startWorkflowWorker({ signal: stop.signal });
if (!worker) process.exit(0);
const names = [...worker.registry.functions.values()].map((f) => f.id).join(", ");
console.log(`Workflows: embedded worker ${worker.engine.workerId} running ${worker.registry.functions.size} functions (${names}).`);

const shutdown = () => {
  if (stop.signal.aborted) return;
  console.log("Workflows: stopping after the steps in progress…");
  stop.abort();
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
await worker.stopped;
await db().$disconnect();
console.log("Workflows: worker stopped.");
process.exit(0);
