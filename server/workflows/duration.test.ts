import { describe, expect, it } from "vitest";
import { parseRetryAfter, parseTimeString, resolveWakeTime, retryBackoffMs } from "./duration";

describe("durations", () => {
  it.each([
    ["1s", 1000],
    ["300ms", 300],
    ["2h45m", 9_900_000],
    ["1d", 86_400_000],
    ["1w2d", 777_600_000],
    ["1.5h", 5_400_000],
  ])("%s is %i ms", (text, ms) => {
    expect(parseTimeString(text)).toBe(ms);
  });

  it.each(["", "5", "1y", "h", "1h 2m"])("%s is not a time string", (text) => {
    expect(parseTimeString(text)).toBeUndefined();
  });

  it("wakes after a duration or at a date", () => {
    const now = new Date("2026-11-22T10:00:00.000Z");
    expect(resolveWakeTime("90m", now).toISOString()).toBe("2026-11-22T11:30:00.000Z");
    expect(resolveWakeTime("2026-12-01T08:00:00.000Z", now).toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(() => resolveWakeTime("soon", now)).toThrow(/neither a duration/);
  });

  it("backs off exponentially with bounded jitter", () => {
    expect(retryBackoffMs(1, () => 0)).toBe(10_000);
    expect(retryBackoffMs(3, () => 0)).toBe(40_000);
    expect(retryBackoffMs(3, () => 1)).toBe(48_000);
    expect(retryBackoffMs(30, () => 0)).toBe(3_600_000);
  });

  it("reads Retry-After as seconds or a date", () => {
    const now = new Date("2026-11-22T10:00:00.000Z");
    expect(parseRetryAfter("120", now)?.toISOString()).toBe("2026-11-22T10:02:00.000Z");
    expect(parseRetryAfter("2026-11-22T12:00:00.000Z", now)?.toISOString()).toBe("2026-11-22T12:00:00.000Z");
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("whenever", now)).toBeUndefined();
  });
});
