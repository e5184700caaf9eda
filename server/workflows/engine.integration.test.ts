import { NonRetriableError, RetryAfterError } from "inngest";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { sendEvent } from "./events";
import { callRequest, signedRequest } from "./protocol";
import { embeddedSigningKey } from "./signing";
import { resetWorkflowTables, runsOf, testApp, testClient } from "./test-support";

beforeEach(resetWorkflowTables);

const minute = 60_000;
const hour = 60 * minute;

describe("embedded executor: steps", () => {
  it("runs each step body once across calls and sends every memoised result back", async () => {
    const client = testClient("memo");
    const bodies: string[] = [];
    const fn = client.createFunction({ id: "three-steps", triggers: [{ event: "memo/go" }] }, async ({ step, event }) => {
      const a = await step.run("a", () => {
        bodies.push("a");
        return { n: Number(event.data.n) };
      });
      const b = await step.run("b", () => {
        bodies.push("b");
        return a.n * 2;
      });
      const c = await step.run("c", () => {
        bodies.push("c");
        return b + 1;
      });
      return { a, b, c };
    });
    const app = testApp(client, [fn]);
    const seenSteps: number[] = [];
    const engine = app.engine({
      handler: async (request) => {
        const body = JSON.parse(await request.clone().text()) as { steps?: Record<string, unknown> };
        if (request.method === "POST") seenSteps.push(Object.keys(body.steps ?? {}).length);
        return app.handler(request);
      },
    });
    await sendEvent({ name: "memo/go", data: { n: 5 } });
    await engine.runUntilIdle();

    const [run] = await runsOf("memo-three-steps");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ data: { a: { n: 5 }, b: 10, c: 11 } });
    expect(bodies).toEqual(["a", "b", "c"]);
    expect(seenSteps).toEqual([0, 1, 2, 3]);
    expect(run?.steps.map((s) => s.name).sort()).toEqual(["a", "b", "c"]);
    expect(run?.stack).toHaveLength(3);
  });

  it("runs parallel steps in their own calls (StepPlanned) and memoises both", async () => {
    const client = testClient("parallel");
    const bodies: string[] = [];
    const fn = client.createFunction({ id: "fan", triggers: [{ event: "parallel/go" }] }, async ({ step }) => {
      const [x, y] = await Promise.all([
        step.run("x", () => {
          bodies.push("x");
          return 1;
        }),
        step.run("y", () => {
          bodies.push("y");
          return 2;
        }),
      ]);
      const z = await step.run("z", () => {
        bodies.push("z");
        return x + y;
      });
      return z;
    });
    const app = testApp(client, [fn]);
    await sendEvent({ name: "parallel/go", data: {} });
    await app.engine().runUntilIdle();
    const [run] = await runsOf("parallel-fan");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ data: 3 });
    expect(bodies.sort()).toEqual(["x", "y", "z"]);
    expect(run?.disableImmediateExecution).toBe(true);
  });
});

