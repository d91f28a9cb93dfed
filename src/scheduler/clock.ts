/**
 * The clock every scheduler entry point reads: injected, never `Date.now()` inside the logic (STYLE 10.8), so
 * `kqlwatch run --now`, replay and tests are reproducible. `systemClock` is the one place the wall clock is read.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant. */
export function fixedClock(at: Date): Clock {
  const t = new Date(at.getTime());
  return { now: () => new Date(t.getTime()) };
}
