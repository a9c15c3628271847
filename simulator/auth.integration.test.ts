import { GetAccountSummaryCommand, IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "./server";
import { assumeAuditRole, baseCredentials, clientOptions, startTestSimulator } from "./test-support";

// STS AssumeRole and request authentication, through the real SDK v3 STS and IAM clients.

const ACCOUNT = "111122223333";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/RampartAudit`;

const estate = (overrides: Record<string, unknown> = {}) => ({
  accountId: ACCOUNT,
  regions: ["us-east-1"],
  auditRole: {
    name: "RampartAudit",
    trustedPrincipals: ["arn:aws:iam::999999999999:user/rampart-collector"],
    externalId: "tenant-external-id",
    maxSessionDuration: 7200,
  },
  ...overrides,
});

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number }; Code?: string };
  }
  throw new Error("expected the call to fail");
}

describe("STS and authentication", () => {
  let simulator: SimulatorHandle;
  let sts: STSClient;

  beforeAll(async () => {
    simulator = await startTestSimulator({
      estateDocuments: [
        estate(),
        {
          accountId: "444455556666",
          regions: ["us-east-1"],
          auditRole: {
            name: "OtherTenantAudit",
            trustedPrincipals: ["arn:aws:iam::888888888888:role/someone-else"],
            externalId: "other",
          },
        },
      ],
    });
    sts = new STSClient({
      region: "eu-west-1",
      endpoint: simulator.url,
      credentials: baseCredentials(simulator),
      maxAttempts: 1,
    });
  });
  afterAll(() => simulator.close());

  it("issues temporary credentials that act on the role's account", async () => {
    const response = await sts.send(
      new AssumeRoleCommand({
        RoleArn: ROLE_ARN,
        RoleSessionName: "sync-1",
        ExternalId: "tenant-external-id",
        DurationSeconds: 7200,
      }),
    );
    expect(response.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(response.Credentials?.SessionToken).toBeTruthy();
    const lifetime = (response.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(7100_000);
    expect(lifetime).toBeLessThanOrEqual(7200_000);
    expect(response.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/RampartAudit/sync-1`);

    const credentials = {
      accessKeyId: response.Credentials?.AccessKeyId as string,
      secretAccessKey: response.Credentials?.SecretAccessKey as string,
      sessionToken: response.Credentials?.SessionToken as string,
    };
    const identity = await new STSClient(clientOptions(simulator, credentials)).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(ACCOUNT);
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/RampartAudit/sync-1`);
    const summary = await new IAMClient(clientOptions(simulator, credentials)).send(new GetAccountSummaryCommand({}));
    expect(summary.SummaryMap?.Roles).toBe(1);
  });

  it("defaults to one hour", async () => {
    const response = await sts.send(
      new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "sync-2", ExternalId: "tenant-external-id" }),
    );
    const lifetime = (response.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(3500_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
  });

  it.each([
    ["a wrong ExternalId", ROLE_ARN, "wrong-id"],
    ["a missing ExternalId", ROLE_ARN, undefined],
    ["a role that does not exist", `arn:aws:iam::${ACCOUNT}:role/NoSuchRole`, "tenant-external-id"],
    ["an account with no estate", "arn:aws:iam::777777777777:role/RampartAudit", "tenant-external-id"],
    ["a role whose trust policy names someone else", "arn:aws:iam::444455556666:role/OtherTenantAudit", "other"],
  ])("refuses %s with AWS's AccessDenied", async (_case, roleArn, externalId) => {
    const error = await errorOf(
      sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "sync", ExternalId: externalId })),
    );
    expect(error.name).toBe("AccessDenied");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: arn:aws:iam::999999999999:user/rampart-collector is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  });

  it("refuses a DurationSeconds above the role's maximum", async () => {
    const error = await errorOf(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: ROLE_ARN,
          RoleSessionName: "sync",
          ExternalId: "tenant-external-id",
          DurationSeconds: 7201,
        }),
      ),
    );
    expect(error.name).toBe("ValidationError");
  });

  it("lets the base identity call only STS", async () => {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe("arn:aws:iam::999999999999:user/rampart-collector");
    const error = await errorOf(
      new IAMClient({
        region: "us-east-1",
        endpoint: simulator.url,
        credentials: baseCredentials(simulator),
        maxAttempts: 1,
      }).send(new GetAccountSummaryCommand({})),
    );
    expect(error.name).toBe("AccessDenied");
    expect(error.message).toContain("is not authorized to perform: iam:GetAccountSummary");
  });

  it("answers InvalidClientTokenId for an unknown key and SignatureDoesNotMatch for a wrong secret", async () => {
    const unknown = await errorOf(
      new STSClient({
        region: "us-east-1",
        endpoint: simulator.url,
        credentials: { accessKeyId: "AKIANOTAKNOWNKEY0000", secretAccessKey: "x" },
        maxAttempts: 1,
      }).send(new GetCallerIdentityCommand({})),
    );
    expect(unknown.name).toBe("InvalidClientTokenId");
    expect(unknown.$metadata.httpStatusCode).toBe(403);
    const wrongSecret = await errorOf(
      new STSClient({
        region: "us-east-1",
        endpoint: simulator.url,
        credentials: { accessKeyId: simulator.baseIdentity.accessKeyId, secretAccessKey: "not-the-secret" },
        maxAttempts: 1,
      }).send(new GetCallerIdentityCommand({})),
    );
    expect(wrongSecret.name).toBe("SignatureDoesNotMatch");
  });

  it("expires sessions on the simulator clock", async () => {
    const credentials = await assumeAuditRole(simulator, ACCOUNT, "tenant-external-id");
    const iam = new IAMClient(clientOptions(simulator, credentials));
    await iam.send(new GetAccountSummaryCommand({}));
    simulator.advanceClock("2h");
    try {
      const error = await errorOf(iam.send(new GetAccountSummaryCommand({})));
      expect(error.name).toBe("ExpiredToken");
    } finally {
      simulator.advanceClock("-2h");
    }
  });
});
