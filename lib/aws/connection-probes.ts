import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import { ACMClient, ListCertificatesCommand } from "@aws-sdk/client-acm";
import { BackupClient, ListBackupPlansCommand } from "@aws-sdk/client-backup";
import { BudgetsClient, DescribeBudgetsCommand } from "@aws-sdk/client-budgets";
import { CloudTrailClient, DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { ConfigServiceClient, DescribeConfigurationRecordersCommand } from "@aws-sdk/client-config-service";
import { DescribeRegionsCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { GetAccountSummaryCommand, IAMClient } from "@aws-sdk/client-iam";
import { BatchGetAccountStatusCommand, Inspector2Client } from "@aws-sdk/client-inspector2";
import { KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import { DescribeOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import type { CollectorKey } from "../evidence/contract";
import { type AwsClientClass, type AwsClientOptions, withSessionClient } from "./clients";
import { hasAwsErrorCode, toAwsCallError } from "./errors";
import type { AwsClientPackage } from "./read-only-operations";
import type { AccountSession } from "./types";

// One cheap read per collector, for the connection test: the first call each collector makes, so a
// permission the probe lacks is one the sync lacks too. Keyed by CollectorKey, so a new collector does
// not compile until it has a probe (and connection-probes.test.ts checks each is on the allowlist).

export interface ConnectionProbe {
  /** The SDK package suffix (a key of READ_ONLY_OPERATIONS). */
  service: AwsClientPackage;
  operation: string;
  /** The IAM action the call needs (Service Authorization Reference), named when it is denied. */
  iamAction: string;
  /** Codes that mean "not configured here", which is a working permission, not a failure. */
  absentCodes?: readonly string[];
  call(session: AccountSession, region: string, options: AwsClientOptions): Promise<void>;
}

function probe<TClient extends { send(command: never): Promise<unknown>; destroy(): void }>(
  ClientClass: AwsClientClass<TClient>,
  definition: Omit<ConnectionProbe, "call">,
  command: (session: AccountSession) => unknown,
): ConnectionProbe {
  return {
    ...definition,
    async call(session, region, options) {
      try {
        await withSessionClient(
          ClientClass,
          session,
          region,
          (client) => (client.send as (command: unknown) => Promise<unknown>).call(client, command(session)),
          options,
        );
      } catch (error) {
        if (definition.absentCodes && hasAwsErrorCode(error, ...definition.absentCodes)) return;
        throw toAwsCallError(error, { service: definition.service, operation: definition.operation, region });
      }
    },
  };
}

export const CONNECTION_PROBES: Record<CollectorKey, ConnectionProbe> = {
  iam: probe(
    IAMClient,
    { service: "iam", operation: "GetAccountSummary", iamAction: "iam:GetAccountSummary" },
    () => new GetAccountSummaryCommand({}),
  ),
  account: probe(
    AccountClient,
    {
      service: "account",
      operation: "GetAlternateContact",
      iamAction: "account:GetAlternateContact",
      absentCodes: ["ResourceNotFoundException"],
    },
    () => new GetAlternateContactCommand({ AlternateContactType: "SECURITY" }),
  ),
  organizations: probe(
    OrganizationsClient,
    {
      service: "organizations",
      operation: "DescribeOrganization",
      iamAction: "organizations:DescribeOrganization",
      absentCodes: ["AWSOrganizationsNotInUseException"],
    },
    () => new DescribeOrganizationCommand({}),
  ),
  budgets: probe(
    BudgetsClient,
    { service: "budgets", operation: "DescribeBudgets", iamAction: "budgets:ViewBudget" },
    (session) => new DescribeBudgetsCommand({ AccountId: session.accountNumber }),
  ),
  cloudtrail: probe(
    CloudTrailClient,
    { service: "cloudtrail", operation: "DescribeTrails", iamAction: "cloudtrail:DescribeTrails" },
    () => new DescribeTrailsCommand({}),
  ),
  s3: probe(
    S3Client,
    { service: "s3", operation: "ListBuckets", iamAction: "s3:ListAllMyBuckets" },
    () => new ListBucketsCommand({}),
  ),
  "cloudwatch-logs": probe(
    CloudWatchLogsClient,
    { service: "cloudwatch-logs", operation: "DescribeLogGroups", iamAction: "logs:DescribeLogGroups" },
    () => new DescribeLogGroupsCommand({}),
  ),
  kms: probe(
    KMSClient,
    { service: "kms", operation: "ListKeys", iamAction: "kms:ListKeys" },
    () => new ListKeysCommand({}),
  ),
  ec2: probe(
    EC2Client,
    { service: "ec2", operation: "DescribeVpcs", iamAction: "ec2:DescribeVpcs" },
    () => new DescribeVpcsCommand({}),
  ),
  "config-service": probe(
    ConfigServiceClient,
    {
      service: "config-service",
      operation: "DescribeConfigurationRecorders",
      iamAction: "config:DescribeConfigurationRecorders",
    },
    () => new DescribeConfigurationRecordersCommand({}),
  ),
  guardduty: probe(
    GuardDutyClient,
    { service: "guardduty", operation: "ListDetectors", iamAction: "guardduty:ListDetectors" },
    () => new ListDetectorsCommand({}),
  ),
  inspector2: probe(
    Inspector2Client,
    { service: "inspector2", operation: "BatchGetAccountStatus", iamAction: "inspector2:BatchGetAccountStatus" },
    () => new BatchGetAccountStatusCommand({}),
  ),
  backup: probe(
    BackupClient,
    { service: "backup", operation: "ListBackupPlans", iamAction: "backup:ListBackupPlans" },
    () => new ListBackupPlansCommand({}),
  ),
  acm: probe(
    ACMClient,
    { service: "acm", operation: "ListCertificates", iamAction: "acm:ListCertificates" },
    () => new ListCertificatesCommand({}),
  ),
  rds: probe(
    RDSClient,
    { service: "rds", operation: "DescribeDBInstances", iamAction: "rds:DescribeDBInstances" },
    () => new DescribeDBInstancesCommand({}),
  ),
  "elastic-load-balancing-v2": probe(
    ElasticLoadBalancingV2Client,
    {
      service: "elastic-load-balancing-v2",
      operation: "DescribeLoadBalancers",
      iamAction: "elasticloadbalancing:DescribeLoadBalancers",
    },
    () => new DescribeLoadBalancersCommand({}),
  ),
  "resource-groups-tagging-api": probe(
    ResourceGroupsTaggingAPIClient,
    { service: "resource-groups-tagging-api", operation: "GetResources", iamAction: "tag:GetResources" },
    () => new GetResourcesCommand({}),
  ),
  regions: probe(
    EC2Client,
    { service: "ec2", operation: "DescribeRegions", iamAction: "ec2:DescribeRegions" },
    () => new DescribeRegionsCommand({ AllRegions: true }),
  ),
  securityhub: probe(
    SecurityHubClient,
    {
      service: "securityhub",
      operation: "DescribeHub",
      iamAction: "securityhub:DescribeHub",
      // Security Hub answers "not subscribed" as InvalidAccessException: the permission works.
      absentCodes: ["InvalidAccessException"],
    },
    () => new DescribeHubCommand({}),
  ),
};

export interface RegionOptIn {
  regionName: string;
  /** opt-in-not-required, opted-in, not-opted-in. */
  optInStatus: string | null;
}

/** EC2 DescribeRegions(AllRegions): which regions exist for the account and which are enabled. */
export const DESCRIBE_REGIONS_PROBE = {
  service: "ec2" as const,
  operation: "DescribeRegions",
  iamAction: "ec2:DescribeRegions",
  async call(session: AccountSession, region: string, options: AwsClientOptions): Promise<RegionOptIn[]> {
    try {
      const response = await withSessionClient(
        EC2Client,
        session,
        region,
        (client) => client.send(new DescribeRegionsCommand({ AllRegions: true })),
        options,
      );
      return (response.Regions ?? []).map((entry) => ({
        regionName: entry.RegionName ?? "",
        optInStatus: entry.OptInStatus ?? null,
      }));
    } catch (error) {
      throw toAwsCallError(error, { service: "ec2", operation: "DescribeRegions", region });
    }
  },
};
