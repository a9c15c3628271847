import { describe, expect, it } from "vitest";
import { isLocked, nextStateAfterFailure, type ThrottleRule, type ThrottleState, throttleKeys } from "./login-throttle";

const MINUTE = 60_000;
const rule: ThrottleRule = { maxFailures: 3, windowMs: 10 * MINUTE, lockMs: 5 * MINUTE, maxLockMs: 30 * MINUTE };
const t0 = new Date("2026-01-01T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

function fail(times: number, start: ThrottleState | null = null, minute = 0): ThrottleState | null {
  let state = start;
  for (let i = 0; i < times; i++) state = nextStateAfterFailure(state, at(minute), rule);
  return state;
}

describe("login throttle", () => {
  it("counts failures in a window and locks at the limit", () => {
    const two = fail(2);
    expect(two).toMatchObject({ failures: 2, lockedUntil: null });
    expect(isLocked(two, at(0))).toBe(false);
    const three = nextStateAfterFailure(two, at(1), rule);
    expect(three.lockedUntil).toEqual(at(6));
    expect(isLocked(three, at(5))).toBe(true);
    expect(isLocked(three, at(6))).toBe(false);
  });

  it("starts a new window once the old one has passed without a lock", () => {
    const two = fail(2);
    expect(nextStateAfterFailure(two, at(11), rule)).toMatchObject({
      failures: 1,
      windowStartsAt: at(11),
      lockedUntil: null,
    });
  });

  it("re-locks for twice as long on the first failure after a lock, up to the cap", () => {
    const locked = nextStateAfterFailure(fail(2), at(0), rule);
    const again = nextStateAfterFailure(locked, at(6), rule);
    expect(again.lockedUntil).toEqual(at(6 + 10));
    let state = again;
    let minute = 6;
    for (let i = 0; i < 6; i++) {
      minute = (state.lockedUntil!.getTime() - t0.getTime()) / MINUTE;
      state = nextStateAfterFailure(state, at(minute), rule);
    }
    expect(state.lockedUntil!.getTime() - at(minute).getTime()).toBe(30 * MINUTE);
  });

  it("forgets a lock once a whole window has passed after it", () => {
    const locked = nextStateAfterFailure(fail(2), at(0), rule);
    expect(nextStateAfterFailure(locked, at(5 + 10), rule)).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it("keys by normalised e-mail and by IP", () => {
    expect(throttleKeys("  Ada@Example.COM ", "10.0.0.1")).toEqual({
      emailIp: "email-ip:ada@example.com|10.0.0.1",
      ip: "ip:10.0.0.1",
    });
    expect(throttleKeys("ada@example.com", undefined).ip).toBeUndefined();
  });
});
