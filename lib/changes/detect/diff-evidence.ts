import { diffBackupPlans, diffBucketPublicAccess, diffDatabasePublicAccess, diffKmsRotation } from "./data";
import { diffAccessKeys, diffAttachedPolicies, diffIamUsers } from "./iam";
import { diffConfigRecorders, diffTrails } from "./logging";
import { diffNetworkAcls, diffSecurityGroups } from "./network";
import type { ChangeDraft, DiffContext, EvidenceDiff } from "./types";

// Which evidence (collector) carries which changes that matter (issue 15 item 6). Any other collector's
// evidence changes too (findings, last-used dates, job lists) but is not a configuration change.

// biome-ignore lint/suspicious/noExplicitAny: each diff reads its own collector's evidence shape.
const DIFFS_BY_COLLECTOR: Readonly<Record<string, readonly EvidenceDiff<any>[]>> = {
  ec2: [diffSecurityGroups, diffNetworkAcls],
  iam: [diffIamUsers, diffAccessKeys, diffAttachedPolicies],
  cloudtrail: [diffTrails],
  "config-service": [diffConfigRecorders],
  kms: [diffKmsRotation],
  s3: [diffBucketPublicAccess],
  backup: [diffBackupPlans],
  rds: [diffDatabasePublicAccess],
};

export const CHANGE_COLLECTORS: readonly string[] = Object.keys(DIFFS_BY_COLLECTOR);

/** The changes that matter between two complete collections of one collector in one region. */
export function diffEvidence(collector: string, before: unknown, after: unknown, context: DiffContext): ChangeDraft[] {
  const diffs = DIFFS_BY_COLLECTOR[collector] ?? [];
  if (!isRecord(before) || !isRecord(after)) return [];
  return diffs.flatMap((diff) => {
    try {
      return diff(before, after, context);
    } catch {
      // Evidence of an older shape (a field a diff needs is missing): nothing can be said about it.
      return [];
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
