import { demo, expect, signIn, snap, test } from "./fixtures";

/**
 * The system admin's Workflow runs page. The runs are real: the embedded
 * executor runs the app's scheduled workflows from the moment the server
 * starts (the reminder dispatch fires every minute), so the list fills by
 * itself, as it would on a fresh install; no runs are inserted by the test.
 */

const firstRunWithin = 90_000;

test("a system admin opens Workflow runs from the user menu, sees a run and its steps", async ({ page }) => {
  test.setTimeout(firstRunWithin + 60_000);
  await signIn(page, demo.system);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Workflow runs" }).click();
  await expect(page).toHaveURL(/\/system\/workflows$/);
  await expect(page.getByRole("heading", { level: 1, name: "Workflow runs" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Show runs by status" }).getByRole("button", { name: /^All/ })).toHaveAttribute("aria-pressed", "true");

  // The page polls while it is empty, so the first scheduled run shows up without a reload.
  const rows = page.getByTestId("workflow-run-row");
  await expect(rows.first()).toBeVisible({ timeout: firstRunWithin });
  await expect(rows.first().getByText(/Completed|Running|Queued|Failed|Sleeping|Waiting|Retrying/)).toBeVisible();
  await snap(page, "workflow-runs-list");

  const statuses = page.getByRole("group", { name: "Show runs by status" });
  // Nobody cancelled anything: the filter says so and offers the way back.
  await statuses.getByRole("button", { name: /^Cancelled/ }).click();
  await expect(page.getByRole("heading", { name: "No cancelled runs" })).toBeVisible();
  await page.getByRole("button", { name: "Show all runs" }).click();
  await expect(rows.first()).toBeVisible();

  // A completed run has done its steps (the polling list shows it once it has finished).
  await statuses.getByRole("button", { name: /^Completed/ }).click();
  await expect(statuses.getByRole("button", { name: /^Completed/ })).toHaveAttribute("aria-pressed", "true");
  await expect(rows.first().getByText("Completed")).toBeVisible({ timeout: 30_000 });

  const firstLink = rows.first().getByRole("link");
  const functionName = (await firstLink.textContent())?.trim() ?? "";
  await firstLink.click();
  await expect(page).toHaveURL(/\/system\/workflows\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: functionName })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Steps", exact: true })).toBeVisible();
  await expect(page.getByTestId("workflow-step-row").first()).toBeVisible();
  await expect(page.getByTestId("workflow-step-row").first().getByText("Completed")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Triggering event" })).toBeVisible();
  await expect(page.getByLabel("Event payload")).toContainText('"name"');
  await snap(page, "workflow-run-detail");

  // The same pages at phone width.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Steps", exact: true })).toBeVisible();
  await snap(page, "workflow-run-detail-375");
  await page.getByRole("link", { name: "All workflow runs" }).click();
  await expect(rows.first()).toBeVisible();
  await snap(page, "workflow-runs-list-375");
});

test("people who are not system admins get no menu item and an explanation instead of the runs", async ({ page }) => {
  await signIn(page, demo.admin);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: "Profile" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Workflow runs" })).toHaveCount(0);
  await page.keyboard.press("Escape");

  await page.goto("/system/workflows");
  await expect(page.getByRole("heading", { level: 1, name: "This page is for system admins" })).toBeVisible();
  await expect(page.getByTestId("workflow-run-row")).toHaveCount(0);
  await snap(page, "workflow-runs-denied");
});
