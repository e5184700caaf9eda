import { test as base, expect, type Page } from "@playwright/test";

export const demoPassword = "lyceum-demo-2026";
export const demo = {
  admin: "admin@demo.lyceum.dev",
  teacher: "teacher@demo.lyceum.dev",
  facilitator: "facilitator@demo.lyceum.dev",
  student: "student@demo.lyceum.dev",
  system: "root@demo.lyceum.dev",
};

let ipCounter = 0;

/**
 * Every test gets its own client address (the server runs with TRUST_PROXY),
 * so the per-IP sign-in limit applies per test as it would per person.
 */
export const test = base.extend<{ clientIp: string }>({
  clientIp: async ({}, use, testInfo) => {
    ipCounter += 1;
    await use(`10.${testInfo.workerIndex % 250}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`);
  },
  context: async ({ context, clientIp }, use) => {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": clientIp });
    await use(context);
  },
});

export { expect };

export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs\//);
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.lyceum.dev`;
}

/** A full-page screenshot kept with the test's artifacts. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}
