import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;

export function createDb(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { lyceumDb?: PrismaClient };

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
    globalForDb.lyceumDb = createDb(e.DATABASE_URL, { max: e.LYCEUM_EMBEDDED_DB ? 1 : 10 });
  }
  return globalForDb.lyceumDb;
}

/** Tests swap in a client bound to their own database. */
export function setDb(client: PrismaClient): void {
  globalForDb.lyceumDb = client;
}
