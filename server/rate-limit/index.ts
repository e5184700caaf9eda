import { Redis } from "ioredis";
import { env } from "../env";
import { assertLimiterOptions, MemoryRateLimiter } from "./memory";
import { RedisRateLimiter } from "./redis";

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  /** Hits left in this window (0 once blocked). */
  remaining: number;
  /** When the current window ends and the count starts again. */
  resetAt: Date;
  /** 0 when allowed; otherwise whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one attempt for `key` and says whether it is within the limit. */
  hit(key: string): Promise<RateLimitResult>;
}

export interface CreateRateLimiterOptions {
  /** Names the counter in Redis keys (`lyceum:rl:<name>:<key>`); one name per kind of limit. */
  name: string;
  limit: number;
  windowMs: number;
  /** Overrides `REDIS_URL`; `null` forces the in-memory limiter. */
  redisUrl?: string | null;
}

const globalForRedis = globalThis as unknown as { lyceumRateLimitRedis?: Map<string, Redis> };

/** One connection per Redis URL per process, shared by every limiter (and kept across dev reloads). */
function sharedRedis(url: string): Redis {
  const clients = (globalForRedis.lyceumRateLimitRedis ??= new Map());
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, {
      lazyConnect: true,
      // Fail fast instead of queueing: a limiter that waits for Redis would block sign-in.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    // Outages are reported once by the limiter; without a listener ioredis logs every retry.
    client.on("error", () => undefined);
    clients.set(url, client);
  }
  return client;
}

/** Closes the shared Redis connections (graceful shutdown, tests). */
export async function closeRateLimiters(): Promise<void> {
  const clients = globalForRedis.lyceumRateLimitRedis;
  if (!clients) return;
  globalForRedis.lyceumRateLimitRedis = undefined;
  await Promise.all([...clients.values()].map((c) => c.quit().catch(() => c.disconnect())));
}

/**
 * A fixed-window limiter: Redis (shared by every instance) when `REDIS_URL` is
 * set, else in this process. The backend is chosen at the first hit, so
 * creating limiters at module load reads no environment.
 */
export function createRateLimiter(options: CreateRateLimiterOptions): RateLimiter {
  assertLimiterOptions(options.limit, options.windowMs);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(options.name)) {
    throw new Error(`Rate limiter name must be lower-case letters, digits and dashes, got "${options.name}".`);
  }
  let impl: RateLimiter | undefined;
  const resolve = (): RateLimiter => {
    if (impl) return impl;
    const url = options.redisUrl === undefined ? env().REDIS_URL : (options.redisUrl ?? undefined);
    const memory = new MemoryRateLimiter({ limit: options.limit, windowMs: options.windowMs });
    impl = url
      ? new RedisRateLimiter({ ...options, redis: sharedRedis(url), fallback: memory })
      : memory;
    return impl;
  };
  return { hit: (key) => resolve().hit(key) };
}

/** Sign-in attempts: 5 a minute per key (the edge picks the key, e.g. IP + email). */
export const signInLimiter: RateLimiter = createRateLimiter({ name: "sign-in", limit: 5, windowMs: 60_000 });

/** Standard response headers for a limited endpoint. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(result.limit),
    "X-RateLimit-Remaining": String(result.remaining),
    "X-RateLimit-Reset": String(Math.ceil(result.resetAt.getTime() / 1000)),
  };
  if (!result.allowed) headers["Retry-After"] = String(Math.max(1, result.retryAfterSeconds));
  return headers;
}

export { MemoryRateLimiter } from "./memory";
export { RedisRateLimiter } from "./redis";
