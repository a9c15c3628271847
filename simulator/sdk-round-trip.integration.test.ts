import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import { ACMClient, ListCertificatesCommand } from "@aws-sdk/client-acm";
import {
  BackupClient,
  GetBackupPlanCommand,
  ListBackupJobsCommand,
  ListBackupPlansCommand,
} from "@aws-sdk/client-backup";
import { BudgetsClient, DescribeBudgetsCommand } from "@aws-sdk/client-budgets";
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  paginateGetComplianceDetailsByConfigRule,
} from "@aws-sdk/client-config-service";
import { DescribeRegionsCommand, EC2Client, paginateDescribeSecurityGroups } from "@aws-sdk/client-ec2";
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetCredentialReportCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
} from "@aws-sdk/client-iam";
import { BatchGetAccountStatusCommand, Inspector2Client, paginateListFindings } from "@aws-sdk/client-inspector2";
import { KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import { DescribeOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import {
  GetBucketLocationCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { DescribeHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEstate } from "./generate";
import type { SimulatorHandle } from "./server";
import { assumeAuditRole, clientOptions, startTestSimulator, type TemporaryCredentials } from "./test-support";

// A real @aws-sdk/client-* round trip for each wire protocol: awsQuery (IAM), ec2 (EC2), restXml
// (S3, S3 Control), awsJson1_1 (Config) and restJson1 (Inspector2), including SDK paginators.

const BLUEFIN = "314159265358";
const GENERATED = "555500001111";

describe("SDK v3 clients against the simulator", () => {
  let simulator: SimulatorHandle;
  let bluefin: TemporaryCredentials;
  let generated: TemporaryCredentials;

  beforeAll(async () => {
    simulator = await startTestSimulator({
      estates: [
        "simulator/estates/demo/bluefin-prod.yaml",
        "simulator/estates/demo/pinecone-main.yaml",
        "simulator/estates/demo/bluefin-log-archive.yaml",
      ],
      estateDocuments: [generateEstate({ users: 250, findings: 20000, configEvaluations: 5000, seed: 4 })],
    });
    bluefin = await assumeAuditRole(simulator, BLUEFIN, "bluefin-7c1e2a9d4b");
    generated = await assumeAuditRole(simulator, GENERATED, "generated-external-id");
  });
  afterAll(() => simulator.close());

  it("awsQuery: IAM pages GetAccountAuthorizationDetails with Marker and decodes the credential report", async () => {
    const iam = new IAMClient(clientOptions(simulator, generated));
    let users = 0;
    let pages = 0;
    for await (const page of paginateGetAccountAuthorizationDetails(
      { client: iam, pageSize: 100 },
      { Filter: ["User"] },
    )) {
      users += page.UserDetailList?.length ?? 0;
      pages++;
    }
    expect(users).toBe(250);
    expect(pages).toBe(3);

    const bluefinIam = new IAMClient(clientOptions(simulator, bluefin));
    expect((await bluefinIam.send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    expect((await bluefinIam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    const report = await bluefinIam.send(new GetCredentialReportCommand({}));
    const csv = Buffer.from(report.Content as Uint8Array).toString("utf8");
    expect(csv.split("\n")[0].split(",")).toHaveLength(22);
    expect(csv).toContain("\ncarla.finance,arn:aws:iam::314159265358:user/carla.finance,");
    const policy = await bluefinIam.send(new GetAccountPasswordPolicyCommand({}));
    expect(policy.PasswordPolicy?.MinimumPasswordLength).toBe(14);
  });

  it("awsQuery: a missing password policy is NoSuchEntityException (404)", async () => {
    const pinecone = await assumeAuditRole(simulator, "161803398874", "pinecone-0d4b7e6a13");
    const error = await new IAMClient(clientOptions(simulator, pinecone))
      .send(new GetAccountPasswordPolicyCommand({}))
      .catch((caught) => caught);
    expect(error.name).toBe("NoSuchEntityException");
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it("ec2: security groups with filters and MaxResults/NextToken paging", async () => {
    const ec2 = new EC2Client(clientOptions(simulator, bluefin));
    const groups = [];
    for await (const page of paginateDescribeSecurityGroups({ client: ec2, pageSize: 5 }, {}))
      groups.push(...(page.SecurityGroups ?? []));
    expect(groups.map((group) => group.GroupName).sort()).toEqual(["admin-from-jumpbox", "default", "web-alb"]);
    const web = groups.find((group) => group.GroupName === "web-alb");
    expect(web?.IpPermissions?.[0]).toMatchObject({
      IpProtocol: "tcp",
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: "0.0.0.0/0" }],
    });
    const defaults = await ec2.send(
      new DescribeRegionsCommand({ AllRegions: true, Filters: [{ Name: "opt-in-status", Values: ["not-opted-in"] }] }),
    );
    expect(defaults.Regions?.length).toBeGreaterThan(5);
  });

  it("restXml: S3 bucket configuration and its 404s; S3 Control through an endpointProvider", async () => {
    const s3 = new S3Client({ ...clientOptions(simulator, bluefin), forcePathStyle: true });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: "bluefin-prod-assets" }))).Status).toBe("Enabled");
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: "bluefin-eu-shipments" }))).LocationConstraint).toBe(
      "eu-west-1",
    );
    const status = await s3.send(new GetBucketPolicyStatusCommand({ Bucket: "bluefin-prod-assets" }));
    expect(status.PolicyStatus?.IsPublic).toBe(false);
    const missing = await s3
      .send(new GetBucketPolicyStatusCommand({ Bucket: "bluefin-eu-shipments" }))
      .catch((caught) => caught);
    expect(missing.name).toBe("NoSuchBucketPolicy");
    const foreign = await s3
      .send(new GetBucketVersioningCommand({ Bucket: "bluefin-cloudtrail-archive" }))
      .catch((caught) => caught);
    expect(foreign.$metadata.httpStatusCode).toBe(403);

    const control = new S3ControlClient({
      region: "us-east-1",
      credentials: bluefin,
      maxAttempts: 1,
      endpointProvider: () => ({ url: new URL(simulator.url) }),
    });
    const block = await control.send(new GetPublicAccessBlockCommand({ AccountId: BLUEFIN }));
    expect(block.PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(true);
  });

  it("awsJson1_1: Config recorders and 5,000 evaluations paged with NextToken", async () => {
    const config = new ConfigServiceClient(clientOptions(simulator, generated));
    const recorders = await config.send(new DescribeConfigurationRecordersCommand({}));
    expect(recorders.ConfigurationRecorders?.[0].recordingGroup?.allSupported).toBe(true);
    let results = 0;
    for await (const page of paginateGetComplianceDetailsByConfigRule(
      { client: config },
      { ConfigRuleName: "restricted-ssh", Limit: 100 },
    )) {
      results += page.EvaluationResults?.length ?? 0;
      expect(page.EvaluationResults?.[0]?.ResultRecordedTime).toBeInstanceOf(Date);
    }
    expect(results).toBe(500);
  });

  it("awsJson1_1: every JSON service answers the target prefix its SDK v3 client sends", async () => {
    const options = clientOptions(simulator, bluefin);
    const cloudtrail = new CloudTrailClient(options);
    const trails = await cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    const trailArn = trails.trailList?.[0]?.TrailARN as string;
    expect(trailArn).toBe(`arn:aws:cloudtrail:us-east-1:${BLUEFIN}:trail/bluefin-management`);
    const status = await cloudtrail.send(new GetTrailStatusCommand({ Name: trailArn }));
    expect(status.IsLogging).toBe(true);
    expect(status.LatestCloudWatchLogsDeliveryTime).toBeInstanceOf(Date);
    expect(
      (await cloudtrail.send(new GetEventSelectorsCommand({ TrailName: trailArn }))).EventSelectors?.[0].ReadWriteType,
    ).toBe("All");
    const groups = await new CloudWatchLogsClient(options).send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: "bluefin" }),
    );
    expect(groups.logGroups?.[0]).toMatchObject({ logGroupName: "bluefin-cloudtrail", retentionInDays: 365 });
    expect((await new KMSClient(options).send(new ListKeysCommand({}))).Keys?.length).toBe(2);
    expect(
      (await new BudgetsClient(options).send(new DescribeBudgetsCommand({ AccountId: BLUEFIN }))).Budgets?.[0]
        .BudgetName,
    ).toBe("bluefin-prod-monthly");
    expect(
      (await new OrganizationsClient(options).send(new DescribeOrganizationCommand({}))).Organization?.FeatureSet,
    ).toBe("ALL");
    expect((await new ACMClient(options).send(new ListCertificatesCommand({}))).CertificateSummaryList?.[0].InUse).toBe(
      true,
    );
    const tagged = await new ResourceGroupsTaggingAPIClient(options).send(
      new GetResourcesCommand({ TagFilters: [{ Key: "Project", Values: ["tracking"] }] }),
    );
    expect(tagged.ResourceTagMappingList?.length).toBeGreaterThan(2);
  });

  it("restJson1 and the other query services: GuardDuty, Backup, Account, Security Hub, RDS, ELBv2", async () => {
    const options = clientOptions(simulator, bluefin);
    const guardduty = new GuardDutyClient(options);
    const detectorIds = (await guardduty.send(new ListDetectorsCommand({}))).DetectorIds ?? [];
    expect(detectorIds).toHaveLength(1);
    expect((await guardduty.send(new GetDetectorCommand({ DetectorId: detectorIds[0] }))).Status).toBe("ENABLED");
    const backup = new BackupClient(options);
    const plans = await backup.send(new ListBackupPlansCommand({}));
    const plan = await backup.send(new GetBackupPlanCommand({ BackupPlanId: plans.BackupPlansList?.[0].BackupPlanId }));
    expect(plan.BackupPlan?.Rules?.map((rule) => rule.RuleName)).toEqual(["daily", "weekly", "monthly"]);
    const recent = await backup.send(
      new ListBackupJobsCommand({ ByCreatedAfter: new Date(Date.now() - 24 * 3_600_000), ByState: "COMPLETED" }),
    );
    expect(recent.BackupJobs).toHaveLength(2);
    const contact = await new AccountClient(options).send(
      new GetAlternateContactCommand({ AlternateContactType: "SECURITY" }),
    );
    expect(contact.AlternateContact?.EmailAddress).toBe("security@bluefin-logistics.example");
    expect((await new SecurityHubClient(options).send(new DescribeHubCommand({}))).HubArn).toContain(":hub/default");
    const databases = await new RDSClient(options).send(new DescribeDBInstancesCommand({}));
    expect(databases.DBInstances?.[0]).toMatchObject({
      DBInstanceIdentifier: "bluefin-tracking",
      PubliclyAccessible: false,
    });
    const elb = new ElasticLoadBalancingV2Client(options);
    const balancers = await elb.send(new DescribeLoadBalancersCommand({}));
    expect(balancers.LoadBalancers?.[0].Scheme).toBe("internet-facing");
    const tags = await elb.send(
      new DescribeTagsCommand({ ResourceArns: [balancers.LoadBalancers?.[0].LoadBalancerArn as string] }),
    );
    expect(tags.TagDescriptions?.[0].Tags).toContainEqual({ Key: "Project", Value: "tracking" });
  });

  it("restJson1: Inspector2 status and 20,000 findings paged 100 at a time", async () => {
    const inspector = new Inspector2Client(clientOptions(simulator, generated));
    const status = await inspector.send(new BatchGetAccountStatusCommand({}));
    expect(status.accounts?.[0].state?.status).toBe("ENABLED");
    let findings = 0;
    let pages = 0;
    for await (const page of paginateListFindings({ client: inspector, pageSize: 100 }, {})) {
      findings += page.findings?.length ?? 0;
      pages++;
      expect(page.findings?.[0]?.firstObservedAt).toBeInstanceOf(Date);
    }
    expect(findings).toBe(10000);
    expect(pages).toBe(100);
    const critical = [];
    for await (const page of paginateListFindings(
      { client: inspector, pageSize: 100 },
      {
        filterCriteria: {
          severity: [{ comparison: "EQUALS", value: "CRITICAL" }],
          findingStatus: [{ comparison: "EQUALS", value: "ACTIVE" }],
        },
      },
    )) {
      critical.push(...(page.findings ?? []));
    }
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((finding) => finding.severity === "CRITICAL" && finding.status === "ACTIVE")).toBe(true);
  });

  it("logs each request with service, operation, region and account", () => {
    const entries = simulator.requests({ operation: "ListFindings" });
    expect(entries.length).toBeGreaterThan(100);
    expect(entries[0]).toMatchObject({ service: "inspector2", region: "us-east-1", accountId: GENERATED, status: 200 });
  });
});
