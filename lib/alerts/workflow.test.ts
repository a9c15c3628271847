import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  ALERT_STATUSES,
  type AlertStatus,
  allowedTransitions,
  assertTransition,
  canTransition,
  transitionRefusal,
  transitionTimestamps,
} from "./workflow";

// The whole table, cell by cell: every (from, to) pair a person may or may not take.
const ALLOWED: Record<AlertStatus, AlertStatus[]> = {
  NEW: ["ACKNOWLEDGED", "SUPPRESSED"],
  ACKNOWLEDGED: ["IN_PROGRESS", "RESOLVED", "SUPPRESSED"],
  IN_PROGRESS: ["RESOLVED", "SUPPRESSED"],
  RESOLVED: ["NEW"],
  SUPPRESSED: ["NEW"],
};

describe("the alert workflow", () => {
  for (const from of ALERT_STATUSES) {
    for (const to of ALERT_STATUSES) {
      const allowed = ALLOWED[from].includes(to);
      it(`${allowed ? "allows" : "refuses"} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(AppError);
      });
    }
  }

  it("never lets a status move to itself", () => {
    for (const status of ALERT_STATUSES) expect(allowedTransitions(status)).not.toContain(status);
  });

  it("names the allowed moves when it refuses one", () => {
    expect(transitionRefusal("NEW", "RESOLVED")).toBe(
      "An alert that is New cannot move to Resolved. Allowed from New: Acknowledge (→ Acknowledged), Suppress (→ Suppressed).",
    );
    try {
      assertTransition("RESOLVED", "IN_PROGRESS");
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe("CONFLICT");
      expect((error as AppError).message).toContain("Allowed from Resolved: Reopen (→ New)");
    }
  });

  it("records the time to acknowledge once per episode, the time to resolve, and clears both on reopen", () => {
    const at = new Date("2026-03-01T10:00:00Z");
    const earlier = new Date("2026-03-01T09:00:00Z");
    expect(transitionTimestamps({ acknowledgedAt: null }, "ACKNOWLEDGED", at)).toEqual({ acknowledgedAt: at });
    expect(transitionTimestamps({ acknowledgedAt: earlier }, "IN_PROGRESS", at)).toEqual({});
    expect(transitionTimestamps({ acknowledgedAt: earlier }, "RESOLVED", at)).toEqual({ resolvedAt: at });
    expect(transitionTimestamps({ acknowledgedAt: earlier }, "NEW", at)).toEqual({
      acknowledgedAt: null,
      resolvedAt: null,
    });
    expect(transitionTimestamps({ acknowledgedAt: null }, "SUPPRESSED", at)).toEqual({});
  });
});
