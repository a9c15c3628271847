import { describe, expect, it } from "vitest";
import type { CollectorKey, EvidenceOf } from "../evidence/contract";
import { CONTROL_EVIDENCE_NEEDS, evidenceForControl } from "./evidence-needs";
import type { FailedCall } from "./failed-calls";
import { AUTOMATED_RULES } from "./rules";
import {
  attestation,
  backupEvidence,
  backupPlan,
  backupRule,
  budget,
  budgetNotification,
  budgetsEvidence,
  buildContext,
  dateDaysBefore,
  FakeEvidence,
  GLOBAL,
  inspectorEvidence,
  organizationsEvidence,
  REGIONS,
  severityCounts,
} from "./rules/testing/detection-evidence";
import type { EvidenceLookup, EvidenceSlot } from "./types";

const [EU, US] = REGIONS;

const failedCall = (
  operation: string,
  region: string,
  code = "ServiceUnavailable",
  httpStatus = 503,
  service = "backup",
): FailedCall => ({
  service,
  operation,
  region,
  code,
  httpStatus,
  message: `${service}:${operation} in ${region} failed: ${code}`,
});

/** Wraps a lookup so the given collector's collected slots carry failed calls, as a PARTIAL step leaves them. */
function withFailedCalls(lookup: EvidenceLookup, collector: string, calls: FailedCall[]): EvidenceLookup {
  return {
    get<K extends CollectorKey>(key: K, region: string): EvidenceSlot<EvidenceOf<K>> {
      const slot = lookup.get(key, region);
      if (key !== collector || slot.state !== "COLLECTED") return slot;
      return { ...slot, failedCalls: calls.filter((call) => call.region === region) };
    },
  };
}

function run(controlId: string, lookup: EvidenceLookup, records = {}) {
  const context = buildContext(lookup, { records });
  return AUTOMATED_RULES[controlId]({
    ...context,
    evidence: evidenceForControl(context.evidence, CONTROL_EVIDENCE_NEEDS[controlId]),
  });
}

// Weekly plan only, with a selection: BAK-1 and BAK-2 fail on the plans alone.
const weeklyOnly = new FakeEvidence().everywhere("backup", (region) =>
  backupEvidence(region, {
    plans: region === EU ? [backupPlan({ rules: [backupRule({ scheduleExpression: "cron(0 5 ? * SUN *)" })] })] : [],
  }),
);

