import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import type { FaultRule } from "@/simulator/estate/schema";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { defaultSyncDependencies } from "./default-dependencies";
import { syncAccount } from "./sync-account";
import { requestSync } from "./sync-run";

// Issue 12 items 1 and 2: a service's calls succeed or fail one by one. Only the controls whose rule
// needs a failed call become UNKNOWN, naming that call; the rest of the service's evidence is used.
// The same estate with the same faults gives the same result texts, run after run.

const ACCOUNT = "210987654331";
let simulator: SimulatorHandle;

// Two failing calls in two services; every other call of those services answers.
const FAULTS: Partial<FaultRule>[] = [
  { kind: "serverError", service: "config-service", operation: "DescribeComplianceByConfigRule" },
  { kind: "serverError", service: "backup", operation: "ListBackupJobs", status: 503 },
  { kind: "accessDenied", service: "ec2", operation: "DescribeFlowLogs" },
  // Second failures in the same services: whichever answers first must not decide the texts.
  { kind: "throttle", service: "backup", operation: "ListRestoreJobs", region: "us-east-1" },
  { kind: "serverError", service: "ec2", operation: "DescribeNetworkAcls", region: "eu-west-1", status: 502 },
];

// Every collector that makes more than one read: one failed call leaves the others' evidence in use.
const SERVICE_FAULTS: Partial<FaultRule>[] = [
  { kind: "serverError", service: "iam", operation: "GetAccountPasswordPolicy" },
  { kind: "accessDenied", service: "iam", operation: "GetCredentialReport" },
  { kind: "serverError", service: "s3", operation: "GetBucketLogging" },
  { kind: "serverError", service: "kms", operation: "ListAliases" },
  { kind: "accessDenied", service: "cloudwatch-logs", operation: "DescribeLogGroups" },
];

// The collectors brought to per-call evidence last: one failed call each, the rest of their evidence used.
const MORE_SERVICE_FAULTS: Partial<FaultRule>[] = [
  { kind: "serverError", service: "inspector2", operation: "BatchGetAccountStatus" },
  { kind: "accessDenied", service: "guardduty", operation: "GetDetector" },
  { kind: "serverError", service: "budgets", operation: "DescribeSubscribersForNotification", status: 503 },
  { kind: "serverError", service: "acm", operation: "DescribeCertificate" },
  { kind: "accessDenied", service: "elastic-load-balancing-v2", operation: "DescribeTags" },
];

beforeAll(async () => {
  simulator = await startSimulatorForAws([
    fullEstate(ACCOUNT, {
      backup: {
        // Weekly only: BAK-1 (daily) and BAK-2 (ladder) fail on the plans alone.
        plans: [
          {
            name: "weekly-only",
            region: "eu-west-1",
            rules: [{ name: "weekly", scheduleExpression: "cron(0 5 ? * SUN *)", deleteAfterDays: 35 }],
            selections: [{ name: "prod", resources: ["arn:aws:ec2:eu-west-1:*:instance/*"] }],
          },
        ],
        jobs: [],
        restoreJobs: [
          { region: "eu-west-1", status: "COMPLETED", resourceType: "EBS", createdAt: "-60d", completedAt: "-60d" },
        ],
      },
    }),
  ]);
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "2";
});

afterAll(async () => {
  await simulator.close();
});

let accountId: string;

beforeEach(async () => {
  simulator.clearFaults();
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
  const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID });
  accountId = (
    await createAwsAccount(db(), customer.id, {
      accountNumber: ACCOUNT,
      roleArn: auditRoleArn(ACCOUNT),
      regions: ["us-east-1", "eu-west-1"],
    })
  ).id;
});

async function syncOnce() {
  const { runId } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
  return syncAccount(db(), runId, defaultSyncDependencies());
}

async function currentResults() {
  const rows = await db().controlResult.findMany({
    where: { awsAccountId: accountId, isCurrent: true },
    select: { controlId: true, status: true, reason: true },
    orderBy: { controlId: "asc" },
  });
  return new Map(rows.map((row) => [row.controlId, row]));
}

