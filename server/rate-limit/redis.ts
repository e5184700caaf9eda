import type { Redis } from "ioredis";
import type { RateLimiter, RateLimitResult } from "./index";
import { assertLimiterOptions, MemoryRateLimiter, rateLimitResult } from "./memory";

/**
 * One round trip, atomic: count the hit, start the window's expiry on the
 * first hit (or repair a key that somehow lost its expiry), return the count
 * and the milliseconds left in the window.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

export const redisKeyPrefix = "lyceum:rl:";

export interface RedisRateLimiterOptions {
  name: string;
  limit: number;
  windowMs: number;
  redis: Redis;
  /** Used while Redis is unreachable; defaults to an in-process limiter with the same limits. */
  fallback?: RateLimiter;
  /** How long a hit waits for Redis before falling back. */
  timeoutMs?: number;
  warn?: (message: string) => void;
}

/** Clients whose outage has been reported, so an outage logs one warning, not one per request. */
const warnedClients = new WeakSet<Redis>();

/**
 * Fixed-window limiter shared by every app instance through Redis. When Redis
 * is down it counts in memory instead: limits then hold per instance, but
 * signing in never depends on Redis being up.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly name: string;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly redis: Redis;
  private readonly fallback: RateLimiter;
  private readonly timeoutMs: number;
  private readonly warn: (message: string) => void;

  constructor(options: RedisRateLimiterOptions) {
    assertLimiterOptions(options.limit, options.windowMs);
    this.name = options.name;
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.redis = options.redis;
    this.fallback = options.fallback ?? new MemoryRateLimiter({ limit: options.limit, windowMs: options.windowMs });
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  keyFor(key: string): string {
    return `${redisKeyPrefix}${this.name}:${key}`;
  }

  async hit(key: string): Promise<RateLimitResult> {
    try {
      if (!(await this.ready())) throw new Error(`connection is ${this.redis.status}`);
      const now = Date.now();
      const reply = await withTimeout(this.redis.eval(HIT_SCRIPT, 1, this.keyFor(key), this.windowMs), this.timeoutMs);
      const [count, ttl] = parseReply(reply);
      warnedClients.delete(this.redis);
      return rateLimitResult(this.limit, count, now + ttl, now);
    } catch (error) {
      if (!warnedClients.has(this.redis)) {
        warnedClients.add(this.redis);
        const reason = error instanceof Error ? error.message : String(error);
        this.warn(
          `[rate-limit] Redis is unreachable (${reason}); counting in memory until it is back. Limits now apply per app instance.`,
        );
      }
      return this.fallback.hit(key);
    }
  }

  /** Waits briefly for a connection that is being made; gives up at once on one known to be down. */
  private async ready(): Promise<boolean> {
    const redis = this.redis;
    if (redis.status === "ready") return true;
    if (redis.status === "wait") redis.connect().catch(() => undefined);
    if (redis.status !== "connecting" && redis.status !== "connect") return false;
    return new Promise<boolean>((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        redis.off("ready", onReady);
        redis.off("close", onDown);
        redis.off("error", onDown);
        resolve(ok);
      };
      const onReady = () => finish(true);
      const onDown = () => finish(false);
      const timer = setTimeout(onDown, this.timeoutMs);
      redis.once("ready", onReady);
      redis.once("close", onDown);
      redis.once("error", onDown);
    });
  }
}

function parseReply(reply: unknown): [count: number, ttlMs: number] {
  if (Array.isArray(reply) && reply.length === 2) {
    const [count, ttl] = reply.map(Number);
    if (Number.isFinite(count) && Number.isFinite(ttl) && count !== undefined && ttl !== undefined) return [count, ttl];
  }
  throw new Error("unexpected reply from the rate-limit script");
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
