import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Applies the SQL migrations in prisma/migrations and records them in Prisma's
 * own `_prisma_migrations` table, so `prisma migrate status/deploy` agree with
 * it on a machine that has Prisma's engine. Each migration runs in its own
 * transaction; an advisory lock keeps two processes from migrating at once.
 */

// Every entry point (CLI, Next server, tests) runs from the project root.
export const defaultMigrationsDir = path.join(process.cwd(), "prisma", "migrations");

const MIGRATIONS_TABLE_DDL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every Lyceum process.
const ADVISORY_LOCK_KEY = 72_646_573;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export function readMigrations(dir = defaultMigrationsDir): MigrationFile[] {
  // The migrations folder is read at run time from the project root; it is not part of the server bundle.
  if (!existsSync(/* turbopackIgnore: true */ dir)) throw new MigrationError(`No migrations folder at ${dir}.`);
  return readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/* turbopackIgnore: true */ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function appliedRows(client: pg.ClientBase): Promise<Map<string, AppliedRow>> {
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  return new Map(rows.map((r) => [r.migration_name, r]));
}

function assertUnchanged(file: MigrationFile, row: AppliedRow): void {
  if (row.checksum !== file.checksum) {
    throw new MigrationError(
      `Migration ${file.name} was changed after it was applied to this database ` +
        `(checksum ${row.checksum.slice(0, 12)}… recorded, ${file.checksum.slice(0, 12)}… on disk). ` +
        `Restore the original migration.sql and put the change in a new migration.`,
    );
  }
  if (!row.finished_at) {
    throw new MigrationError(
      `Migration ${file.name} started but never finished on this database. ` +
        `Inspect the database, then delete its row from _prisma_migrations to retry it.`,
    );
  }
}

export async function migrate(
  connectionString: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrationReport> {
  const files = readMigrations(options.dir);
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString });
  await client.connect();
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE_DDL);
    const applied = await appliedRows(client);
    // Refuse before applying anything if history was rewritten.
    for (const file of files) {
      const row = applied.get(file.name);
      if (row) assertUnchanged(file, row);
    }
    for (const file of files) {
      if (applied.has(file.name)) {
        report.alreadyApplied.push(file.name);
        continue;
      }
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, file.checksum, file.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${reason}`);
      }
      report.applied.push(file.name);
      log(`applied ${file.name}`);
    }
    return report;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** Names of migrations on disk that the database has not applied (for /api/ready). */
export async function pendingMigrations(
  query: (sql: string) => Promise<{ migration_name: string; checksum: string }[]>,
  dir?: string,
): Promise<string[]> {
  const files = readMigrations(dir);
  let rows: { migration_name: string; checksum: string }[];
  try {
    rows = await query(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
  } catch {
    return files.map((f) => f.name);
  }
  const done = new Set(rows.map((r) => `${r.migration_name}:${r.checksum}`));
  return files.filter((f) => !done.has(`${f.name}:${f.checksum}`)).map((f) => f.name);
}
