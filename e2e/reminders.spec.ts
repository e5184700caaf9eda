import type { Page } from "@playwright/test";
import { demo, expect, signIn, snap, test } from "./fixtures";

/**
 * Reminders end to end: the student sets a one-off reminder an hour ahead of
 * the app's clock, the test clock jumps 61 minutes (POST /api/dev/clock, which
 * also asks for due reminders to be sent), and the reminder arrives in the
 * inbox and in the development mailbox. Screens at desktop and phone width.
 */

const phone = { width: 375, height: 740 };
// "Time" and its required mark, not "Time zone".
const timeLabel = /^Time\W*$/;
const desktop = { width: 1280, height: 800 };

async function appNow(page: Page): Promise<Date> {
  const response = await page.request.get("/api/dev/clock");
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { now: string };
  return new Date(body.now);
}

test("a reminder set an hour ahead reaches the inbox and the mailbox when the clock gets there", async ({ page, browser }) => {
  await signIn(page, demo.student);
  await page.goto("/account/reminders");
  await expect(page.getByRole("heading", { name: "Reminders", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Reminders" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("reminders-empty")).toContainText("No reminders yet");
  await snap(page, "reminders-empty");
  await page.setViewportSize(phone);
  await snap(page, "reminders-empty-phone");
  await page.setViewportSize(desktop);

  // An hour after the app's current minute, in UTC so the test can write the date and time.
  const now = await appNow(page);
  const at = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60 * 60_000);
  const title = `Submit the lab report ${Date.now() % 100_000}`;

  await page.getByTestId("reminders-empty").getByRole("button", { name: "New reminder" }).click();
  const dialog = page.getByRole("dialog", { name: "New reminder" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Note").fill("Upload it as a PDF.");
  await expect(dialog.getByRole("radio", { name: "One-off" })).toBeChecked();
  await dialog.getByLabel("Date").fill(at.toISOString().slice(0, 10));
  await dialog.getByLabel(timeLabel).fill(at.toISOString().slice(11, 16));
  await dialog.getByLabel("Time zone").selectOption("UTC");
  await expect(dialog.getByRole("checkbox", { name: "At the time" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "In-app" })).toBeChecked();
  // Keyboard: Tab reaches the chip, Space checks it.
  await dialog.getByRole("checkbox", { name: "Email" }).focus();
  await page.keyboard.press("Space");
  await expect(dialog.getByRole("checkbox", { name: "Email" })).toBeChecked();
  await snap(page, "reminders-form");
  await page.setViewportSize(phone);
  await snap(page, "reminders-form-phone");
  await page.setViewportSize(desktop);
  await dialog.getByRole("button", { name: "Create reminder" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("listitem", { name: title });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("reminder-next")).toContainText(/^Next: .+, \d\d:\d\d \(at the time\)$/);
  await expect(row).toContainText("Upload it as a PDF.");
  await expect(row.getByRole("list", { name: "Channels" })).toContainText("Email");

  // The inbox has nothing for it yet.
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);

  const moved = await page.request.post("/api/dev/clock", { data: { advanceMinutes: 61 } });
  expect(moved.ok()).toBe(true);
  expect(new Date(((await moved.json()) as { now: string }).now).getTime()).toBeGreaterThanOrEqual(at.getTime());

  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByTestId("inbox-list")).toContainText(title, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("notification-bell")).toHaveAccessibleName(/unread/);
  await snap(page, "reminders-inbox");

  // No SMTP is configured: the email waits in the development mailbox (system admins only in production).
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.203.0.7" } });
  const admin = await adminContext.newPage();
  await signIn(admin, demo.system);
  await expect(async () => {
    await admin.goto(`/dev/mailbox?to=${encodeURIComponent(demo.student)}`);
    await expect(admin.getByTestId("mailbox-list")).toContainText(title, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await admin.getByTestId("mailbox-list").getByRole("link").filter({ hasText: title }).first().click();
  await expect(admin.getByTestId("mail-text")).toContainText("Upload it as a PDF.");
  await snap(admin, "reminders-mailbox");
  await adminContext.close();

  // Sent: the one-off shows as done.
  await page.goto("/account/reminders");
  await expect(page.getByRole("listitem", { name: title }).getByTestId("reminder-next")).toHaveText("All sent: nothing more is due.");
});

test("a weekly reminder is created with the keyboard, shown with its next send, and deleted after confirming", async ({ page }) => {
  await signIn(page, demo.student);
  await page.goto("/account/reminders");
  const title = `Weekly stand-up ${Date.now() % 100_000}`;

  await page.getByRole("button", { name: "New reminder" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New reminder" });
  await dialog.getByLabel("Title").fill(title);
  // The chips are labels around visually hidden inputs: click the label, as a person does.
  await dialog.getByText("Every week", { exact: true }).click();
  await expect(dialog.getByRole("radio", { name: "Every week" })).toBeChecked();
  await expect(dialog.getByLabel("Date")).toHaveCount(0);
  await dialog.getByLabel(timeLabel).fill("09:00");
  await dialog.getByLabel("Time zone").selectOption("Europe/Brussels");
  // Clear the preselected day, then an empty set is refused with a message by the days.
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    const button = dialog.getByRole("button", { name: day, exact: true });
    if ((await button.getAttribute("aria-pressed")) === "true") await button.click();
  }
  await dialog.getByRole("button", { name: "Create reminder" }).click();
  await expect(dialog).toContainText("Choose at least one day for a repeating reminder.");

  await dialog.getByRole("button", { name: "Monday", exact: true }).focus();
  await page.keyboard.press("Space");
  await dialog.getByRole("button", { name: "Thursday", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Monday", exact: true })).toHaveAttribute("aria-pressed", "true");
  await dialog.getByText("1 hour before", { exact: true }).click();
  await expect(dialog.getByRole("checkbox", { name: "1 hour before" })).toBeChecked();
  await dialog.getByRole("button", { name: "Create reminder" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("listitem", { name: title });
  await expect(row).toContainText("Every Mon, Thu at 09:00");
  await expect(row).toContainText("Reminds you 1 hour before and at the time");
  await expect(row.getByTestId("reminder-next")).toContainText("(1 hour before)");
  await snap(page, "reminders-list");
  await page.setViewportSize(phone);
  await snap(page, "reminders-list-phone");
  await page.setViewportSize(desktop);

  // Edit: the dialog opens with the saved values.
  await row.getByRole("button", { name: `Edit ${title}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit reminder" });
  await expect(edit.getByLabel("Title")).toHaveValue(title);
  await edit.getByLabel(timeLabel).fill("10:30");
  await edit.getByRole("button", { name: "Save reminder" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("Every Mon, Thu at 10:30");

  await row.getByRole("button", { name: `Delete ${title}` }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this reminder?" });
  await confirm.getByRole("button", { name: "Delete reminder" }).click();
  await expect(page.getByRole("listitem", { name: title })).toHaveCount(0);
});
