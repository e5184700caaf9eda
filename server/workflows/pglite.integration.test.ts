import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../database/embedded";
import { migrate } from "../database/migrate";
import { createDb, db, setDb } from "../db";
import { sendEvent } from "./events";
import { runsOf, testApp, testClient } from "./test-support";

/**
 * The executor on the embedded database (PGlite), which `npm run dev` uses on
 * a machine without PostgreSQL: row locks with SKIP LOCKED, advisory locks,
 * jsonb operators, crons, sleeps and waits behave as on PostgreSQL.
 */
describe("embedded executor on PGlite", () => {
  let embedded: EmbeddedDatabase;
  const integrationClient = db();

  beforeAll(async () => {
    embedded = await startEmbeddedDatabase({ port: 0 });
    await migrate(embedded.url);
    setDb(createDb(embedded.url, { max: 1 }));
  }, 60_000);

  afterAll(async () => {
    const client = db();
    setDb(integrationClient);
    await client.$disconnect();
    await embedded?.stop();
  });

  it("runs steps, sleeps, waits, concurrency, idempotency and crons", async () => {
    const client = testClient("pglite");
    const done: string[] = [];
    const flow = client.createFunction(
      { id: "flow", concurrency: { limit: 1, key: "event.data.group" }, idempotency: "event.data.key", triggers: [{ event: "pglite/go" }] },
      async ({ event, step }) => {
        await step.run("first", () => done.push(`first:${event.data.key}`));
        await step.sleep("pause", "10m");
        const reply = await step.waitForEvent("reply", { event: "pglite/reply", match: "data.key", timeout: "1h" });
        await step.run("last", () => done.push(`last:${event.data.key}:${reply ? "reply" : "timeout"}`));
      },
    );
    const tick = client.createFunction({ id: "tick", triggers: [{ cron: "*/5 * * * *" }] }, async ({ step }) => {
      await step.run("tick", () => done.push("tick"));
    });
    const app = testApp(client, [flow, tick], new Date("2026-11-22T10:01:00.000Z"));
    const workers = [app.engine(), app.engine()];
    for (const w of workers) await w.sync();
    const idle = () => Promise.all(workers.map((w) => w.runUntilIdle()));

    await sendEvent([
      { name: "pglite/go", data: { key: "k1", group: "g" } },
      { name: "pglite/go", data: { key: "k1", group: "g" } },
      { name: "pglite/go", data: { key: "k2", group: "g" } },
    ]);
    await idle();
    expect(done.filter((d) => d.startsWith("first")).sort()).toEqual(["first:k1", "first:k2"]);

    app.clock.advance(10 * 60_000);
    await idle();
    await sendEvent({ name: "pglite/reply", data: { key: "k1" } });
    await idle();
    app.clock.advance(60 * 60_000);
    await idle();

    expect(done.filter((d) => d.startsWith("last")).sort()).toEqual(["last:k1:reply", "last:k2:timeout"]);
    expect((await runsOf("pglite-flow")).map((r) => r.status)).toEqual(["completed", "completed"]);
    expect(done.filter((d) => d === "tick").length).toBeGreaterThanOrEqual(1);
    expect((await runsOf("pglite-tick")).every((r) => r.status === "completed")).toBe(true);
  }, 60_000);
});
