import { describe, expect, it } from "vitest";
import { MAX_DUE_DAYS } from "../access-reviews/workflow";
import { addDaysToIsoDay, utcToday } from "../dates";
import {
  decideAccessReviewItemSchema,
  decideAccessReviewItemsSchema,
  endAccessReviewSchema,
  startAccessReviewSchema,
} from "./access-review-schemas";

/** The first message per field, as a form shows it (components/forms/action-feedback.tsx). */
function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

describe("startAccessReviewSchema", () => {
  const valid = {
    customerId: "c1",
    period: " 2026-Q4 ",
    dueAt: addDaysToIsoDay(utcToday(), 14),
    reviewerIds: ["u1"],
  };

  it("accepts a campaign over every account, trims the period and makes the due date the end of that day", () => {
    const parsed = startAccessReviewSchema.parse(valid);
    expect(parsed.accountIds).toEqual([]);
    expect(parsed.period).toBe("2026-Q4");
    expect(parsed.dueAt.toISOString()).toBe(`${addDaysToIsoDay(utcToday(), 14)}T23:59:59.999Z`);
  });

  it.each([
    [{ dueAt: addDaysToIsoDay(utcToday(), -1) }, "dueAt", "The due date must be after today"],
    [{ dueAt: utcToday() }, "dueAt", "The due date must be after today"],
    [
      { dueAt: addDaysToIsoDay(utcToday(), MAX_DUE_DAYS + 1) },
      "dueAt",
      `The due date must be within ${MAX_DUE_DAYS} days`,
    ],
    [{ dueAt: "31/12/2026" }, "dueAt", "Choose the due date as a date (YYYY-MM-DD)"],
    [{ period: "" }, "period", "Give the period the review covers, e.g. 2026-Q4"],
    [{ period: "<script>" }, "period", "Use letters, digits, spaces and . _ / - (e.g. 2026-Q4)"],
    [{ reviewerIds: [] }, "reviewerIds", "Choose at least one reviewer"],
  ])("refuses %j", (override, field, message) => {
    expect(errorsOf(startAccessReviewSchema.safeParse({ ...valid, ...override }))[field]).toBe(message);
  });
});

describe("decision schemas", () => {
  const base = { reviewId: "r1", itemId: "i1", version: "3", decision: "KEEP" };

  it("coerces the version, turns empty texts into null", () => {
    expect(decideAccessReviewItemSchema.parse({ ...base, modification: " ", justification: "" })).toEqual({
      reviewId: "r1",
      itemId: "i1",
      version: 3,
      decision: "KEEP",
      modification: null,
      justification: null,
    });
  });

  it("MODIFY says what to change; the decision is one of three", () => {
    expect(errorsOf(decideAccessReviewItemSchema.safeParse({ ...base, decision: "MODIFY" }))).toEqual({
      modification: "Say what to change",
    });
    expect(errorsOf(decideAccessReviewItemSchema.safeParse({ ...base, decision: "APPROVE" })).decision).toBe(
      "Choose Keep, Revoke or Modify",
    );
    expect(errorsOf(decideAccessReviewItemSchema.safeParse({ ...base, version: 0 })).version).toBe(
      "Not a valid version",
    );
  });

  it("a bulk decision names at least one user", () => {
    expect(
      errorsOf(decideAccessReviewItemsSchema.safeParse({ reviewId: "r1", items: [], decision: "REVOKE" })).items,
    ).toBe("Select at least one user");
  });
});

describe("endAccessReviewSchema", () => {
  it("needs a choice for undecided users and a reason", () => {
    expect(errorsOf(endAccessReviewSchema.safeParse({ reviewId: "r1", undecided: "DELETE", reason: "short" }))).toEqual(
      {
        undecided: "Choose what happens to the users nobody decided on",
        reason: "Say why the review ends early (at least 10 characters)",
      },
    );
  });
});