describe("embedded executor: retries", () => {
  it("retries a failing parallel step without holding up its sibling, counting its own attempts", async () => {
    const client = testClient("parallel-retry");
    const calls: string[] = [];
    let flaky = 0;
    const fn = client.createFunction({ id: "fan", retries: 2, triggers: [{ event: "parallel-retry/go" }] }, async ({ step }) => {
      const [x, y] = await Promise.all([
        step.run("flaky", () => {
          calls.push(`flaky ${++flaky}`);
          if (flaky < 3) throw new Error(`boom ${flaky}`);
          return "x";
        }),
        step.run("steady", () => {
          calls.push("steady");
          return "y";
        }),
      ]);
      return `${x}${y}`;
    });
    const app = testApp(client, [fn]);
    const engine = app.engine({ backoff: () => minute });
    await sendEvent({ name: "parallel-retry/go", data: {} });
    await engine.runUntilIdle();
    // The sibling ran right after the first failure instead of waiting for the retries.
    expect(calls.slice(0, 2)).toEqual(["flaky 1", "steady"]);
    for (let i = 0; i < 5; i++) {
      app.clock.advance(minute);
      await engine.runUntilIdle();
    }
    const [run] = await runsOf("parallel-retry-fan");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ data: "xy" });
    expect(calls.filter((c) => c === "steady")).toHaveLength(1);
    // retries: 2 means 3 attempts in all: the third succeeds.
    expect(flaky).toBe(3);
    expect(run?.steps.find((s) => s.name === "flaky")?.attempts).toBe(3);
  });


  it("retries a failing step with backoff, then succeeds; the step before it does not run again", async () => {
    const client = testClient("retry");
    let before = 0;
    let flaky = 0;
    const fn = client.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "retry/go" }] }, async ({ step }) => {
      await step.run("before", () => ++before);
      return step.run("flaky", () => {
        flaky++;
        if (flaky < 3) throw new Error(`boom ${flaky}`);
        return "ok";
      });
    });
    const app = testApp(client, [fn]);
    const engine = app.engine({ backoff: (attempt) => attempt * minute });
    await sendEvent({ name: "retry/go", data: {} });
    await engine.runUntilIdle();
    let [run] = await runsOf("retry-flaky");
    expect(run?.status).toBe("queued");
    expect(run?.attempt).toBe(1);
    expect(run?.error).toMatchObject({ message: "boom 1" });
    expect(run?.nextRunAt?.getTime()).toBe(app.clock.now().getTime() + minute);

    app.clock.advance(minute - 1);
    await engine.runUntilIdle();
    expect(flaky).toBe(1); // not due yet

    app.clock.advance(1);
    await engine.runUntilIdle();
    expect(flaky).toBe(2);
    app.clock.advance(2 * minute);
    await engine.runUntilIdle();

    [run] = await runsOf("retry-flaky");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ data: "ok" });
    expect(run?.attempt).toBe(0);
    expect(before).toBe(1);
    expect(flaky).toBe(3);
    const step = run?.steps.find((s) => s.name === "flaky");
    expect(step?.attempts).toBe(3);
    expect(step?.error).toMatchObject({ message: "boom 2" });
  });

  it("retries an error thrown outside steps, and honours RetryAfterError", async () => {
    const client = testClient("fnretry");
    let calls = 0;
    const fn = client.createFunction({ id: "body", triggers: [{ event: "fnretry/go" }] }, async ({ attempt }) => {
      calls++;
      if (attempt === 0) throw new Error("first try fails");
      if (attempt === 1) throw new RetryAfterError("later", new Date("2026-11-22T12:00:00.000Z"));
      return { attempt };
    });
    const app = testApp(client, [fn]);
    const engine = app.engine();
    await sendEvent({ name: "fnretry/go", data: {} });
    await engine.runUntilIdle();
    app.clock.advance(1000);
    await engine.runUntilIdle();
    let [run] = await runsOf("fnretry-body");
    expect(run?.status).toBe("queued");
    expect(run?.nextRunAt?.toISOString()).toBe("2026-11-22T12:00:00.000Z");
    app.clock.set(new Date("2026-11-22T12:00:00.000Z"));
    await engine.runUntilIdle();
    [run] = await runsOf("fnretry-body");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ data: { attempt: 2 } });
    expect(calls).toBe(3);
  });

  it("fails without retrying on NonRetriableError, in a step or in the function", async () => {
    const client = testClient("noretry");
    let stepBodies = 0;
    let fnBodies = 0;
    const inStep = client.createFunction({ id: "in-step", retries: 5, triggers: [{ event: "noretry/step" }] }, async ({ step }) => {
      await step.run("refuse", () => {
        stepBodies++;
        throw new NonRetriableError("This address is blocked.");
      });
    });
    const inBody = client.createFunction({ id: "in-body", retries: 5, triggers: [{ event: "noretry/body" }] }, async () => {
      fnBodies++;
      throw new NonRetriableError("Nothing to do.");
    });
    const app = testApp(client, [inStep, inBody]);
    await sendEvent([{ name: "noretry/step" }, { name: "noretry/body" }]);
    const engine = app.engine();
    await engine.runUntilIdle();
    app.clock.advance(hour);
    await engine.runUntilIdle();

    const [stepRun] = await runsOf("noretry-in-step");
    expect(stepRun?.status).toBe("failed");
    expect(stepRun?.error).toMatchObject({ message: expect.stringContaining("This address is blocked.") });
    expect(stepBodies).toBe(1);
    const [bodyRun] = await runsOf("noretry-in-body");
    expect(bodyRun?.status).toBe("failed");
    expect(bodyRun?.error).toMatchObject({ name: "NonRetriableError", message: "Nothing to do." });
    expect(fnBodies).toBe(1);
  });

  it("fails after the function's retries are used up, and runs its onFailure handler", async () => {
    const client = testClient("exhaust");
    let bodies = 0;
    const failures: string[] = [];
    const fn = client.createFunction(
      {
        id: "always",
        retries: 1,
        triggers: [{ event: "exhaust/go" }],
        onFailure: async ({ event, step }) => {
          await step.run("note", () => failures.push(String(event.data.error.message)));
        },
      },
      async ({ step }) => {
        await step.run("fail", () => {
          bodies++;
          throw new Error(`attempt ${bodies}`);
        });
      },
    );
    const app = testApp(client, [fn]);
    const engine = app.engine();
    await sendEvent({ name: "exhaust/go" });
    await engine.runUntilIdle();
    app.clock.advance(1000);
    await engine.runUntilIdle();
    const [run] = await runsOf("exhaust-always");
    expect(run?.status).toBe("failed");
    expect(run?.error).toMatchObject({ message: expect.stringContaining("attempt 2") });
    expect(bodies).toBe(2);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("attempt 2");
  });
});

