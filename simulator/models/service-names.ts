import type { AwsClientPackage } from "../../lib/aws/read-only-operations";

/** lib/aws module name → botocore model directory name. */
export const BOTOCORE_SERVICE_NAMES = {
  sts: "sts",
  iam: "iam",
  account: "account",
  organizations: "organizations",
  budgets: "budgets",
  cloudtrail: "cloudtrail",
  "cloudwatch-logs": "logs",
  s3: "s3",
  "s3-control": "s3control",
  kms: "kms",
  ec2: "ec2",
  "config-service": "config",
  guardduty: "guardduty",
  inspector2: "inspector2",
  backup: "backup",
  acm: "acm",
  rds: "rds",
  "elastic-load-balancing-v2": "elbv2",
  "resource-groups-tagging-api": "resourcegroupstaggingapi",
  securityhub: "securityhub",
} as const satisfies Record<AwsClientPackage, string>;
