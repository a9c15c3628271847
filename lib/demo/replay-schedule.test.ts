import { describe, expect, it } from "vitest";
import type { DemoTimeline } from "@/simulator/estates/demo/timeline";
import { collectionDayFor, collectionDaysOf } from "./replay-schedule";

const timeline: DemoTimeline = {
  onboardedDaysAgo: { "222222222222": 10 },
  changes: [
    { accountId: "111111111111", story: "fixed", untilDaysAgo: 20, edits: [] },
    { accountId: "111111111111", story: "brief", fromDaysAgo: 50, untilDaysAgo: 45, edits: [] },
    { accountId: "111111111111", story: "before the window", untilDaysAgo: 120, edits: [] },
  ],
};

describe("collectionDaysOf", () => {
  it("collects on the first day, weekly, and on every change day inside the window", () => {
    expect(collectionDaysOf({ days: 30, every: 7, accountNumber: "333333333333", timeline })).toEqual([
      30, 23, 16, 9, 2,
    ]);
    expect(collectionDaysOf({ days: 60, every: 7, accountNumber: "111111111111", timeline })).toEqual([
      60, 53, 50, 46, 45, 39, 32, 25, 20, 18, 11, 4,
    ]);
  });

  it("starts an account on its onboarding day", () => {
    expect(collectionDaysOf({ days: 90, every: 7, accountNumber: "222222222222", timeline })).toEqual([10, 3]);
    expect(collectionDaysOf({ days: 5, every: 7, accountNumber: "222222222222", timeline })).toEqual([5]);
  });

  it("collects every day with every = 1, and nothing for an empty window", () => {
    expect(collectionDaysOf({ days: 3, every: 1, accountNumber: "333333333333", timeline })).toEqual([3, 2, 1]);
    expect(collectionDaysOf({ days: 0, every: 7, accountNumber: "333333333333", timeline })).toEqual([]);
    expect(() => collectionDaysOf({ days: 3, every: 0, accountNumber: "333333333333", timeline })).toThrow();
  });
});

describe("collectionDayFor", () => {
  const schedule = [30, 23, 20, 16];
  it("evaluates a day on the latest collection on or before it", () => {
    expect(collectionDayFor(schedule, 30)).toBe(30);
    expect(collectionDayFor(schedule, 24)).toBe(30);
    expect(collectionDayFor(schedule, 21)).toBe(23);
    expect(collectionDayFor(schedule, 20)).toBe(20);
    expect(collectionDayFor(schedule, 1)).toBe(16);
  });

  it("refuses a day before the first collection", () => {
    expect(() => collectionDayFor(schedule, 31)).toThrow();
  });
});
