import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword, verifyPasswordTimingSafe } from "./password";

describe("password hashing", () => {
  it("hashes with argon2id at the OWASP parameters and verifies", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterz")).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("treats a malformed stored hash as a wrong password", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(needsRehash("not-a-hash")).toBe(true);
  });

  it("flags hashes made with weaker parameters for rehashing", async () => {
    const { hash } = await import("@node-rs/argon2");
    expect(needsRehash(await hash("pw", { memoryCost: 4096, timeCost: 1 }))).toBe(true);
  });

  it("still spends a verify when there is no stored hash", async () => {
    await verifyPasswordTimingSafe(null, "warm up");
    const real = await hashPassword("pw");
    const t0 = performance.now();
    await verifyPasswordTimingSafe(real, "wrong");
    const known = performance.now() - t0;
    const t1 = performance.now();
    expect(await verifyPasswordTimingSafe(null, "wrong")).toBe(false);
    const unknown = performance.now() - t1;
    expect(unknown).toBeGreaterThan(known * 0.4);
  });
});
