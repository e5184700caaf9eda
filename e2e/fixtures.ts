import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

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

let personCounter = 0;

/**
 * A browser context for a second person in the same test (a learner next to
 * the teacher), with a client address of its own so rate limits see two people.
 */
export async function newPersonContext(browser: Browser): Promise<BrowserContext> {
  personCounter += 1;
  const ip = `10.230.${Math.floor(Math.random() * 250)}.${(personCounter % 250) + 1}`;
  return browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
}

/** The organisation, course and cohort ids in an app URL (empty when the URL has none). */
export function idsFromUrl(url: string): { orgId: string; courseId: string; cohortId: string } {
  const path = new URL(url).pathname;
  return {
    orgId: /\/orgs\/([^/]+)/.exec(path)?.[1] ?? "",
    courseId: /\/courses\/([^/]+)/.exec(path)?.[1] ?? "",
    cohortId: /\/cohorts\/([^/]+)/.exec(path)?.[1] ?? "",
  };
}

/** How far the page is wider than the window: 0 when nothing scrolls sideways. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** snap() from the top of the page: scrolled down, a full-page shot draws the sticky header in the middle. */
export async function snapPage(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, name);
}
