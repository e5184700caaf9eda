import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { schedule, type ScheduleInput, type ScheduleOutput, type ScheduleProgress } from "@/lib/scheduling";

/**
 * Runs lib/scheduling's schedule() on a worker thread. The scheduler is
 * synchronous and takes up to ~20 s for 2,000 people: on the main thread it
 * would freeze the process that runs every other workflow (and its lease
 * heartbeats), and no progress could be written while it runs. On a thread,
 * progress arrives as messages the caller stores.
 *
 * The thread loads the TypeScript sources through tsx (a dependency the app
 * starts with), from the project root. Where those are not there (a bundle
 * without sources), it falls back to running in-process.
 */

export interface SchedulerRunOptions {
  /** Called at most every `throttleMs` while the scheduler works, and once at the end. */
  onProgress?: (progress: ScheduleProgress) => void;
  throttleMs?: number;
  /** Force the in-process path (tests of the fallback). */
  inProcess?: boolean;
}

type WorkerMessage = { type: "progress"; progress: ScheduleProgress } | { type: "done"; output: ScheduleOutput } | { type: "error"; message: string };

// Plain CommonJS evaluated by the thread: it has no bundler or loader of its own.
const threadSource = `
const { parentPort, workerData } = require("node:worker_threads");
try {
  const { require: tsxRequire } = require(workerData.tsxApi);
  const { schedule } = tsxRequire(workerData.entry, workerData.entry);
  let last = -Infinity;
  const output = schedule(workerData.input, {
    onProgress(progress) {
      if (progress.phase !== "done" && progress.elapsedMs - last < workerData.throttleMs) return;
      last = progress.elapsedMs;
      parentPort.postMessage({ type: "progress", progress });
    },
  });
  parentPort.postMessage({ type: "done", output });
} catch (error) {
  parentPort.postMessage({ type: "error", message: error && error.message ? error.message : String(error) });
}
`;

function threadPaths(): { tsxApi: string; entry: string } | null {
  const root = process.cwd();
  const entry = path.join(root, "lib", "scheduling", "index.ts");
  if (!existsSync(entry)) return null;
  try {
    const tsxApi = createRequire(path.join(root, "package.json")).resolve("tsx/cjs/api");
    return { tsxApi, entry };
  } catch {
    return null;
  }
}

function inProcess(input: ScheduleInput, options: SchedulerRunOptions): ScheduleOutput {
  let last = -Infinity;
  const throttle = options.throttleMs ?? 250;
  return schedule(input, {
    onProgress: (p) => {
      if (p.phase !== "done" && p.elapsedMs - last < throttle) return;
      last = p.elapsedMs;
      options.onProgress?.(p);
    },
  });
}

export function runSchedulerThread(input: ScheduleInput, options: SchedulerRunOptions = {}): Promise<ScheduleOutput> {
  const paths = options.inProcess ? null : threadPaths();
  if (!paths) return Promise.resolve().then(() => inProcess(input, options));
  return new Promise<ScheduleOutput>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(threadSource, { eval: true, workerData: { ...paths, input, throttleMs: options.throttleMs ?? 250 } });
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") options.onProgress?.(message.progress);
      else if (message.type === "done") {
        settled = true;
        resolve(message.output);
      } else {
        settled = true;
        reject(new Error(`The scheduler stopped with an error: ${message.message}`));
      }
    });
    worker.on("error", (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`The scheduler's thread ended unexpectedly (exit code ${code}).`));
    });
  });
}