describe("embedded executor: sleeps and waits", () => {
  it("sleeps until the clock passes the duration, and sleepUntil until the date", async () => {
    const client = testClient("sleep");
    const fn = client.createFunction({ id: "nap", triggers: [{ event: "sleep/go" }] }, async ({ step }) => {
      await step.sleep("short", "2h");
      await step.sleepUntil("until", new Date("2026-11-23T09:00:00.000Z"));
      return step.run("after", () => "awake");
    });
    const app = testApp(client, [fn]);
    const engine = app.engine();
    await sendEvent({ name: "sleep/go" });
    await engine.runUntilIdle();
    let [run] = await runsOf("sleep-nap");
    expect(run?.status).toBe("sleeping");
    expect(run?.nextRunAt?.toISOString()).toBe("2026-11-22T12:00:00.000Z");

    app.clock.advance(2 * hour - 1);
    await engine.runUntilIdle();
    [run] = await runsOf("sleep-nap");
    expect(run?.steps.find((s) => s.name === "short")?.finishedAt).toBeNull();

    app.clock.advance(1);
    await engine.runUntilIdle();
    [run] = await runsOf("sleep-nap");
    expect(run?.status).toBe("sleeping");
    expect(run?.nextRunAt?.toISOString()).toBe("2026-11-23T09:00:00.000Z");

    app.clock.set(new Date("2026-11-23T09:00:00.000Z"));
    await engine.runUntilIdle();
    [run] = await runsOf("sleep-nap");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ data: "awake" });
  });

  it("resumes step.waitForEvent on a matching event and ignores others", async () => {
    const client = testClient("wait");
    const fn = client.createFunction({ id: "reply", triggers: [{ event: "wait/asked" }] }, async ({ step }) => {
      const reply = await step.waitForEvent("reply", { event: "wait/answered", timeout: "1d", match: "data.threadId" });
      return reply ? reply.data.text : "no reply";
    });
    const app = testApp(client, [fn]);
    const engine = app.engine();
    await sendEvent({ name: "wait/asked", data: { threadId: "t1" } });
    await engine.runUntilIdle();
    let [run] = await runsOf("wait-reply");
    expect(run?.status).toBe("waiting");
    expect(await db().workflowWaiter.count()).toBe(1);

    await sendEvent({ name: "wait/answered", data: { threadId: "other", text: "not for you" } });
    await engine.runUntilIdle();
    [run] = await runsOf("wait-reply");
    expect(run?.status).toBe("waiting");

    await sendEvent({ name: "wait/answered", data: { threadId: "t1", text: "hello" } });
    await engine.runUntilIdle();
    [run] = await runsOf("wait-reply");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ data: "hello" });
    expect(await db().workflowWaiter.count()).toBe(0);
  });

  it("times step.waitForEvent out with null, and supports `if` expressions", async () => {
    const client = testClient("timeout");
    const fn = client.createFunction({ id: "approve", triggers: [{ event: "timeout/asked" }] }, async ({ step, event }) => {
      const approval = await step.waitForEvent("approval", {
        event: "timeout/approved",
        timeout: "30m",
        if: `async.data.requestId == event.data.requestId && async.data.amount >= 100`,
      });
      return { request: event.data.requestId, approved: approval !== null };
    });
    const app = testApp(client, [fn]);
    const engine = app.engine();
    await sendEvent([
      { name: "timeout/asked", data: { requestId: "r1" } },
      { name: "timeout/asked", data: { requestId: "r2" } },
    ]);
    await engine.runUntilIdle();
    await sendEvent([
      { name: "timeout/approved", data: { requestId: "r1", amount: 50 } },
      { name: "timeout/approved", data: { requestId: "r2", amount: 150 } },
    ]);
    await engine.runUntilIdle();
    app.clock.advance(30 * minute);
    await engine.runUntilIdle();
    const outputs = (await runsOf("timeout-approve")).map((r) => [r.status, r.output]);
    expect(outputs).toEqual(
      expect.arrayContaining([
        ["completed", { data: { request: "r1", approved: false } }],
        ["completed", { data: { request: "r2", approved: true } }],
      ]),
    );
  });

  it("cancels runs with cancelOn, dropping their waits", async () => {
    const client = testClient("cancel");
    let reminded = 0;
    const fn = client.createFunction(
      { id: "remind", triggers: [{ event: "cancel/set" }], cancelOn: [{ event: "cancel/deleted", match: "data.reminderId" }] },
      async ({ step }) => {
        await step.sleep("until-due", "1d");
        await step.run("remind", () => reminded++);
      },
    );
    const app = testApp(client, [fn]);
    const engine = app.engine();
    await sendEvent([
      { name: "cancel/set", data: { reminderId: "a" } },
      { name: "cancel/set", data: { reminderId: "b" } },
    ]);
    await engine.runUntilIdle();
    await sendEvent({ name: "cancel/deleted", data: { reminderId: "a" } });
    await engine.runUntilIdle();
    app.clock.advance(25 * hour);
    await engine.runUntilIdle();
    const runs = await runsOf("cancel-remind");
    expect(runs.map((r) => [(r.event as { data: { reminderId: string } }).data.reminderId, r.status]).sort()).toEqual([
      ["a", "cancelled"],
      ["b", "completed"],
    ]);
    expect(reminded).toBe(1);
  });
});

