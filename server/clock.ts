import { db } from "./db";
import { env } from "./env";

/**
 * The time the app's domain logic works with (reminders, digests, delivery
 * records). It is the real time, except when LYCEUM_TEST_CLOCK is on: then a
 * stored offset is added, so an end-to-end test can jump an hour ahead and see
 * what a person would see then, across processes (the web server and the
 * workflow worker read the same row). Services take a `Clock` so unit and
 * integration tests pass a manual one instead.
 */
export type { Clock } from "./workflows/clock";
export { manualClock, systemClock } from "./workflows/clock";

const offsetKey = "test-clock-offset-ms";

export function testClockEnabled(): boolean {
  return env().LYCEUM_TEST_CLOCK;
}

/** Milliseconds the test clock is ahead of the real time (0 when it is off). */
export async function testClockOffsetMs(): Promise<number> {
  if (!testClockEnabled()) return 0;
  const row = await db().systemSetting.findUnique({ where: { key: offsetKey }, select: { value: true } });
  return typeof row?.value === "number" ? row.value : 0;
}

/** Now, as the app sees it. */
export async function appNow(): Promise<Date> {
  return new Date(Date.now() + (await testClockOffsetMs()));
}

/** Moves the test clock forward by `ms` (refused unless LYCEUM_TEST_CLOCK is on). Returns the new app time. */
export async function advanceTestClock(ms: number): Promise<Date> {
  if (!testClockEnabled()) throw new Error("The test clock is off: set LYCEUM_TEST_CLOCK=true to move it.");
  const offset = (await testClockOffsetMs()) + ms;
  await db().systemSetting.upsert({
    where: { key: offsetKey },
    create: { key: offsetKey, value: offset },
    update: { value: offset },
  });
  return new Date(Date.now() + offset);
}
