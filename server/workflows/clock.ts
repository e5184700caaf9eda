/** Time as the executor sees it; tests pass a clock they move by hand instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until `advance` or `set` moves it. */
export function manualClock(start: Date = new Date()): Clock & { advance(ms: number): Date; set(at: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
      return new Date(current);
    },
    set(at: Date) {
      current = at.getTime();
    },
  };
}
