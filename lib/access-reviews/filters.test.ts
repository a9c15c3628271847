import { describe, expect, it } from "vitest";
import { matchesReviewItemFilters, parseReviewItemFilters, quarterLabel } from "./filters";

describe("parseReviewItemFilters", () => {
  it("keeps the valid params and names the ones it ignored", () => {
    expect(
      parseReviewItemFilters({ flag: "NO_MFA_CONSOLE", state: "maybe", q: "  ali ", account: ["a1", "a2"] }),
    ).toEqual({
      filters: { flag: "NO_MFA_CONSOLE", q: "ali", account: "a1" },
      ignored: ["state"],
    });
    expect(parseReviewItemFilters({ flag: "", q: "x".repeat(101) })).toEqual({ filters: {}, ignored: ["q"] });
  });
});

describe("matchesReviewItemFilters", () => {
  const bob = { awsAccountId: "a1", userName: "bob", riskFlags: ["NO_MFA_CONSOLE"], decision: null };
  const alice = { awsAccountId: "a2", userName: "alice", riskFlags: [], decision: "KEEP" };
  const cases: [object, boolean, boolean][] = [
    [{}, true, true],
    [{ flag: "risky" }, true, false],
    [{ flag: "none" }, false, true],
    [{ flag: "NO_MFA_CONSOLE" }, true, false],
    [{ state: "undecided" }, true, false],
    [{ state: "KEEP" }, false, true],
    [{ account: "a2" }, false, true],
    [{ q: "ALI" }, false, true],
    [{ flag: "risky", state: "undecided", account: "a1", q: "b" }, true, false],
  ];
  it.each(cases)("%j → bob %s, alice %s", (filters, bobMatches, aliceMatches) => {
    expect(matchesReviewItemFilters(bob, filters)).toBe(bobMatches);
    expect(matchesReviewItemFilters(alice, filters)).toBe(aliceMatches);
  });
});

it("labels the quarter of a date", () => {
  expect(quarterLabel(new Date("2026-11-23T00:00:00Z"))).toBe("2026-Q4");
  expect(quarterLabel(new Date("2026-01-01T00:00:00Z"))).toBe("2026-Q1");
});
