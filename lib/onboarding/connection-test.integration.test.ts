import { createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { COLLECTORS } from "@/lib/aws/collectors";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { formatChecklist, testConnection } from "./connection-test";

// The connection test against the simulator through real SDK v3 clients over HTTP.

const OK_ACCOUNT = "310000000001";
const DENIED_ACCOUNT = "310000000002";
const OPT_IN_ACCOUNT = "310000000003";
let simulator: SimulatorHandle;

const target = (accountNumber: string, regions = ["us-east-1", "eu-west-1"], externalId = AUDIT_EXTERNAL_ID) => ({
  accountNumber,
  roleArn: auditRoleArn(accountNumber),
  externalId,
  regions,
});

beforeAll(async () => {
  simulator = await startSimulatorForAws([
    fullEstate(OK_ACCOUNT),
    fullEstate(DENIED_ACCOUNT, {
      auditRole: {
        name: "RampartAudit",
        trustedPrincipals: ["arn:aws:iam::999999999999:user/rampart-collector"],
        externalId: AUDIT_EXTERNAL_ID,
        deniedActions: ["backup:*"],
      },
    }),
    fullEstate(OPT_IN_ACCOUNT),
  ]);
});

afterEach(() => simulator.clearFaults());
afterAll(async () => {
  await simulator?.close();
});

describe("testConnection", () => {
  it("passes with one OK check per collector and region when the role grants everything", async () => {
    const result = await testConnection(target(OK_ACCOUNT));
    expect(result.outcome, formatChecklist(result).join("\n")).toBe("PASSED");
    expect(result.assumed).toBe(true);
    const global = COLLECTORS.filter((collector) => collector.scope === "global").length;
    const regional = COLLECTORS.length - global;
    // assume-role + regions + one per global collector + one per regional collector and region
    expect(result.checks).toHaveLength(2 + global + regional * 2);
    expect(result.checks.map((check) => check.id)).toContain("backup@eu-west-1");
    expect(result.checks.map((check) => check.id)).toContain("iam@global");
    // Each global service is probed once, not once per region.
    expect(simulator.requests({ accountId: OK_ACCOUNT, operation: "GetAccountSummary" })).toHaveLength(1);
  });

  it("names the denied IAM action in every region and says no identity policy allows it", async () => {
    const result = await testConnection(target(DENIED_ACCOUNT));
    expect(result.outcome).toBe("WARNINGS");
    const denied = result.checks.filter((check) => check.status === "DENIED");
    expect(denied.map((check) => check.id).sort()).toEqual(["backup@eu-west-1", "backup@us-east-1"]);
    for (const check of denied) {
      expect(check).toMatchObject({
        iamAction: "backup:ListBackupPlans",
        explicitDeny: false,
        denialCause: "no-identity-policy-allows",
        awsErrorCode: "AccessDeniedException",
        httpStatusCode: 403,
      });
      expect(check.detail).toContain("Add backup:ListBackupPlans");
    }
    expect(result.checks.filter((check) => check.status !== "OK" && check.status !== "DENIED")).toEqual([]);
  });

  it("reports throttling as THROTTLED, not as a denial or a pass", async () => {
    simulator.setFaults([{ kind: "throttle", service: "ec2", region: "eu-west-1", rate: 1 }]);
    const result = await testConnection(target(OK_ACCOUNT), { clientOptions: { maxAttempts: 1 } });
    const check = result.checks.find((entry) => entry.id === "ec2@eu-west-1");
    expect(check).toMatchObject({ status: "THROTTLED", awsErrorCode: "RequestLimitExceeded", httpStatusCode: 503 });
    expect(result.checks.find((entry) => entry.id === "ec2@us-east-1")?.status).toBe("OK");
    expect(result.outcome).toBe("WARNINGS");
  });

  it("reports a configured opt-in region the account has not enabled, and does not probe it", async () => {
    const result = await testConnection(target(OPT_IN_ACCOUNT, ["us-east-1", "ap-southeast-3"]));
    expect(result.checks.find((check) => check.id === "region@ap-southeast-3")).toMatchObject({
      status: "REGION_NOT_ENABLED",
    });
    expect(
      result.checks.some((check) => check.id.endsWith("@ap-southeast-3") && check.id !== "region@ap-southeast-3"),
    ).toBe(false);
    expect(simulator.requests({ accountId: OPT_IN_ACCOUNT, region: "ap-southeast-3" })).toHaveLength(0);
  });

  it("reports an ERROR with service, operation, region, code and HTTP status for a 5xx", async () => {
    simulator.setFaults([{ kind: "serverError", service: "kms", region: "us-east-1", status: 503, rate: 1 }]);
    const result = await testConnection(target(OK_ACCOUNT), { clientOptions: { maxAttempts: 1 } });
    expect(result.checks.find((check) => check.id === "kms@us-east-1")).toMatchObject({
      status: "ERROR",
      service: "kms",
      operation: "ListKeys",
      region: "us-east-1",
      httpStatusCode: 503,
    });
  });

  describe("when AssumeRole is refused", () => {
    it.each([
      ["a wrong ExternalId", target(OK_ACCOUNT, ["us-east-1"], "rampart-not-the-right-external-id")],
      [
        "a wrong role name",
        { ...target(OK_ACCOUNT, ["us-east-1"]), roleArn: `arn:aws:iam::${OK_ACCOUNT}:role/NoSuchRole` },
      ],
      ["a wrong account id", target("310000000999", ["us-east-1"])],
    ])("with %s it fails with every cause AWS does not name and how to check it", async (_, input) => {
      const result = await testConnection(input);
      expect(result.outcome).toBe("FAILED");
      expect(result.assumed).toBe(false);
      expect(result.checks).toHaveLength(1);
      const [check] = result.checks;
      expect(check).toMatchObject({
        id: "assume-role",
        status: "DENIED",
        awsErrorCode: "AccessDenied",
        httpStatusCode: 403,
      });
      expect(check.detail).toContain("sts:ExternalId");
      expect(check.detail).toContain(`account id ${input.accountNumber}`);
      expect(check.detail).toContain("aws iam get-role --role-name");
      expect(check.detail).toContain(simulator.baseIdentity.arn);
      expect(JSON.stringify(result)).not.toContain(input.externalId);
    });
  });

  it("falls back to the current ExternalId during a rotation and says the new one is not trusted yet", async () => {
    const result = await testConnection({
      ...target(OK_ACCOUNT, ["us-east-1"], "rampart-the-new-pending-external-id"),
      fallbackExternalId: AUDIT_EXTERNAL_ID,
    });
    expect(result).toMatchObject({ assumed: true, externalIdUsed: "fallback", outcome: "WARNINGS" });
    expect(result.checks[0]).toMatchObject({ id: "assume-role", status: "DENIED" });
    expect(result.checks.slice(1).every((check) => check.status === "OK")).toBe(true);
    expect(JSON.stringify(result)).not.toContain(AUDIT_EXTERNAL_ID);
  });
});

describe("testConnection against an endpoint that never answers", () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let savedEndpoint: string | undefined;

  beforeAll(async () => {
    // Accepts connections and never answers: the worst case for a spinner.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    savedEndpoint = process.env.AWS_ENDPOINT_URL;
    const address = server.address();
    process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });

  afterAll(async () => {
    process.env.AWS_ENDPOINT_URL = savedEndpoint;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("ends with an ERROR on AssumeRole instead of hanging", async () => {
    // Default settings: the call timeouts and the budget end it, as in Settings and on the command line.
    const result = await testConnection(target(OK_ACCOUNT, ["us-east-1"]));
    expect(result.outcome).toBe("FAILED");
    expect(result.checks).toEqual([
      expect.objectContaining({
        id: "assume-role",
        status: "ERROR",
        awsErrorCode: expect.stringMatching(/^(TimeoutError|ETIMEDOUT)$/),
      }),
    ]);
  }, 30_000);
});
