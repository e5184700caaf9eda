import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium (apt-get install chromium); Playwright's own browser download cannot run offline.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/** Specs that move the app's test clock forward (POST /api/dev/clock). */
const clockSpecs = /reminders\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  outputDir: process.env.E2E_ARTIFACTS_DIR ?? "e2e/artifacts",
  // One production server and one database: specs run one after another.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/playwright.json" }]],
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  // Projects run in this order on the one worker. The app's test clock only moves forward, so the specs that
  // move it come last: after an hour's jump on a Sunday evening the demo cohort's week 3 (next Monday) was open
  // and the phone spec found no locked item.
  projects: [
    { name: "desktop", testIgnore: [/.*\.phone\.spec\.ts/, clockSpecs], use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    { name: "phone", testMatch: /.*\.phone\.spec\.ts/, use: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, launchOptions: chromium } },
    { name: "clock", testMatch: clockSpecs, use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
  ],
  webServer: {
    command: "npx tsx e2e/server.ts",
    url: `${baseURL}/api/ready`,
    timeout: 420_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
