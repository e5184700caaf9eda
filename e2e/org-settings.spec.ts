import { startSlackReceiver, type SlackReceiver } from "../tests/fixtures/slack-receiver";
import type { Page } from "@playwright/test";
import { demo, expect, signIn, snap, test } from "./fixtures";

/**
 * Organisation settings: the demo org admin connects a Slack webhook (a
 * receiver on 127.0.0.1 that answers like Slack; the e2e server runs as a test
 * deployment, where loopback webhooks are allowed), sends a test message,
 * then runs today's digest, which the embedded workflow worker posts to Slack
 * and puts in the admin's inbox.
 */

let slack: SlackReceiver;
test.beforeEach(async () => {
  slack = await startSlackReceiver();
});
test.afterEach(async () => {
  await slack.close();
});

/** A full-page shot from the top, so the sticky header is not captured mid-page. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, name);
}

type Posted = { text: string; blocks: { type: string; text?: { text: string } }[] };
const headerOf = (body: unknown) => (body as Posted).blocks.find((b) => b.type === "header")?.text?.text;

test("an org admin connects Slack, sends a test message and today's digest", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, demo.admin);
  await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const slackCard = page.getByRole("region", { name: "Slack" });
  await expect(slackCard.getByText("Not connected")).toBeVisible();
  await shot(page, "settings-not-connected");

  // A URL that is not a Slack webhook is refused by its field, and nothing is saved.
  const field = slackCard.getByLabel("Webhook URL");
  await field.fill("https://intranet.example/hooks/digest");
  await slackCard.getByRole("button", { name: "Save webhook" }).click();
  await expect(slackCard.getByText(/Only Slack incoming-webhook URLs can be used/)).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await shot(page, "settings-invalid-url");

  // Keyboard: paste, Enter submits.
  await field.fill(slack.hook("T0DEMO/B0DEMO/e2eSECRETtail"));
  await field.press("Enter");
  await expect(slackCard.getByText("Connected", { exact: true })).toBeVisible();
  await expect(slackCard.getByTestId("slack-webhook")).toHaveText(/^127\.0\.0\.1:\d+\/…tail$/);
  await expect(page.getByRole("main")).not.toContainText("e2eSECRET");

  await slackCard.getByRole("button", { name: "Send a test message" }).click();
  await expect(slackCard.getByTestId("slack-test-result")).toContainText("Test message sent");
  expect(slack.received).toHaveLength(1);
  expect(headerOf(slack.received[0]?.body)).toBe("Lyceum is connected");
  await shot(page, "settings-connected");

  const digestCard = page.getByRole("region", { name: "Daily digest" });
  await expect(digestCard).toContainText("Every day at 07:00 UTC");
  await digestCard.getByRole("button", { name: "Send today's digest now" }).click();
  await expect(digestCard.getByTestId("digest-requested")).toContainText("Today's digest is on its way");

  // The embedded worker runs the digest workflow: one Slack post with the figures.
  await expect.poll(() => slack.received.length, { timeout: 60_000 }).toBe(2);
  const digest = slack.received[1]?.body as Posted;
  expect(headerOf(digest)).toMatch(/^Daily digest: /);
  expect(JSON.stringify(digest)).toContain("*Active people*");
  await expect(digestCard.getByTestId("digest-last-sent")).not.toHaveText("Not sent yet", { timeout: 30_000 });
  // The card previews what the admins got.
  await expect(digestCard.getByTestId("latest-digest")).toContainText("Active people");
  await expect(digestCard.getByTestId("latest-digest")).toContainText("Members");
  await shot(page, "settings-digest-sent");
  // The inbox page (/notifications) is built separately; once it exists, assert the digest there too.

  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await shot(page, "settings-phone");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Sending again the same day repeats nothing in Slack.
  await digestCard.getByRole("button", { name: "Send today's digest now" }).click();
  await expect(digestCard.getByTestId("digest-requested")).toContainText("You already had today's digest");
  await page.waitForTimeout(5_000);
  expect(slack.received).toHaveLength(2);

  // Disconnecting asks first, then forgets the webhook.
  await slackCard.getByRole("button", { name: "Disconnect" }).click();
  const dialog = page.getByRole("dialog", { name: "Disconnect Slack?" });
  await snap(page, "settings-disconnect-dialog");
  await dialog.getByRole("button", { name: "Disconnect" }).click();
  await expect(dialog).toBeHidden();
  await expect(slackCard.getByText("Not connected")).toBeVisible();
});

test("a teacher has no Settings link, and the page explains who may change settings", async ({ page }) => {
  await signIn(page, demo.teacher);
  await expect(page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto(page.url().replace(/\/orgs\/([^/]+).*/, "/orgs/$1/admin/settings"));
  await expect(page.getByTestId("access-notice")).toContainText("Only admins of the whole organisation change its settings");
});
