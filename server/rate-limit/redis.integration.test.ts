import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { newSecret } from "../security/tokens";
import { closeRateLimiters, createRateLimiter } from "./index";
import { MemoryRateLimiter } from "./memory";
import { RedisRateLimiter } from "./redis";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const run = newSecret(6).toLowerCase().replace(/[^a-z0-9]/g, "x");
const clients: Redis[] = [];

function client(url = REDIS_URL): Redis {
  const c = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  c.on("error", () => undefined);
  clients.push(c);
  return c;
}

afterAll(async () => {
  const admin = client();
  await admin.connect();
  const keys = await admin.keys(`lyceum:rl:test-${run}-*`);
  if (keys.length) await admin.del(...keys);
  await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  await closeRateLimiters();
});

describe("RedisRateLimiter", () => {
  it("counts atomically across clients and sets the window expiry", async () => {
    const name = `test-${run}-shared`;
    const a = new RedisRateLimiter({ name, limit: 5, windowMs: 60_000, redis: client() });
    const b = new RedisRateLimiter({ name, limit: 5, windowMs: 60_000, redis: client() });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).hit("ada@example.com")));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.filter((r) => !r.allowed)).toHaveLength(3);
    for (const r of results.filter((x) => !x.allowed)) {
      expect(r.remaining).toBe(0);
      expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    const admin = client();
    await admin.connect();
    const key = a.keyFor("ada@example.com");
    expect(key).toBe(`lyceum:rl:${name}:ada@example.com`);
    expect(await admin.get(key)).toBe("8");
    const ttl = await admin.pttl(key);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("starts a new window after the old one expires", async () => {
    const limiter = new RedisRateLimiter({ name: `test-${run}-expiry`, limit: 1, windowMs: 300, redis: client() });
    expect((await limiter.hit("k")).allowed).toBe(true);
    const blocked = await limiter.hit("k");
    expect(blocked.allowed).toBe(false);
    expect(blocked.resetAt.getTime() - Date.now()).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 350));
    expect((await limiter.hit("k")).allowed).toBe(true);
  });

  it("falls back to memory with one warning when Redis is unreachable", async () => {
    const warnings: string[] = [];
    const down = client("redis://127.0.0.1:1");
    const fallback = new MemoryRateLimiter({ limit: 2, windowMs: 60_000 });
    const limiter = new RedisRateLimiter({
      name: `test-${run}-down`,
      limit: 2,
      windowMs: 60_000,
      redis: down,
      fallback,
      timeoutMs: 500,
      warn: (m) => warnings.push(m),
    });
    const started = Date.now();
    const allowed = [];
    for (let i = 0; i < 4; i++) allowed.push((await limiter.hit("ada")).allowed);
    expect(allowed).toEqual([true, true, false, false]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Redis is unreachable/);
  });
});

describe("createRateLimiter with a Redis URL", () => {
  it("uses Redis, shared between limiters of the same name", async () => {
    const name = `test-${run}-factory`;
    const first = createRateLimiter({ name, limit: 2, windowMs: 60_000, redisUrl: REDIS_URL });
    const second = createRateLimiter({ name, limit: 2, windowMs: 60_000, redisUrl: REDIS_URL });
    expect((await first.hit("k")).allowed).toBe(true);
    expect((await second.hit("k")).allowed).toBe(true);
    const third = await first.hit("k");
    expect(third.allowed).toBe(false);
    const admin = client();
    await admin.connect();
    expect(await admin.get(`lyceum:rl:${name}:k`)).toBe("3");
  });

  it("never blocks when the Redis URL points nowhere", async () => {
    const limiter = createRateLimiter({ name: `test-${run}-nowhere`, limit: 1, windowMs: 60_000, redisUrl: "redis://127.0.0.1:1" });
    const warn = console.warn;
    const seen: unknown[] = [];
    console.warn = (...args: unknown[]) => void seen.push(args);
    try {
      expect((await limiter.hit("k")).allowed).toBe(true);
      expect((await limiter.hit("k")).allowed).toBe(false);
    } finally {
      console.warn = warn;
    }
    expect(seen).toHaveLength(1);
  });
});
