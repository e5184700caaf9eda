import { demo, demoPassword, expect, signIn, snap, test, uniqueEmail } from "./fixtures";

test("an org admin invites a teacher, who signs up through the link and lands in the organisation", async ({ page, browser }) => {
  const email = uniqueEmail("teacher");
  await signIn(page, demo.admin);
  await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Invites" }).click();

  const form = page.getByRole("form", { name: "Create an invite" });
  const unit = form.getByLabel(/^Unit/);
  const science = await unit.locator("option", { hasText: /Science Department$/ }).textContent();
  await unit.selectOption({ label: science ?? "" });
  await form.getByLabel(/^Role/).selectOption({ label: "Teacher" });
  await form.getByLabel(/^Email/).fill(email);
  await form.getByRole("button", { name: "Create invite" }).click();

  const link = page.getByLabel("Invite link");
  await expect(link).toHaveValue(/\/sign-up\?invite=/);
  const url = await link.inputValue();
  await snap(page, "invite-created");

  // The teacher opens the link in their own browser.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.200.0.7" } });
  const teacher = await context.newPage();
  await teacher.goto(new URL(url).pathname + new URL(url).search);
  await expect(teacher.getByText(/Science Department/).first()).toBeVisible();
  await expect(teacher.getByLabel(/^Email/)).toHaveValue(email);
  await teacher.getByLabel(/^Your name/).fill("Tessa Newteacher");
  await teacher.getByLabel(/^Password/).fill(demoPassword);
  await snap(teacher, "sign-up-with-invite");
  await teacher.getByRole("button", { name: "Create account and join" }).click();
  await expect(teacher).toHaveURL(/\/orgs\//);
  const nav = teacher.getByRole("navigation", { name: "Organisation" });
  await expect(nav.getByRole("link", { name: "Invites" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Units" })).toHaveCount(0);
  await snap(teacher, "teacher-home");

  // The link was for one use: opening it again explains that.
  const again = await browser.newContext();
  const stranger = await again.newPage();
  await stranger.goto(new URL(url).pathname + new URL(url).search);
  await expect(stranger.getByTestId("invite-problem")).toBeVisible();
  await context.close();
  await again.close();
});

test("a too-short password at sign-up shows what to fix and creates nothing", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel(/^Your name/).fill("Short Password");
  await page.getByLabel(/^Email/).fill(uniqueEmail("short"));
  await page.getByLabel(/^Password/).fill("short");
  await page.getByLabel(/^Organisation name/).fill("Tiny School");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText(/at least 10 characters/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});
