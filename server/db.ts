import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { lyceumDb?: PrismaClient; lyceumQueryCount?: number };

export function createDb(connectionString: string, options: { max?: number; countQueries?: boolean } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
  // Prisma runs findUnique calls issued together as one batch in a transaction; under a burst of requests the
  // pool is busy for longer than the default 2 s wait, and a page would fail where it should only be slower.
  const transactionOptions = { maxWait: 15_000 };
  if (!options.countQueries) return new PrismaClient({ adapter, transactionOptions });
  const client = new PrismaClient({ adapter, transactionOptions, log: [{ emit: "event", level: "query" }] });
  // On globalThis: Next may load this module more than once (route handlers and pages), all sharing one client.
  client.$on("query", (e) => {
    globalForDb.lyceumQueryCount = (globalForDb.lyceumQueryCount ?? 0) + 1;
    if (process.env.LYCEUM_QUERY_LOG === "1") console.error(`[query ${e.duration}ms] ${e.query.slice(0, 400)}`);
  });
  return client;
}

/** SQL statements sent by this process since it started (only counted with LYCEUM_QUERY_STATS). */
export function queryCount(): number {
  return globalForDb.lyceumQueryCount ?? 0;
}

/**
 * The process's one Prisma client. The embedded PGlite server executes one
 * query at a time across all connections, so one connection per process keeps
 * transactions from interleaving there.
 */
export function db(): PrismaClient {
  if (!globalForDb.lyceumDb) {
    const e = env();
    if (!e.DATABASE_URL) {
      throw new Error(
        "DATABASE_URL is not set. Start Lyceum with `npm run dev` or `npm start`, which serve an embedded database when none is configured.",
      );
    }
    globalForDb.lyceumDb = createDb(e.DATABASE_URL, { max: e.LYCEUM_EMBEDDED_DB ? 1 : 10, countQueries: e.LYCEUM_QUERY_STATS });
  }
  return globalForDb.lyceumDb;
}

/** Tests swap in a client bound to their own database. */
export function setDb(client: PrismaClient): void {
  globalForDb.lyceumDb = client;
}
