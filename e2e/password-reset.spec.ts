import { demo, demoPassword, expect, signIn, snap, test, uniqueEmail } from "./fixtures";

test("a person who forgot their password resets it through the emailed link", async ({ page, browser }) => {
  const email = uniqueEmail("forgetful");
  // A new account (with its own organisation), so other specs' demo sign-ins are untouched.
  await page.goto("/sign-up");
  await page.getByLabel(/^Your name/).fill("Forgetful Person");
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(demoPassword);
  await page.getByLabel(/^Organisation name/).fill("Forgetful School");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/orgs\//);
  await page.context().clearCookies();

  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("form-success")).toBeVisible();

  // No SMTP is configured, so the mail waits in the development mailbox (system admins only in production).
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.202.0.3" } });
  const admin = await adminContext.newPage();
  await signIn(admin, demo.system);
  await admin.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await admin.getByTestId("mailbox-list").getByRole("link").first().click();
  const text = await admin.getByTestId("mail-text").textContent();
  const link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(text ?? "")?.[0];
  expect(link, "reset link in the mail").toBeTruthy();
  await snap(admin, "dev-mailbox");
  await adminContext.close();

  const resetUrl = new URL(link ?? "");
  await page.goto(resetUrl.pathname + resetUrl.search);
  await page.getByLabel(/^New password/).fill("a-brand-new-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1/);

  await signIn(page, email, "a-brand-new-password");

  // The link works once.
  await page.context().clearCookies();
  await page.goto(resetUrl.pathname + resetUrl.search);
  await page.getByLabel(/^New password/).fill("yet-another-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("form-error")).toContainText(/invalid or has expired/);
});

test("health and readiness answer JSON", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, database: "ok", pendingMigrations: [] });
});
