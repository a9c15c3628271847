import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { defaultSyncDependencies } from "./default-dependencies";
import { syncAccount } from "./sync-account";
import { requestSync } from "./sync-run";

// Issue 12 item 10: estates that say what AWS says, read end to end — the real SDK collectors against
// the simulator, the stored evidence, and the rules of controls.md on it.

const ACCOUNT = "210987654377";
const MEMBER = "210987654378";
const MANAGEMENT = "210987654300";
const REPORT = "210987654379";
let simulator: SimulatorHandle;

const ADMIN = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const READ_ONLY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }] };

function mainEstate() {
  const base = fullEstate(ACCOUNT) as { iam: Record<string, unknown[]>; ec2: Record<string, unknown[]> } & Record<
    string,
    unknown
  >;
  return fullEstate(ACCOUNT, {
    iam: {
      ...base.iam,
      users: [
        ...(base.iam.users as object[]).filter((user) => (user as { name: string }).name !== "bob"),
        // The admin policy only bounds bob: a boundary is no attachment (IAM-10).
        { name: "bob", createdAt: "-50d", password: null, permissionsBoundary: "BoundaryOnly" },
      ],
      roles: [
        ...(base.iam.roles as object[]),
        {
          name: "deployer",
          trustPolicy: ADMIN,
          attachedPolicies: [`arn:aws:iam::${ACCOUNT}:policy/Rotated`],
        },
      ],
      policies: [
        ...(base.iam.policies as object[]),
        // v1 granted *:* and is still kept; v2, the default, does not: only the default counts.
        { name: "Rotated", document: READ_ONLY, versions: [{ id: "v1", document: ADMIN }] },
        { name: "BoundaryOnly", document: ADMIN },
      ],
    },
    ec2: {
      ...base.ec2,
      vpcs: [
        ...(base.ec2.vpcs as object[]),
        { id: "vpc-0b2", region: "eu-west-1", ipv6Cidrs: ["2600:1f18:abcd:1200::/56"] },
      ],
      securityGroups: [
        ...(base.ec2.securityGroups as object[]),
        {
          id: "sg-0f6",
          name: "ssh-by-number",
          vpcId: "vpc-0b2",
          region: "eu-west-1",
          ingress: [{ protocol: "6", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }],
        },
      ],
      networkAcls: [
        {
          id: "acl-0b2",
          vpcId: "vpc-0b2",
          region: "eu-west-1",
          associations: ["subnet-0b2"],
          entries: [
            { ruleNumber: 100, protocol: "6", action: "allow", ipv6Cidr: "::/0", fromPort: 3389, toPort: 3389 },
            { ruleNumber: 32767, protocol: "-1", action: "deny", cidr: "0.0.0.0/0" },
            { ruleNumber: 32768, protocol: "-1", action: "deny", ipv6Cidr: "::/0" },
          ],
        },
      ],
      flowLogs: [
        ...(base.ec2.flowLogs as object[]),
        { id: "fl-0b2", resourceId: "vpc-0b2", region: "eu-west-1", status: "PENDING" },
      ],
      addresses: [
        ...(base.ec2.addresses as object[]),
        { allocationId: "eipalloc-0b2", publicIp: "203.0.113.30", region: "eu-west-1", networkInterfaceId: "eni-0b2" },
      ],
    },
    config: {
      recorders: [
        { region: "eu-west-1" },
        { region: "us-east-1", allSupported: false, excludedResourceTypes: ["AWS::EC2::NetworkInterface"] },
      ],
      rules: [],
    },
    kms: {
      keys: [
        { region: "eu-west-1", rotationEnabled: false, aliases: ["alias/app"] },
        // AWS rotates its own keys every year whatever the estate says; KMS-1 leaves them out.
        { id: "0b2b2b2b-0000-4000-8000-000000000002", region: "eu-west-1", manager: "AWS", rotationEnabled: false },
      ],
    },
    acm: {
      certificates: [{ region: "eu-west-1", domainName: "pending.bluefin.example", status: "PENDING_VALIDATION" }],
    },
    s3: {
      accountPublicAccessBlock: {},
      buckets: [
        // A policy status that says public, with no document spelt out.
        { name: "integration-trail-logs", region: "us-east-1", versioning: "Enabled", policyIsPublic: true },
      ],
    },
  });
}

function memberEstate() {
  return fullEstate(MEMBER, {
    cloudtrail: {
      trails: [
        {
          name: "organization-trail",
          homeRegion: "us-east-1",
          organizationTrail: true,
          ownerAccountId: MANAGEMENT,
          s3BucketName: "organization-trail-logs-archive",
          logFileValidation: true,
          eventSelectors: [{ readWriteType: "All" }],
        },
      ],
    },
  });
}

/** The credential report as AWS writes it: keys in either slot, booleans in capitals, cells spelt out. */
function reportEstate() {
  const base = fullEstate(REPORT) as { iam: Record<string, unknown> } & Record<string, unknown>;
  return fullEstate(REPORT, {
    root: {
      mfa: "hardware",
      // Key 1 was deleted: the root's only key is in slot 2.
      accessKeys: [{ slot: 2, lastRotated: "-30d", lastUsed: { date: "-2d", region: "us-east-1", service: "s3" } }],
    },
    iam: {
      ...base.iam,
      credentialReportBooleans: "uppercase",
      users: [
        { name: "carol", createdAt: "-200d", password: { lastUsed: "-1d" }, mfa: "none" },
        { name: "dave", createdAt: "-500d", accessKeys: [{ slot: 2, lastRotated: "-400d", lastUsed: null }] },
        {
          name: "erin",
          createdAt: "-400d",
          password: { lastUsed: "-2d", lastChanged: "-400d" },
          mfa: "virtual",
          // AWS's own word for a password used before tracking began, whatever the estate's dates say.
          reportCells: { password_last_used: "no_information" },
        },
      ],
    },
  });
}

