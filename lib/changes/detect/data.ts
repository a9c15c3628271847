import type { BackupEvidence, BackupPlanEvidence } from "../../evidence/backup";
import type { KmsEvidence } from "../../evidence/kms";
import type { RdsEvidence } from "../../evidence/rds";
import type { PublicAccessBlockEvidence, S3Evidence } from "../../evidence/s3";
import type { ChangeDraft, EvidenceDiff } from "./types";
import { addedAndRemoved, pairByKey, sameJson } from "./types";

// KMS rotation (KMS-1), bucket and account public access (TRAIL-8 for a trail's bucket), backup plans
// (BAK-1) and databases made public or private (NET-6).

function onOff(value: boolean | null): string {
  return value === null ? "unknown" : value ? "on" : "off";
}

export const diffKmsRotation: EvidenceDiff<Pick<KmsEvidence, "keys">> = (before, after) => {
  const { both } = pairByKey(before.keys, after.keys, (key) => key.keyId);
  return both.flatMap(([was, is]): ChangeDraft[] => {
    // null = not applicable or not asked (AWS-managed, asymmetric, pending deletion): not a rotation change.
    if (is.keyManager !== "CUSTOMER" || was.rotationEnabled === null || is.rotationEnabled === null) return [];
    if (was.rotationEnabled === is.rotationEnabled) return [];
    const name = is.aliases[0] ?? is.description ?? is.keyId;
    return [
      {
        kind: "kms-rotation",
        resourceKind: "kms-key",
        resourceId: is.keyId,
        action: "MODIFIED",
        before: { rotationEnabled: was.rotationEnabled },
        after: { rotationEnabled: is.rotationEnabled },
        controlId: "KMS-1",
        summary: `KMS key ${name}: automatic rotation ${onOff(was.rotationEnabled)} → ${onOff(is.rotationEnabled)}`,
      },
    ];
  });
};

function blockWords(block: PublicAccessBlockEvidence | null): string {
  if (!block) return "no public access block";
  const on = Object.values(block).filter(Boolean).length;
  return on === 4 ? "all four blocks on" : `${on} of 4 blocks on`;
}

export const diffBucketPublicAccess: EvidenceDiff<Pick<S3Evidence, "accountPublicAccessBlock" | "buckets">> = (
  before,
  after,
  context,
) => {
  const changes: ChangeDraft[] = [];
  if (!sameJson(before.accountPublicAccessBlock, after.accountPublicAccessBlock)) {
    changes.push({
      kind: "bucket-public-access",
      resourceKind: "s3-account",
      resourceId: "account",
      action: "MODIFIED",
      before: { publicAccessBlock: before.accountPublicAccessBlock },
      after: { publicAccessBlock: after.accountPublicAccessBlock },
      controlId: context.trailBuckets.size > 0 ? "TRAIL-8" : null,
      summary: `Account-level S3 public access block: ${blockWords(before.accountPublicAccessBlock)} → ${blockWords(after.accountPublicAccessBlock)}`,
    });
  }
  const { both } = pairByKey(before.buckets, after.buckets, (bucket) => bucket.name);
  for (const [was, is] of both) {
    const old = { publicAccessBlock: was.publicAccessBlock, policyIsPublic: was.policyIsPublic };
    const now = { publicAccessBlock: is.publicAccessBlock, policyIsPublic: is.policyIsPublic };
    if (sameJson(old, now)) continue;
    const words = [
      ...(sameJson(old.publicAccessBlock, now.publicAccessBlock)
        ? []
        : [`${blockWords(old.publicAccessBlock)} → ${blockWords(now.publicAccessBlock)}`]),
      ...(old.policyIsPublic === now.policyIsPublic
        ? []
        : [now.policyIsPublic ? "bucket policy made it public" : "bucket policy no longer public"]),
    ];
    changes.push({
      kind: "bucket-public-access",
      resourceKind: "s3-bucket",
      resourceId: is.name,
      action: "MODIFIED",
      before: old,
      after: now,
      controlId: context.trailBuckets.has(is.name) ? "TRAIL-8" : null,
      summary: `Bucket ${is.name}: ${words.join("; ")}`,
    });
  }
  return changes;
};

