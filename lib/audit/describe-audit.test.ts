import { describe, expect, it } from "vitest";
import { describeAuditAction, describeAuditMetadata, describeAuditTarget } from "./describe-audit";

describe("the audit log in words", () => {
  it.each([
    ["customer.assignment_added", "Customer assignment added"],
    ["auth.sign_in.failed", "Auth sign in failed"],
    ["accessReview.signedOff", "Access review signed off"],
  ])("%s reads %s", (action, words) => {
    expect(describeAuditAction(action)).toBe(words);
  });

  it("labels metadata, says enum values in words and leaves ids out", () => {
    expect(
      describeAuditMetadata({
        period: "2026-Q4",
        previousStatus: "SIGNED_OFF",
        accountIds: ["cmx1", "cmx2"],
        fromStatus: "OPEN",
        notify: true,
        regions: ["eu-west-1", "us-east-1"],
        empty: [],
        scoreAfter: null,
      }),
    ).toEqual([
      { label: "Period", value: "2026-Q4" },
      { label: "Previous status", value: "signed off" },
      { label: "From status", value: "open" },
      { label: "Notify", value: "yes" },
      { label: "Regions", value: "eu-west-1, us-east-1" },
      { label: "Empty", value: "none" },
      { label: "Score after", value: "none" },
    ]);
  });

  it("describes nested objects without JSON", () => {
    const [detail] = describeAuditMetadata({ changes: { name: "Bluefin", customerId: "cmx" } });
    expect(detail).toEqual({ label: "Changes", value: "name Bluefin" });
    expect(JSON.stringify(describeAuditMetadata({ changes: { a: 1 } }))).not.toContain('{\\"');
  });

  it("has nothing to say for empty or odd metadata", () => {
    expect(describeAuditMetadata(null)).toEqual([]);
    expect(describeAuditMetadata([1, 2])).toEqual([]);
    expect(describeAuditTarget("AccessReview")).toBe("Access review");
    expect(describeAuditTarget(null)).toBe("—");
  });
});
