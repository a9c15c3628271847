import { describe, expect, it } from "vitest";
import {
  approvalRoleFor,
  assertMove,
  CHANGE_STATUSES,
  type ChangeMove,
  type ChangeStatus,
  canMove,
  EDIT_SENDS_BACK,
  editConsequence,
  hasRollbackPlan,
  missingApprovals,
  moveRefusal,
  movesFrom,
  requiredApprovalRoles,
  statusAfterVerdicts,
} from "./workflow";

// The whole table, written out: a change to the workflow is a visible change to this test.
const EXPECTED_MOVES: Record<ChangeStatus, ChangeMove[]> = {
  DRAFT: ["edit", "assess", "cancel"],
  ASSESSED: ["edit", "assess", "decide", "cancel"],
  APPROVED: ["start", "cancel"],
  REJECTED: [],
  IN_PROGRESS: ["validate"],
  VALIDATED: ["close"],
  CLOSED: [],
  CANCELLED: [],
};

describe("the change workflow table", () => {
  for (const status of CHANGE_STATUSES) {
    it(`allows exactly ${EXPECTED_MOVES[status].join(", ") || "nothing"} from ${status}`, () => {
      expect(movesFrom(status)).toEqual(EXPECTED_MOVES[status]);
      for (const move of ["edit", "assess", "decide", "start", "validate", "close", "cancel"] as const) {
        expect(canMove(status, move)).toBe(EXPECTED_MOVES[status].includes(move));
      }
    });
  }

  it("never cancels a change once it has started", () => {
    for (const status of ["IN_PROGRESS", "VALIDATED", "CLOSED"] as const) expect(canMove(status, "cancel")).toBe(false);
  });

  it("refuses a move with the reason and the moves that are allowed", () => {
    expect(moveRefusal("APPROVED", "close")).toBe(
      "Only a validated change can be closed into the ICR log. The change is Approved. From Approved it can: start, cancel.",
    );
    expect(moveRefusal("CLOSED", "cancel")).toBe(
      "A change can be cancelled only before it starts. The change is Closed. Closed is final.",
    );
    expect(() => assertMove("DRAFT", "start")).toThrow(/Only an approved change can be started/);
    expect(() => assertMove("APPROVED", "start")).not.toThrow();
  });
});

describe("editing the request", () => {
  it("keeps a draft a draft, and sends an assessed change back for assessment and every approval", () => {
    expect(editConsequence("DRAFT")).toEqual({ assessment: false, approvals: false });
    expect(editConsequence("ASSESSED")).toEqual({ assessment: true, approvals: true });
    expect(Object.keys(EDIT_SENDS_BACK).sort()).toEqual(["ASSESSED", "DRAFT"]);
  });

  it("refuses to edit an approved, rejected, running or finished change, saying what can be done", () => {
    for (const status of ["APPROVED", "REJECTED", "IN_PROGRESS", "VALIDATED", "CLOSED", "CANCELLED"] as const)
      expect(() => editConsequence(status)).toThrow(/Only a change that is not approved yet/);
    expect(moveRefusal("APPROVED", "edit")).toBe(
      "Only a change that is not approved yet (a draft or an assessed change) can be edited; cancel it and request it again instead. The change is Approved. From Approved it can: start, cancel.",
    );
  });
});

describe("required approvals", () => {
  it("always needs the technical manager; the customer when collaborative; governance when asked", () => {
    expect(requiredApprovalRoles({ collaborative: false, governanceApprovalRequired: false })).toEqual([
      "TECHNICAL_MANAGER",
    ]);
    expect(requiredApprovalRoles({ collaborative: true, governanceApprovalRequired: false })).toEqual([
      "TECHNICAL_MANAGER",
      "CUSTOMER",
    ]);
    expect(requiredApprovalRoles({ collaborative: true, governanceApprovalRequired: true })).toEqual([
      "TECHNICAL_MANAGER",
      "CUSTOMER",
      "GOVERNANCE",
    ]);
  });

  it("approves only when every required approval is in, and rejects at the first rejection", () => {
    const required = requiredApprovalRoles({ collaborative: true, governanceApprovalRequired: false });
    expect(statusAfterVerdicts(required, [])).toBe("ASSESSED");
    expect(statusAfterVerdicts(required, [{ role: "TECHNICAL_MANAGER", verdict: "APPROVED" }])).toBe("ASSESSED");
    expect(
      statusAfterVerdicts(required, [
        { role: "TECHNICAL_MANAGER", verdict: "APPROVED" },
        { role: "CUSTOMER", verdict: "APPROVED" },
      ]),
    ).toBe("APPROVED");
    expect(
      statusAfterVerdicts(required, [
        { role: "TECHNICAL_MANAGER", verdict: "APPROVED" },
        { role: "CUSTOMER", verdict: "REJECTED" },
      ]),
    ).toBe("REJECTED");
    expect(missingApprovals(required, [{ role: "CUSTOMER" }])).toEqual(["TECHNICAL_MANAGER"]);
  });
});

describe("who approves", () => {
  const change = {
    customerId: "c1",
    requestedById: "requester",
    collaborative: true,
    governanceApprovalRequired: true,
  };
  const facts = (role: "ADMIN" | "CONSULTANT" | "MANAGER" | "CUSTOMER_VIEWER" | "CUSTOMER_REVIEWER", extra = {}) => ({
    role,
    userId: `u-${role}`,
    customerId: role.startsWith("CUSTOMER") ? "c1" : null,
    isTechnicalManager: false,
    ...extra,
  });

  it("gives each approver their role", () => {
    expect(approvalRoleFor(facts("MANAGER", { isTechnicalManager: true }), change)).toEqual({
      role: "TECHNICAL_MANAGER",
    });
    expect(approvalRoleFor(facts("CUSTOMER_REVIEWER"), change)).toEqual({ role: "CUSTOMER" });
    expect(approvalRoleFor(facts("ADMIN"), change)).toEqual({ role: "GOVERNANCE" });
  });

  it("refuses the requester, a manager of other customers, a reviewer where not collaborative, governance not asked for", () => {
    expect(approvalRoleFor(facts("MANAGER", { isTechnicalManager: true, userId: "requester" }), change)).toEqual({
      refusal: "You requested this change, so you cannot approve or reject it: another approver must.",
    });
    expect(approvalRoleFor(facts("MANAGER"), change)).toMatchObject({
      refusal: expect.stringMatching(/technical manager/),
    });
    expect(approvalRoleFor(facts("CUSTOMER_REVIEWER"), { ...change, collaborative: false })).toMatchObject({
      refusal: expect.stringMatching(/not managed collaboratively/),
    });
    expect(approvalRoleFor(facts("CUSTOMER_REVIEWER", { customerId: "c2" }), change)).toEqual({ refusal: "Not found" });
    expect(approvalRoleFor(facts("ADMIN"), { ...change, governanceApprovalRequired: false })).toMatchObject({
      refusal: expect.stringMatching(/governance/),
    });
    expect(approvalRoleFor(facts("CONSULTANT"), change)).toEqual({ refusal: "You do not have permission to do that." });
    expect(approvalRoleFor(facts("CUSTOMER_VIEWER"), change)).toEqual({
      refusal: "You do not have permission to do that.",
    });
  });

  it("counts a blank rollback plan as none", () => {
    expect(hasRollbackPlan({ rollbackPlan: null })).toBe(false);
    expect(hasRollbackPlan({ rollbackPlan: "   " })).toBe(false);
    expect(hasRollbackPlan({ rollbackPlan: "Re-apply the previous rules from the snapshot." })).toBe(true);
  });
});
