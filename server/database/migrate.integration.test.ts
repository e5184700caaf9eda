import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { checksumOf, migrate, MigrationError } from "./migrate";

function freshDir(migrations: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lyceum-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const base = new URL(inject("databaseUrl"));
  const name = `lyceum_mig_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    base.pathname = `/${name}`;
    return await fn(base.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function rows(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrate", () => {
  it("applies each migration once, records Prisma's rows, and is safe to run twice", async () => {
    await withScratchDatabase(async (url) => {
      const sql = 'CREATE TABLE "Thing" ("id" TEXT PRIMARY KEY);';
      const dir = freshDir({ "20260101000000_a": sql, "20260102000000_b": 'ALTER TABLE "Thing" ADD COLUMN "n" INT;' });
      const first = await migrate(url, { dir });
      expect(first.applied).toEqual(["20260101000000_a", "20260102000000_b"]);
      const second = await migrate(url, { dir });
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toHaveLength(2);
      const recorded = await rows(url, `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(recorded).toHaveLength(2);
      expect(recorded[0]).toMatchObject({ migration_name: "20260101000000_a", checksum: checksumOf(sql), applied_steps_count: 1 });
      expect(recorded[0].finished_at).toBeInstanceOf(Date);
    });
  });

  it("refuses a migration whose file changed after it was applied, and changes nothing", async () => {
    await withScratchDatabase(async (url) => {
      const dir = freshDir({ "20260101000000_a": 'CREATE TABLE "A" ("id" INT);' });
      await migrate(url, { dir });
      writeFileSync(path.join(dir, "20260101000000_a", "migration.sql"), 'CREATE TABLE "A" ("id" BIGINT);');
      mkdirSync(path.join(dir, "20260103000000_c"));
      writeFileSync(path.join(dir, "20260103000000_c", "migration.sql"), 'CREATE TABLE "C" ("id" INT);');
      await expect(migrate(url, { dir })).rejects.toThrow(MigrationError);
      await expect(migrate(url, { dir })).rejects.toThrow(/changed after it was applied/);
      const tables = await rows(url, `SELECT table_name FROM information_schema.tables WHERE table_name = 'C'`);
      expect(tables).toHaveLength(0);
    });
  });

  it("rolls back a failing migration completely", async () => {
    await withScratchDatabase(async (url) => {
      const dir = freshDir({ "20260101000000_bad": 'CREATE TABLE "B" ("id" INT); SELECT * FROM "missing_table";' });
      await expect(migrate(url, { dir })).rejects.toThrow(/failed and was rolled back/);
      expect(await rows(url, `SELECT table_name FROM information_schema.tables WHERE table_name = 'B'`)).toHaveLength(0);
      expect(await rows(url, `SELECT * FROM "_prisma_migrations"`)).toHaveLength(0);
    });
  });
});
