import type { BackupEvidence } from "../evidence/backup";
import type { CloudTrailEvidence } from "../evidence/cloudtrail";
import type { Ec2Evidence } from "../evidence/ec2";
import type { IamEvidence } from "../evidence/iam";
import type { KmsEvidence } from "../evidence/kms";
import type { S3Evidence } from "../evidence/s3";

// What a change request may name as an affected component (SOP 000 §11 "Affected components"): an
// account, optionally a region, optionally one resource as collected evidence names it. The kinds and
// identifiers below are the ones a detected configuration change names too (DetectedChange.resourceKind
// / resourceId), so a change nobody requested can be matched to a request by the same words.

export const RESOURCE_KINDS = [
  "security-group",
  "network-acl",
  "iam-user",
  "iam-role",
  "iam-policy",
  "trail",
  "bucket",
  "kms-key",
  "backup-plan",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  "security-group": "Security group",
  "network-acl": "Network ACL",
  "iam-user": "IAM user",
  "iam-role": "IAM role",
  "iam-policy": "IAM policy",
  trail: "CloudTrail trail",
  bucket: "S3 bucket",
  "kms-key": "KMS key",
  "backup-plan": "Backup plan",
};

/** The collectors whose evidence lists the resources above. */
export const RESOURCE_COLLECTORS = ["ec2", "iam", "cloudtrail", "s3", "kms", "backup"] as const;

/** One resource a change can name; region "global" for IAM. */
export interface PickableResource {
  region: string;
  kind: ResourceKind;
  /** As the evidence names it: sg-…, acl-…, the IAM name, trail name, bucket name, key id, plan id. */
  id: string;
  /** For people: the group name, the key's alias, the plan's name. */
  label: string;
}

export interface EvidenceRow {
  collector: string;
  region: string;
  data: unknown;
}

function listOf<T>(value: T[] | null | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** Every resource the current evidence of one account shows, sorted by kind, region and id. */
export function resourcesFromEvidence(rows: readonly EvidenceRow[]): PickableResource[] {
  const out: PickableResource[] = [];
  for (const row of rows) {
    if (row.data === null || typeof row.data !== "object") continue;
    switch (row.collector) {
      case "ec2": {
        const ec2 = row.data as Partial<Ec2Evidence>;
        for (const group of listOf(ec2.securityGroups))
          out.push({ region: row.region, kind: "security-group", id: group.groupId, label: group.groupName });
        for (const acl of listOf(ec2.networkAcls))
          out.push({
            region: row.region,
            kind: "network-acl",
            id: acl.networkAclId,
            label: acl.isDefault ? `default ACL of ${acl.vpcId ?? "its VPC"}` : (acl.vpcId ?? acl.networkAclId),
          });
        break;
      }
      case "iam": {
        const authorization = (row.data as Partial<IamEvidence>).authorization;
        for (const user of listOf(authorization?.users))
          out.push({ region: "global", kind: "iam-user", id: user.name, label: user.name });
        for (const role of listOf(authorization?.roles))
          out.push({ region: "global", kind: "iam-role", id: role.name, label: role.name });
        for (const policy of listOf(authorization?.customerManagedPolicies))
          out.push({ region: "global", kind: "iam-policy", id: policy.name, label: policy.name });
        break;
      }
      case "cloudtrail":
        for (const trail of listOf((row.data as Partial<CloudTrailEvidence>).trails))
          out.push({ region: trail.homeRegion, kind: "trail", id: trail.name, label: trail.name });
        break;
      case "s3":
        for (const bucket of listOf((row.data as Partial<S3Evidence>).buckets))
          out.push({ region: bucket.region, kind: "bucket", id: bucket.name, label: bucket.name });
        break;
      case "kms":
        for (const key of listOf((row.data as Partial<KmsEvidence>).keys)) {
          if (key.keyManager !== "CUSTOMER") continue;
          out.push({ region: row.region, kind: "kms-key", id: key.keyId, label: key.aliases[0] ?? key.keyId });
        }
        break;
      case "backup":
        for (const plan of listOf((row.data as Partial<BackupEvidence>).plans))
          out.push({ region: row.region, kind: "backup-plan", id: plan.backupPlanId, label: plan.backupPlanName });
        break;
    }
  }
  const seen = new Set<string>();
  return out
    .filter((resource) => {
      const key = resourceKey(resource);
      if (!resource.id || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        RESOURCE_KINDS.indexOf(a.kind) - RESOURCE_KINDS.indexOf(b.kind) ||
        a.region.localeCompare(b.region) ||
        a.label.localeCompare(b.label) ||
        a.id.localeCompare(b.id),
    );
}

export function resourceKey(resource: { region: string; kind: string; id: string }): string {
  return `${resource.kind}|${resource.region}|${resource.id}`;
}

/** "Security group web-sg (sg-0abc) in eu-west-1" */
export function describeResource(resource: { region: string | null; kind: string | null; id: string | null }): string {
  if (!resource.kind || !resource.id) return resource.region ? `region ${resource.region}` : "whole account";
  const kind = RESOURCE_KIND_LABELS[resource.kind as ResourceKind] ?? resource.kind;
  return `${kind} ${resource.id}${resource.region && resource.region !== "global" ? ` in ${resource.region}` : ""}`;
}
