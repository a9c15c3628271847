import { describe, expect, it } from "vitest";
import {
  ACCESS_REVIEW_STATUSES,
  allowsOperation,
  assertCanDecide,
  assertCanSignOff,
  decideRefusal,
  IN_PROGRESS_STATUSES,
  isOverdue,
  signOffRefusal,
  statusAfterDecisions,
} from "./workflow";

describe("access-review workflow", () => {
  it.each([
    ["OPEN", { decide: true, end: true, signOff: true }],
    ["COMPLETED", { decide: true, end: true, signOff: true }],
    ["SIGNED_OFF", { decide: false, end: false, signOff: false }],
    ["ENDED", { decide: false, end: false, signOff: true }],
  ] as const)("%s allows %o", (status, expected) => {
    expect({
      decide: allowsOperation(status, "decide"),
      end: allowsOperation(status, "end"),
      signOff: allowsOperation(status, "signOff"),
    }).toEqual(expected);
  });

  it("counts only campaigns still being worked on as in progress", () => {
    expect(IN_PROGRESS_STATUSES).toEqual(["OPEN", "COMPLETED"]);
    expect(ACCESS_REVIEW_STATUSES).toHaveLength(4);
  });

  it("completes a campaign once nobody is undecided", () => {
    expect(statusAfterDecisions(0)).toBe("COMPLETED");
    expect(statusAfterDecisions(3)).toBe("OPEN");
  });

  it("refuses decisions on a record with the words the reviewer sees", () => {
    expect(decideRefusal({ status: "OPEN" })).toBeNull();
    expect(decideRefusal({ status: "COMPLETED" })).toBeNull();
    expect(decideRefusal({ status: "SIGNED_OFF" })).toBe("This review is signed off and read-only.");
    expect(
      decideRefusal({
        status: "SIGNED_OFF",
        signedOffBy: "Maya Manager",
        signedOffAt: new Date("2026-10-02T09:00:00Z"),
      }),
    ).toBe("This review was signed off by Maya Manager on 2026-10-02 and is read-only.");
    expect(decideRefusal({ status: "ENDED" })).toBe("This review was ended early and is read-only.");
    expect(() => assertCanDecide({ status: "ENDED" })).toThrow(/ended early/);
    expect(() => assertCanDecide({ status: "OPEN" })).not.toThrow();
  });

  it.each([
    ["OPEN", 0, null],
    ["COMPLETED", 0, null],
    ["ENDED", 0, null],
    [
      "OPEN",
      10,
      "10 users are still undecided: a review is signed off once every user has a decision (or end it early).",
    ],
    [
      "ENDED",
      10,
      "This review ended early with 10 undecided users; it cannot be signed off. Start a new review for them.",
    ],
    ["SIGNED_OFF", 0, "This review is already signed off."],
  ] as const)("sign-off of %s with %i undecided → %s", (status, undecided, refusal) => {
    expect(signOffRefusal({ status }, undecided)).toBe(refusal);
  });

  it("names who signed off when refusing a second sign-off", () => {
    expect(() => assertCanSignOff({ status: "SIGNED_OFF", signedOffBy: "Maya Manager" }, 0)).toThrow(
      "This review is already signed off by Maya Manager.",
    );
  });

  it("is overdue only while in progress and past its due date", () => {
    const now = new Date("2026-11-01T00:00:00Z");
    const past = new Date("2026-10-01T00:00:00Z");
    expect(isOverdue({ status: "OPEN", dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: "COMPLETED", dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: "SIGNED_OFF", dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: "ENDED", dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: "OPEN", dueAt: new Date("2026-12-01T00:00:00Z") }, now)).toBe(false);
  });
});
