import { spawn, spawnSync } from "node:child_process";
import pg from "pg";
import { startOpenAICompatibleServer } from "../tests/fixtures/openai-compatible-server";
import { mockAnswer } from "./mock-ai";

/**
 * The server Playwright tests: the production build, on a fresh PostgreSQL
 * database (created here, dropped on exit), with the demo organisation seeded
 * by the launcher exactly as `npm start` does.
 */
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const port = process.env.E2E_PORT ?? "3100";
const name = `lyceum_e2e_${process.pid}_${Date.now()}`;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await admin(`CREATE DATABASE "${name}"`);
// The AI tutor and grader talk to a local OpenAI-compatible server: real HTTP and SSE, scripted answers.
const ai = await startOpenAICompatibleServer({ answer: mockAnswer });
const url = new URL(adminUrl);
url.pathname = `/${name}`;

const server = spawn("npx", ["tsx", "scripts/launch.ts", "start"], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: port,
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
    // Each spec sends its own X-Forwarded-For, so rate limits are per test like per person.
    TRUST_PROXY: "true",
    SEED_DEMO: "true",
    REDIS_URL: "",
    SMTP_URL: "",
    // Lets specs move the app's clock (POST /api/dev/clock), e.g. to see a reminder fire.
    LYCEUM_TEST_CLOCK: "true",
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: ai.baseURL,
    AI_MODEL: "mock-tutor",
    AI_GRADING_MODEL: "mock-grader",
    FILE_STORAGE_DIR: `${process.cwd()}/.data/e2e-uploads-${process.pid}`,
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  await ai.close().catch(() => {});
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
