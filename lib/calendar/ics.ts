/**
 * iCalendar (RFC 5545) writer for Lyceum's meetings: the personal calendar
 * feed, the one-meeting download and the invites attached to emails. Pure and
 * framework-free, so the server, the workflows and tests share one writer.
 *
 * Only what calendar clients need from us is written: UTC times (no VTIMEZONE
 * blocks to get wrong; every client shows them in the reader's own zone),
 * a stable UID per meeting, and SEQUENCE/STATUS so a moved or cancelled
 * meeting replaces the copy a client already imported.
 */

export interface IcsEvent {
  /** Stable across updates: a client matches updates to its copy by UID. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** Raise on every change (moved, cancelled) so clients take the new version. */
  sequence?: number;
  status?: "CONFIRMED" | "CANCELLED";
}

export interface BuildCalendarOptions {
  /** Shown as the calendar's name by clients that subscribe (X-WR-CALNAME, NAME). */
  name?: string;
  /** iTIP method; omitted for subscribed feeds, which are not scheduling messages. */
  method?: "PUBLISH" | "REQUEST";
  /** DTSTAMP of every event; defaults to now (tests pass a fixed instant). */
  now?: Date;
}

const CRLF = "\r\n";
const MAX_LINE_OCTETS = 75;
const PRODID = "-//Lyceum//Meetings//EN";

/** 2026-03-29T01:30:00.000Z -> 20260329T013000Z (DATE-TIME in UTC form). */
export function formatUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Calendar event times must be valid dates.");
  return date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line
 * breaks. Other control characters are not allowed in TEXT, so they are
 * dropped rather than producing a file a strict parser refuses.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
  );
}

const encoder = new TextEncoder();

function octets(value: string): number {
  return encoder.encode(value).length;
}

/**
 * Folds one content line at 75 octets (RFC 5545 3.1): every continuation
 * starts with a space, which counts towards its 75. Splits fall between code
 * points, never inside a multi-byte UTF-8 sequence.
 */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let currentOctets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = octets(char);
    if (currentOctets + size > limit) {
      parts.push(current);
      current = "";
      currentOctets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    currentOctets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** URIs are not TEXT: they are not escaped, but a line break would end the property early. */
function uriValue(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, "");
}

function eventLines(event: IcsEvent, stamp: string): string[] {
  if (!event.uid.trim()) throw new RangeError("Calendar events need a non-empty uid.");
  if (event.end.getTime() <= event.start.getTime()) {
    throw new RangeError(`Calendar event "${event.summary}" must end after it starts.`);
  }
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${uriValue(event.url)}`);
  lines.push(`SEQUENCE:${Math.max(0, Math.trunc(event.sequence ?? 0))}`);
  lines.push(`STATUS:${event.status ?? "CONFIRMED"}`);
  if (event.status === "CANCELLED") lines.push("TRANSP:TRANSPARENT");
  lines.push("END:VEVENT");
  return lines;
}

/** A complete VCALENDAR object: CRLF line ends, folded lines, ending with CRLF. */
export function buildCalendar(events: IcsEvent[], options: BuildCalendarOptions = {}): string {
  const stamp = formatUtc(options.now ?? new Date());
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN"];
  if (options.method) lines.push(`METHOD:${options.method}`);
  if (options.name) {
    const name = escapeText(options.name);
    lines.push(`X-WR-CALNAME:${name}`, `NAME:${name}`);
    // Subscribed calendars: ask clients that honour it (Outlook, Apple) to refresh hourly.
    lines.push("REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H");
  }
  for (const event of events) lines.push(...eventLines(event, stamp));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
