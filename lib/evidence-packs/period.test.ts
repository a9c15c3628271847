import { describe, expect, it } from "vitest";
import {
  lastFullQuarter,
  packRequestSchema,
  periodCoverageLimitation,
  periodLabel,
  resolvePackRequest,
} from "./period";

describe("pack period", () => {
  it.each([
    ["2026-12-06T05:00:00Z", "2026-07-01T00:00:00.000Z", "2026-10-01T00:00:00.000Z"],
    ["2026-01-01T00:00:00Z", "2025-10-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"],
    ["2026-04-15T12:00:00Z", "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
  ])("the last full quarter before %s is %s – %s", (asOf, from, to) => {
    const period = lastFullQuarter(new Date(asOf));
    expect(period.from.toISOString()).toBe(from);
    expect(period.to.toISOString()).toBe(to);
  });

  it("labels a calendar quarter as such and any other period by its days", () => {
    expect(periodLabel(lastFullQuarter(new Date("2026-12-06T00:00:00Z")))).toBe("2026-Q3");
    expect(periodLabel({ from: new Date("2026-08-01T00:00:00Z"), to: new Date("2026-09-01T00:00:00Z") })).toBe(
      "2026-08-01 – 2026-08-31",
    );
  });

  it("refuses a period that ends before it starts, at the end field", () => {
    const parsed = packRequestSchema.safeParse({ from: "2026-09-01", to: "2026-08-01" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["to"]);
    expect(parsed.error?.issues[0]?.message).toBe("The period must end after it starts");
  });

  it("refuses half a period and a date that is not one", () => {
    expect(packRequestSchema.safeParse({ from: "2026-09-01" }).error?.issues[0]?.path).toEqual(["to"]);
    expect(packRequestSchema.safeParse({ asOf: "yesterday" }).error?.issues[0]?.path).toEqual(["asOf"]);
  });

  it("defaults to now and the last full quarter, and refuses a future as-of", () => {
    const now = new Date("2026-12-06T05:00:00Z");
    const resolved = resolvePackRequest(packRequestSchema.parse({}), now);
    expect(resolved.asOf).toEqual(now);
    expect(resolved.from.toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(() => resolvePackRequest(packRequestSchema.parse({ asOf: "2027-01-01T00:00:00Z" }), now)).toThrow(
      "The as-of instant cannot be in the future",
    );
  });
});

describe("a period that starts before the first collection", () => {
  const q3 = { from: new Date("2026-07-01T00:00:00Z"), to: new Date("2026-10-01T00:00:00Z") };
  it("says nothing when Rampart was collecting from the period's start", () => {
    expect(periodCoverageLimitation(q3, new Date("2026-06-30T08:00:00Z"))).toBeNull();
    expect(periodCoverageLimitation(q3, q3.from)).toBeNull();
  });
  it("says from when the period is covered, or that it is not covered at all", () => {
    expect(periodCoverageLimitation(q3, new Date("2026-08-15T09:30:00Z"))).toBe(
      "Rampart's first collection for this customer was at 2026-08-15 09:30 UTC, after the period began: the period is covered from then on only.",
    );
    expect(periodCoverageLimitation(q3, new Date("2026-12-06T11:43:18Z"))).toMatch(
      /^Rampart's first collection for this customer was at 2026-12-06 11:43 UTC, after the period ended: /,
    );
  });
});
