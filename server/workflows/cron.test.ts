import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "./cron";

const next = (cron: string, after: string) => nextCronTime(cron, new Date(after)).toISOString();

describe("cron", () => {
  it.each([
    ["0 3 * * *", "2026-11-22T10:00:00.000Z", "2026-11-23T03:00:00.000Z"],
    ["0 3 * * *", "2026-11-22T02:59:59.999Z", "2026-11-22T03:00:00.000Z"],
    ["0 3 * * *", "2026-11-22T03:00:00.000Z", "2026-11-23T03:00:00.000Z"],
    ["*/15 * * * *", "2026-11-22T10:07:00.000Z", "2026-11-22T10:15:00.000Z"],
    ["0 9 * * MON-FRI", "2026-11-20T10:00:00.000Z", "2026-11-23T09:00:00.000Z"],
    ["30 8 1 JAN,JUL *", "2026-11-22T10:00:00.000Z", "2027-01-01T08:30:00.000Z"],
    ["0 0 29 2 *", "2026-03-01T00:00:00.000Z", "2028-02-29T00:00:00.000Z"],
    ["0 12 13 * 5", "2026-11-22T00:00:00.000Z", "2026-11-27T12:00:00.000Z"],
    ["0 0 * * 7", "2026-11-22T00:00:00.000Z", "2026-11-29T00:00:00.000Z"],
    ["@hourly", "2026-11-22T10:30:00.000Z", "2026-11-22T11:00:00.000Z"],
    ["@weekly", "2026-11-22T10:30:00.000Z", "2026-11-29T00:00:00.000Z"],
    ["5-10/5 1 * * *", "2026-11-22T01:06:00.000Z", "2026-11-22T01:10:00.000Z"],
  ])("%s after %s is %s", (cron, after, expected) => {
    expect(next(cron, after)).toBe(expected);
  });

  it("follows a time zone, daylight saving included", () => {
    expect(next("TZ=Europe/Brussels 0 3 * * *", "2026-11-22T10:00:00.000Z")).toBe("2026-11-23T02:00:00.000Z");
    expect(next("TZ=Europe/Brussels 0 3 * * *", "2026-07-01T10:00:00.000Z")).toBe("2026-07-02T01:00:00.000Z");
    expect(next("CRON_TZ=America/New_York 0 9 * * *", "2026-03-07T20:00:00.000Z")).toBe("2026-03-08T13:00:00.000Z");
  });

  it("skips a wall time that does not exist and fires a repeated one once", () => {
    // Brussels, 2026-03-29: 02:00 jumps to 03:00.
    expect(next("TZ=Europe/Brussels 30 2 * * *", "2026-03-28T12:00:00.000Z")).toBe("2026-03-30T00:30:00.000Z");
    // New York, 2026-11-01: 01:00-02:00 happens twice; the first one fires.
    const first = next("TZ=America/New_York 30 1 * * *", "2026-10-31T12:00:00.000Z");
    expect(first).toBe("2026-11-01T05:30:00.000Z");
    expect(next("TZ=America/New_York 30 1 * * *", first)).toBe("2026-11-02T06:30:00.000Z");
  });

  it.each(["* * * *", "60 * * * *", "* 24 * * *", "5-1 * * * *", "*/0 * * * *", "TZ=Mars/Base 0 0 * * *", "0 0 * FOO *"])("rejects %s", (cron) => {
    expect(() => parseCron(cron)).toThrow(/Invalid cron/);
  });

  it("says when a schedule never fires", () => {
    expect(() => nextCronTime("0 0 30 2 *", new Date("2026-01-01T00:00:00Z"))).toThrow(/never fires/);
  });
});
