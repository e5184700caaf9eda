import { NonRetriableError } from "inngest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createOrgFixture, type OrgFixture } from "../../tests/fixtures/org";
import { db } from "../db";
import { sendEvent } from "../workflows/events";
import { resetWorkflowTables, testApp, testClient } from "../workflows/test-support";
import {
  cancelWorkflowRun,
  getWorkflowRun,
  listWorkflowRuns,
  retryWorkflowRun,
  workflowRunsOverview,
  type WorkflowRunSummaryDTO,
} from "./workflow-runs";

/**
 * Real runs, made by driving test functions through the embedded engine:
 * one that completes, one that fails with NonRetriableError (until told not
 * to), one that sleeps, and one that fails an attempt and waits to retry.
 */

const minute = 60_000;
const hour = 60 * minute;

const client = testClient("wfruns");
let refuse = true;
const afterNap: string[] = [];
let flakyCalls = 0;

const ok = client.createFunction({ id: "ok", triggers: [{ event: "wfruns/ok" }] }, async ({ step, event }) => {
  const a = await step.run("load", () => ({ n: Number(event.data.n ?? 1) }));
  const b = await step.run("double", () => a.n * 2);
  return { doubled: b };
});
const broken = client.createFunction({ id: "broken", retries: 3, triggers: [{ event: "wfruns/broken" }] }, async ({ step }) => {
  await step.run("prepare", () => "ready");
  return step.run("deliver", () => {
    if (refuse) throw new NonRetriableError("The mail server refused the address.");
    return "delivered";
  });
});
const nap = client.createFunction({ id: "nap", triggers: [{ event: "wfruns/nap" }] }, async ({ step }) => {
  await step.run("before", () => "awake");
  await step.sleep("rest", "1h");
  return step.run("after", () => afterNap.push("ran"));
});
const flaky = client.createFunction({ id: "flaky", retries: 2, triggers: [{ event: "wfruns/flaky" }] }, async ({ step }) => {
  return step.run("call-api", () => {
    flakyCalls++;
    if (flakyCalls === 1) throw new Error("The API timed out.");
    return "answered";
  });
});

let f: OrgFixture;
beforeAll(async () => {
  f = await createOrgFixture("Workflow runs");
});

beforeEach(async () => {
  await resetWorkflowTables();
  refuse = true;
  afterNap.length = 0;
  flakyCalls = 0;
});

/** An app whose worker uses 1 hour of backoff, so a retrying run stays parked until the test moves the clock. */
function makeApp() {
  const app = testApp(client, [ok, broken, nap, flaky]);
  const engine = app.engine({ backoff: () => hour });
  return { ...app, engine, options: { clock: app.clock } };
}

/** Sends one event a minute apart (so "newest first" is well defined) and runs everything that is due. */
async function seedRuns(app: ReturnType<typeof makeApp>) {
  for (const name of ["wfruns/ok", "wfruns/broken", "wfruns/nap", "wfruns/ok"]) {
    await sendEvent({ name, data: { n: 21 } });
    await app.engine.runUntilIdle();
    app.clock.advance(minute);
  }
}

