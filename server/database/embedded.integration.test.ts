import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, db, setDb, type Db } from "../db";
import { demoAccounts, demoOrgName, demoPassword, seedDemo } from "../seed/demo";
import { verifyCredentials } from "../services/accounts";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";
import { migrate, readMigrations } from "./migrate";

/**
 * The path `npm run dev` takes on a machine without PostgreSQL: PGlite served
 * on a loopback port, migrated by our migrator, seeded through the services,
 * used through Prisma with the ordinary pg adapter.
 */

const migrationNames = readMigrations().map((m) => m.name);

/** Points the process's one client (`db()`) at the embedded database for the duration of `fn`. */
async function withDb<T>(url: string, fn: (client: Db) => Promise<T>): Promise<T> {
  const integrationClient = db();
  // The embedded server runs one query at a time: one connection, as the launcher uses.
  const client = createDb(url, { max: 1 });
  setDb(client);
  try {
    return await fn(client);
  } finally {
    setDb(integrationClient);
    await client.$disconnect();
  }
}

async function demoCounts(client: Db) {
  const org = await client.organization.findFirstOrThrow({ where: { name: demoOrgName }, select: { id: true } });
  const where = { orgId: org.id };
  return {
    organizations: await client.organization.count(),
    users: await client.user.count(),
    units: await client.orgUnit.count({ where }),
    memberships: await client.membership.count({ where }),
    invites: await client.invite.count({ where }),
    auditEntries: await client.auditLog.count({ where }),
  };
}

describe("embedded database (in memory)", () => {
  let embedded: EmbeddedDatabase;

  beforeAll(async () => {
    // Port 0: a free port, so a running `npm run dev` (54329) does not matter.
    embedded = await startEmbeddedDatabase({ port: 0 });
  });

  afterAll(async () => {
    await embedded?.stop();
  });

  it("serves a loopback PostgreSQL URL", () => {
    expect(embedded.url).toBe(`postgresql://postgres:postgres@127.0.0.1:${embedded.port}/postgres?sslmode=disable`);
    expect(embedded.port).toBeGreaterThan(0);
  });

  it("applies every migration, and a second run applies none", async () => {
    const first = await migrate(embedded.url);
    expect(first.applied).toEqual(migrationNames);
    const second = await migrate(embedded.url);
    expect(second).toEqual({ applied: [], alreadyApplied: migrationNames });
  });

  it("seeds the demo organisation through the services, once", async () => {
    await withDb(embedded.url, async (client) => {
      const first = await seedDemo();
      expect(first.created).toBe(true);

      const org = await client.organization.findFirstOrThrow({
        where: { name: demoOrgName },
        select: { id: true, slug: true },
      });
      expect(org.slug).toBe("lyceum-demo-academy");

      const units = await client.orgUnit.findMany({
        where: { orgId: org.id },
        select: { id: true, name: true, parentId: true, depth: true, path: true, archivedAt: true },
      });
      const byName = new Map(units.map((u) => [u.name, u]));
      expect([...byName.keys()].sort()).toEqual(
        [demoOrgName, "North Campus", "Science Department", "Cohort 2026 · Physics", "South Campus"].sort(),
      );
      const root = byName.get(demoOrgName);
      const cohort = byName.get("Cohort 2026 · Physics");
      expect(root).toMatchObject({ parentId: null, depth: 0, path: `/${root?.id}/`, archivedAt: null });
      expect(cohort?.depth).toBe(3);
      expect(cohort?.path.startsWith(`/${root?.id}/`)).toBe(true);

      const users = await client.user.findMany({
        where: { email: { in: demoAccounts.map((a) => a.email) } },
        select: {
          email: true,
          isSystemAdmin: true,
          memberships: { select: { role: true, unit: { select: { name: true } } } },
        },
      });
      const roleOf = (email: string) => users.find((u) => u.email === email);
      expect(users).toHaveLength(demoAccounts.length);
      for (const account of demoAccounts) {
        const user = roleOf(account.email);
        expect(user?.isSystemAdmin, account.email).toBe(account.role === "system_admin");
        if (account.role === "system_admin") continue;
        expect(user?.memberships.map((m) => m.role), account.email).toEqual([account.role]);
      }
      expect(roleOf("teacher@demo.lyceum.dev")?.memberships[0]?.unit.name).toBe("Science Department");
      expect(roleOf("student@demo.lyceum.dev")?.memberships[0]?.unit.name).toBe("Cohort 2026 · Physics");

      const before = await demoCounts(client);
      expect(before.organizations).toBe(1);
      const second = await seedDemo();
      expect(second.created).toBe(false);
      expect(await demoCounts(client)).toEqual(before);
    });
  });

  it("signs the demo accounts in with the demo password, and nobody with a wrong one", async () => {
    await withDb(embedded.url, async () => {
      for (const account of demoAccounts) {
        expect(await verifyCredentials({ email: account.email, password: demoPassword }), account.email).toMatchObject({
          email: account.email,
          name: account.name,
        });
      }
      expect(await verifyCredentials({ email: demoAccounts[0]!.email, password: `${demoPassword}-wrong` })).toBeNull();
    });
  });

  it("leaves the integration database bound to db() afterwards", async () => {
    const rows = await db().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    expect(rows[0]?.name).toMatch(/^lyceum_test_/);
  });
});

describe("embedded database (data folder)", () => {
  let dataDir: string;
  let running: EmbeddedDatabase | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "lyceum-pglite-"));
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps migrations, the seed and new rows across a stop and start", async () => {
    running = await startEmbeddedDatabase({ dataDir, port: 0 });
    expect((await migrate(running.url)).applied).toEqual(migrationNames);
    const orgId = await withDb(running.url, async (client) => {
      expect((await seedDemo()).created).toBe(true);
      const org = await client.organization.create({ data: { name: "Survives Restart", slug: "survives-restart" } });
      return org.id;
    });
    await running.stop();
    running = undefined;

    running = await startEmbeddedDatabase({ dataDir, port: 0 });
    expect(await migrate(running.url)).toEqual({ applied: [], alreadyApplied: migrationNames });
    await withDb(running.url, async (client) => {
      expect(await client.organization.findUnique({ where: { id: orgId }, select: { name: true } })).toEqual({
        name: "Survives Restart",
      });
      expect((await seedDemo()).created).toBe(false);
      expect(await verifyCredentials({ email: demoAccounts[0]!.email, password: demoPassword })).not.toBeNull();
    });
  });
});
