import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * `npm test`: every suite (unit, integration against PostgreSQL, Playwright in
 * Chromium), then one line `N passed, N failed` summing them. Exits non-zero
 * when anything failed or a suite could not run.
 */
const reportsDir = path.resolve("test-results");
mkdirSync(reportsDir, { recursive: true });

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number;
}

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const vitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number().optional(),
});

function vitestSuite(project: "unit" | "integration"): SuiteResult {
  const file = path.join(reportsDir, `vitest-${project}.json`);
  const exitCode = run("npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  if (!existsSync(file)) return { name: project, passed: 0, failed: 1, skipped: 0, exitCode: exitCode || 1 };
  const report = vitestReport.parse(JSON.parse(readFileSync(file, "utf8")));
  return {
    name: project,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    exitCode,
  };
}

const playwrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
});

function playwrightSuite(): SuiteResult {
  const file = path.join(reportsDir, "playwright.json");
  const exitCode = run("npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) return { name: "e2e", passed: 0, failed: 1, skipped: 0, exitCode: exitCode || 1 };
  const { stats } = playwrightReport.parse(JSON.parse(readFileSync(file, "utf8")));
  return { name: "e2e", passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped, exitCode };
}

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);
const results: SuiteResult[] = [];
if (wanted("unit")) results.push(vitestSuite("unit"));
if (wanted("integration")) results.push(vitestSuite("integration"));
if (wanted("e2e")) results.push(playwrightSuite());

console.log("\nSuites:");
for (const r of results) {
  console.log(`  ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (exit ${r.exitCode})`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed + (r.exitCode !== 0 && r.failed === 0 ? 1 : 0), 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
