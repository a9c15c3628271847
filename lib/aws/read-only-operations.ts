// The static allowlist of AWS operations Rampart may call. Every one is read-only
// (Get/List/Describe, GenerateCredentialReport, sts:AssumeRole, sts:GetCallerIdentity).
// read-only-operations.test.ts fails if a collector imports an SDK command not listed here,
// and the simulator answers exactly these operations.
export const READ_ONLY_OPERATIONS = {
  sts: ["AssumeRole", "GetCallerIdentity"],
  iam: [
    "GetAccountSummary",
    "GenerateCredentialReport",
    "GetCredentialReport",
    "GetAccountPasswordPolicy",
    "GetAccountAuthorizationDetails",
    "ListVirtualMFADevices",
    "ListAccountAliases",
    "ListEntitiesForPolicy",
  ],
  account: ["GetAlternateContact"],
  organizations: [
    "DescribeOrganization",
    "ListRoots",
    "ListOrganizationalUnitsForParent",
    "ListAccounts",
    "ListParents",
    "ListChildren",
    "ListPolicies",
    "ListPoliciesForTarget",
    "DescribePolicy",
  ],
  budgets: ["DescribeBudgets", "DescribeNotificationsForBudget", "DescribeSubscribersForNotification"],
  cloudtrail: ["DescribeTrails", "GetTrailStatus", "GetEventSelectors"],
  "cloudwatch-logs": ["DescribeLogGroups"],
  s3: [
    "ListBuckets",
    "GetBucketLocation",
    "GetBucketVersioning",
    "GetBucketPolicyStatus",
    "GetPublicAccessBlock",
    "GetBucketLogging",
    "GetBucketTagging",
    "GetBucketEncryption",
  ],
  "s3-control": ["GetPublicAccessBlock"],
  kms: ["ListKeys", "DescribeKey", "GetKeyRotationStatus", "ListAliases"],
  ec2: [
    "DescribeRegions",
    "DescribeVpcs",
    "DescribeSecurityGroups",
    "DescribeFlowLogs",
    "DescribeNetworkAcls",
    "DescribeInstances",
    "DescribeAddresses",
    "DescribeVolumes",
    "GetEbsEncryptionByDefault",
  ],
  "config-service": [
    "DescribeConfigurationRecorders",
    "DescribeConfigurationRecorderStatus",
    "DescribeConfigRules",
    "DescribeComplianceByConfigRule",
    "GetComplianceDetailsByConfigRule",
  ],
  guardduty: ["ListDetectors", "GetDetector"],
  inspector2: ["BatchGetAccountStatus", "ListFindings"],
  backup: ["ListBackupPlans", "GetBackupPlan", "ListBackupSelections", "ListBackupJobs", "ListRestoreJobs"],
  acm: ["ListCertificates", "DescribeCertificate"],
  rds: ["DescribeDBInstances"],
  "elastic-load-balancing-v2": ["DescribeLoadBalancers", "DescribeTags"],
  "resource-groups-tagging-api": ["GetResources"],
  securityhub: ["DescribeHub"],
} as const satisfies Record<string, readonly string[]>;

export type AwsClientPackage = keyof typeof READ_ONLY_OPERATIONS;

export function isReadOnlyOperation(clientPackage: string, operation: string): boolean {
  const allowed = (READ_ONLY_OPERATIONS as Record<string, readonly string[]>)[clientPackage];
  return allowed?.includes(operation) ?? false;
}
