import { describe, expect, it } from "vitest";
import {
  addDays,
  addDaysToIsoDay,
  addMonthsToIsoDay,
  DAY_MS,
  endOfUtcDay,
  HOUR_MS,
  isoDay,
  utcDay,
  utcToday,
  wholeDaysBetween,
} from "./dates";

describe("dates", () => {
  const at = new Date("2026-03-31T23:59:59.999Z");

  it("names a day in UTC as YYYY-MM-DD, from a Date or epoch milliseconds", () => {
    expect(isoDay(at)).toBe("2026-03-31");
    expect(isoDay(at.getTime() + 1)).toBe("2026-04-01");
    expect(utcToday(at)).toBe("2026-03-31");
    expect(utcToday(new Date("2025-06-30T23:30:00-05:00"))).toBe("2025-07-01");
    expect(HOUR_MS * 24).toBe(DAY_MS);
    expect(DAY_MS).toBe(86_400_000);
  });

  it("finds midnight UTC and moves by whole days", () => {
    expect(utcDay(at).toISOString()).toBe("2026-03-31T00:00:00.000Z");
    expect(addDays(at, 1).toISOString()).toBe("2026-04-01T23:59:59.999Z");
    expect(addDays(at, -31).toISOString()).toBe("2026-02-28T23:59:59.999Z");
  });

  it("counts whole days between instants, rounding down", () => {
    expect(wholeDaysBetween(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-02T23:59:59Z"))).toBe(1);
    expect(wholeDaysBetween(new Date("2026-01-02T00:00:00Z"), new Date("2026-01-01T12:00:00Z"))).toBe(-1);
  });

  it("adds days and calendar months to a YYYY-MM-DD day, clamping to the month's end", () => {
    expect(addDaysToIsoDay("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDaysToIsoDay("2026-03-01", -1)).toBe("2026-02-28");
    expect(addMonthsToIsoDay("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsToIsoDay("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonthsToIsoDay("2026-11-15", 13)).toBe("2027-12-15");
    expect(addMonthsToIsoDay("2025-12-31", 2)).toBe("2026-02-28");
  });

  it("ends a day at its last millisecond", () => {
    expect(endOfUtcDay("2026-06-30").toISOString()).toBe("2026-06-30T23:59:59.999Z");
  });
});
