import { randomUUID } from "node:crypto";
import { systemClock, type Clock } from "./clock";
import { consoleLogger, type EngineContext, type WorkflowLogger } from "./context";
import { driveRun } from "./drive";
import { retryBackoffMs } from "./duration";
import { workflowWakeups } from "./events";
import { ingestEvents } from "./ingest";
import { leaseRuns } from "./lease";
import { syncApp, type AppRegistry, type ServeHandler } from "./protocol";
import { fireSchedules, syncSchedules } from "./schedules";
import { embeddedSigningKey } from "./signing";

export interface WorkflowEngineOptions {
  /** The serve handler, exactly what /api/inngest exports (in-process), or a fetch to that route. */
  handler: ServeHandler;
  /** The URL the handler believes it serves; only used to build requests. */
  serveUrl?: string;
  /** Must be the signing key of the handler's Inngest client (embeddedClientOptions() uses the same default). */
  signingKey?: string;
  clock?: Clock;
  /** How long a worker owns a run it is calling before another may take it over (renewed while the call lasts). */
  leaseMs?: number;
  /** Runs this worker drives at the same time. */
  concurrency?: number;
  /** Delay before retry number n (1-based). */
  backoff?: (attempt: number) => number;
  workerId?: string;
  logger?: WorkflowLogger;
}

export interface WorkflowEngine {
  readonly workerId: string;
  /** Reads the functions from the serve handler (an in-band sync) and registers cron schedules. */
  sync(): Promise<AppRegistry>;
  /** One round: fan out events, fire due crons, lease due runs and start driving them. Returns the work found. */
  tick(signal?: AbortSignal): Promise<number>;
  /** Ticks until nothing is due now and nothing is in flight (tests, scripts). */
  runUntilIdle(options?: { maxTicks?: number }): Promise<void>;
  /** Polls until `signal` aborts, then hands back the runs it holds between two calls and resolves. */
  start(options?: { pollMs?: number; signal?: AbortSignal }): Promise<void>;
}

export function createWorkflowEngine(options: WorkflowEngineOptions): WorkflowEngine {
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const concurrency = options.concurrency ?? 4;
  let ctx: EngineContext | undefined;
  const inflight = new Map<string, Promise<void>>();

  const engine: WorkflowEngine = {
    workerId,
    async sync() {
      const base = {
        handler: options.handler,
        serveUrl: new URL(options.serveUrl ?? "http://localhost:3000/api/inngest"),
        signingKey: options.signingKey ?? embeddedSigningKey(),
        clock: options.clock ?? systemClock,
        workerId,
        leaseMs: options.leaseMs ?? 60_000,
        backoff: options.backoff ?? ((attempt: number) => retryBackoffMs(attempt)),
        log: options.logger ?? consoleLogger,
      };
      const registry = await syncApp(base.handler, base.serveUrl, base.signingKey);
      ctx = { ...base, registry };
      for (const fn of registry.functions.values()) {
        if (fn.unsupported.length) {
          ctx.log.warn(`Function ${fn.id} uses ${fn.unsupported.join(", ")}; the embedded executor ignores ${fn.unsupported.length > 1 ? "them" : "it"}.`);
        }
      }
      await syncSchedules(ctx);
      return registry;
    },
    async tick(signal) {
      const c = ctx ?? (await engine.sync().then(() => ctx));
      if (!c) throw new Error("The workflow engine did not sync.");
      let work = (await ingestEvents(c)) + (await fireSchedules(c));
      const free = concurrency - inflight.size;
      if (free > 0 && !signal?.aborted) {
        const ids = await leaseRuns(c, free);
        for (const id of ids) {
          const drive = driveRun(c, id, { signal })
            .catch((error) => c.log.error(`Run ${id} stopped unexpectedly; it resumes when its lease runs out.`, error))
            .finally(() => inflight.delete(id));
          inflight.set(id, drive);
        }
        work += ids.length;
      }
      return work;
    },
    async runUntilIdle({ maxTicks = 10_000 } = {}) {
      for (let i = 0; i < maxTicks; i++) {
        const work = await engine.tick();
        if (inflight.size > 0) await Promise.race(inflight.values());
        else if (work === 0) return;
      }
      throw new Error(`runUntilIdle: still busy after ${maxTicks} ticks.`);
    },
    async start({ pollMs = 1000, signal } = {}) {
      if (!ctx) await engine.sync();
      while (!signal?.aborted) {
        let work = 0;
        try {
          work = await engine.tick(signal);
        } catch (error) {
          (ctx?.log ?? consoleLogger).error("A worker round failed; retrying after the poll interval.", error);
        }
        if (signal?.aborted) break;
        if (work === 0 || inflight.size >= concurrency) await waitForWork(pollMs, signal, [...inflight.values()]);
      }
      await Promise.allSettled(inflight.values());
    },
  };
  return engine;
}

/** Resolves after `ms`, or sooner when an event is sent in this process, a run finishes, or the worker stops. */
function waitForWork(ms: number, signal: AbortSignal | undefined, running: Promise<void>[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      workflowWakeups.off("events", done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    workflowWakeups.on("events", done);
    signal?.addEventListener("abort", done, { once: true });
    if (running.length) void Promise.race(running).then(done);
  });
}

/**
 * Starts a worker that runs until `signal` aborts. Resolves once it has synced
 * (so configuration errors surface to the caller); `stopped` resolves when it
 * has handed back its runs after the abort.
 */
export async function startEmbeddedWorker(
  options: WorkflowEngineOptions & { pollMs?: number; signal?: AbortSignal },
): Promise<{ engine: WorkflowEngine; registry: AppRegistry; stopped: Promise<void> }> {
  const engine = createWorkflowEngine(options);
  const registry = await engine.sync();
  const stopped = engine.start({ pollMs: options.pollMs, signal: options.signal });
  return { engine, registry, stopped };
}
