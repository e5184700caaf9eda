import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createWorkflowEngine, manualClock, silentLogger } from "@/server/workflows";
import { resetWorkflowTables } from "@/server/workflows/test-support";
import { functions, inngest, mailSendRequested } from "./index";
import { callServeHandler } from "./worker";

beforeEach(resetWorkflowTables);

describe("the app's functions on the embedded executor", () => {
  it("inngest.send of a typed event runs send-mail through the in-process serve handler", async () => {
    const to = `worker-${Date.now()}@example.com`;
    const engine = createWorkflowEngine({ handler: callServeHandler, logger: silentLogger });
    const registry = await engine.sync();
    // The in-band sync must find every function the app lists, under Inngest's "<app>-<fn>" ids.
    const listed = functions.map((fn) => fn.id("lyceum")).sort();
    expect(listed).toContain("lyceum-send-mail");
    expect([...registry.functions.keys()].sort()).toEqual(listed);

    await inngest.send(mailSendRequested.create({ to, subject: "Queued", text: "Sent by a workflow", html: "<p>Sent by a workflow</p>" }));
    await engine.runUntilIdle();

    const run = await db().workflowRun.findFirstOrThrow({ where: { functionId: "lyceum-send-mail" } });
    expect(run.status).toBe("completed");
    expect(await db().mailMessage.count({ where: { to, subject: "Queued" } })).toBe(1);
  });

  it("refuses an invalid typed event at send time", async () => {
    await expect(inngest.send(mailSendRequested.create({ to: "nobody", subject: "x", text: "", html: "" }))).rejects.toThrow();
    expect(await db().workflowEvent.count()).toBe(0);
  });

  it("schedules the nightly cleanup from its cron trigger", async () => {
    const clock = manualClock(new Date("2026-11-22T10:00:00.000Z"));
    const engine = createWorkflowEngine({ handler: callServeHandler, logger: silentLogger, clock });
    await engine.sync();
    const schedule = await db().workflowSchedule.findUniqueOrThrow({ where: { id: "lyceum-cleanup-expired-sessions 0 3 * * *" } });
    expect(schedule.nextFireAt.toISOString()).toBe("2026-11-23T03:00:00.000Z");
    clock.set(new Date("2026-11-23T03:00:00.000Z"));
    await engine.runUntilIdle();
    const run = await db().workflowRun.findFirstOrThrow({ where: { functionId: "lyceum-cleanup-expired-sessions" } });
    expect(run.status).toBe("completed");
    expect(run.output).toMatchObject({ data: { endedBefore: "2026-10-24T03:00:00.000Z" } });
  });
});
