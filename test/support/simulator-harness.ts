import { type AssumeAuditRoleOptions, assumeAuditRole } from "@/lib/aws/sts";
import type { AccountSession } from "@/lib/aws/types";
import { simulatorAwsEnvironment } from "@/simulator/sdk-environment";
import { type SimulatorHandle, type SimulatorOptions, startSimulator } from "@/simulator/server";

// Test support for the integration tests (lib/**/*.integration.test.ts): a real simulator over HTTP, reached by real SDK
// clients through the SDK's own AWS_ENDPOINT_URL, never a mocked send.

export const AUDIT_EXTERNAL_ID = "rampart-integration-external-id";
export const AUDIT_ROLE_NAME = "RampartAudit";

export function auditRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/${AUDIT_ROLE_NAME}`;
}

/** Starts the simulator and points the AWS SDK at it: endpoint, base credentials, no IMDS, no config files. */
export async function startSimulatorForAws(
  estates: unknown[] | Pick<SimulatorOptions, "estates">,
): Promise<SimulatorHandle> {
  const simulator = await startSimulator(Array.isArray(estates) ? { estateDocuments: estates } : estates);
  Object.assign(process.env, simulatorAwsEnvironment(simulator));
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_MAX_ATTEMPTS;
  return simulator;
}

export async function openAuditSession(
  accountId: string,
  regions: string[],
  options: AssumeAuditRoleOptions = {},
): Promise<AccountSession> {
  return assumeAuditRole(
    {
      accountNumber: accountId,
      roleArn: auditRoleArn(accountId),
      externalId: AUDIT_EXTERNAL_ID,
      region: regions[0],
      regions,
    },
    // Fast tests: few attempts, short timeouts (the fault tests widen or narrow these themselves).
    { clientOptions: { maxAttempts: 3, requestTimeoutMs: 10_000 }, ...options },
  );
}

/** A small estate touching every collector, with the shapes controls.md needs (pass and fail cases mixed). */
export function fullEstate(accountId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const logGroupArn = `arn:aws:logs:us-east-1:${accountId}:log-group:org-trail:*`;
  return {
    accountId,
    alias: "integration-full",
    regions: ["us-east-1", "eu-west-1"],
    auditRole: {
      name: AUDIT_ROLE_NAME,
      trustedPrincipals: ["arn:aws:iam::999999999999:user/rampart-collector"],
      externalId: AUDIT_EXTERNAL_ID,
    },
    root: { mfa: "virtual", accessKeys: [{ lastRotated: "-800d", lastUsed: null }] },
    iam: {
      passwordPolicy: {
        minimumPasswordLength: 14,
        requireSymbols: true,
        maxPasswordAge: 90,
        passwordReusePrevention: 24,
      },
      users: [
        {
          name: "alice",
          createdAt: "-400d",
          password: { lastUsed: "-3d", lastChanged: "-100d" },
          mfa: "virtual",
          groups: ["admins"],
          accessKeys: [{ lastRotated: "-120d", lastUsed: { date: "-1d", region: "us-east-1", service: "s3" } }],
        },
        {
          name: "bob",
          createdAt: "-50d",
          password: { lastUsed: null },
          mfa: "none",
          attachedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        },
      ],
      groups: [{ name: "admins", attachedPolicies: [`arn:aws:iam::${accountId}:policy/LegacyAdmin`] }],
      roles: [
        {
          name: "support",
          trustPolicy: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" },
            ],
          },
          attachedPolicies: ["arn:aws:iam::aws:policy/AWSSupportAccess"],
        },
      ],
      policies: [
        {
          name: "LegacyAdmin",
          document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
        },
      ],
    },
    cloudtrail: {
      trails: [
        {
          name: "org-trail",
          homeRegion: "us-east-1",
          s3BucketName: "integration-trail-logs",
          logFileValidation: true,
          cloudWatchLogsLogGroupArn: logGroupArn,
          latestDeliveryTime: "-1h",
          latestCloudWatchLogsDeliveryTime: "-1h",
          eventSelectors: [{ readWriteType: "All" }],
        },
      ],
    },
    logs: {
      logGroups: [
        { name: "org-trail", region: "us-east-1", retentionInDays: 365 },
        { name: "app", region: "eu-west-1" },
      ],
    },
    s3: {
      accountPublicAccessBlock: {},
      buckets: [
        {
          name: "integration-trail-logs",
          region: "us-east-1",
          versioning: "Enabled",
          policy: { Version: "2012-10-17", Statement: [] },
          tags: { Environment: "prod" },
        },
        { name: "integration-open-data", region: "eu-west-1", encryption: null },
      ],
    },
    kms: {
      keys: [
        { region: "eu-west-1", rotationEnabled: true, aliases: ["alias/app"] },
        { region: "eu-west-1", rotationEnabled: false },
        { region: "eu-west-1", state: "PendingDeletion", deletionDate: "+7d" },
        { region: "eu-west-1", manager: "AWS", rotationEnabled: true },
        { region: "eu-west-1", spec: "RSA_2048", usage: "SIGN_VERIFY" },
      ],
    },
    ec2: {
      ebsEncryptionByDefault: { "eu-west-1": true },
      vpcs: [{ id: "vpc-0a1", region: "eu-west-1", subnets: [{ id: "subnet-0a1", cidr: "10.0.1.0/24" }] }],
      securityGroups: [
        {
          id: "sg-0d1",
          name: "default",
          vpcId: "vpc-0a1",
          region: "eu-west-1",
          ingress: [{ protocol: "-1", groups: ["self"] }],
        },
        {
          id: "sg-0e1",
          name: "rdp",
          vpcId: "vpc-0a1",
          region: "eu-west-1",
          ingress: [{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrs: ["0.0.0.0/0"] }],
        },
      ],
      networkAcls: [
        {
          id: "acl-0a1",
          vpcId: "vpc-0a1",
          region: "eu-west-1",
          isDefault: true,
          associations: ["subnet-0a1"],
          entries: [
            { ruleNumber: 100, protocol: "6", action: "allow", cidr: "0.0.0.0/0", fromPort: 22, toPort: 22 },
            { ruleNumber: 32767, protocol: "-1", action: "deny", cidr: "0.0.0.0/0" },
          ],
        },
      ],
      flowLogs: [{ id: "fl-0a1", resourceId: "vpc-0a1", region: "eu-west-1" }],
      instances: [
        {
          id: "i-0a1",
          region: "eu-west-1",
          vpcId: "vpc-0a1",
          subnetId: "subnet-0a1",
          publicIp: "203.0.113.10",
          tags: { Environment: "prod" },
        },
      ],
      addresses: [{ allocationId: "eipalloc-0a1", publicIp: "203.0.113.20", region: "eu-west-1" }],
      volumes: [{ id: "vol-0a1", region: "eu-west-1", encrypted: false, attachedTo: "i-0a1" }],
    },
    config: {
      recorders: [{ region: "eu-west-1" }],
      rules: [
        {
          name: "restricted-rdp",
          region: "eu-west-1",
          sourceIdentifier: "RESTRICTED_INCOMING_TRAFFIC",
          evaluations: [
            { resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0e1", complianceType: "NON_COMPLIANT" },
            { resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0d1", complianceType: "COMPLIANT" },
          ],
        },
      ],
    },
    inspector: {
      accountStatus: [{ region: "eu-west-1" }],
      findings: [
        {
          region: "eu-west-1",
          title: "CVE-2024-0001 openssl",
          severity: "CRITICAL",
          firstObservedAt: "-20d",
          resource: { id: "i-0a1" },
        },
        {
          region: "eu-west-1",
          title: "CVE-2024-0002 curl",
          severity: "HIGH",
          status: "SUPPRESSED",
          firstObservedAt: "-40d",
          resource: { id: "i-0a1" },
        },
        {
          region: "eu-west-1",
          title: "CVE-2023-9999 zlib",
          severity: "LOW",
          status: "CLOSED",
          firstObservedAt: "-90d",
          resource: { id: "i-0a1" },
        },
      ],
    },
    guardduty: { detectors: [{ region: "eu-west-1" }] },
    backup: {
      plans: [
        {
          name: "daily-weekly",
          region: "eu-west-1",
          rules: [
            { name: "daily", scheduleExpression: "cron(0 5 ? * * *)", deleteAfterDays: 7 },
            { name: "weekly", scheduleExpression: "cron(0 5 ? * SUN *)", deleteAfterDays: 35 },
          ],
          selections: [{ name: "prod", resources: ["arn:aws:ec2:eu-west-1:*:instance/*"] }],
        },
      ],
      jobs: [
        {
          region: "eu-west-1",
          state: "COMPLETED",
          resourceArn: `arn:aws:ec2:eu-west-1:${accountId}:volume/vol-0a1`,
          resourceType: "EBS",
          createdAt: "-20h",
          completedAt: "-19h",
        },
      ],
      restoreJobs: [
        { region: "eu-west-1", status: "COMPLETED", resourceType: "EBS", createdAt: "-60d", completedAt: "-60d" },
      ],
    },
    budgets: [
      {
        name: "monthly",
        limit: { amount: "1000" },
        notifications: [{ threshold: 80, subscribers: [{ address: "finops@bluefin.example" }] }],
      },
    ],
    acm: {
      certificates: [
        {
          region: "eu-west-1",
          domainName: "app.bluefin.example",
          keyAlgorithm: "EC_prime256v1",
          notBefore: "-300d",
          notAfter: "+20d",
          inUseBy: [`arn:aws:elasticloadbalancing:eu-west-1:${accountId}:loadbalancer/app/web/1`],
        },
      ],
    },
    rds: {
      instances: [
        { identifier: "orders", region: "eu-west-1", publiclyAccessible: true, tags: { Environment: "prod" } },
      ],
    },
    elbv2: { loadBalancers: [{ name: "web", region: "eu-west-1", tags: { Environment: "prod" } }] },
    account: {
      alternateContacts: {
        security: {
          name: "Sec Team",
          emailAddress: "security@bluefin.example",
          phoneNumber: "+1 555 0100",
          title: "CISO",
        },
      },
    },
    organization: {
      id: "o-abcdefghij",
      managementAccountId: "111111111111",
      managementAccountEmail: "aws@bluefin.example",
    },
    securityHub: [{ region: "eu-west-1" }],
    ...overrides,
  };
}
