import { pendingMigrations } from "../database/migrate";
import { db } from "../db";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  pendingMigrations: string[];
  error?: string;
}

/** Readiness: the database answers and every migration on disk is applied. */
export async function checkReadiness(): Promise<Readiness> {
  try {
    await db().$queryRaw`SELECT 1`;
  } catch {
    return { ready: false, database: "unreachable", pendingMigrations: [], error: "The database did not answer." };
  }
  const pending = await pendingMigrations((sql) => db().$queryRawUnsafe(sql));
  return {
    ready: pending.length === 0,
    database: "ok",
    pendingMigrations: pending,
    ...(pending.length ? { error: "Run `npm run db:migrate` to apply pending migrations." } : {}),
  };
}
