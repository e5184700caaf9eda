import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackReplies, startSlackReceiver, type ScriptedReply, type SlackReceiver } from "@/tests/fixtures/slack-receiver";
import { postToSlack, slackMessage, SlackWebhookError } from "./slack";

/** Real HTTP against a local receiver that answers like Slack's webhook endpoint. */

const policy = { allowLoopbackHttp: true };
const message = slackMessage({ title: "Test from Lyceum", fields: [{ label: "Figure", value: "1" }], fallback: "Test from Lyceum" });
let slack: SlackReceiver;

beforeAll(async () => {
  slack = await startSlackReceiver();
});
afterAll(() => slack.close());
beforeEach(() => {
  slack.received.length = 0;
});

async function failure(reply: ScriptedReply, timeoutMs?: number): Promise<SlackWebhookError> {
  slack.reply(reply);
  const error: unknown = await postToSlack(slack.hook(), message, { policy, ...(timeoutMs ? { timeoutMs } : {}) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlackWebhookError);
  return error as SlackWebhookError;
}

describe("postToSlack", () => {
  it("POSTs the message as JSON and resolves on Slack's 200 ok", async () => {
    await postToSlack(slack.hook("T1/B2/secret"), message, { policy });
    expect(slack.received).toHaveLength(1);
    const [post] = slack.received;
    expect(post?.path).toBe("/services/T1/B2/secret");
    expect(post?.headers["content-type"]).toMatch(/^application\/json/);
    expect(post?.body).toEqual(message);
  });

  it("says the webhook was removed on 404 no_service, and does not retry", async () => {
    const error = await failure(slackReplies.removed);
    expect(error).toMatchObject({ failure: "removed", retriable: false, status: 404, slackCode: "no_service" });
    expect(error.message).toBe("The webhook was removed in Slack (Slack said: no_service): paste a new one.");
  });

  it("explains an archived channel on 410", async () => {
    const error = await failure(slackReplies.archived);
    expect(error).toMatchObject({ failure: "removed", retriable: false, status: 410 });
    expect(error.message).toMatch(/channel of this webhook was archived/);
  });

  it("treats 403 invalid_token as refused", async () => {
    expect(await failure(slackReplies.invalidToken)).toMatchObject({ failure: "refused", retriable: false, slackCode: "invalid_token" });
  });

  it("reports 400 invalid_payload as Lyceum's problem, not retriable", async () => {
    const error = await failure(slackReplies.invalidPayload);
    expect(error).toMatchObject({ failure: "invalid_payload", retriable: false, status: 400 });
    expect(error.message).toMatch(/problem in Lyceum/);
  });

  it("makes 5xx and 429 retriable, with Slack's Retry-After", async () => {
    expect(await failure(slackReplies.serverError)).toMatchObject({ failure: "unavailable", retriable: true, status: 500 });
    expect(await failure(slackReplies.rateLimited)).toMatchObject({ failure: "rate_limited", retriable: true, retryAfterSeconds: 30 });
  });

  it("gives up after the timeout with a retriable error", async () => {
    const started = Date.now();
    const error = await failure({ ...slackReplies.ok, delayMs: 2_000 }, 200);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error).toMatchObject({ failure: "unavailable", retriable: true, status: null });
    expect(error.message).toBe("Slack did not answer within 200 ms; try again later.");
  });

  it("does not follow redirects", async () => {
    const error = await failure({ status: 302, body: "", headers: { location: "http://127.0.0.1:1/elsewhere" } });
    expect(error).toMatchObject({ failure: "unexpected", retriable: false, status: 302 });
    expect(slack.received).toHaveLength(1);
  });

  it("turns a refused connection into a retriable network error", async () => {
    const error: unknown = await postToSlack("http://127.0.0.1:9/services/T/B/x", message, { policy }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: "unavailable", retriable: true });
    expect((error as Error).message).toMatch(/Could not reach Slack at 127\.0\.0\.1:9/);
  });

  it("refuses a URL the policy does not allow, before any request", async () => {
    await expect(postToSlack(slack.hook(), message, { policy: { allowLoopbackHttp: false } })).rejects.toMatchObject({ code: "invalid" });
    expect(slack.received).toHaveLength(0);
  });
});