describe("per-call evidence", () => {
  it("uses every call that answered and makes UNKNOWN only the controls that needed a failed call", async () => {
    simulator.setFaults(FAULTS as FaultRule[]);
    const outcome = await syncOnce();
    expect(outcome.status).toBe("PARTIAL");
    const results = await currentResults();

    // DescribeConfigurationRecorders answered: us-east-1 has no recorder.
    expect(results.get("DET-1")).toMatchObject({ status: "FAIL", reason: expect.stringContaining("us-east-1") });
    // The plans were read: neither a daily rule nor the ladder exists.
    expect(results.get("BAK-1")?.status).toBe("FAIL");
    expect(results.get("BAK-2")?.status).toBe("FAIL");
    // BAK-3 needs the backup jobs; BAK-4 only the restore jobs, which answered.
    expect(results.get("BAK-3")).toMatchObject({
      status: "UNKNOWN",
      reason: expect.stringContaining("backup:ListBackupJobs"),
    });
    expect(results.get("BAK-3")?.reason).not.toContain("ListBackupPlans");
    expect(results.get("BAK-4")?.status).toBe("PASS");
    // NET-1 needs only the security groups, which answered; NET-4 the flow logs, which did not.
    expect(results.get("NET-1")?.status).toBe("FAIL");
    expect(results.get("NET-4")).toMatchObject({
      status: "UNKNOWN",
      reason: expect.stringContaining(
        "ec2:DescribeFlowLogs in us-east-1 could not be read (UnauthorizedOperation, HTTP 403)",
      ),
    });
    expect(results.get("NET-4")?.reason).not.toContain("DescribeNetworkAcls");
    expect(results.get("DET-5")).toMatchObject({
      status: "UNKNOWN",
      reason: expect.stringContaining("config-service:DescribeComplianceByConfigRule"),
    });

    // Every failed call is on the run, with its HTTP status, in a stable order.
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: outcome.runId }, select: { counts: true } });
    const errors = (run.counts as { errors: { service: string; operation: string; region: string }[] }).errors;
    const calls = errors.map((error) => `${error.service}:${error.operation}@${error.region}`);
    const orderKey = (error: (typeof errors)[number]) => `${error.service}|${error.region}|${error.operation}`;
    expect(errors.map(orderKey)).toEqual(errors.map(orderKey).sort());
    expect(calls).toEqual(
      expect.arrayContaining([
        "backup:ListBackupJobs@eu-west-1",
        "backup:ListBackupJobs@us-east-1",
        "config-service:DescribeComplianceByConfigRule@eu-west-1",
        "ec2:DescribeFlowLogs@eu-west-1",
        "ec2:DescribeNetworkAcls@eu-west-1",
      ]),
    );
    expect(errors.find((error) => error.operation === "ListBackupJobs")).toMatchObject({
      httpStatus: 503,
      code: expect.any(String),
    });
  });

  it("gives the same result texts and failed calls on three runs in a row with the same faults", async () => {
    const texts: string[][] = [];
    const runErrors: unknown[] = [];
    for (let run = 0; run < 3; run++) {
      simulator.setFaults([...FAULTS, ...SERVICE_FAULTS, ...MORE_SERVICE_FAULTS] as FaultRule[], 11);
      const outcome = await syncOnce();
      runErrors.push(
        outcome.errors.map(({ service, operation, region, code }) => ({ service, operation, region, code })),
      );
      texts.push([...(await currentResults()).values()].map((row) => `${row.controlId} ${row.status} ${row.reason}`));
    }
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
    expect(runErrors[1]).toEqual(runErrors[0]);
    expect(runErrors[2]).toEqual(runErrors[0]);
    // The check's output, for the record: every UNKNOWN and the calls it names.
    console.info(texts[0].filter((text) => text.includes(" UNKNOWN ")).join("\n"));
  });
});

