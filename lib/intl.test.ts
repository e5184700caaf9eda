import { describe, expect, it } from "vitest";
import { dateTimeFormat, relativeTimeFormat } from "./intl";

describe("shared Intl formatters", () => {
  it("builds one formatter per locale and options, and formats like a fresh one", () => {
    const options = { day: "numeric", month: "short", timeZone: "Asia/Tokyo" } as const;
    const first = dateTimeFormat("en-GB", options);
    expect(dateTimeFormat("en-GB", { ...options })).toBe(first);
    const instant = new Date("2026-03-01T20:00:00Z");
    expect(first.format(instant)).toBe(new Intl.DateTimeFormat("en-GB", options).format(instant));
    expect(first.format(instant)).toBe("2 Mar");
  });

  it("keeps formatters with different options or locales apart", () => {
    const brussels = dateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: "Europe/Brussels" });
    const newYork = dateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: "America/New_York" });
    expect(newYork).not.toBe(brussels);
    const noon = new Date("2026-07-01T12:00:00Z");
    expect(brussels.format(noon)).toBe("14");
    expect(newYork.format(noon)).toBe("08");
    expect(dateTimeFormat("en-US", { hour: "2-digit", hourCycle: "h23", timeZone: "Europe/Brussels" })).not.toBe(brussels);
  });

  it("throws for an unknown time zone every time instead of caching a broken formatter", () => {
    expect(() => dateTimeFormat("en-GB", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => dateTimeFormat("en-GB", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });

  it("shares relative time formatters too", () => {
    const rtf = relativeTimeFormat("en", { numeric: "auto" });
    expect(relativeTimeFormat("en", { numeric: "auto" })).toBe(rtf);
    expect(rtf.format(-1, "day")).toBe("yesterday");
  });
});
