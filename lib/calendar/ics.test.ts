import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, formatUtc, type IcsEvent } from "./ics";

const now = new Date("2026-09-01T08:00:00Z");
const base: IcsEvent = {
  uid: "meeting-1@lyceum",
  start: new Date("2026-09-14T17:00:00Z"),
  end: new Date("2026-09-14T18:00:00Z"),
  summary: "Group 1 · Physics",
};

const octets = (s: string) => new TextEncoder().encode(s).length;
/** RFC 5545 3.1: unfolding removes every CRLF followed by one space or tab. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, "");
const physicalLines = (s: string) => s.split("\r\n").slice(0, -1);

describe("buildCalendar", () => {
  it("writes the calendar envelope with CRLF line ends and a final CRLF", () => {
    const ics = buildCalendar([base], { now, name: "Lyceum meetings", method: "PUBLISH" });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = physicalLines(ics);
    expect(lines.slice(0, 5)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Lyceum//Meetings//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
    ]);
    expect(lines).toContain("X-WR-CALNAME:Lyceum meetings");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
  });

  it("writes times in UTC form and a DTSTAMP", () => {
    const lines = physicalLines(buildCalendar([base], { now }));
    expect(lines).toContain("DTSTART:20260914T170000Z");
    expect(lines).toContain("DTEND:20260914T180000Z");
    expect(lines).toContain("DTSTAMP:20260901T080000Z");
    expect(lines).toContain("UID:meeting-1@lyceum");
    expect(lines).toContain("SEQUENCE:0");
    expect(lines).toContain("STATUS:CONFIRMED");
  });

  it("leaves out METHOD and the name when not asked for", () => {
    const ics = buildCalendar([base], { now });
    expect(ics).not.toContain("METHOD:");
    expect(ics).not.toContain("X-WR-CALNAME");
  });

  it("folds a long multi-byte summary at 75 octets without splitting a character", () => {
    const summary = "Réunion du groupe — 物理学のディスカッション 🚀 ".repeat(6);
    const ics = buildCalendar([{ ...base, summary }], { now });
    for (const line of physicalLines(ics)) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      // A split inside a UTF-8 sequence would decode to U+FFFD.
      expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
    }
    const folded = physicalLines(ics).filter((l) => l.startsWith(" "));
    expect(folded.length).toBeGreaterThan(2);
    expect(physicalLines(unfold(ics))).toContain(`SUMMARY:${escapeText(summary)}`);
  });

  it("escapes backslash, semicolon, comma and line breaks in TEXT values", () => {
    const ics = buildCalendar(
      [{ ...base, summary: "A; B, C\\D", description: "Line 1\nLine 2\r\nLine 3", location: "Room 1, floor 2" }],
      { now, name: "Ann's, calendar" },
    );
    const lines = physicalLines(unfold(ics));
    expect(lines).toContain("SUMMARY:A\\; B\\, C\\\\D");
    expect(lines).toContain("DESCRIPTION:Line 1\\nLine 2\\nLine 3");
    expect(lines).toContain("LOCATION:Room 1\\, floor 2");
    expect(lines).toContain("X-WR-CALNAME:Ann's\\, calendar");
  });

  it("does not escape URLs but drops line breaks from them", () => {
    const lines = physicalLines(unfold(buildCalendar([{ ...base, url: "https://x.test/a?b=1,2\n" }], { now })));
    expect(lines).toContain("URL:https://x.test/a?b=1,2");
  });

  it("marks a cancelled event with its sequence so clients replace their copy", () => {
    const lines = physicalLines(buildCalendar([{ ...base, status: "CANCELLED", sequence: 2 }], { now }));
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).toContain("SEQUENCE:2");
  });

  it("writes one VEVENT per event and an empty calendar for none", () => {
    const two = buildCalendar([base, { ...base, uid: "meeting-2@lyceum" }], { now });
    expect(two.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(buildCalendar([], { now })).not.toContain("VEVENT");
  });

  it("refuses events that end before they start", () => {
    expect(() => buildCalendar([{ ...base, end: base.start }], { now })).toThrow(/end after it starts/);
  });
});

describe("foldLine", () => {
  it("keeps a 75-octet line and folds a 76-octet one", () => {
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });

  it("moves a multi-byte character to the next line rather than splitting it", () => {
    const line = `${"x".repeat(74)}é`; // 76 octets: é would straddle the limit
    expect(foldLine(line)).toBe(`${"x".repeat(74)}\r\n é`);
  });
});

describe("formatUtc", () => {
  it("drops milliseconds and separators", () => {
    expect(formatUtc(new Date("2026-03-29T01:30:45.123Z"))).toBe("20260329T013045Z");
  });
});
