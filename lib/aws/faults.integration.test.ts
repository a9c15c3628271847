import { IAMClient } from "@aws-sdk/client-iam";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/simulator/server";
import { fullEstate, openAuditSession, startSimulatorForAws } from "@/test/support/simulator-harness";
import { backupCollector } from "./backup";
import { createSessionClient } from "./clients";
import { AwsCallError } from "./errors";
import { getAccountSummary, iamCollector, listAccountAliases } from "./iam";

// Failures must be attributable (controls.md: UNKNOWN carries service, operation, region and code).
const ACCOUNT = "210987654321";
const RESTRICTED_ACCOUNT = "210987654323";
let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulatorForAws([
    fullEstate(ACCOUNT),
    // Quasar's story: the audit role lacks the Backup permissions.
    fullEstate(RESTRICTED_ACCOUNT, {
      auditRole: {
        name: "RampartAudit",
        trustedPrincipals: ["arn:aws:iam::999999999999:user/rampart-collector"],
        externalId: "rampart-integration-external-id",
        deniedActions: ["backup:*", "iam:GetAccountAuthorizationDetails"],
      },
    }),
  ]);
});

afterEach(() => {
  simulator.clearFaults();
});

afterAll(async () => {
  await simulator?.close();
});

async function rejection(promise: Promise<unknown>): Promise<AwsCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AwsCallError);
  return error as AwsCallError;
}

describe("throttling", () => {
  it("retries throttled calls until they succeed", async () => {
    const session = await openAuditSession(ACCOUNT, ["us-east-1"], { clientOptions: { maxAttempts: 8 } });
    simulator.setFaults(
      [{ kind: "throttle", accountId: ACCOUNT, service: "iam", operation: "GetAccountSummary", rate: 0.5 }],
      7,
    );
    const since = simulator.requests().at(-1)?.sequence ?? 0;
    const client = createSessionClient(IAMClient, session, "global");
    for (let call = 0; call < 4; call++) {
      expect((await getAccountSummary(client)).AccountMFAEnabled).toBe(1);
    }
    const calls = simulator.requests({ operation: "GetAccountSummary", since });
    expect(calls.filter((entry) => entry.fault === "throttle").length).toBeGreaterThan(0);
    expect(calls.filter((entry) => entry.status === 200)).toHaveLength(4);
    client.destroy();
  });

  // A collector no longer fails whole for one call (per-call evidence, issue 12 item 1): the exhausted
  // call is named among its failed calls and the rest of the service's evidence is kept.
  it("attributes exhausted retries to service, operation, region and code", async () => {
    const session = await openAuditSession(ACCOUNT, ["us-east-1"], { clientOptions: { maxAttempts: 2 } });
    simulator.setFaults([
      { kind: "throttle", accountId: ACCOUNT, service: "iam", operation: "GetAccountAuthorizationDetails" },
    ]);
    const { evidence, failedCalls } = await iamCollector.collect(session, "global");
    expect(failedCalls).toEqual([
      expect.objectContaining({
        service: "iam",
        operation: "GetAccountAuthorizationDetails",
        region: "us-east-1",
        code: "Throttling",
      }),
    ]);
    expect(failedCalls?.[0]?.message).toContain(
      "iam:GetAccountAuthorizationDetails in us-east-1 failed after 2 attempts: Throttling",
    );
    expect(evidence.credentialReport.rows.length).toBeGreaterThan(0);
  });
});

describe("AccessDenied", () => {
  it("names the backup operation, region and code when the role lacks Backup permissions", async () => {
    const session = await openAuditSession(RESTRICTED_ACCOUNT, ["eu-west-1"]);
    const error = await rejection(backupCollector.collect(session, "eu-west-1"));
    expect(error).toMatchObject({ service: "backup", region: "eu-west-1", kind: "access-denied", httpStatusCode: 403 });
    expect(["ListBackupPlans", "ListBackupJobs", "ListRestoreJobs"]).toContain(error.operation);
    expect(error.awsErrorCode).toBe("AccessDeniedException");
  });

  it("names the IAM operation over the query protocol", async () => {
    const session = await openAuditSession(RESTRICTED_ACCOUNT, ["us-east-1"]);
    const { failedCalls } = await iamCollector.collect(session, "global");
    expect(failedCalls).toContainEqual(
      expect.objectContaining({
        service: "iam",
        operation: "GetAccountAuthorizationDetails",
        region: "us-east-1",
        code: "AccessDenied",
        httpStatus: 403,
      }),
    );
  });
});

describe("server errors and timeouts", () => {
  it("attributes a 5xx after the SDK's retries", async () => {
    const session = await openAuditSession(ACCOUNT, ["us-east-1"], { clientOptions: { maxAttempts: 2 } });
    simulator.setFaults([
      { kind: "serverError", status: 503, accountId: ACCOUNT, service: "iam", operation: "ListAccountAliases" },
    ]);
    const client = createSessionClient(IAMClient, session, "global");
    const error = await rejection(listAccountAliases(client));
    expect(error).toMatchObject({
      operation: "ListAccountAliases",
      httpStatusCode: 503,
      kind: "server-error",
      attempts: 2,
    });
    client.destroy();
  });

  it("attributes a request timeout", async () => {
    const session = await openAuditSession(ACCOUNT, ["us-east-1"], {
      clientOptions: { maxAttempts: 1, requestTimeoutMs: 200 },
    });
    simulator.setFaults([
      { kind: "latency", latencyMs: 2_000, accountId: ACCOUNT, service: "iam", operation: "GetAccountSummary" },
    ]);
    const client = createSessionClient(IAMClient, session, "global");
    const error = await rejection(getAccountSummary(client));
    expect(error).toMatchObject({
      service: "iam",
      operation: "GetAccountSummary",
      region: "us-east-1",
      kind: "timeout",
    });
    client.destroy();
  });
});
