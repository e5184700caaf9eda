import { describe, expect, it } from "vitest";
import { canonicalJson } from "./json";
import { workflowMode } from "./mode";
import { readCallResponse, toRegisteredFunction } from "./protocol";
import { signatureHeader } from "./signing";

describe("SDK protocol helpers", () => {
  it("reads 206 ops, 200 results and errors with their retry headers", async () => {
    expect(await readCallResponse(new Response(JSON.stringify([{ id: "h", op: "StepRun", data: 1 }]), { status: 206 }))).toEqual({
      kind: "ops",
      ops: [{ id: "h", op: "StepRun", data: 1 }],
    });
    expect(await readCallResponse(new Response(JSON.stringify({ id: "h", op: "RunComplete", data: 2 }), { status: 206 }))).toMatchObject({
      kind: "ops",
      ops: [{ op: "RunComplete" }],
    });
    expect(await readCallResponse(new Response("null", { status: 200 }))).toEqual({ kind: "complete", data: null });
    expect(
      await readCallResponse(
        new Response(JSON.stringify({ name: "NonRetriableError", message: "no" }), { status: 400, headers: { "x-inngest-no-retry": "true" } }),
      ),
    ).toEqual({ kind: "error", retriable: false, error: { name: "NonRetriableError", message: "no" } });
    expect(
      await readCallResponse(new Response(JSON.stringify({ message: "later" }), { status: 500, headers: { "x-inngest-no-retry": "false", "retry-after": "30" } })),
    ).toEqual({ kind: "error", retriable: true, retryAt: "30", error: { name: "Error", message: "later" } });
    expect(await readCallResponse(new Response("<html>Bad gateway</html>", { status: 502 }))).toMatchObject({ kind: "error", retriable: true });
  });

  it("turns a synced function config into what the executor needs", () => {
    const fn = toRegisteredFunction({
      id: "app-fn",
      triggers: [{ event: "a/b", expression: "event.data.x == 1" }, { cron: "0 * * * *" }],
      steps: { step: { retries: { attempts: 0 } } },
      concurrency: 5,
      rateLimit: { limit: 1, period: "1m" },
    });
    expect(fn).toMatchObject({
      name: "app-fn",
      events: [{ event: "a/b", expression: "event.data.x == 1" }],
      crons: ["0 * * * *"],
      maxAttempts: 1,
      concurrency: [{ limit: 5, scope: "fn" }],
      cancel: [],
      unsupported: ["rateLimit"],
    });
    expect(toRegisteredFunction({ id: "x", triggers: [], steps: {} }).maxAttempts).toBe(4);
  });

  it("writes canonical JSON (sorted keys) for signing", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(signatureHeader("{}", "signkey-test-abcd", 1_700_000_000_000)).toMatch(/^t=1700000000&s=[0-9a-f]{64}$/);
  });

  it("uses the embedded executor unless an Inngest server is configured", () => {
    expect(workflowMode({}).mode).toBe("embedded");
    expect(workflowMode({ INNGEST_DEV: "0" }).mode).toBe("embedded");
    expect(workflowMode({ INNGEST_DEV: "1" })).toEqual({ mode: "inngest", reason: "INNGEST_DEV is set" });
    expect(workflowMode({ INNGEST_BASE_URL: "http://inngest:8288" }).mode).toBe("inngest");
    expect(workflowMode({ INNGEST_SIGNING_KEY: "signkey-prod-1234" }).mode).toBe("inngest");
  });
});
