import type { Page } from "@playwright/test";
import { demo, expect, signIn, snap, test } from "./fixtures";

const phone = { width: 375, height: 740 };

/** Chromium paints an iframe once it has been on screen: bring each into view (and check its content) before a full-page shot. */
async function showAllPreviews(page: Page) {
  const frames = page.locator("iframe");
  const count = await frames.count();
  for (let i = 0; i < count; i++) {
    await frames.nth(i).scrollIntoViewIfNeeded();
    await expect(page.frameLocator("iframe").nth(i).getByText("Lyceum", { exact: true })).toBeVisible();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Waits for the menu's open animation, so a screenshot shows it solid. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

/** Starts from an empty unread count, whatever earlier specs left for this person. */
async function clearUnread(page: Page) {
  await page.goto("/notifications");
  const markAll = page.getByRole("button", { name: "Mark all as read" });
  if (await markAll.isEnabled()) await markAll.click();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
}

test("a student sends a test notification, sees it on the bell, opens it and it is marked read", async ({ page }) => {
  await signIn(page, demo.student);
  await clearUnread(page);

  await page.goto("/account/notifications");
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toHaveAttribute("aria-current", "page");
  // No Discord account linked: the column is off and says why; the digest row is for admins only.
  await expect(page.getByRole("checkbox", { name: "Reminders by discord", exact: true })).toBeDisabled();
  await expect(page.getByText("Link your Discord account to get Discord messages.")).toBeVisible();
  await expect(page.getByTestId("pref-row-digest.daily")).toHaveCount(0);
  await snap(page, "preferences-desktop");

  await page.getByRole("button", { name: "Send me a test notification" }).click();
  await expect(page.getByText("Test notification sent", { exact: true })).toBeVisible();
  await expect(page.getByText("Look for it in the inbox and your email. Discord: Link your Discord account", { exact: false }).first()).toBeVisible();
  const bell = page.getByRole("button", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();

  await bell.click();
  const item = page.getByRole("menuitem", { name: /Test notification \(unread\)/ });
  await expect(item).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Mark all as read" })).toBeEnabled();
  await settled(page);
  await snap(page, "bell-open-desktop");
  await item.click();

  await expect(page).toHaveURL(/\/account\/notifications$/);
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Notifications", exact: true }).click();
  await expect(page.getByRole("menuitem", { name: /^Test notification/ }).first()).not.toContainText("(unread)");
  await page.keyboard.press("Escape");

  // The inbox lists it as read; it can be marked unread again (and the bell follows).
  await page.goto("/notifications");
  const row = page.getByTestId("inbox-item").first();
  await expect(row).toContainText("Test notification");
  await row.getByRole("button", { name: "Mark “Test notification” as unread" }).click();
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();
  await snap(page, "inbox-desktop");
  await page.getByRole("button", { name: "Unread (1)" }).click();
  await expect(page.getByTestId("inbox-item")).toHaveCount(1);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByText("You are all caught up")).toBeVisible();

  // Phone width: the bell, the inbox and the preferences still fit.
  await page.setViewportSize(phone);
  await page.getByRole("button", { name: "All", exact: true }).click();
  await snap(page, "inbox-phone");
  await page.getByRole("button", { name: "Notifications", exact: true }).click();
  await expect(page.getByRole("menuitem", { name: "See all" })).toBeVisible();
  await settled(page);
  await snap(page, "bell-open-phone");
  await page.keyboard.press("Escape");
  await page.goto("/account/notifications");
  await snap(page, "preferences-phone");
});

test("a preference change is saved at once and kept after a reload", async ({ page }) => {
  await signIn(page, demo.student);
  await page.goto("/account/notifications");
  const email = page.getByRole("checkbox", { name: "Reminders by email", exact: true });
  await expect(email).toBeChecked();
  await page.waitForLoadState("networkidle");

  // Keyboard: tab to it and toggle with Space.
  await email.focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("prefs-status")).toHaveText("Saved: Reminders by email off.");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Reminders by email", exact: true })).not.toBeChecked();

  // Put it back for other specs, once the reloaded page is interactive (a click before hydration is lost).
  // A click, not check(): the box is controlled and turns on when the optimistic update lands, a tick later.
  await page.waitForLoadState("networkidle");
  const again = page.getByRole("checkbox", { name: "Reminders by email", exact: true });
  await again.click();
  await expect(again).toBeChecked();
  await expect(page.getByTestId("prefs-status")).toHaveText("Saved: Reminders by email on.");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Reminders by email", exact: true })).toBeChecked();
});

test("an org admin sees the digest row; a new person's inbox explains what arrives there", async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto("/account/notifications");
  await expect(page.getByTestId("pref-row-digest.daily")).toContainText("Only organisation admins get this.");
  await page.goto("/notifications");
  const empty = page.getByText("No notifications yet");
  if (await empty.isVisible()) {
    await expect(page.getByRole("link", { name: "Notification preferences" })).toBeVisible();
    await snap(page, "inbox-empty-desktop");
  }
});

test("the mail preview lists every template with its HTML and text", async ({ page }) => {
  // Like the development mailbox, a production build shows it to system admins only.
  await signIn(page, demo.system);
  await page.goto("/dev/mail-preview");
  await expect(page.getByRole("heading", { name: "Mail preview" })).toBeVisible();
  const templates = [
    "Password reset",
    "Invite",
    "Notification: Reminders",
    "Notification: Daily admin digests",
    "Notification: Test notifications",
    "Notification: New course material",
    "Notification: Grades and feedback",
    "Notification: Exam results",
    "Notification: Meeting reminders",
    "Notification: Moved meetings",
    "Notification: Cancelled meetings",
    "Notification: Meetings back on",
    "Notification: Group assignments",
    "Notification: Not placed in a group",
  ];
  for (const name of templates) {
    await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  }
  await expect(page.getByTestId("mail-preview")).toHaveCount(templates.length);
  await expect(page.getByTitle("HTML version of “In 1 hour: Hand in the history essay”")).toBeVisible();
  await expect(page.getByText("Change what you receive: http://").first()).toBeVisible();
  await showAllPreviews(page);
  await snap(page, "mail-preview-desktop");
  // Full-page shots leave iframes below the first screen blank in Chromium: shoot the reminder mail on its own too.
  const reminderMail = page.locator("#notification-reminder");
  await reminderMail.scrollIntoViewIfNeeded();
  await reminderMail.screenshot({ path: test.info().outputPath("mail-preview-reminder-desktop.png") });
  await page.setViewportSize(phone);
  await showAllPreviews(page);
  await snap(page, "mail-preview-phone");
  await reminderMail.scrollIntoViewIfNeeded();
  await reminderMail.screenshot({ path: test.info().outputPath("mail-preview-reminder-phone.png") });
});
