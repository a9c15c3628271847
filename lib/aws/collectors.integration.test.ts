import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/simulator/server";
import { fullEstate, openAuditSession, startSimulatorForAws } from "@/test/support/simulator-harness";
import type { AccountEvidence } from "../evidence/account";
import type { AcmEvidence } from "../evidence/acm";
import type { BackupEvidence } from "../evidence/backup";
import type { BudgetsEvidence } from "../evidence/budgets";
import type { CloudTrailEvidence } from "../evidence/cloudtrail";
import type { CloudWatchLogsEvidence } from "../evidence/cloudwatch-logs";
import type { ConfigServiceEvidence } from "../evidence/config-service";
import type { Ec2Evidence } from "../evidence/ec2";
import type { ElasticLoadBalancingV2Evidence } from "../evidence/elastic-load-balancing-v2";
import type { GuardDutyEvidence } from "../evidence/guardduty";
import type { IamEvidence } from "../evidence/iam";
import type { Inspector2Evidence } from "../evidence/inspector2";
import type { KmsEvidence } from "../evidence/kms";
import type { RdsEvidence } from "../evidence/rds";
import type { ResourceGroupsTaggingApiEvidence } from "../evidence/resource-groups-tagging-api";
import type { S3Evidence } from "../evidence/s3";
import type { SecurityHubEvidence } from "../evidence/securityhub";
import { COLLECTORS, getCollector } from "./collectors";
import type { OrganizationsEvidence } from "./organizations";
import type { AccountSession, CollectorOutput } from "./types";

// Every collector against one estate with pass and fail cases, through real SDK clients over HTTP.
const ACCOUNT = "210987654321";
const BARE_ACCOUNT = "210987654322";
const REGION = "eu-west-1";
let simulator: SimulatorHandle;
let session: AccountSession;
let bareSession: AccountSession;

async function collect<E>(key: string, region = REGION, from: AccountSession = session): Promise<CollectorOutput<E>> {
  const collector = getCollector(key);
  return (await collector.collect(from, collector.scope === "global" ? "global" : region)) as CollectorOutput<E>;
}

beforeAll(async () => {
  simulator = await startSimulatorForAws([
    fullEstate(ACCOUNT),
    // An account with nothing configured: "not enabled" answers are evidence, not errors.
    fullEstate(BARE_ACCOUNT, {
      root: {},
      iam: {},
      cloudtrail: {},
      logs: {},
      s3: {},
      kms: {},
      ec2: {},
      config: {},
      inspector: {},
      guardduty: {},
      backup: {},
      budgets: [],
      acm: {},
      rds: {},
      elbv2: {},
      account: {},
      organization: null,
      securityHub: [],
    }),
  ]);
  session = await openAuditSession(ACCOUNT, ["us-east-1", REGION]);
  bareSession = await openAuditSession(BARE_ACCOUNT, ["us-east-1", REGION]);
});

afterAll(async () => {
  await simulator?.close();
});

