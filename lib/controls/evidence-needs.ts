import type { CollectorKey, EvidenceOf } from "../evidence/contract";
import { type FailedCall, normalizeFailedCalls } from "./failed-calls";
import type { EvidenceGap, EvidenceLookup, EvidenceSlot } from "./types";

// Which calls' evidence each rule reads (issue 12 item 1). A collection stores what answered and names
// the calls that failed; a control becomes UNKNOWN only when a call its rule needs failed, and its reason
// names those calls (all of them, in a stable order). A control that declares nothing for a collector
// it reads needs every call of that collector: the safe default, never a judgement on a placeholder.

export type EvidenceNeeds = Partial<Record<CollectorKey, readonly string[]>>;

const BACKUP_PLANS = ["ListBackupPlans", "GetBackupPlan", "ListBackupSelections"] as const;
const TRAILS = ["DescribeTrails", "GetTrailStatus", "GetEventSelectors"] as const;
// A bucket's configuration is read in its region: without its location none of it could be asked for.
const BUCKETS = ["ListBuckets", "GetBucketLocation"] as const;
// The report is generated, then read: either call failing leaves no report.
const CREDENTIAL_REPORT = ["GenerateCredentialReport", "GetCredentialReport"] as const;

export const CONTROL_EVIDENCE_NEEDS: Readonly<Record<string, EvidenceNeeds>> = {
  // ROOT-1/2 judge GetAccountSummary's flags (the report only names the keys, or stands in when a flag is
  // absent from an answered summary); ROOT-4 adds the virtual devices (controls.md ROOT-1–4).
  "ROOT-1": { iam: ["GetAccountSummary"] },
  "ROOT-2": { iam: ["GetAccountSummary"] },
  "ROOT-3": { iam: CREDENTIAL_REPORT },
  "ROOT-4": { iam: ["GetAccountSummary", "ListVirtualMFADevices"] },
  "IAM-1": { iam: ["GetAccountPasswordPolicy"] },
  "IAM-2": { iam: ["GetAccountPasswordPolicy"] },
  "IAM-3": { iam: ["GetAccountPasswordPolicy"] },
  "IAM-4": { iam: ["GetAccountPasswordPolicy"] },
  "IAM-5": { iam: CREDENTIAL_REPORT },
  "IAM-6": { iam: CREDENTIAL_REPORT },
  "IAM-7": { iam: CREDENTIAL_REPORT },
  "IAM-8": { iam: CREDENTIAL_REPORT },
  "IAM-9": { iam: ["GetAccountAuthorizationDetails"] },
  "IAM-10": { iam: ["GetAccountAuthorizationDetails"] },
  "IAM-11": { iam: ["ListEntitiesForPolicy"] },
  "GOV-4": { iam: ["ListAccountAliases"] },
  // Every trail control judges the qualifying trails (listed, status, selectors). TRAIL-4 declares nothing:
  // it also reads the trail's log group (CloudWatch Logs DescribeLogGroups), so it needs every call.
  "TRAIL-1": { cloudtrail: TRAILS },
  "TRAIL-2": { cloudtrail: TRAILS },
  "TRAIL-3": { cloudtrail: TRAILS },
  "TRAIL-5": { cloudtrail: TRAILS },
  // TRAIL-6–9 judge the qualifying trails' buckets.
  "TRAIL-6": { cloudtrail: TRAILS, s3: [...BUCKETS, "GetBucketVersioning"] },
  "TRAIL-7": { cloudtrail: TRAILS, s3: [...BUCKETS, "GetBucketVersioning"] },
  // The bucket's and the account's (S3 Control) public access blocks, and the policy status.
  "TRAIL-8": { cloudtrail: TRAILS, s3: [...BUCKETS, "GetBucketPolicyStatus", "GetPublicAccessBlock"] },
  "TRAIL-9": { cloudtrail: TRAILS, s3: [...BUCKETS, "GetBucketLogging"] },
  // DET-1 judges recorders and whether they record (controls.md DET-1).
  "DET-1": { "config-service": ["DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus"] },
  // DET-5 judges rule compliance and counts non-compliant resources per rule.
  // DET-3 judges the account status; DET-4 the findings, which prove a failure without the status (the
  // rule then names BatchGetAccountStatus when it cannot pass).
  "DET-3": { inspector2: ["BatchGetAccountStatus"] },
  "DET-4": { inspector2: ["ListFindings"] },
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
  // Load balancers are endpoints whatever their tags.
  "NET-7": {
    ec2: ["DescribeInstances", "DescribeAddresses"],
    "elastic-load-balancing-v2": ["DescribeLoadBalancers"],
  },
  // Aliases only label the keys in reasons.
  "KMS-1": { kms: ["ListKeys", "DescribeKey", "GetKeyRotationStatus"] },
  "KMS-2": { kms: ["ListKeys", "DescribeKey"] },
  "KMS-3": { ec2: ["GetEbsEncryptionByDefault"] },
  // GOV-1 passes on any budget that alerts someone; the rule names unread notifications when none does.
  "GOV-1": { budgets: ["DescribeBudgets"] },
  // GOV-3 judges the account's own DescribeOrganization; the tree comes from the management account's
  // collection, whose failed calls the rule names itself.
  "GOV-3": { organizations: ["DescribeOrganization"] },
  "GOV-2": {
    ec2: ["DescribeInstances", "DescribeVolumes"],
    s3: [...BUCKETS, "GetBucketTagging"],
    "elastic-load-balancing-v2": ["DescribeLoadBalancers", "DescribeTags"],
  },
};

/** The failed calls of `operations` among a collection's failed calls, in stable order. */
export function failedCallsFor(calls: readonly FailedCall[] | undefined, operations: readonly string[]): FailedCall[] {
  return normalizeFailedCalls((calls ?? []).filter((call) => operations.includes(call.operation)));
}

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
