import { z } from "zod";

/** Empty strings in .env files mean "not set". */
const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional,
  AUTH_SECRET: optional,
  APP_URL: optional,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  SMTP_URL: optional,
  MAIL_FROM: z.string().default("Lyceum <no-reply@lyceum.local>"),
  REDIS_URL: optional,
  AUTH_DISCORD_ID: optional,
  AUTH_DISCORD_SECRET: optional,
  AUTH_GOOGLE_ID: optional,
  AUTH_GOOGLE_SECRET: optional,
  AUTH_MICROSOFT_ENTRA_ID_ID: optional,
  AUTH_MICROSOFT_ENTRA_ID_SECRET: optional,
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: optional,
  /** "false" disables the demo organisation that a fresh database gets. */
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** "true" when a reverse proxy sets X-Forwarded-For; only then is that header believed. */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /**
   * "true" lets tests move the app's clock (POST /api/dev/clock): reminders,
   * digests and inbox times then read the real time plus a stored offset.
   * Never set it on a real deployment.
   */
  LYCEUM_TEST_CLOCK: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Set by the launcher when it serves the embedded PGlite database. */
  LYCEUM_EMBEDDED_DB: optional,
  /** AI models (server/ai/registry.ts). None set: the offline model, labelled so in the UI. */
  OPENAI_API_KEY: optional,
  /** Any OpenAI-compatible server (Ollama, vLLM, OpenRouter), e.g. http://localhost:11434/v1. */
  OPENAI_BASE_URL: optional.refine(
    (v) => v === undefined || (/^https?:\/\/[^/\s]/.test(v) && URL.canParse(v)),
    "must be an http(s) URL ending in the API root, e.g. http://localhost:11434/v1",
  ),
  /** Model for the tutor and AI generation; required with OPENAI_BASE_URL. */
  AI_MODEL: optional,
  /** Model for rubric grading; defaults to AI_MODEL. */
  AI_GRADING_MODEL: optional,
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables (see .env.example):\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment, read once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function appUrl(): string {
  const e = env();
  return (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}
