import { demo, expect, signIn, snap, test } from "./fixtures";

test.describe("sign in", () => {
  test("a wrong password shows a clear message and does not sign in", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(demo.admin);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/sign-in/);
    await snap(page, "wrong-password");
  });

  test("an org admin signs in and lands on the organisation home", async ({ page }) => {
    await signIn(page, demo.admin);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Units" })).toBeVisible();
    await snap(page, "admin-home");
  });

  test("a student sees no admin navigation", async ({ page }) => {
    await signIn(page, demo.student);
    const nav = page.getByRole("navigation", { name: "Organisation" });
    await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Units" })).toHaveCount(0);
  });

  test("six quick wrong passwords from one address are refused with 429 and Retry-After", async ({ request, clientIp }) => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await request.post("/api/auth/sign-in", {
        headers: { "x-forwarded-for": clientIp },
        data: { email: demo.student, password: `wrong-${i}` },
      });
      statuses.push(res.status());
      retryAfter ??= res.headers()["retry-after"];
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  test("signed-out visitors are sent to sign in", async ({ page }) => {
    await page.goto("/account/sessions");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