async function only(functionId: string, app: ReturnType<typeof makeApp>): Promise<WorkflowRunSummaryDTO> {
  const page = await listWorkflowRuns(f.actors.sysAdmin, { functionId }, app.options);
  expect(page.items).toHaveLength(1);
  const [run] = page.items;
  if (!run) throw new Error(`No run of ${functionId}`);
  return run;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("workflow runs: listing", () => {
  it("lists runs newest first, filters by status and function, and pages with a cursor", async () => {
    const app = makeApp();
    await seedRuns(app);
    const admin = f.actors.sysAdmin;

    const all = await listWorkflowRuns(admin, {}, app.options);
    expect(all.items.map((r) => [r.functionId, r.status])).toEqual([
      ["wfruns-ok", "completed"],
      ["wfruns-nap", "sleeping"],
      ["wfruns-broken", "failed"],
      ["wfruns-ok", "completed"],
    ]);
    expect(all.nextCursor).toBeNull();

    const failed = await listWorkflowRuns(admin, { status: "failed" }, app.options);
    expect(failed.items.map((r) => r.functionId)).toEqual(["wfruns-broken"]);
    expect(failed.items[0]?.error).toMatchObject({ message: expect.stringContaining("The mail server refused the address.") });
    const oks = await listWorkflowRuns(admin, { functionId: "wfruns-ok", status: "completed" }, app.options);
    expect(oks.items).toHaveLength(2);
    expect(await listWorkflowRuns(admin, { functionId: "wfruns-ok", status: "failed" }, app.options)).toEqual({ items: [], nextCursor: null });

    const first = await listWorkflowRuns(admin, { take: 3 }, app.options);
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBe(first.items[2]?.id);
    const second = await listWorkflowRuns(admin, { take: 3, cursor: first.nextCursor ?? undefined }, app.options);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(all.items.map((r) => r.id));

    const completed = all.items[0];
    expect(completed?.eventName).toBe("wfruns/ok");
    expect(completed?.durationMs).toBe(0); // the manual clock stood still while it ran
    expect(completed?.finishedAt).not.toBeNull();
    expect(all.items[1]?.durationMs).toBeNull(); // still sleeping
  });

  it("counts runs per status and lists the functions that have runs", async () => {
    const app = makeApp();
    await seedRuns(app);
    const overview = await workflowRunsOverview(f.actors.sysAdmin);
    expect(overview.total).toBe(4);
    expect(overview.counts).toEqual({ queued: 0, running: 0, sleeping: 1, waiting: 0, completed: 2, failed: 1, cancelled: 0 });
    expect(overview.functions).toEqual([
      { functionId: "wfruns-ok", runs: 2 },
      { functionId: "wfruns-broken", runs: 1 },
      { functionId: "wfruns-nap", runs: 1 },
    ]);
    expect(overview.mode).toBe("embedded");
    expect(overview.schedules).toEqual([]);
  });

  it("lists the cron schedules the executor fires, soonest first", async () => {
    const nightly = client.createFunction({ id: "nightly", triggers: [{ cron: "0 3 * * *" }] }, async () => "done");
    const hourly = client.createFunction({ id: "hourly", triggers: [{ cron: "0 * * * *" }] }, async () => "done");
    const app = testApp(client, [nightly, hourly]);
    await app.engine().sync();
    const { schedules } = await workflowRunsOverview(f.actors.sysAdmin);
    expect(schedules).toEqual([
      { functionId: "wfruns-hourly", cron: "0 * * * *", nextFireAt: new Date("2026-11-22T11:00:00.000Z") },
      { functionId: "wfruns-nightly", cron: "0 3 * * *", nextFireAt: new Date("2026-11-23T03:00:00.000Z") },
    ]);
  });

  it("rejects a filter that is not a status", async () => {
    const error = await rejection(listWorkflowRuns(f.actors.sysAdmin, { status: "exploded" as "failed" }));
    expect(error.code).toBe("invalid");
    expect(error.message).toContain("Choose a status");
  });
});

describe("workflow runs: one run", () => {
  it("shows a completed run's steps, timings, event and output", async () => {
    const app = makeApp();
    await sendEvent({ name: "wfruns/ok", data: { n: 21 } });
    await app.engine.runUntilIdle();
    const { id } = await only("wfruns-ok", app);

    const run = await getWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ doubled: 42 });
    expect(run.error).toBeNull();
    expect(run.event.name).toBe("wfruns/ok");
    expect(run.event.payload).toMatchObject({ name: "wfruns/ok", data: { n: 21 } });
    expect(run.event.receivedAt).toBeInstanceOf(Date);
    expect(run.steps.map((s) => [s.name, s.op, s.status, s.attempts])).toEqual([
      ["load", "StepRun", "completed", 1],
      ["double", "StepRun", "completed", 1],
    ]);
    expect(run.steps[1]?.output).toBe(42);
    expect(run.steps[0]?.durationMs).toBe(0);
    expect(run.canCancel).toBe(false);
    expect(run.canRetry).toBe(false);
  });

  it("shows which step failed, with its message and stack", async () => {
    const app = makeApp();
    await sendEvent({ name: "wfruns/broken" });
    await app.engine.runUntilIdle();
    const { id } = await only("wfruns-broken", app);

    const run = await getWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toContain("The mail server refused the address.");
    const deliver = run.steps.find((s) => s.name === "deliver");
    expect(deliver).toMatchObject({ status: "failed", output: null, error: { name: "NonRetriableError" } });
    expect(deliver?.error?.message).toContain("The mail server refused the address.");
    expect(deliver?.error?.stack).toContain("NonRetriableError");
    expect(run.steps.find((s) => s.name === "prepare")).toMatchObject({ status: "completed", output: "ready" });
    expect(run.canRetry).toBe(true);
    expect(run.canCancel).toBe(false);
  });

  it("shows a sleeping run's pending sleep and when it wakes", async () => {
    const app = makeApp();
    await sendEvent({ name: "wfruns/nap" });
    await app.engine.runUntilIdle();
    const { id } = await only("wfruns-nap", app);
    const run = await getWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options);
    expect(run.status).toBe("sleeping");
    const rest = run.steps.find((s) => s.name === "rest");
    expect(rest).toMatchObject({ op: "Sleep", status: "sleeping", finishedAt: null });
    expect(rest?.wakeAt?.getTime()).toBe(app.clock.now().getTime() + hour);
    expect(run.canCancel).toBe(true);
    expect(run.canRetry).toBe(false);
  });

  it("says when a run does not exist", async () => {
    const error = await rejection(getWorkflowRun(f.actors.sysAdmin, { runId: "no-such-run" }));
    expect(error.code).toBe("not_found");
  });
});