describe("embedded executor: events, invokes and crons", () => {
  it("delivers inngest.send and step.sendEvent to the functions they trigger", async () => {
    const client = testClient("send");
    const received: string[] = [];
    const first = client.createFunction({ id: "first", triggers: [{ event: "send/one" }] }, async ({ step }) => {
      await step.sendEvent("forward", { name: "send/two", data: { from: "first" } });
    });
    const second = client.createFunction({ id: "second", triggers: [{ event: "send/*" }] }, async ({ event, step }) => {
      await step.run("note", () => received.push(String(event.name)));
    });
    const app = testApp(client, [first, second]);
    const { ids } = await client.send({ name: "send/one", data: {} });
    expect(ids).toHaveLength(1);
    await app.engine().runUntilIdle();
    expect(received.sort()).toEqual(["send/one", "send/two"]);
    expect((await runsOf("send-second")).every((r) => r.status === "completed")).toBe(true);
  });

  it("runs step.invoke and returns the invoked function's result", async () => {
    const client = testClient("invoke");
    const child = client.createFunction({ id: "double", triggers: [{ event: "invoke/unused" }] }, async ({ event, step }) =>
      step.run("double", () => Number(event.data.n) * 2),
    );
    const parent = client.createFunction({ id: "parent", triggers: [{ event: "invoke/go" }] }, async ({ step }) => {
      const doubled = await step.invoke("call-double", { function: child, data: { n: 21 } });
      return { doubled };
    });
    const app = testApp(client, [child, parent]);
    await sendEvent({ name: "invoke/go" });
    await app.engine().runUntilIdle();
    const [run] = await runsOf("invoke-parent");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ data: { doubled: 42 } });
    const [childRun] = await runsOf("invoke-double");
    expect(childRun?.parentRunId).toBe(run?.id);
  });

  it("fires cron triggers once per tick time, however many workers run", async () => {
    const client = testClient("cron");
    let fired = 0;
    const fn = client.createFunction({ id: "nightly", triggers: [{ cron: "TZ=Europe/Brussels 0 3 * * *" }] }, async ({ step }) => {
      await step.run("work", () => fired++);
    });
    const app = testApp(client, [fn], new Date("2026-11-22T10:00:00.000Z"));
    const workers = [app.engine(), app.engine(), app.engine()];
    for (const w of workers) await w.sync();
    const schedule = await db().workflowSchedule.findFirstOrThrow();
    expect(schedule.nextFireAt.toISOString()).toBe("2026-11-23T02:00:00.000Z"); // 03:00 in Brussels (UTC+1)

    app.clock.set(new Date("2026-11-23T02:00:30.000Z"));
    await Promise.all(workers.map((w) => w.runUntilIdle()));
    expect(fired).toBe(1);
    const [run] = await runsOf("cron-nightly");
    expect(run?.event).toMatchObject({ name: "inngest/scheduled.timer", data: { cron: "TZ=Europe/Brussels 0 3 * * *" } });
    expect((await db().workflowSchedule.findFirstOrThrow()).nextFireAt.toISOString()).toBe("2026-11-24T02:00:00.000Z");
  });
});

