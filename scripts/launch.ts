import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { migrate } from "../server/database/migrate";
import { ensureAuthSecret, loadDotEnv, resolveDatabase } from "./runtime";

/**
 * `npm run dev` / `npm start`: resolve the database (embedded PGlite when no
 * DATABASE_URL), apply migrations, seed the demo organisation, print the demo
 * sign-ins, then run Next.js with that environment.
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
const child = spawn(process.execPath, [nextBin, mode, "--port", port], { stdio: "inherit", env: process.env });

const shutdown = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
child.on("exit", async (code) => {
  workflowsStop.abort();
  await workflows?.stopped;
  await embedded?.stop();
  process.exit(code ?? 0);
});
