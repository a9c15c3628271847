import { parseDuration, parseSimDate, resolveSimDate } from "../estate/dates";

// The simulator's notion of "now": wall time plus an offset (so it keeps ticking), or frozen at an
// instant. Relative estate dates, credential-report times and session expiry all read it, which is
// how a test replays 90 days of history in seconds.
export class SimulatorClock {
  private offsetMs = 0;
  private frozenAtMs: number | undefined;

  nowMs(): number {
    return this.frozenAtMs ?? Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  isFrozen(): boolean {
    return this.frozenAtMs !== undefined;
  }

  /** Accepts an ISO date or a duration relative to the current simulator time ("-90d"). */
  set(when: string | Date, options: { frozen?: boolean } = {}): void {
    const parsed = parseSimDate(when);
    if (!parsed) throw new Error(`Invalid clock value: ${String(when)}`);
    const targetMs = resolveSimDate(parsed, this.nowMs()).getTime();
    if (options.frozen) {
      this.frozenAtMs = targetMs;
    } else {
      this.frozenAtMs = undefined;
      this.offsetMs = targetMs - Date.now();
    }
  }

  advance(duration: string | number): void {
    const deltaMs =
      typeof duration === "number"
        ? duration
        : parseDuration(duration.startsWith("-") || duration.startsWith("+") ? duration : `+${duration}`);
    if (deltaMs === undefined) throw new Error(`Invalid duration: ${String(duration)}`);
    if (this.frozenAtMs !== undefined) this.frozenAtMs += deltaMs;
    else this.offsetMs += deltaMs;
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAtMs = undefined;
  }
}
