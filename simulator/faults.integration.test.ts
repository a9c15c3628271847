import { BackupClient, ListBackupPlansCommand } from "@aws-sdk/client-backup";
import { ConfigServiceClient, DescribeConfigRulesCommand } from "@aws-sdk/client-config-service";
import { DescribeInstancesCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetAccountSummaryCommand, IAMClient, ListVirtualMFADevicesCommand } from "@aws-sdk/client-iam";
import { Inspector2Client, ListFindingsCommand } from "@aws-sdk/client-inspector2";
import { GetBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "./server";
import { assumeAuditRole, clientOptions, startTestSimulator, type TemporaryCredentials } from "./test-support";

// Every fault kind through real SDK clients, the Quasar story (deniedActions + estate faults), and
// the admin API that tests use between syncs.

const BLUEFIN = "314159265358";
const QUASAR = "141421356237";

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: Error & { $metadata?: { httpStatusCode?: number }; code?: string }) => error,
  );
}

describe("fault injection and the admin API", () => {
  let simulator: SimulatorHandle;
  let bluefin: TemporaryCredentials;

  beforeAll(async () => {
    simulator = await startTestSimulator({ estates: "simulator/estates/demo", seed: 42 });
    bluefin = await assumeAuditRole(simulator, BLUEFIN, "bluefin-7c1e2a9d4b");
  });
  afterEach(() => simulator.clearFaults());
  afterAll(() => simulator.close());

  it("throttles in each protocol's own words", async () => {
    simulator.setFaults([{ kind: "throttle", accountId: BLUEFIN }]);
    const ec2 = await failure(new EC2Client(clientOptions(simulator, bluefin)).send(new DescribeVpcsCommand({})));
    expect([ec2.name, ec2.$metadata?.httpStatusCode]).toEqual(["RequestLimitExceeded", 503]);
    const iam = await failure(new IAMClient(clientOptions(simulator, bluefin)).send(new GetAccountSummaryCommand({})));
    expect([iam.name, iam.$metadata?.httpStatusCode]).toEqual(["Throttling", 400]);
    const config = await failure(
      new ConfigServiceClient(clientOptions(simulator, bluefin)).send(new DescribeConfigRulesCommand({})),
    );
    expect(config.name).toBe("ThrottlingException");
    const inspector = await failure(
      new Inspector2Client(clientOptions(simulator, bluefin)).send(new ListFindingsCommand({})),
    );
    expect([inspector.name, inspector.$metadata?.httpStatusCode]).toEqual(["ThrottlingException", 429]);
    const s3 = await failure(
      new S3Client({ ...clientOptions(simulator, bluefin), forcePathStyle: true }).send(
        new GetBucketVersioningCommand({ Bucket: "bluefin-prod-assets" }),
      ),
    );
    expect([s3.name, s3.$metadata?.httpStatusCode]).toEqual(["SlowDown", 503]);
  });

  it("lets the SDK's retries absorb a partial throttle rate, deterministically by seed", async () => {
    simulator.setFaults([{ kind: "throttle", service: "iam", rate: 0.3 }], 7);
    const iam = new IAMClient({ ...clientOptions(simulator, bluefin), maxAttempts: 10 });
    const before = simulator.requests({ operation: "ListVirtualMFADevices" }).length;
    for (let call = 0; call < 10; call++) await iam.send(new ListVirtualMFADevicesCommand({}));
    const attempts = simulator.requests({ operation: "ListVirtualMFADevices" }).slice(before);
    const throttled = attempts.filter((entry) => entry.errorCode === "Throttling").length;
    expect(throttled).toBeGreaterThan(0);
    expect(attempts.length).toBe(10 + throttled);
  });

  it("denies chosen operations, fails with 5xx, adds latency", async () => {
    simulator.setFaults([
      { kind: "accessDenied", service: "ec2", operation: "DescribeInstances" },
      { kind: "serverError", service: "iam", status: 503 },
      { kind: "latency", service: "ec2", operation: "DescribeVpcs", latencyMs: 300 },
    ]);
    const ec2 = new EC2Client(clientOptions(simulator, bluefin));
    const denied = await failure(ec2.send(new DescribeInstancesCommand({})));
    expect([denied.name, denied.$metadata?.httpStatusCode]).toEqual(["UnauthorizedOperation", 403]);
    const server = await failure(
      new IAMClient(clientOptions(simulator, bluefin)).send(new GetAccountSummaryCommand({})),
    );
    expect(server.$metadata?.httpStatusCode).toBe(503);
    await ec2.send(new DescribeVpcsCommand({}));
    expect(simulator.requests({ operation: "DescribeVpcs" }).at(-1)).toMatchObject({ status: 200, latencyMs: 300 });
  });

  it("resets the connection", async () => {
    simulator.setFaults([{ kind: "connectionReset", service: "ec2" }]);
    const error = await failure(new EC2Client(clientOptions(simulator, bluefin)).send(new DescribeVpcsCommand({})));
    expect(error.code ?? error.name).toMatch(/ECONNRESET|socket hang up|EPIPE/);
  });

  it("truncates pages: a token that then fails, or a body cut in half", async () => {
    simulator.setFaults([
      { kind: "truncatedPage", service: "config-service", operation: "DescribeConfigRules", mode: "badToken" },
    ]);
    const config = new ConfigServiceClient(clientOptions(simulator, bluefin));
    const first = await config.send(new DescribeConfigRulesCommand({}));
    expect(first.NextToken).toBeDefined();
    simulator.clearFaults();
    const next = await failure(config.send(new DescribeConfigRulesCommand({ NextToken: first.NextToken })));
    expect(next.name).toBe("InvalidNextTokenException");

    simulator.setFaults([{ kind: "truncatedPage", service: "iam", mode: "cutBody" }]);
    const cut = await failure(new IAMClient(clientOptions(simulator, bluefin)).send(new GetAccountSummaryCommand({})));
    expect(cut).toBeInstanceOf(Error);
  });

  it("tells Quasar's story: backup AccessDenied and EC2 throttled only in ap-southeast-1", async () => {
    const quasar = await assumeAuditRole(simulator, QUASAR, "quasar-9e2f1b8c57");
    const backup = await failure(
      new BackupClient(clientOptions(simulator, quasar, "ap-southeast-1")).send(new ListBackupPlansCommand({})),
    );
    expect([backup.name, backup.$metadata?.httpStatusCode]).toEqual(["AccessDeniedException", 403]);
    expect(backup.message).toContain("backup:ListBackupPlans");
    const throttled = await failure(
      new EC2Client(clientOptions(simulator, quasar, "ap-southeast-1")).send(new DescribeInstancesCommand({})),
    );
    expect(throttled.name).toBe("RequestLimitExceeded");
    const fine = await new EC2Client(clientOptions(simulator, quasar, "us-east-1")).send(
      new DescribeInstancesCommand({}),
    );
    expect(fine.Reservations).toEqual([]);
  });

  it("patches an estate, moves the clock and sets faults through /_sim/", async () => {
    const patch = await fetch(`${simulator.url}/_sim/estates/${BLUEFIN}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ec2: { ebsEncryptionByDefault: { "us-east-1": false } } }),
    });
    expect(patch.status).toBe(200);
    expect(simulator.estate(BLUEFIN)?.estate.ec2.ebsEncryptionByDefault["us-east-1"]).toBe(false);

    const invalid = await fetch(`${simulator.url}/_sim/estates/${BLUEFIN}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kms: { keys: [{ createdAt: "soon" }] } }),
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toContain("kms.keys[0].createdAt: Invalid date");

    const clock = await fetch(`${simulator.url}/_sim/clock`, {
      method: "PUT",
      body: JSON.stringify({ now: "2026-01-01T00:00:00Z", frozen: true }),
    });
    expect((await clock.json()).now).toBe("2026-01-01T00:00:00.000Z");
    await fetch(`${simulator.url}/_sim/clock`, { method: "PUT", body: JSON.stringify({ reset: true }) });

    const faults = await fetch(`${simulator.url}/_sim/faults`, {
      method: "PUT",
      body: JSON.stringify({ rules: [{ kind: "throttle", service: "kms" }] }),
    });
    expect((await faults.json()).rules[0]).toMatchObject({ kind: "throttle", service: "kms", rate: 1 });

    const log = await fetch(`${simulator.url}/_sim/requests?service=ec2&accountId=${QUASAR}`);
    const entries = (await log.json()) as { operation: string; region: string; status: number }[];
    expect(entries.some((entry) => entry.region === "ap-southeast-1" && entry.status === 503)).toBe(true);
  });
});
