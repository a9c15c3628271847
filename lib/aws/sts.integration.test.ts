import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/simulator/server";
import {
  AUDIT_EXTERNAL_ID,
  auditRoleArn,
  fullEstate,
  openAuditSession,
  startSimulatorForAws,
} from "@/test/support/simulator-harness";
import { AssumeRoleError, assumeAuditRole, getCallerIdentity } from "./sts";

const ACCOUNT = "210987654321";
let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulatorForAws([fullEstate(ACCOUNT)]);
});

afterAll(async () => {
  await simulator?.close();
});

describe("assumeAuditRole against the simulator", () => {
  it("assumes the audit role with the ExternalId on the regional endpoint and acts as the assumed role", async () => {
    const session = await openAuditSession(ACCOUNT, ["eu-west-1"]);
    expect(session).toMatchObject({ accountNumber: ACCOUNT, regions: ["eu-west-1"] });
    const identity = await getCallerIdentity(session.credentials, "eu-west-1");
    expect(identity.account).toBe(ACCOUNT);
    expect(identity.arn).toMatch(
      new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/RampartAudit/rampart-${ACCOUNT}-\\d+$`),
    );
    const assumeCalls = simulator.requests({ operation: "AssumeRole" });
    expect(assumeCalls.at(-1)).toMatchObject({ region: "eu-west-1", status: 200 });
  });

  it("reports Rampart's own base identity", async () => {
    const identity = await getCallerIdentity();
    expect(identity.arn).toBe(simulator.baseIdentity.arn);
  });

  it("explains a wrong ExternalId with the account, the likely causes, and no secret", async () => {
    const wrongExternalId = "not-the-customers-external-id";
    const attempt = assumeAuditRole({
      accountNumber: ACCOUNT,
      roleArn: auditRoleArn(ACCOUNT),
      externalId: wrongExternalId,
      region: "eu-west-1",
    });
    await expect(attempt).rejects.toBeInstanceOf(AssumeRoleError);
    const error = (await attempt.catch((caught) => caught)) as AssumeRoleError;
    expect(error).toMatchObject({
      service: "sts",
      operation: "AssumeRole",
      region: "eu-west-1",
      awsErrorCode: "AccessDenied",
      httpStatusCode: 403,
      kind: "access-denied",
      accountNumber: ACCOUNT,
    });
    expect(error.message).toContain(`account ${ACCOUNT}`);
    expect(error.message).toContain("ExternalId");
    expect(error.message).toContain("trust policy");
    expect(error.message).toContain(simulator.baseIdentity.arn);
    for (const text of [error.message, JSON.stringify(error.toJSON())]) {
      expect(text).not.toContain(wrongExternalId);
      expect(text).not.toContain(AUDIT_EXTERNAL_ID);
      expect(text).not.toContain(simulator.baseIdentity.secretAccessKey);
    }
  });

  it("explains a role that does not exist the same way AWS hides it", async () => {
    const attempt = assumeAuditRole({
      accountNumber: ACCOUNT,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/NoSuchRole`,
      externalId: AUDIT_EXTERNAL_ID,
      region: "us-east-1",
    });
    await expect(attempt).rejects.toMatchObject({ name: "AssumeRoleError", awsErrorCode: "AccessDenied" });
  });

  it("re-assumes the role before the temporary credentials expire", async () => {
    // A margin longer than the session makes every credential request a refresh.
    const session = await openAuditSession(ACCOUNT, ["eu-west-1"], { refreshMarginSeconds: 7200 });
    const before = simulator.requests({ operation: "AssumeRole" }).length;
    const first = await session.credentials();
    const second = await session.credentials();
    expect(simulator.requests({ operation: "AssumeRole" }).length).toBe(before + 2);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.expiration?.getTime()).toBeGreaterThan(Date.now());
  });
});
