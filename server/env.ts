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
  /**
   * "true" counts the SQL queries this process sends (GET /api/dev/query-stats),
   * for `npm run bench:pages`. Never set it on a real deployment.
   */
  LYCEUM_QUERY_STATS: z
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
  /** File storage (server/storage). Set: uploads go to this S3-compatible bucket; unset: a local folder. */
  S3_BUCKET: optional,
  /** Unset: AWS (https://s3.<region>.amazonaws.com). MinIO and other S3-compatible servers need it. */
  S3_ENDPOINT: optional.refine(
    (v) => v === undefined || (/^https?:\/\/[^/\s]/.test(v) && URL.canParse(v)),
    "must be an http(s) URL, e.g. http://localhost:9000 or https://s3.eu-west-1.amazonaws.com",
  ),
  /** Part of every request signature, so it must be the bucket's region (MinIO: us-east-1). */
  S3_REGION: optional.transform((v) => v ?? "us-east-1"),
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  /** Unset: path-style (<endpoint>/<bucket>/<key>) when S3_ENDPOINT is set, since MinIO needs it; else virtual-hosted. */
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1")),
  /** Folder of the local store when S3_BUCKET is unset; relative paths start at the working directory. */
  FILE_STORAGE_DIR: optional,
  /** Largest accepted upload in megabytes (assignment files). */
  MAX_UPLOAD_MB: optional
    .refine(
      (v) => v === undefined || (/^\d+(\.\d+)?$/.test(v) && Number(v) > 0 && Number(v) <= 5120),
      "must be a number of megabytes between 0 and 5120, e.g. 25",
    )
    .transform((v) => (v === undefined ? 25 : Number(v))),
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
