// The one clock (issue 12 item 8). Collectors, evaluation and records take "now" from a Clock handed to
// them instead of reading the wall clock, so a sync dates every piece of its evidence from one source,
// a re-evaluation can be run as of an instant (`npm run evaluate -- --as-of`), and tests fix time without
// faking timers. Only systemClock reads the wall clock.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `at` (a re-evaluation as of an instant; tests). */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
