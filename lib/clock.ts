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

let recordClock: Clock = systemClock;

/**
 * The clock of Rampart's own records (attestations, suppressions, acknowledgements, alert and access
 * reviews, alert transitions): the times they stamp are what evaluation and `--as-of` replays read, so
 * they come from here, not from the wall or the database's now(). Server actions cannot be handed a
 * clock, so this one is process-wide: the system clock, unless a test or a demo fixes it.
 */
export function recordsClock(): Clock {
  return recordClock;
}

/** Sets the records' clock (tests, demo); returns a function restoring the previous one. */
export function useRecordsClock(clock: Clock): () => void {
  const previous = recordClock;
  recordClock = clock;
  return () => {
    recordClock = previous;
  };
}
