const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const timeStringPattern = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d|w))+$/;

/** Milliseconds in an Inngest time string such as "300ms", "2h45m" or "1w"; undefined if it is not one. */
export function parseTimeString(input: string): number | undefined {
  const text = input.trim();
  if (!timeStringPattern.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g)) {
    total += Number(amount) * unitMs[unit!]!;
  }
  return total;
}

/**
 * When a Sleep ends or a wait times out: the SDK sends a time string (relative
 * to now) or an ISO 8601 date. Throws on anything else, which fails the run
 * with a message instead of sleeping forever.
 */
export function resolveWakeTime(spec: string, now: Date): Date {
  const ms = parseTimeString(spec);
  if (ms !== undefined) return new Date(now.getTime() + Math.ceil(ms));
  if (/^\d{4}-\d{2}-\d{2}T/.test(spec)) {
    const at = new Date(spec);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new Error(`"${spec}" is neither a duration such as "1h30m" nor an ISO 8601 date.`);
}

/**
 * Delay before retry number `attempt` (1 = first retry): 10 s doubling up to
 * an hour, with up to 20 % jitter so retries of many runs spread out.
 */
export function retryBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (1 + 0.2 * random()));
}

/** A Retry-After header: seconds, an HTTP date or an ISO 8601 date (the SDK's RetryAfterError). */
export function parseRetryAfter(header: string | null, now: Date): Date | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && header.trim() !== "") return new Date(now.getTime() + seconds * 1000);
  const at = new Date(header);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
