import { describe, expect, it } from "vitest";
import { createRateLimiter, rateLimitHeaders } from "./index";
import { MemoryRateLimiter } from "./memory";

function clock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("MemoryRateLimiter", () => {
  it("allows `limit` hits per window, then blocks with the time left", async () => {
    const c = clock();
    const limiter = new MemoryRateLimiter({ limit: 3, windowMs: 60_000, now: c.now });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit("ada"));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[0]?.retryAfterSeconds).toBe(0);
    expect(results[3]?.resetAt.getTime()).toBe(c.now() + 60_000);
    c.advance(15_500);
    const blocked = await limiter.hit("ada");
    expect(blocked.allowed).toBe(false);
    expect(blocked.retryAfterSeconds).toBe(45);
  });

  it("starts a fresh window once the old one ends", async () => {
    const c = clock();
    const limiter = new MemoryRateLimiter({ limit: 1, windowMs: 1000, now: c.now });
    expect((await limiter.hit("k")).allowed).toBe(true);
    expect((await limiter.hit("k")).allowed).toBe(false);
    c.advance(1000);
    const fresh = await limiter.hit("k");
    expect(fresh.allowed).toBe(true);
    expect(fresh.resetAt.getTime()).toBe(c.now() + 1000);
  });

  it("counts keys separately", async () => {
    const limiter = new MemoryRateLimiter({ limit: 1, windowMs: 1000, now: clock().now });
    expect((await limiter.hit("a")).allowed).toBe(true);
    expect((await limiter.hit("b")).allowed).toBe(true);
    expect((await limiter.hit("a")).allowed).toBe(false);
  });

  it("evicts expired windows, so memory does not grow with old keys", async () => {
    const c = clock();
    const limiter = new MemoryRateLimiter({ limit: 5, windowMs: 1000, now: c.now });
    for (let i = 0; i < 500; i++) await limiter.hit(`ip-${i}`);
    expect(limiter.size).toBe(500);
    c.advance(1001);
    await limiter.hit("late");
    expect(limiter.size).toBe(1);
  });

  it("caps live keys at maxKeys, dropping the oldest windows", async () => {
    const c = clock();
    const limiter = new MemoryRateLimiter({ limit: 1, windowMs: 60_000, now: c.now, maxKeys: 100 });
    await limiter.hit("first");
    for (let i = 0; i < 1000; i++) {
      c.advance(1);
      await limiter.hit(`flood-${i}`);
    }
    expect(limiter.size).toBe(100);
    // The newest key is kept and still counted.
    expect((await limiter.hit("flood-999")).allowed).toBe(false);
  });

  it("rejects nonsense limits", () => {
    expect(() => new MemoryRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(/at least 1/);
    expect(() => createRateLimiter({ name: "Bad Name", limit: 1, windowMs: 1000, redisUrl: null })).toThrow(/lower-case/);
  });
});

describe("createRateLimiter without Redis", () => {
  it("counts in memory", async () => {
    const limiter = createRateLimiter({ name: "unit-memory", limit: 2, windowMs: 60_000, redisUrl: null });
    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push((await limiter.hit("x")).allowed);
    expect(allowed).toEqual([true, true, false]);
  });
});

describe("rateLimitHeaders", () => {
  it("gives limit, remaining and reset, and Retry-After only when blocked", () => {
    const resetAt = new Date(Date.UTC(2026, 0, 1, 0, 1, 0, 200));
    const ok = rateLimitHeaders({ allowed: true, limit: 5, remaining: 4, resetAt, retryAfterSeconds: 0 });
    expect(ok).toEqual({
      "X-RateLimit-Limit": "5",
      "X-RateLimit-Remaining": "4",
      "X-RateLimit-Reset": String(Math.ceil(resetAt.getTime() / 1000)),
    });
    const blocked = rateLimitHeaders({ allowed: false, limit: 5, remaining: 0, resetAt, retryAfterSeconds: 42 });
    expect(blocked["Retry-After"]).toBe("42");
    expect(blocked["X-RateLimit-Remaining"]).toBe("0");
  });
});