describe("per-call evidence in the other collectors", () => {
  it("IAM, S3, KMS and CloudTrail keep what answered; only the rules needing a failed call are UNKNOWN", async () => {
    simulator.setFaults(SERVICE_FAULTS as FaultRule[]);
    const outcome = await syncOnce();
    expect(outcome.status).toBe("PARTIAL");
    const results = await currentResults();
    const unknownNaming = (operation: string) => ({
      status: "UNKNOWN",
      reason: expect.stringContaining(operation),
    });

    // IAM: the password policy and the credential report failed; the summary, devices and details answered.
    for (const id of ["IAM-1", "IAM-2", "IAM-3", "IAM-4"]) {
      expect(results.get(id), id).toMatchObject(unknownNaming("iam:GetAccountPasswordPolicy"));
      expect(results.get(id)?.reason, id).not.toContain("GetCredentialReport");
    }
    for (const id of ["ROOT-3", "IAM-5", "IAM-6", "IAM-7", "IAM-8"])
      expect(results.get(id), id).toMatchObject(unknownNaming("iam:GetCredentialReport"));
    expect(results.get("ROOT-1")?.status).toBe("PASS");
    expect(results.get("ROOT-2")?.status).toBe("FAIL");
    expect(results.get("ROOT-4")?.status).toBe("FAIL");
    expect(results.get("IAM-10")?.status).toBe("FAIL");
    expect(results.get("IAM-11")?.status).toBe("PASS");

    // S3: only the logging read failed; CloudTrail: only the trail's log group could not be read.
    expect(results.get("TRAIL-9")).toMatchObject(unknownNaming("s3:GetBucketLogging"));
    expect(results.get("TRAIL-6")?.status).toBe("PASS");
    expect(results.get("TRAIL-8")?.status).not.toBe("UNKNOWN");
    expect(results.get("TRAIL-4")).toMatchObject(unknownNaming("DescribeLogGroups"));
    expect(results.get("TRAIL-1")?.status).toBe("PASS");
    expect(results.get("TRAIL-2")?.status).toBe("PASS");

    // KMS: aliases only label keys, so rotation is judged.
    expect(results.get("KMS-1")?.status).toBe("FAIL");
    expect(results.get("KMS-2")?.status).not.toBe("UNKNOWN");
  });

  it("Inspector2, GuardDuty, Budgets, ACM and ELBv2 keep what answered; only the rules needing a failed call are UNKNOWN", async () => {
    simulator.setFaults(MORE_SERVICE_FAULTS as FaultRule[]);
    const outcome = await syncOnce();
    expect(outcome.status).toBe("PARTIAL");
    const results = await currentResults();

    // Inspector: the status failed, the findings answered. DET-3 names the status call; DET-4 still fails
    // on the 20-day-old critical finding (a known failure beats the gap).
    expect(results.get("DET-3")).toMatchObject({
      status: "UNKNOWN",
      reason: expect.stringContaining("inspector2:BatchGetAccountStatus in eu-west-1 could not be read"),
    });
    expect(results.get("DET-3")?.reason).toContain("inspector2:BatchGetAccountStatus in us-east-1 could not be read");
    expect(results.get("DET-3")?.reason).not.toContain("ListFindings");
    expect(results.get("DET-4")).toMatchObject({ status: "FAIL", reason: expect.stringContaining("critical") });
    // GuardDuty: ListDetectors answered, so us-east-1 (no detector) fails; eu-west-1's detector status was
    // not read, so that region is not judged either way (the known failure is the result).
    expect(results.get("DET-2")).toMatchObject({ status: "FAIL", reason: expect.stringContaining("us-east-1") });
    expect(results.get("DET-2")?.reason).not.toContain("eu-west-1");
    // Budgets: the budget and its notification were read, not who it alerts.
    expect(results.get("GOV-1")).toMatchObject({
      status: "UNKNOWN",
      reason: expect.stringContaining("budgets:DescribeSubscribersForNotification"),
    });
    // ACM: the certificate's dates could not be read.
    expect(results.get("NET-8")).toMatchObject({
      status: "UNKNOWN",
      reason: expect.stringContaining("acm:DescribeCertificate"),
    });
    // ELBv2: the load balancers answered (NET-7's endpoints); only their tags (GOV-2) did not.
    expect(results.get("NET-7")?.reason).not.toContain("DescribeTags");
    expect(results.get("NET-7")?.reason).not.toContain("elastic-load-balancing-v2");
    expect(results.get("GOV-2")?.status).not.toBe("PASS");
    // Every other control of these services' neighbours is untouched.
    expect(results.get("NET-6")?.status).toBe("FAIL");
    expect(results.get("DET-6")?.status).not.toBe("UNKNOWN");
  });
});
