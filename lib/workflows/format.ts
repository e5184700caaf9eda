/**
 * How the workflow-runs pages write durations, error summaries and payloads.
 * Pure, so the list, the detail page and their tests agree.
 */

/** "850 ms", "4.2 s", "3 min 5 s", "2 h 10 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1).replace(/\.0$/, "") : Math.floor(seconds)} s`;
  const totalSeconds = Math.floor(seconds);
  const [d, h, m, s] = [
    Math.floor(totalSeconds / 86_400),
    Math.floor((totalSeconds % 86_400) / 3600),
    Math.floor((totalSeconds % 3600) / 60),
    totalSeconds % 60,
  ];
  const pair = (a: number, aUnit: string, b: number, bUnit: string) => (b ? `${a} ${aUnit} ${b} ${bUnit}` : `${a} ${aUnit}`);
  if (d) return pair(d, "d", h, "h");
  if (h) return pair(h, "h", m, "min");
  return pair(m, "min", s, "s");
}

/** The first line of an error message, cut to `max` characters, for a table cell. */
export function errorSummary(message: string, max = 120): string {
  const line = message.trim().split(/\r?\n/, 1)[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Indented JSON for a <pre>; values JSON cannot hold come out as their text. */
export function formatJson(value: unknown): string {
  if (value === undefined) return "";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A function's readable name: the name its definition gives when the app
 * knows it, else its id without the app prefix ("lyceum-send-mail" -> "send-mail").
 */
export function functionLabel(functionId: string, names: Readonly<Record<string, string>>, appId = "lyceum"): string {
  return names[functionId] ?? (functionId.startsWith(`${appId}-`) ? functionId.slice(appId.length + 1) : functionId);
}

const pad = (n: string) => n.padStart(2, "0");
const isNumber = (field: string) => /^\d{1,2}$/.test(field);

/** "every minute", "every 5 minutes", "hourly at :15", "daily at 03:00 UTC"; other crons as written. */
export function describeCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return cron;
  const [minute = "", hour = "", day, month, weekday] = fields;
  if (day !== "*" || month !== "*" || weekday !== "*") return cron;
  if (minute === "*" && hour === "*") return "every minute";
  const every = /^\*\/(\d{1,2})$/.exec(minute);
  if (every && hour === "*") return `every ${every[1]} minutes`;
  if (isNumber(minute) && hour === "*") return `hourly at :${pad(minute)}`;
  if (isNumber(minute) && isNumber(hour)) return `daily at ${pad(hour)}:${pad(minute)} UTC`;
  return cron;
}
