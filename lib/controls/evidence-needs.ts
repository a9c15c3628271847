import type { CollectorKey } from "../aws/collectors";
import { type FailedCall, normalizeFailedCalls } from "./failed-calls";
import type { EvidenceGap, EvidenceLookup, EvidenceOf, EvidenceSlot } from "./types";

// Which calls' evidence each rule reads (issue 12 item 1). A collection stores what answered and names
// the calls that failed; a control becomes UNKNOWN only when a call its rule needs failed, and its reason
// names those calls (all of them, in a stable order). A control that declares nothing for a collector
// it reads needs every call of that collector: the safe default, never a judgement on a placeholder.

export type EvidenceNeeds = Partial<Record<CollectorKey, readonly string[]>>;

const BACKUP_PLANS = ["ListBackupPlans", "GetBackupPlan", "ListBackupSelections"] as const;

export const CONTROL_EVIDENCE_NEEDS: Readonly<Record<string, EvidenceNeeds>> = {
  // DET-1 judges recorders and whether they record (controls.md DET-1).
  "DET-1": { "config-service": ["DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus"] },
  // DET-5 judges rule compliance and counts non-compliant resources per rule.
  "DET-5": {
    "config-service": ["DescribeConfigRules", "DescribeComplianceByConfigRule", "GetComplianceDetailsByConfigRule"],
  },
  "BAK-1": { backup: BACKUP_PLANS },
  "BAK-2": { backup: BACKUP_PLANS },
  // BAK-3 is NOT_APPLICABLE without a selection, so it reads the plans too.
  "BAK-3": { backup: [...BACKUP_PLANS, "ListBackupJobs"] },
  "BAK-4": { backup: ["ListRestoreJobs"] },
  "NET-1": { ec2: ["DescribeSecurityGroups"] },
  "NET-2": { ec2: ["DescribeSecurityGroups"] },
  "NET-3": { ec2: ["DescribeVpcs", "DescribeSecurityGroups"] },
  "NET-4": { ec2: ["DescribeVpcs", "DescribeFlowLogs"] },
  "NET-5": { ec2: ["DescribeNetworkAcls"] },
  "NET-7": { ec2: ["DescribeInstances", "DescribeAddresses"] },
  "KMS-3": { ec2: ["GetEbsEncryptionByDefault"] },
  "GOV-2": { ec2: ["DescribeInstances", "DescribeVolumes"] },
};

/** The gap for several failed calls of one slot: the first names the call, `calls` lists them all. */
export function gapOfCalls(calls: readonly FailedCall[]): EvidenceGap {
  const [first] = calls;
  return {
    service: first.service,
    operation: first.operation,
    region: first.region,
    code: first.code,
    httpStatus: first.httpStatus,
    message: first.message,
    calls: calls.map((call) => ({
      service: call.service,
      operation: call.operation,
      region: call.region,
      code: call.code,
      httpStatus: call.httpStatus,
      message: call.message,
    })),
  };
}

/** The control's view of the evidence: a collected slot whose needed calls failed reads UNKNOWN. */
export function evidenceForControl(lookup: EvidenceLookup, needs: EvidenceNeeds | undefined): EvidenceLookup {
  return {
    get<K extends CollectorKey>(collector: K, region: string): EvidenceSlot<EvidenceOf<K>> {
      const slot = lookup.get(collector, region);
      if (slot.state !== "COLLECTED" || !slot.failedCalls?.length) return slot;
      const needed = needs?.[collector];
      const failed = normalizeFailedCalls(slot.failedCalls);
      const relevant = needed ? failed.filter((call) => needed.includes(call.operation)) : failed;
      if (relevant.length === 0) return slot;
      return { state: "UNKNOWN", gap: gapOfCalls(relevant) };
    },
  };
}
