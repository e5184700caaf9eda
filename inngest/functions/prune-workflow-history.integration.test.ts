import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { resetWorkflowTables } from "@/server/workflows/test-support";
import { pruneWorkflowHistoryFunction } from "./prune-workflow-history";

const day = 24 * 60 * 60 * 1000;
const firedAt = new Date("2026-11-22T03:30:00.000Z");
const ago = (days: number) => new Date(firedAt.getTime() - days * day);

async function run(status: "completed" | "failed" | "cancelled" | "sleeping", finishedDaysAgo: number | null): Promise<string> {
  const created = await db().workflowRun.create({
    data: {
      functionId: "lyceum-test",
      status,
      event: { name: "test/event", data: {} },
      maxAttempts: 1,
      createdAt: ago(60),
      finishedAt: finishedDaysAgo === null ? null : ago(finishedDaysAgo),
      steps: { create: [{ hashedId: `h-${Math.random()}`, name: "step", op: "StepRun", startedAt: ago(60) }] },
    },
    select: { id: true },
  });
  return created.id;
}

beforeEach(resetWorkflowTables);

describe("prune-workflow-history against the database", () => {
  it("deletes completed runs after 7 days and failed or cancelled ones after 30, never runs that have not ended", async () => {
    const keep = [await run("completed", 6), await run("failed", 29), await run("cancelled", 10), await run("sleeping", null)];
    const gone = [await run("completed", 8), await run("failed", 31), await run("cancelled", 45)];
    await db().workflowEvent.createMany({
      data: [
        { id: "old-processed", name: "test/event", payload: {}, receivedAt: ago(9), processedAt: ago(8) },
        { id: "recent-processed", name: "test/event", payload: {}, receivedAt: ago(2), processedAt: ago(2) },
        { id: "old-unprocessed", name: "test/event", payload: {}, receivedAt: ago(9) },
      ],
    });

    const t = new InngestTestEngine({ function: pruneWorkflowHistoryFunction });
    const { result } = await t.execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "30 3 * * *" }, ts: firedAt.getTime() }],
    });

    expect(result).toEqual({ runs: 3, events: 1, completedBefore: ago(7).toISOString(), endedBefore: ago(30).toISOString() });
    const left = (await db().workflowRun.findMany({ select: { id: true } })).map((r) => r.id).sort();
    expect(left).toEqual([...keep].sort());
    expect(await db().workflowStep.count({ where: { runId: { in: gone } } })).toBe(0);
    const events = (await db().workflowEvent.findMany({ select: { id: true } })).map((e) => e.id).sort();
    expect(events).toEqual(["old-unprocessed", "recent-processed"]);
  });
});
