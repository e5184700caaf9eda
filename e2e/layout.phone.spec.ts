import { demo, expect, signIn, snap, test } from "./fixtures";

const pages = ["", "/admin/units", "/admin/people", "/admin/invites", "/admin/audit"];

test("admin pages fit a 375 px phone without sideways scrolling", async ({ page }) => {
  await signIn(page, demo.admin);
  const home = new URL(page.url()).pathname.replace(/\/$/, "");
  for (const suffix of pages) {
    await page.goto(home + suffix);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${suffix || "home"}`).toBeLessThanOrEqual(0);
    await snap(page, `phone${suffix.replaceAll("/", "-") || "-home"}`);
  }
});

test("sign in works with the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab"); // logo
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(demo.student);
  await page.keyboard.press("Tab");
  await page.keyboard.type("lyceum-demo-2026");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/orgs\//);
});