describe("workflow runs: cancel and retry", () => {
  it("cancels a sleeping run, which never resumes, and audits it", async () => {
    const app = makeApp();
    await sendEvent({ name: "wfruns/nap" });
    await app.engine.runUntilIdle();
    const { id } = await only("wfruns-nap", app);

    const cancelled = await cancelWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.error?.message).toBe("Cancelled by a system admin.");

    app.clock.advance(2 * hour);
    await app.engine.runUntilIdle();
    const run = await getWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options);
    expect(run.status).toBe("cancelled");
    expect(afterNap).toEqual([]);
    expect(run.steps.find((s) => s.name === "rest")?.status).toBe("stopped");
    expect(run.steps.some((s) => s.name === "after")).toBe(false);

    const audit = await db().auditLog.findMany({ where: { targetId: id } });
    expect(audit).toMatchObject([
      { orgId: null, actorId: f.users.sysAdmin.id, action: "workflow_run.cancelled", targetType: "WorkflowRun", data: { functionId: "wfruns-nap" } },
    ]);

    const again = await rejection(cancelWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options));
    expect(again.code).toBe("conflict");
    expect(again.message).toContain("already ended");
  });

  it("retries a failed run as a new run with the same event, which completes", async () => {
    const app = makeApp();
    await sendEvent({ name: "wfruns/broken", data: { to: "someone@example.test" } });
    await app.engine.runUntilIdle();
    const failed = await only("wfruns-broken", app);
    expect(failed.status).toBe("failed");

    refuse = false; // the cause was fixed
    const result = await retryWorkflowRun(f.actors.sysAdmin, { runId: failed.id }, app.options);
    expect(result.kind).toBe("rerun");
    expect(result.runId).not.toBe(failed.id);
    await app.engine.runUntilIdle();

    const rerun = await getWorkflowRun(f.actors.sysAdmin, { runId: result.runId }, app.options);
    expect(rerun.status).toBe("completed");
    expect(rerun.output).toBe("delivered");
    expect(rerun.event.payload).toMatchObject({ name: "wfruns/broken", data: { to: "someone@example.test" } });
    expect((await getWorkflowRun(f.actors.sysAdmin, { runId: failed.id }, app.options)).status).toBe("failed");

    const audit = await db().auditLog.findMany({ where: { targetId: failed.id } });
    expect(audit).toMatchObject([
      { orgId: null, actorId: f.users.sysAdmin.id, action: "workflow_run.retried", data: { newRunId: result.runId, kind: "rerun" } },
    ]);
  });

  it("retries a cancelled run", async () => {
    const app = makeApp();
    await sendEvent({ name: "wfruns/nap" });
    await app.engine.runUntilIdle();
    const { id } = await only("wfruns-nap", app);
    await cancelWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options);
    const result = await retryWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options);
    await app.engine.runUntilIdle();
    expect((await getWorkflowRun(f.actors.sysAdmin, { runId: result.runId }, app.options)).status).toBe("sleeping");
  });

  it("starts the next attempt of a run waiting out a retry backoff at once", async () => {
    const app = makeApp();
    await sendEvent({ name: "wfruns/flaky" });
    await app.engine.runUntilIdle();
    const waiting = await only("wfruns-flaky", app);
    expect(waiting).toMatchObject({ status: "queued", attempt: 1, error: { message: "The API timed out." } });
    expect(waiting.retryAt?.getTime()).toBe(app.clock.now().getTime() + hour);
    const detail = await getWorkflowRun(f.actors.sysAdmin, { runId: waiting.id }, app.options);
    expect(detail).toMatchObject({ canRetry: true, canCancel: true, retryStartsWaitingAttempt: true });
    expect(detail.steps).toMatchObject([{ name: "call-api", status: "retrying", attempts: 1, error: { message: "The API timed out." } }]);

    const result = await retryWorkflowRun(f.actors.sysAdmin, { runId: waiting.id }, app.options);
    expect(result).toEqual({ runId: waiting.id, kind: "retry_now" });
    await app.engine.runUntilIdle(); // the clock has not moved: without the retry nothing would be due
    expect(flakyCalls).toBe(2);
    const run = await getWorkflowRun(f.actors.sysAdmin, { runId: waiting.id }, app.options);
    expect(run.status).toBe("completed");
    expect(run.output).toBe("answered");
  });

  it("refuses to retry a run that is still active or that completed", async () => {
    const app = makeApp();
    await seedRuns(app);
    const sleeping = await only("wfruns-nap", app);
    const active = await rejection(retryWorkflowRun(f.actors.sysAdmin, { runId: sleeping.id }, app.options));
    expect(active.code).toBe("conflict");
    expect(active.message).toBe("This run is still sleeping. Wait for it to end, or cancel it first and then retry.");

    const [completed] = (await listWorkflowRuns(f.actors.sysAdmin, { status: "completed" }, app.options)).items;
    const done = await rejection(retryWorkflowRun(f.actors.sysAdmin, { runId: completed?.id ?? "" }, app.options));
    expect(done.code).toBe("conflict");
    expect(done.message).toContain("completed");
    expect((await workflowRunsOverview(f.actors.sysAdmin)).total).toBe(4);
  });
});

describe("workflow runs: access", () => {
  it("lets only system admins see or change runs", async () => {
    const app = makeApp();
    await sendEvent({ name: "wfruns/nap" });
    await app.engine.runUntilIdle();
    const { id } = await only("wfruns-nap", app);

    for (const actor of [f.actors.rootAdmin, f.actors.teacher, f.actors.student]) {
      for (const call of [
        () => listWorkflowRuns(actor, {}),
        () => workflowRunsOverview(actor),
        () => getWorkflowRun(actor, { runId: id }),
        () => cancelWorkflowRun(actor, { runId: id }),
        () => retryWorkflowRun(actor, { runId: id }),
      ]) {
        const error = await rejection(call());
        expect(error.code).toBe("forbidden");
        expect(error.message).toMatch(/^Only system admins can/);
      }
    }
    expect((await rejection(listWorkflowRuns(null, {}))).code).toBe("unauthenticated");
    expect((await getWorkflowRun(f.actors.sysAdmin, { runId: id }, app.options)).status).toBe("sleeping");
    expect(await db().auditLog.count({ where: { targetId: id } })).toBe(0);
  });
});
