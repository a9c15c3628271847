// What a detected change (and a change request's component) names: the resource kinds as collected
// evidence calls them, so a change request's component and a detected change compare like for like.

export const CHANGE_RESOURCE_KINDS = [
  "security-group",
  "network-acl",
  "iam-user",
  "iam-group",
  "iam-role",
  "trail",
  "config-recorder",
  "kms-key",
  "s3-bucket",
  "s3-account",
  "backup-plan",
  "rds-instance",
] as const;
export type ChangeResourceKind = (typeof CHANGE_RESOURCE_KINDS)[number];

export const DETECTED_CHANGE_KINDS = [
  "security-group-rule",
  "nacl-entry",
  "iam-user",
  "access-key",
  "attached-policy",
  "trail",
  "config-recorder",
  "kms-rotation",
  "bucket-public-access",
  "backup-plan",
  "rds-public-access",
] as const;
export type DetectedChangeKind = (typeof DETECTED_CHANGE_KINDS)[number];

export const DETECTED_CHANGE_KIND_LABELS: Record<DetectedChangeKind, string> = {
  "security-group-rule": "Security group rules",
  "nacl-entry": "Network ACL entries",
  "iam-user": "IAM user",
  "access-key": "Access key",
  "attached-policy": "Attached policy",
  trail: "CloudTrail trail",
  "config-recorder": "Config recorder",
  "kms-rotation": "KMS key rotation",
  "bucket-public-access": "Bucket public access",
  "backup-plan": "Backup plan",
  "rds-public-access": "Database public access",
};

/** The label of a stored kind (a plain text column): a kind written by a newer version reads as itself. */
export function detectedChangeKindLabel(kind: string): string {
  return (DETECTED_CHANGE_KINDS as readonly string[]).includes(kind)
    ? DETECTED_CHANGE_KIND_LABELS[kind as DetectedChangeKind]
    : kind;
}

export type ChangeAction = "ADDED" | "REMOVED" | "MODIFIED";