describe("evidence needs (per-call evidence)", () => {
  it("judges the plans when only ListBackupJobs failed, and makes UNKNOWN only the rule that needs the jobs", () => {
    const lookup = withFailedCalls(weeklyOnly, "backup", [
      failedCall("ListBackupJobs", EU),
      failedCall("ListBackupJobs", US, "ResourceNotFoundException", 404),
    ]);
    expect(run("BAK-1", lookup).status).toBe("FAIL");
    expect(run("BAK-2", lookup).status).toBe("FAIL");
    const bak3 = run("BAK-3", lookup);
    expect(bak3.status).toBe("UNKNOWN");
    expect(bak3.reason).toContain(
      "backup:ListBackupJobs in eu-west-1 could not be read (ServiceUnavailable, HTTP 503)",
    );
  });

  it("names every needed call that failed, in a stable order, whatever order they failed in", () => {
    const calls = [failedCall("ListBackupSelections", EU), failedCall("ListBackupJobs", EU)];
    const one = run("BAK-3", withFailedCalls(weeklyOnly, "backup", calls));
    const other = run("BAK-3", withFailedCalls(weeklyOnly, "backup", [...calls].reverse()));
    expect(one.reason).toContain(
      "backup:ListBackupJobs (ServiceUnavailable, HTTP 503) and backup:ListBackupSelections",
    );
    expect(other.reason).toBe(one.reason);
  });

  it("treats an undeclared collector conservatively: any failed call makes its slot UNKNOWN", () => {
    const lookup = evidenceForControl(withFailedCalls(weeklyOnly, "backup", [failedCall("ListBackupJobs", EU)]), {});
    expect(lookup.get("backup", EU).state).toBe("UNKNOWN");
    expect(lookup.get("backup", US).state).toBe("COLLECTED");
  });

  it("BAK-4 passed by attestation while restore jobs were unreadable says they could not be read", () => {
    const lookup = withFailedCalls(weeklyOnly, "backup", [failedCall("ListRestoreJobs", US)]);
    const outcome = run("BAK-4", lookup, { attestations: [attestation()] });
    expect(outcome.status).toBe("PASS");
    // The claim covers only the region that was read.
    expect(outcome.reason).toMatch(
      /^No restore job completed within 183 days in eu-west-1; restore jobs elsewhere could not be read \(backup:ListRestoreJobs in us-east-1 could not be read/,
    );
    const nothingRead = withFailedCalls(weeklyOnly, "backup", [
      failedCall("ListRestoreJobs", US),
      failedCall("ListRestoreJobs", EU),
    ]);
    const unread = run("BAK-4", nothingRead, { attestations: [attestation()] });
    expect(unread.status).toBe("PASS");
    expect(unread.reason).not.toContain("No restore job completed");
    expect(unread.reason).toMatch(/^Restore jobs could not be read/);
  });

  it("Inspector: a failed BatchGetAccountStatus makes DET-3 UNKNOWN naming it; DET-4 still fails on the findings", () => {
    const overdue = (region: string) =>
      inspectorEvidence(region, {
        accountStatus: null,
        activeBySeverity: severityCounts({ CRITICAL: 1 }),
        oldestActiveFirstObservedAt: { CRITICAL: dateDaysBefore(40).toISOString() },
      });
    const status = (region: string) =>
      failedCall("BatchGetAccountStatus", region, "InternalServerException", 500, "inspector2");
    const lookup = withFailedCalls(new FakeEvidence().everywhere("inspector2", overdue), "inspector2", [
      status(EU),
      status(US),
    ]);
    const det3 = run("DET-3", lookup);
    expect(det3.status).toBe("UNKNOWN");
    expect(det3.reason).toContain("inspector2:BatchGetAccountStatus in eu-west-1 could not be read");
    expect(run("DET-4", lookup).status).toBe("FAIL");
    // No overdue finding: DET-4 cannot pass without the status, and names the call (not "answered with no status").
    const clean = withFailedCalls(
      new FakeEvidence().everywhere("inspector2", (region) => inspectorEvidence(region, { accountStatus: null })),
      "inspector2",
      [status(EU), status(US)],
    );
    const det4 = run("DET-4", clean);
    expect(det4.status).toBe("UNKNOWN");
    expect(det4.reason).toContain("inspector2:BatchGetAccountStatus in eu-west-1 could not be read");
    expect(det4.reason).not.toContain("answered");
  });

  it("Inspector: failed ListFindings make DET-4 UNKNOWN and leave DET-3 judged", () => {
    const lookup = withFailedCalls(
      new FakeEvidence().everywhere("inspector2", (region) => inspectorEvidence(region, { findingsCollected: false })),
      "inspector2",
      [failedCall("ListFindings", EU, "AccessDeniedException", 403, "inspector2")],
    );
    expect(run("DET-3", lookup).status).toBe("PASS");
    expect(run("DET-4", lookup)).toMatchObject({
      status: "UNKNOWN",
      reason: expect.stringContaining("inspector2:ListFindings in eu-west-1"),
    });
  });

  it("GOV-1: a budget that alerts someone passes although another budget's subscribers were unreadable", () => {
    const subscribers = failedCall(
      "DescribeSubscribersForNotification",
      "us-east-1",
      "InternalFailure",
      503,
      "budgets",
    );
    const evidence = (budgets: Parameters<typeof budgetsEvidence>[0]) =>
      withFailedCalls(new FakeEvidence().collected("budgets", GLOBAL, budgetsEvidence(budgets)), "budgets", [
        { ...subscribers, region: GLOBAL },
      ]);
    const unread = budget({ budgetName: "unread", notifications: [budgetNotification({ subscribers: [] })] });
    expect(run("GOV-1", evidence([unread, budget()])).status).toBe("PASS");
    const outcome = run("GOV-1", evidence([unread]));
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("budgets:DescribeSubscribersForNotification");
  });

  it("GOV-3: a management account's tree read in part makes the members' GOV-3 UNKNOWN naming the call", () => {
    const member = new FakeEvidence().collected("organizations", GLOBAL, organizationsEvidence());
    const management = new FakeEvidence().collected(
      "organizations",
      GLOBAL,
      organizationsEvidence({ isManagementAccount: true, structure: null }),
    );
    const slot = management.get("organizations", GLOBAL);
    const context = buildContext(member, {
      organization: {
        collectedBy: "999988887777",
        slot: {
          ...slot,
          failedCalls: [failedCall("ListRoots", GLOBAL, "AccessDeniedException", 400, "organizations")],
        } as typeof slot,
      },
    });
    const outcome = AUTOMATED_RULES["GOV-3"]({
      ...context,
      evidence: evidenceForControl(context.evidence, CONTROL_EVIDENCE_NEEDS["GOV-3"]),
    });
    expect(outcome.status).toBe("UNKNOWN");
    expect(outcome.reason).toContain("could not be read from account 999988887777");
    expect(outcome.reason).toContain("organizations:ListRoots");
  });
});
