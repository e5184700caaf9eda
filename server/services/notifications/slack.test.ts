import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { checkSlackWebhookUrl, escapeMrkdwn, maskWebhookUrl, slackMessage, type SlackBlock } from "./slack";

const production = { allowLoopbackHttp: false };
const testing = { allowLoopbackHttp: true };
const hook = "https://hooks.slack.com/services/T0001/B0002/abcdEFGHijkl1234";

function refusal(url: string, policy = production): string {
  try {
    checkSlackWebhookUrl(url, policy);
  } catch (error) {
    if (isAppError(error) && error.code === "invalid") {
      expect(error.fieldErrors?.url).toEqual([error.message]);
      return error.message;
    }
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe("checkSlackWebhookUrl", () => {
  it("accepts Slack's incoming-webhook URLs, GovSlack included", () => {
    expect(checkSlackWebhookUrl(hook, production).host).toBe("hooks.slack.com");
    expect(checkSlackWebhookUrl(" https://hooks.slack-gov.com/services/T1/B2/xyz ", production).host).toBe("hooks.slack-gov.com");
  });

  it("refuses other hosts, so the setting cannot reach the server's own network", () => {
    expect(refusal("https://mattermost.example.org/hooks/abc")).toMatch(/Only Slack incoming-webhook URLs/);
    expect(refusal("https://hooks.slack.com.evil.test/services/T/B/x")).toMatch(/Only Slack/);
    expect(refusal("https://hooks.slack.com:8443/services/T/B/x")).toMatch(/Only Slack/);
    expect(refusal("https://169.254.169.254/services/T/B/x")).toMatch(/Only Slack/);
  });

  it("refuses plain http, credentials, other Slack paths and non-URLs with a hint of what to paste", () => {
    expect(refusal("http://hooks.slack.com/services/T/B/x")).toMatch(/use https/);
    expect(refusal("https://user:pw@hooks.slack.com/services/T/B/x")).toMatch(/no user name or password/);
    expect(refusal("https://hooks.slack.com/triggers/T/123/abc")).toMatch(/not an incoming-webhook URL/);
    expect(refusal("hooks.slack.com/services/T/B/x")).toMatch(/not a URL.*https:\/\/hooks\.slack\.com\/services\//);
  });

  it("accepts loopback http only when the policy allows it (tests)", () => {
    expect(refusal("http://127.0.0.1:4567/hook")).toMatch(/use https/);
    expect(checkSlackWebhookUrl("http://127.0.0.1:4567/hook", testing).port).toBe("4567");
    expect(checkSlackWebhookUrl("http://localhost:80/x", testing).hostname).toBe("localhost");
    expect(refusal("http://10.0.0.5/hook", testing)).toMatch(/use https/);
  });
});

describe("maskWebhookUrl", () => {
  it("shows the host and the last four characters only", () => {
    expect(maskWebhookUrl(hook)).toBe("hooks.slack.com/…1234");
    expect(maskWebhookUrl(`${hook}/`)).toBe("hooks.slack.com/…1234");
    expect(maskWebhookUrl(hook)).not.toContain("T0001");
  });
});

describe("slackMessage", () => {
  it("builds a header, fields, bullet lines and a button, with the fallback as text", () => {
    const message = slackMessage({
      title: "Daily digest: Demo School",
      context: "22 Nov 07:00 to 23 Nov 07:00 UTC",
      fields: [
        { label: "Active people", value: "3" },
        { label: "New members", value: "2" },
      ],
      lines: ["2 people joined School A."],
      link: { label: "Open Lyceum", url: "https://lyceum.example/orgs/o1" },
      fallback: "Daily digest for Demo School: 3 active people",
    });
    expect(message.text).toBe("Daily digest for Demo School: 3 active people");
    expect(message.blocks.map((b) => b.type)).toEqual(["header", "context", "section", "section", "actions"]);
    expect(message.blocks[2]).toEqual({
      type: "section",
      fields: [
        { type: "mrkdwn", text: "*Active people*\n3" },
        { type: "mrkdwn", text: "*New members*\n2" },
      ],
    });
    expect(message.blocks[4]).toMatchObject({ elements: [{ type: "button", url: "https://lyceum.example/orgs/o1" }] });
  });

  it("splits fields into sections of ten and clips the header to Slack's 150 characters", () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: String(i) }));
    const message = slackMessage({ title: "x".repeat(200), fields, fallback: "f" });
    const sections = message.blocks.filter((b): b is Extract<SlackBlock, { type: "section" }> => b.type === "section");
    expect(sections.map((s) => s.fields?.length)).toEqual([10, 2]);
    const header = message.blocks[0];
    expect(header?.type === "header" && header.text.text.length).toBe(150);
  });

  it("escapes names so they cannot become links or mentions", () => {
    expect(escapeMrkdwn("<!channel> & <https://x|y>")).toBe("&lt;!channel&gt; &amp; &lt;https://x|y&gt;");
    const message = slackMessage({ title: "t", lines: ["<!here> joined"], fallback: "f" });
    expect(JSON.stringify(message.blocks)).not.toContain("<!here>");
  });
});
