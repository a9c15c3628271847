import { stableIamId } from "../estate/ids";

// The AWS managed policies estates commonly attach. Documents are abridged where AWS's are very
// long (SecurityAudit, ReadOnlyAccess) but keep their shape: Allow statements with Describe/Get/List
// actions, never "*:*". AdministratorAccess is verbatim, since IAM-10-style checks look for it.

interface AwsManagedPolicy {
  name: string;
  path: string;
  versionId: string;
  document: Record<string, unknown>;
}

const allow = (actions: string[]) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }],
});

const POLICIES: AwsManagedPolicy[] = [
  {
    name: "AdministratorAccess",
    path: "/",
    versionId: "v1",
    document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  },
  {
    name: "PowerUserAccess",
    path: "/",
    versionId: "v5",
    document: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }],
    },
  },
  {
    name: "ReadOnlyAccess",
    path: "/",
    versionId: "v178",
    document: allow([
      "ec2:Describe*",
      "iam:Get*",
      "iam:List*",
      "s3:Get*",
      "s3:List*",
      "rds:Describe*",
      "cloudtrail:Describe*",
      "cloudtrail:Get*",
      "config:Describe*",
      "config:Get*",
      "kms:Describe*",
      "kms:Get*",
      "kms:List*",
      "logs:Describe*",
    ]),
  },
  {
    name: "SecurityAudit",
    path: "/",
    versionId: "v85",
    document: allow([
      "acm:Describe*",
      "acm:List*",
      "cloudtrail:DescribeTrails",
      "cloudtrail:GetEventSelectors",
      "cloudtrail:GetTrailStatus",
      "config:Describe*",
      "config:Get*",
      "ec2:Describe*",
      "ec2:GetEbsEncryptionByDefault",
      "elasticloadbalancing:Describe*",
      "guardduty:Get*",
      "guardduty:List*",
      "iam:GenerateCredentialReport",
      "iam:Get*",
      "iam:List*",
      "inspector2:BatchGetAccountStatus",
      "inspector2:ListFindings",
      "kms:Describe*",
      "kms:Get*",
      "kms:List*",
      "logs:Describe*",
      "organizations:Describe*",
      "rds:Describe*",
      "s3:GetAccountPublicAccessBlock",
      "s3:GetBucket*",
      "s3:GetEncryptionConfiguration",
      "s3:ListAllMyBuckets",
      "securityhub:Describe*",
      "tag:GetResources",
      "account:GetAlternateContact",
    ]),
  },
  {
    name: "ViewOnlyAccess",
    path: "/job-function/",
    versionId: "v43",
    document: allow([
      "ec2:Describe*",
      "iam:List*",
      "s3:ListAllMyBuckets",
      "rds:Describe*",
      "cloudtrail:DescribeTrails",
      "config:Describe*",
      "logs:Describe*",
    ]),
  },
  { name: "AWSSupportAccess", path: "/", versionId: "v1", document: allow(["support:*"]) },
  {
    name: "IAMFullAccess",
    path: "/",
    versionId: "v2",
    document: allow([
      "iam:*",
      "organizations:DescribeAccount",
      "organizations:DescribeOrganization",
      "organizations:DescribeOrganizationalUnit",
      "organizations:DescribePolicy",
      "organizations:ListAccounts",
      "organizations:ListAWSServiceAccessForOrganization",
      "organizations:ListDelegatedAdministrators",
      "organizations:ListPolicies",
      "organizations:ListPoliciesForTarget",
      "organizations:ListTargetsForPolicy",
    ]),
  },
  { name: "AmazonS3FullAccess", path: "/", versionId: "v2", document: allow(["s3:*", "s3-object-lambda:*"]) },
  {
    name: "AmazonEC2FullAccess",
    path: "/",
    versionId: "v5",
    document: allow(["ec2:*", "elasticloadbalancing:*", "cloudwatch:*", "autoscaling:*"]),
  },
  {
    name: "AmazonRDSFullAccess",
    path: "/",
    versionId: "v10",
    document: allow(["rds:*", "application-autoscaling:*", "cloudwatch:*"]),
  },
  { name: "AWSBackupFullAccess", path: "/", versionId: "v20", document: allow(["backup:*", "backup-storage:*"]) },
  {
    name: "AWSBillingReadOnlyAccess",
    path: "/",
    versionId: "v10",
    document: allow([
      "aws-portal:View*",
      "budgets:ViewBudget",
      "budgets:Describe*",
      "ce:Get*",
      "ce:Describe*",
      "ce:List*",
    ]),
  },
  {
    name: "AWSConfigRole",
    path: "/service-role/",
    versionId: "v30",
    document: allow(["config:Put*", "ec2:Describe*", "iam:Get*", "iam:List*", "s3:GetBucket*"]),
  },
  {
    name: "AWSBackupServiceRolePolicyForBackup",
    path: "/service-role/",
    versionId: "v14",
    document: allow([
      "ec2:CreateSnapshot",
      "ec2:CreateTags",
      "ec2:DescribeSnapshots",
      "rds:CreateDBSnapshot",
      "rds:DescribeDBSnapshots",
    ]),
  },
];

export interface ResolvedAwsManagedPolicy extends AwsManagedPolicy {
  arn: string;
  id: string;
}

const BY_ARN = new Map<string, ResolvedAwsManagedPolicy>(
  POLICIES.map((policy) => {
    const arn = `arn:aws:iam::aws:policy${policy.path}${policy.name}`;
    return [arn, { ...policy, arn, id: stableIamId("ANPA", "aws", policy.name) }];
  }),
);
const BY_NAME = new Map([...BY_ARN.values()].map((policy) => [policy.name, policy]));

export function findAwsManagedPolicy(arnOrName: string): ResolvedAwsManagedPolicy | undefined {
  return BY_ARN.get(arnOrName) ?? BY_NAME.get(arnOrName);
}

/** An AWS managed policy the list above does not know: a placeholder document that grants nothing. */
export function unknownAwsManagedPolicy(arn: string): ResolvedAwsManagedPolicy {
  const name = arn.slice(arn.lastIndexOf("/") + 1);
  const path = arn.slice("arn:aws:iam::aws:policy".length, arn.length - name.length) || "/";
  return {
    name,
    path,
    arn,
    versionId: "v1",
    id: stableIamId("ANPA", "aws", name),
    document: { Version: "2012-10-17", Statement: [] },
  };
}