function planSettings(plan: BackupPlanEvidence) {
  return {
    name: plan.backupPlanName,
    rules: plan.rules
      .map((rule) => ({
        ruleName: rule.ruleName,
        scheduleExpression: rule.scheduleExpression,
        targetBackupVaultName: rule.targetBackupVaultName,
        deleteAfterDays: rule.deleteAfterDays,
        copyActions: rule.copyActions,
      }))
      .sort((left, right) => left.ruleName.localeCompare(right.ruleName)),
    selections: plan.selections.map((selection) => selection.selectionName).sort(),
  };
}

export const diffBackupPlans: EvidenceDiff<Pick<BackupEvidence, "plans">> = (before, after) => {
  const { both, removed, added } = pairByKey(before.plans, after.plans, (plan) => plan.backupPlanId);
  const changes: ChangeDraft[] = [];
  for (const [was, is] of both) {
    const old = planSettings(was);
    const now = planSettings(is);
    if (sameJson(old, now)) continue;
    const oldRules = old.rules.map((rule) => rule.ruleName);
    const newRules = now.rules.map((rule) => rule.ruleName);
    const gone = oldRules.filter((name) => !newRules.includes(name));
    const fresh = newRules.filter((name) => !oldRules.includes(name));
    const words = [
      ...(fresh.length > 0 ? [`rules added: ${fresh.join(", ")}`] : []),
      ...(gone.length > 0 ? [`rules removed: ${gone.join(", ")}`] : []),
    ];
    changes.push({
      kind: "backup-plan",
      resourceKind: "backup-plan",
      resourceId: is.backupPlanId,
      action: "MODIFIED",
      before: old,
      after: now,
      controlId: "BAK-1",
      summary: `Backup plan ${is.backupPlanName}: ${words.length > 0 ? words.join("; ") : "rules or selections changed"}`,
    });
  }
  return [
    ...changes,
    ...addedAndRemoved(added, removed, {
      kind: "backup-plan",
      resourceKind: "backup-plan",
      resourceId: (plan) => plan.backupPlanId,
      state: planSettings,
      controlId: () => "BAK-1",
      created: (plan) => `Backup plan ${plan.backupPlanName} created`,
      deleted: (plan) => `Backup plan ${plan.backupPlanName} deleted`,
    }),
  ];
};

export const diffDatabasePublicAccess: EvidenceDiff<Pick<RdsEvidence, "dbInstances">> = (before, after) => {
  const { both, added } = pairByKey(before.dbInstances, after.dbInstances, (instance) => instance.dbInstanceIdentifier);
  const changes: ChangeDraft[] = [];
  for (const [was, is] of both) {
    if (was.publiclyAccessible === is.publiclyAccessible) continue;
    changes.push({
      kind: "rds-public-access",
      resourceKind: "rds-instance",
      resourceId: is.dbInstanceIdentifier,
      action: "MODIFIED",
      before: { publiclyAccessible: was.publiclyAccessible },
      after: { publiclyAccessible: is.publiclyAccessible },
      controlId: "NET-6",
      summary: `Database ${is.dbInstanceIdentifier}: ${is.publiclyAccessible ? "made publicly accessible" : "made private"}`,
    });
  }
  return [
    ...changes,
    // A new database matters here only when it is public from the start; a deleted one is no exposure.
    ...addedAndRemoved(
      added.filter((candidate) => candidate.publiclyAccessible),
      [],
      {
        kind: "rds-public-access",
        resourceKind: "rds-instance",
        resourceId: (instance) => instance.dbInstanceIdentifier,
        state: () => ({ publiclyAccessible: true }),
        controlId: () => "NET-6",
        created: (instance) => `Database ${instance.dbInstanceIdentifier} created publicly accessible`,
        deleted: (instance) => `Database ${instance.dbInstanceIdentifier} deleted`,
      },
    ),
  ];
};
