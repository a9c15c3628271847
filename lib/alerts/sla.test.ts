import { describe, expect, it } from "vitest";
import { HOUR_MS } from "../dates";
import { alertSlaSchema, DEFAULT_ALERT_SLA_HOURS, dueAtFor, formatDuration, slaHoursOf, slaStateOf } from "./sla";

const at = new Date("2026-03-01T00:00:00Z");

describe("alert SLAs", () => {
  it("defaults to 24 h, 72 h, 14 d and 30 d", () => {
    expect(DEFAULT_ALERT_SLA_HOURS).toEqual({ critical: 24, high: 72, medium: 336, low: 720 });
    expect(slaHoursOf({})).toEqual(DEFAULT_ALERT_SLA_HOURS);
  });

  it("takes a customer's own hours for the severities it sets", () => {
    expect(slaHoursOf({ critical: 8, high: 48 })).toEqual({ critical: 8, high: 48, medium: 336, low: 720 });
  });

  it.each([
    [{ critical: 0 }, "at least 1 hour"],
    [{ critical: 1.5 }, "whole number"],
    [{ high: "72" }, "number of hours"],
    [{ low: 24 * 366 }, "at most"],
    [{ critical: 100 }, "critical ≤ high"],
    [{ urgent: 4 }, "Unrecognized key"],
  ])("refuses %j with a clear message", (value, message) => {
    const parsed = alertSlaSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join(" ")).toMatch(
      new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"),
    );
  });

  it("computes the due time by severity, capped by an expiry", () => {
    const hours = DEFAULT_ALERT_SLA_HOURS;
    expect(dueAtFor("CRITICAL", at, hours)).toEqual(new Date(at.getTime() + 24 * HOUR_MS));
    expect(dueAtFor("HIGH", at, hours)).toEqual(new Date(at.getTime() + 72 * HOUR_MS));
    expect(dueAtFor("MEDIUM", at, hours)).toEqual(new Date(at.getTime() + 14 * 24 * HOUR_MS));
    expect(dueAtFor("LOW", at, hours)).toEqual(new Date(at.getTime() + 30 * 24 * HOUR_MS));
    expect(dueAtFor("INFORMATIONAL", at, hours)).toEqual(new Date(at.getTime() + 30 * 24 * HOUR_MS));
    const expiry = new Date(at.getTime() + 10 * HOUR_MS);
    expect(dueAtFor("HIGH", at, hours, expiry)).toEqual(expiry);
    // An expiry already past, or later than the SLA, does not move the due time.
    expect(dueAtFor("HIGH", at, hours, new Date(at.getTime() - HOUR_MS))).toEqual(
      new Date(at.getTime() + 72 * HOUR_MS),
    );
  });

  it.each([
    ["NEW", "CRITICAL", -1, "breached"],
    ["ACKNOWLEDGED", "CRITICAL", 5, "due-soon"],
    ["IN_PROGRESS", "CRITICAL", 7, "on-track"],
    ["NEW", "HIGH", 23, "due-soon"],
    ["NEW", "HIGH", 25, "on-track"],
    ["NEW", "LOW", 71, "due-soon"],
    ["SUPPRESSED", "CRITICAL", -100, "paused"],
  ] as const)("an open %s %s alert due in %i h is %s", (status, severity, hoursLeft, state) => {
    expect(
      slaStateOf({ status, severity, dueAt: new Date(at.getTime() + hoursLeft * HOUR_MS), resolvedAt: null }, at),
    ).toBe(state);
  });

  it("says whether a resolved alert met its SLA", () => {
    const dueAt = new Date(at.getTime() + HOUR_MS);
    expect(slaStateOf({ status: "RESOLVED", severity: "HIGH", dueAt, resolvedAt: at }, at)).toBe("met");
    expect(
      slaStateOf({ status: "RESOLVED", severity: "HIGH", dueAt, resolvedAt: new Date(at.getTime() + 2 * HOUR_MS) }, at),
    ).toBe("missed");
  });

  it("formats durations for people", () => {
    expect(formatDuration(30_000)).toBe("1 min");
    expect(formatDuration(59 * 60_000)).toBe("59 min");
    expect(formatDuration(90 * 60_000)).toBe("1 h 30 min");
    expect(formatDuration(47 * HOUR_MS)).toBe("47 h");
    expect(formatDuration(50 * HOUR_MS)).toBe("2 d 2 h");
    expect(formatDuration(-5)).toBe("0 min");
  });
});
