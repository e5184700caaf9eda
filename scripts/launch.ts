import { spawn } from "node:child_process";
import cluster from "node:cluster";
import { createRequire } from "node:module";
import { migrate } from "../server/database/migrate";
import { ensureAuthSecret, loadDotEnv, resolveDatabase } from "./runtime";

/**
 * `npm run dev` / `npm start`: resolve the database (embedded PGlite when no
 * DATABASE_URL), apply migrations, seed the demo organisation, print the demo
 * sign-ins, then run Next.js with that environment.
 *
 * `npm start` with WEB_CONCURRENCY=N runs N Next.js processes that share the
 * port (node:cluster hands connections round-robin), one per core: one
 * process renders on one core only. The embedded database serves one query at
 * a time, so with it there is always one process.
 */
const mode = process.argv[2] === "start" ? "start" : "dev";
// next dev/start set NODE_ENV themselves; the launcher's own code must agree with them.
(process.env as Record<string, string>).NODE_ENV ??= mode === "dev" ? "development" : "production";
loadDotEnv();
ensureAuthSecret();

const port = process.env.PORT?.trim() || "3000";
process.env.PORT = port;
process.env.APP_URL ??= `http://localhost:${port}`;
// These machines are often offline; Next's telemetry would only retry in vain.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { url, embedded } = await resolveDatabase();
console.log(embedded ? `Database: embedded PostgreSQL (PGlite) in .data/pglite, ${url}` : "Database: DATABASE_URL");

const report = await migrate(url, { log: (line) => console.log(`  ${line}`) });
console.log(`Migrations: ${report.applied.length} applied, ${report.alreadyApplied.length} already applied.`);

const { seedDemo, demoPassword } = await import("../server/seed/demo");
if (process.env.SEED_DEMO !== "false") {
  const seeded = await seedDemo();
  console.log(seeded.created ? "Seeded the demo organisation." : "Demo organisation present.");
  console.log(`\nDemo sign-ins (password: ${demoPassword}):`);
  for (const account of seeded.accounts) console.log(`  ${account.label.padEnd(13)} ${account.email}`);
  console.log("");
}
// Workflows run in this process with the embedded executor unless an Inngest server is configured.
const workflowsStop = new AbortController();
const { startWorkflowWorker } = await import("../inngest/worker");
const workflows = await startWorkflowWorker({ signal: workflowsStop.signal });
console.log(workflows ? "Workflows: embedded executor running." : "Workflows: run by the configured Inngest server.");

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const servers = mode === "start" && !embedded ? webConcurrency(process.env.WEB_CONCURRENCY) : 1;
let stopping = false;

async function finish(code: number): Promise<never> {
  workflowsStop.abort();
  await workflows?.stopped;
  await embedded?.stop();
  process.exit(code);
}

if (servers === 1) {
  const child = spawn(process.execPath, [nextBin, mode, "--port", port], { stdio: "inherit", env: process.env });
  const shutdown = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  child.on("exit", (code) => void finish(code ?? 0));
} else {
  console.log(`Web: ${servers} Next.js processes on port ${port}.`);
  // Workers run Next's own CLI; their listen() on the port goes through this process. Each worker accepts its
  // own connections from the shared socket: handing every connection over IPC (round-robin) cost more than it saved.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: nextBin, args: ["start", "--port", port], execArgv: [] });
  const startedAt = new Map<number, number>();
  const fork = () => startedAt.set(cluster.fork(process.env).id, Date.now());
  for (let i = 0; i < servers; i++) fork();
  let alive = servers;
  const shutdown = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  cluster.on("exit", (worker, code) => {
    alive--;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    if (!stopping && lived > 10_000) {
      // One crashed renderer must not take the site down: start another in its place.
      console.error(`A Next.js process exited (code ${code}); starting a new one.`);
      alive++;
      fork();
      return;
    }
    if (!stopping) {
      // Dying at start (port taken, bad build) would only repeat: stop everything.
      console.error(`A Next.js process exited at start (code ${code}); stopping.`);
      shutdown("SIGTERM");
    }
    if (alive === 0) void finish(code ?? 0);
  });
}

/** WEB_CONCURRENCY: a whole number of processes (1-32); unset or empty = 1. */
function webConcurrency(value: string | undefined): number {
  if (!value?.trim()) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 32) {
    console.error(`WEB_CONCURRENCY must be a whole number from 1 to 32 (got "${value}"); using 1.`);
    return 1;
  }
  return n;
}
