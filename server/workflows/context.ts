import type { db } from "../db";
import type { Clock } from "./clock";
import type { AppRegistry, ServeHandler } from "./protocol";

export type Db = ReturnType<typeof db>;
/** The client inside db().$transaction(...). */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$use" | "$extends">;

export interface WorkflowLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: WorkflowLogger = {
  info: (m) => console.log(`[workflows] ${m}`),
  warn: (m) => console.warn(`[workflows] ${m}`),
  error: (m, e) => console.error(`[workflows] ${m}`, e ?? ""),
};

export const silentLogger: WorkflowLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Everything one worker needs; built once by createWorkflowEngine. */
export interface EngineContext {
  handler: ServeHandler;
  serveUrl: URL;
  signingKey: string;
  clock: Clock;
  registry: AppRegistry;
  workerId: string;
  leaseMs: number;
  backoff: (attempt: number) => number;
  log: WorkflowLogger;
}

export const terminalStatuses = ["completed", "failed", "cancelled"] as const;
