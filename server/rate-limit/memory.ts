import type { RateLimiter, RateLimitResult } from "./index";

export interface MemoryRateLimiterOptions {
  limit: number;
  windowMs: number;
  /** Injected in tests; milliseconds since the epoch. */
  now?: () => number;
  /** Most keys kept at once; beyond it the oldest windows are dropped first. */
  maxKeys?: number;
}

/** The result for the `count`th hit in a window that ends at `resetAtMs`. */
export function rateLimitResult(limit: number, count: number, resetAtMs: number, nowMs: number): RateLimitResult {
  const allowed = count <= limit;
  return {
    allowed,
    limit,
    remaining: Math.max(0, limit - count),
    resetAt: new Date(resetAtMs),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000)),
  };
}

export function assertLimiterOptions(limit: number, windowMs: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`Rate limit must be a whole number of at least 1, got ${limit}.`);
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new Error(`Rate-limit window must be a whole number of milliseconds, got ${windowMs}.`);
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Fixed-window counter in this process. Used when no Redis is configured (a
 * laptop) and as the fallback when Redis is down. Windows are kept in a Map in
 * the order they started; with one window length that is also the order they
 * end, so expired ones are always at the front and a sweep stops at the first
 * live one. `maxKeys` bounds memory even under a flood of distinct keys.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: MemoryRateLimiterOptions) {
    assertLimiterOptions(options.limit, options.windowMs);
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Keys currently held (for tests and metrics). */
  get size(): number {
    return this.windows.size;
  }

  async hit(key: string): Promise<RateLimitResult> {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      // Re-insert so the Map stays ordered by window start.
      this.windows.delete(key);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    this.evictOverflow(key);
    return rateLimitResult(this.limit, window.count, window.resetAt, now);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.resetAt > now) break;
      this.windows.delete(key);
    }
  }

  private evictOverflow(keep: string): void {
    if (this.windows.size <= this.maxKeys) return;
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      if (key !== keep) this.windows.delete(key);
    }
  }
}
