import { describe, expect, it } from "vitest";
import { describeCron, errorSummary, formatDuration, formatJson, functionLabel } from "./format";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [1000, "1 s"],
    [4230, "4.2 s"],
    [42_900, "42 s"],
    [60_000, "1 min"],
    [185_000, "3 min 5 s"],
    [3_600_000, "1 h"],
    [7_800_000, "2 h 10 min"],
    [3 * 86_400_000 + 4 * 3_600_000 + 59_000, "3 d 4 h"],
  ])("writes %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("writes a dash for values that are not durations", () => {
    expect(formatDuration(-1)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("errorSummary", () => {
  it("keeps the first line and cuts long ones", () => {
    expect(errorSummary("Connection refused\n    at Socket.connect")).toBe("Connection refused");
    expect(errorSummary("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("formatJson", () => {
  it("indents objects and survives values JSON cannot hold", () => {
    expect(formatJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(formatJson(loop)).toBe("[object Object]");
    expect(formatJson(undefined)).toBe("");
  });
});

describe("functionLabel", () => {
  it("prefers the function's own name, else drops the app prefix", () => {
    expect(functionLabel("lyceum-send-mail", { "lyceum-send-mail": "Send an email" })).toBe("Send an email");
    expect(functionLabel("lyceum-old-job", {})).toBe("old-job");
    expect(functionLabel("other-app-job", {})).toBe("other-app-job");
  });
});

describe("describeCron", () => {
  it.each([
    ["* * * * *", "every minute"],
    ["*/5 * * * *", "every 5 minutes"],
    ["15 * * * *", "hourly at :15"],
    ["0 3 * * *", "daily at 03:00 UTC"],
    ["30 7 * * 1", "30 7 * * 1"],
    ["TZ=Europe/Paris 0 3 * * *", "TZ=Europe/Paris 0 3 * * *"],
  ])("describes %s as %s", (cron, text) => {
    expect(describeCron(cron)).toBe(text);
  });
});