beforeAll(async () => {
  simulator = await startSimulatorForAws([mainEstate(), memberEstate(), reportEstate()]);
  simulator.setClock(new Date(), { frozen: true });
});

afterAll(async () => {
  await simulator.close();
});

async function syncAndRead(accountNumber: string) {
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
  const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID });
  const account = await createAwsAccount(db(), customer.id, {
    accountNumber,
    roleArn: auditRoleArn(accountNumber),
    regions: ["us-east-1", "eu-west-1"],
  });
  const { runId } = await requestSync(db(), { awsAccountId: account.id, trigger: "CLI" });
  await syncAccount(db(), runId, defaultSyncDependencies());
  const rows = await db().controlResult.findMany({
    where: { awsAccountId: account.id, isCurrent: true },
    select: { controlId: true, status: true, reason: true, offenders: true },
  });
  const evidence = await db().evidence.findMany({
    where: { awsAccountId: account.id, isCurrent: true },
    select: { collector: true, region: true, data: true },
  });
  return {
    result: (id: string) => {
      const row = rows.find((candidate) => candidate.controlId === id);
      if (!row) throw new Error(`no result for ${id}`);
      return { ...row, text: `${row.reason} ${JSON.stringify(row.offenders)}` };
    },
    evidence: (collector: string, region: string) =>
      JSON.stringify(evidence.find((row) => row.collector === collector && row.region === region)?.data ?? null),
  };
}

describe("estates that say what AWS says", () => {
  it("reads each case as controls.md says", async () => {
    const { result, evidence } = await syncAndRead(ACCOUNT);

    // Only a policy's default version counts; a boundary is no attachment.
    expect(result("IAM-10").status).toBe("FAIL");
    expect(result("IAM-10").text).toContain("LegacyAdmin");
    expect(result("IAM-10").text).not.toContain("Rotated");
    expect(result("IAM-10").text).not.toContain("BoundaryOnly");

    // A protocol written "6" is TCP.
    expect(result("NET-1").status).toBe("FAIL");
    expect(result("NET-1").text).toContain("sg-0f6");

    // The IPv6 allow at 100 comes before the IPv6 catch-all deny at 32768.
    expect(result("NET-5").status).toBe("FAIL");
    expect(result("NET-5").text).toContain("::/0");

    // A flow log that is not ACTIVE does not count; its state is named.
    expect(result("NET-4").status).toBe("FAIL");
    expect(result("NET-4").text).toMatch(/vpc-0b2.*PENDING|PENDING.*vpc-0b2/s);

    // An Elastic IP on a network interface without an instance is a public endpoint.
    expect(result("NET-7").text).toContain("203.0.113.30");

    // The VPC's IPv6 block is in the stored evidence as AWS sent it.
    expect(evidence("ec2", "eu-west-1")).toContain("2600:1f18:abcd:1200::/56");

    // A recorder that excludes resource types does not record all of them.
    expect(result("DET-1").status).toBe("FAIL");
    expect(result("DET-1").text).toContain("us-east-1");
    expect(evidence("config-service", "us-east-1")).toContain("EXCLUSION_BY_RESOURCE_TYPES");

    // AWS-managed keys are out of KMS-1's scope, whatever their rotation.
    expect(result("KMS-1").status).toBe("FAIL");
    expect(result("KMS-1").text).not.toContain("0b2b2b2b-0000-4000-8000-000000000002");

    // A certificate pending validation has no dates and is not in use: NET-8 has nothing to judge.
    expect(result("NET-8").status).toBe("NOT_APPLICABLE");
    expect(evidence("acm", "eu-west-1")).toContain("PENDING_VALIDATION");

    // A policy status that says public fails TRAIL-8 though no document is spelt out.
    expect(result("TRAIL-8").status).toBe("FAIL");
    expect(result("TRAIL-8").text).toContain("integration-trail-logs");
  }, 120_000);

  it("counts an organization trail seen from a member account", async () => {
    const { result } = await syncAndRead(MEMBER);
    expect(result("TRAIL-1").status).toBe("PASS");
    expect(result("TRAIL-1").text).toContain("organization-trail");
    // Its bucket lives in another account: NOT_APPLICABLE with the bucket's name.
    expect(result("TRAIL-6").status).toBe("NOT_APPLICABLE");
    expect(result("TRAIL-6").text).toContain("organization-trail-logs-archive");
  }, 120_000);

  it("reads the credential report's slots and spellings as AWS writes them", async () => {
    const { result, evidence } = await syncAndRead(REPORT);
    const report = evidence("iam", "global");
    expect(report).toContain('"active":true');

    // The root's key in slot 2 is named as key 2, and its use is root use.
    expect(result("ROOT-2").status).toBe("FAIL");
    expect(result("ROOT-2").text).toContain("access key 2");
    expect(result("ROOT-2").text).not.toContain("access key 1");
    expect(result("ROOT-3").status).toBe("FAIL");
    expect(result("ROOT-3").text).toContain("access key 2 used");

    // TRUE / FALSE read as true / false: carol signs in without MFA.
    expect(result("IAM-5").status).toBe("FAIL");
    expect(result("IAM-5").text).toContain("carol");
    expect(result("IAM-5").text).not.toContain("erin");

    // dave's only key is in slot 2, unrotated for 400 days.
    expect(result("IAM-7").status).toBe("FAIL");
    expect(result("IAM-7").text).toContain("dave access key 2");

    // no_information is no date: erin's password counts from its last change, 400 days ago.
    expect(result("IAM-6").status).toBe("FAIL");
    expect(result("IAM-6").text).toContain("erin");
  }, 120_000);
});