describe("collectors against the simulator", () => {
  it("iam: credential report, password policy, MFA, authorization details", async () => {
    const { evidence } = await collect<IamEvidence>("iam");
    expect(evidence.accountMfaEnabled).toBe(true);
    expect(evidence.accountAccessKeysPresent).toBe(true);
    const root = evidence.credentialReport.rows.find((row) => row.isRoot);
    expect(root).toMatchObject({ mfaActive: true, passwordEnabled: null });
    expect(root?.accessKeys[0].active).toBe(true);
    const bob = evidence.credentialReport.rows.find((row) => row.user === "bob");
    expect(bob).toMatchObject({ passwordEnabled: true, mfaActive: false, passwordLastUsed: null });
    expect(evidence.passwordPolicy).toMatchObject({
      minimumPasswordLength: 14,
      requireSymbols: true,
      maxPasswordAge: 90,
    });
    expect(evidence.rootHasVirtualMfa).toBe(true);
    expect(evidence.accountAliases).toEqual(["integration-full"]);
    expect(evidence.supportAccessRoles).toContain("support");
    const legacyAdmin = evidence.authorization.customerManagedPolicies.find((policy) => policy.name === "LegacyAdmin");
    expect(legacyAdmin?.defaultVersionDocument).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
    expect(evidence.authorization.users.find((user) => user.name === "bob")?.attachedManagedPolicies).toEqual([
      { name: "ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
    ]);
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(evidence);
  });

  it("iam: no password policy is evidence (NoSuchEntity), not an error", async () => {
    const { evidence } = await collect<IamEvidence>("iam", REGION, bareSession);
    expect(evidence.passwordPolicy).toBeNull();
  });

  it("cloudtrail: one trail per ARN, status and selectors from the home region, log group retention", async () => {
    const { evidence } = await collect<CloudTrailEvidence>("cloudtrail");
    expect(evidence.trails).toHaveLength(1);
    const [trail] = evidence.trails;
    expect(trail).toMatchObject({
      name: "org-trail",
      homeRegion: "us-east-1",
      isMultiRegionTrail: true,
      logFileValidationEnabled: true,
      s3BucketName: "integration-trail-logs",
      status: { isLogging: true },
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
      logGroup: { name: "org-trail", region: "us-east-1", inThisAccount: true, found: true, retentionInDays: 365 },
    });
    expect(trail.seenInRegions.sort()).toEqual(["eu-west-1", "us-east-1"]);
    const statusCalls = simulator.requests({ operation: "GetTrailStatus", accountId: ACCOUNT });
    expect(statusCalls.every((call) => call.region === "us-east-1")).toBe(true);
  });

  it("cloudwatch-logs: retention absent means never expire", async () => {
    const { evidence } = await collect<CloudWatchLogsEvidence>("cloudwatch-logs");
    expect(evidence.logGroups).toEqual([expect.objectContaining({ name: "app", retentionInDays: null })]);
  });

  it("s3: bucket configuration with absent configurations as evidence, and the account block", async () => {
    const { evidence } = await collect<S3Evidence>("s3");
    expect(evidence.accountPublicAccessBlock).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    });
    const trailBucket = evidence.buckets.find((bucket) => bucket.name === "integration-trail-logs");
    expect(trailBucket).toMatchObject({
      region: "us-east-1",
      versioningStatus: "Enabled",
      hasBucketPolicy: true,
      policyIsPublic: false,
      publicAccessBlock: null,
      logging: null,
      tags: { Environment: "prod" },
    });
    const openBucket = evidence.buckets.find((bucket) => bucket.name === "integration-open-data");
    expect(openBucket).toMatchObject({ region: "eu-west-1", hasBucketPolicy: false, encryptionRules: null, tags: {} });
  });

  it("s3: no account public access block is evidence", async () => {
    const { evidence } = await collect<S3Evidence>("s3", REGION, bareSession);
    expect(evidence).toEqual({ accountPublicAccessBlock: null, buckets: [] });
  });

  it("kms: manager, spec, state, origin, rotation and deletion date per key", async () => {
    const { evidence } = await collect<KmsEvidence>("kms");
    expect(evidence.keys).toHaveLength(5);
    const customerSymmetric = evidence.keys.filter(
      (key) => key.keyManager === "CUSTOMER" && key.keySpec === "SYMMETRIC_DEFAULT" && key.keyState === "Enabled",
    );
    expect(customerSymmetric.map((key) => key.rotationEnabled).sort()).toEqual([false, true]);
    expect(evidence.keys.find((key) => key.aliases.includes("alias/app"))?.rotationEnabled).toBe(true);
    const pending = evidence.keys.find((key) => key.keyState === "PendingDeletion");
    expect(pending?.deletionDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(evidence.keys.find((key) => key.keySpec === "RSA_2048")?.rotationEnabled).toBeNull();
  });

  it("ec2: security group permissions, NACL entries and associations, flow logs, inventory", async () => {
    const { evidence } = await collect<Ec2Evidence>("ec2");
    expect(evidence.ebsEncryptionByDefault).toBe(true);
    expect(evidence.securityGroups.find((group) => group.groupId === "sg-0e1")?.ingress).toEqual([
      expect.objectContaining({ ipProtocol: "tcp", fromPort: 3389, toPort: 3389, ipv4Ranges: ["0.0.0.0/0"] }),
    ]);
    expect(
      evidence.securityGroups.find((group) => group.groupName === "default")?.ingress[0].referencedGroupIds,
    ).toEqual(["sg-0d1"]);
    expect(evidence.networkAcls[0]).toMatchObject({
      associatedSubnetIds: ["subnet-0a1"],
      entries: expect.arrayContaining([
        expect.objectContaining({
          ruleNumber: 100,
          protocol: "6",
          ruleAction: "allow",
          portRange: { from: 22, to: 22 },
        }),
      ]),
    });
    expect(evidence.flowLogs).toEqual([expect.objectContaining({ resourceId: "vpc-0a1", flowLogStatus: "ACTIVE" })]);
    expect(evidence.instances).toEqual([
      expect.objectContaining({ instanceId: "i-0a1", publicIpAddress: "203.0.113.10", tags: { Environment: "prod" } }),
    ]);
    expect(evidence.elasticIps).toEqual([expect.objectContaining({ publicIp: "203.0.113.20" })]);
    expect(evidence.volumes).toEqual([expect.objectContaining({ volumeId: "vol-0a1", encrypted: false })]);
  });

  it("ec2: EBS encryption by default is off where the estate does not set it", async () => {
    const { evidence } = await collect<Ec2Evidence>("ec2", "us-east-1");
    expect(evidence.ebsEncryptionByDefault).toBe(false);
  });

  it("config-service: recorder, rule compliance summary and NON_COMPLIANT findings with stable keys", async () => {
    const { evidence, findings } = await collect<ConfigServiceEvidence>("config-service");
    expect(evidence.recorders).toEqual([
      expect.objectContaining({
        allSupported: true,
        includeGlobalResourceTypes: true,
        recording: true,
        lastStatus: "SUCCESS",
      }),
    ]);
    expect(evidence.rules).toEqual([
      expect.objectContaining({
        name: "restricted-rdp",
        sourceIdentifier: "RESTRICTED_INCOMING_TRAFFIC",
        complianceType: "NON_COMPLIANT",
        nonCompliantResourceCount: 1,
        compliantResourceCount: 1,
      }),
    ]);
    expect(findings?.map((finding) => finding.externalKey)).toEqual([
      `restricted-rdp|AWS::EC2::SecurityGroup|sg-0e1|${ACCOUNT}|${REGION}`,
    ]);
  });

  it("config-service: no recorder is evidence", async () => {
    const { evidence, findings } = await collect<ConfigServiceEvidence>("config-service", REGION, bareSession);
    expect(evidence.recorders).toEqual([]);
    expect(findings).toEqual([]);
  });

  it("inspector2: status per resource type, ACTIVE and SUPPRESSED findings keyed by ARN, summary counts", async () => {
    const { evidence, findings } = await collect<Inspector2Evidence>("inspector2");
    expect(evidence.accountStatus?.state.status).toBe("ENABLED");
    expect(evidence.accountStatus?.resourceState.ec2.status).toBe("ENABLED");
    expect(evidence.accountStatus?.resourceState.ecr.status).toBe("ENABLED");
    expect(findings?.map((finding) => [finding.severity, finding.status]).sort()).toEqual([
      ["CRITICAL", "OPEN"],
      ["HIGH", "SUPPRESSED"],
    ]);
    expect(findings?.every((finding) => finding.externalKey.startsWith("arn:aws:inspector2:"))).toBe(true);
    expect(evidence.activeBySeverity.CRITICAL).toBe(1);
    expect(evidence.suppressedBySeverity.HIGH).toBe(1);
    const listCall = simulator.requests({ operation: "ListFindings", accountId: ACCOUNT }).at(-1);
    expect(listCall?.status).toBe(200);
  });

  it("inspector2: a region where Inspector is disabled lists nothing", async () => {
    const { evidence, findings } = await collect<Inspector2Evidence>("inspector2", "us-east-1");
    expect(evidence.accountStatus?.state.status).toBe("DISABLED");
    expect(evidence.findingsCollected).toBe(false);
    expect(findings).toEqual([]);
  });

  it("guardduty: detector status", async () => {
    const enabled = await collect<GuardDutyEvidence>("guardduty");
    expect(enabled.evidence.detectors).toEqual([expect.objectContaining({ status: "ENABLED" })]);
    const none = await collect<GuardDutyEvidence>("guardduty", "us-east-1");
    expect(none.evidence.detectors).toEqual([]);
  });

  it("backup: plan rules with cron and retention, selections, jobs and restore completion dates", async () => {
    const { evidence } = await collect<BackupEvidence>("backup");
    expect(evidence.plans).toHaveLength(1);
    expect(evidence.plans[0].rules).toEqual([
      expect.objectContaining({ ruleName: "daily", scheduleExpression: "cron(0 5 ? * * *)", deleteAfterDays: 7 }),
      expect.objectContaining({ ruleName: "weekly", scheduleExpression: "cron(0 5 ? * SUN *)", deleteAfterDays: 35 }),
    ]);
    expect(evidence.plans[0].selections).toEqual([expect.objectContaining({ selectionName: "prod" })]);
    expect(evidence.backupJobs).toEqual([expect.objectContaining({ state: "COMPLETED", resourceType: "EBS" })]);
    expect(evidence.restoreJobs).toEqual([
      expect.objectContaining({ status: "COMPLETED", completionDate: expect.stringMatching(/^\d{4}-/) }),
    ]);
  });

  it("budgets: notifications with their subscribers", async () => {
    const { evidence } = await collect<BudgetsEvidence>("budgets");
    expect(evidence.budgets).toEqual([
      expect.objectContaining({
        budgetName: "monthly",
        limitAmount: expect.stringMatching(/^1000/),
        notifications: [
          expect.objectContaining({
            threshold: 80,
            subscribers: [{ subscriptionType: "EMAIL", address: "finops@bluefin.example" }],
          }),
        ],
      }),
    ]);
  });

  it("account: security contact, and ResourceNotFoundException as no contact", async () => {
    expect((await collect<AccountEvidence>("account")).evidence.securityContact).toMatchObject({
      emailAddress: "security@bluefin.example",
    });
    expect((await collect<AccountEvidence>("account", REGION, bareSession)).evidence.securityContact).toBeNull();
  });

  it("organizations: membership, and AWSOrganizationsNotInUseException as not in an organization", async () => {
    expect((await collect<OrganizationsEvidence>("organizations")).evidence).toMatchObject({
      inOrganization: true,
      featureSet: "ALL",
      managementAccountId: "111111111111",
      isManagementAccount: false,
    });
    expect((await collect<OrganizationsEvidence>("organizations", REGION, bareSession)).evidence.inOrganization).toBe(
      false,
    );
  });

  it("acm: every key type listed, expiry and use", async () => {
    const { evidence } = await collect<AcmEvidence>("acm");
    expect(evidence.certificates).toEqual([
      expect.objectContaining({ domainName: "app.bluefin.example", keyAlgorithm: "EC_prime256v1", inUse: true }),
    ]);
    expect(evidence.certificates[0].notAfter).toMatch(/^\d{4}-/);
  });

  it("rds: public accessibility and tags", async () => {
    const { evidence } = await collect<RdsEvidence>("rds");
    expect(evidence.dbInstances).toEqual([
      expect.objectContaining({
        dbInstanceIdentifier: "orders",
        publiclyAccessible: true,
        tags: { Environment: "prod" },
      }),
    ]);
  });

  it("elastic-load-balancing-v2: scheme and tags", async () => {
    const { evidence } = await collect<ElasticLoadBalancingV2Evidence>("elastic-load-balancing-v2");
    expect(evidence.loadBalancers).toEqual([
      expect.objectContaining({ loadBalancerName: "web", scheme: "internet-facing", tags: { Environment: "prod" } }),
    ]);
  });

  it("resource-groups-tagging-api: tagged resources", async () => {
    const { evidence } = await collect<ResourceGroupsTaggingApiEvidence>("resource-groups-tagging-api");
    expect(evidence.resources.some((resource) => resource.tags.Environment === "prod")).toBe(true);
  });

  it("securityhub: enabled, and InvalidAccessException as disabled", async () => {
    expect((await collect<SecurityHubEvidence>("securityhub")).evidence.enabled).toBe(true);
    const disabled = await collect<SecurityHubEvidence>("securityhub", "us-east-1");
    expect(disabled.evidence).toMatchObject({ enabled: false, hubArn: null });
  });

  it("every registered collector returns JSON-serialisable evidence", async () => {
    for (const collector of COLLECTORS) {
      const output = await collector.collect(session, collector.scope === "global" ? "global" : REGION);
      expect(JSON.parse(JSON.stringify(output.evidence)), collector.key).toEqual(output.evidence);
      expect(output.itemCount, collector.key).toBeGreaterThanOrEqual(0);
    }
  });
});