describe("embedded executor: flow control", () => {
  it("keeps to the function's concurrency limit", async () => {
    const client = testClient("conc");
    let active = 0;
    let peak = 0;
    const fn = client.createFunction({ id: "limited", concurrency: 2, triggers: [{ event: "conc/go" }] }, async ({ step }) => {
      await step.run("work", async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 30));
        active--;
      });
    });
    const app = testApp(client, [fn]);
    await sendEvent(Array.from({ length: 8 }, (_, i) => ({ name: "conc/go", data: { i } })));
    await Promise.all([app.engine({ concurrency: 8 }).runUntilIdle(), app.engine({ concurrency: 8 }).runUntilIdle()]);
    const runs = await runsOf("conc-limited");
    expect(runs).toHaveLength(8);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    expect(peak).toBe(2);
  });

  it("keys concurrency by an expression", async () => {
    const client = testClient("keyed");
    const active = new Map<string, number>();
    let peakPerUser = 0;
    let peakOverall = 0;
    const fn = client.createFunction(
      { id: "per-user", concurrency: { limit: 1, key: "event.data.userId" }, triggers: [{ event: "keyed/go" }] },
      async ({ event, step }) => {
        await step.run("work", async () => {
          const user = String(event.data.userId);
          active.set(user, (active.get(user) ?? 0) + 1);
          peakPerUser = Math.max(peakPerUser, active.get(user)!);
          peakOverall = Math.max(peakOverall, [...active.values()].reduce((a, b) => a + b, 0));
          await new Promise((resolve) => setTimeout(resolve, 30));
          active.set(user, active.get(user)! - 1);
        });
      },
    );
    const app = testApp(client, [fn]);
    await sendEvent(["u1", "u1", "u1", "u2", "u2", "u2"].map((userId) => ({ name: "keyed/go", data: { userId } })));
    await app.engine({ concurrency: 6 }).runUntilIdle();
    expect(peakPerUser).toBe(1);
    expect(peakOverall).toBe(2);
  });

  it("starts one run per idempotency key (24 hours) and one per event id", async () => {
    const client = testClient("idem");
    let runs = 0;
    const fn = client.createFunction({ id: "welcome", idempotency: "event.data.userId", triggers: [{ event: "idem/signed-up" }] }, async ({ step }) => {
      await step.run("send", () => runs++);
    });
    const app = testApp(client, [fn]);
    const engine = app.engine();
    await sendEvent([
      { name: "idem/signed-up", data: { userId: "u1" } },
      { name: "idem/signed-up", data: { userId: "u1" } },
      { name: "idem/signed-up", data: { userId: "u2" } },
      { name: "idem/signed-up", data: { userId: "u3" }, id: "evt-1" },
      { name: "idem/signed-up", data: { userId: "u4" }, id: "evt-1" },
    ]);
    await sendEvent({ name: "idem/signed-up", data: { userId: "u3" }, id: "evt-1" });
    await engine.runUntilIdle();
    expect(runs).toBe(3);

    app.clock.advance(25 * hour);
    await sendEvent({ name: "idem/signed-up", data: { userId: "u1" } });
    await engine.runUntilIdle();
    expect(runs).toBe(4);
  });
});

