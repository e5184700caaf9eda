import { demo, expect, signIn, snap, test } from "./fixtures";

const firefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

test("signing out another device from Sessions and devices ends that device's session", async ({ page, browser }) => {
  const other = await browser.newContext({ userAgent: firefoxOnWindows, extraHTTPHeaders: { "x-forwarded-for": "10.201.0.9" } });
  const laptop = await other.newPage();
  await signIn(laptop, demo.facilitator);

  await signIn(page, demo.facilitator);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sessions and devices" }).click();
  await expect(page.getByRole("heading", { name: "Sessions and devices" })).toBeVisible();
  await expect(page.getByRole("listitem", { name: /\(this device\)$/ })).toBeVisible();
  const firefoxRow = page.getByRole("listitem", { name: "Session on Firefox on Windows" }).first();
  await expect(firefoxRow).toBeVisible();
  await snap(page, "sessions-before");

  await page.getByRole("button", { name: /^Sign out Firefox on Windows/ }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("listitem", { name: "Session on Firefox on Windows" })).toHaveCount(0);
  await snap(page, "sessions-after");

  // The other device is signed out on its next request.
  await laptop.goto("/account/sessions");
  await expect(laptop).toHaveURL(/\/sign-in/);
  // This device still works.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sessions and devices" })).toBeVisible();
  await other.close();
});
