import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("server core under plain Node", () => {
  it("loads every core module without Next.js, React or next-auth", () => {
    const run = spawnSync("npx", ["tsx", "scripts/check-core.ts"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres" },
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/server core imported/);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/core: \d+ modules loaded/);
    expect(run.stdout).toMatch(/ok server\/auth\/permissions\.ts/);
  }, 120_000);
});