describe("embedded executor: protocol boundary", () => {
  it("syncs the app's functions through the serve handler", async () => {
    const client = testClient("sync");
    const fn = client.createFunction(
      { id: "configured", retries: 7, concurrency: [{ limit: 3, key: "event.data.org" }], idempotency: "event.data.id", triggers: [{ event: "sync/a", if: "event.data.ok == true" }, { cron: "0 * * * *" }] },
      async () => null,
    );
    const registry = await testApp(client, [fn]).engine().sync();
    expect(registry.appId).toBe("sync");
    expect(registry.functions.get("sync-configured")).toMatchObject({
      maxAttempts: 8,
      events: [{ event: "sync/a", expression: "event.data.ok == true" }],
      crons: ["0 * * * *"],
      idempotency: "event.data.id",
      concurrency: [{ limit: 3, key: "event.data.org", scope: "fn" }],
    });
  });

  it("is refused by the serve handler without the executor's signature", async () => {
    const client = testClient("secure");
    const fn = client.createFunction({ id: "f", triggers: [{ event: "secure/go" }] }, async () => "ran");
    const app = testApp(client, [fn]);
    const url = new URL("http://localhost:3000/api/inngest");
    const input = {
      functionId: "secure-f",
      stepId: "step",
      event: { name: "secure/go", data: {} },
      steps: {},
      runId: "r1",
      attempt: 0,
      maxAttempts: 1,
      disableImmediateExecution: false,
      stack: [],
    };
    const unsigned = callRequest(url, input, embeddedSigningKey());
    unsigned.headers.delete("x-inngest-signature");
    expect((await app.handler(unsigned)).status).toBe(401);
    const wrongKey = callRequest(url, input, `signkey-embedded-${"00".repeat(32)}`);
    expect((await app.handler(wrongKey)).status).toBe(401);
    const signed = await app.handler(callRequest(url, input, embeddedSigningKey()));
    expect(signed.status).toBe(200);
    expect(await signed.json()).toBe("ran");
    const sync = await app.handler(signedRequest(url, "PUT", { url: url.href }, `signkey-embedded-${"00".repeat(32)}`, { "x-inngest-sync-kind": "in_band" }));
    expect(sync.status).toBe(401);
  });

  it("fails a run that uses an operation it does not support, with a message", async () => {
    const client = testClient("unsupported");
    const fn = client.createFunction({ id: "signal", triggers: [{ event: "unsupported/go" }] }, async ({ step }) => {
      await step.waitForSignal("sig", { signal: "x", timeout: "1h", onConflict: "fail" });
    });
    const app = testApp(client, [fn]);
    await sendEvent({ name: "unsupported/go" });
    await app.engine().runUntilIdle();
    const [run] = await runsOf("unsupported-signal");
    expect(run?.status).toBe("failed");
    expect(run?.error).toMatchObject({ name: "UnsupportedOperation", message: expect.stringContaining("WaitForSignal") });
  });
});
