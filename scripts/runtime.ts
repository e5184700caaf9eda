import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../server/database/embedded";

/** Shared by the launcher, db:migrate and db:seed: the same database resolution everywhere. */

export const dataDir = path.resolve(process.env.LYCEUM_DATA_DIR ?? ".data");

export function loadDotEnv(): void {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}

/** Uses DATABASE_URL, or serves the embedded PGlite database from .data/pglite. */
export async function resolveDatabase(): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) return { url: configured, embedded: null };
  const embedded = await startEmbeddedDatabase({
    dataDir: path.join(dataDir, "pglite"),
    port: Number(process.env.LYCEUM_EMBEDDED_DB_PORT ?? 54329),
  });
  process.env.DATABASE_URL = embedded.url;
  process.env.LYCEUM_EMBEDDED_DB = "1";
  return { url: embedded.url, embedded };
}

/** A stable AUTH_SECRET for machines that did not configure one. */
export function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET?.trim()) return;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}
