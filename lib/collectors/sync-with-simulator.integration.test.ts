import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { enqueueSyncRun, stopQueueSender } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import { generateEstate } from "@/simulator/generate";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { defaultSyncDependencies } from "./default-dependencies";
import { syncAccount } from "./sync-account";
import { reapStaleRuns, requestSync } from "./sync-run";

// The real thing: SDK v3 clients over HTTP to the simulator, the pipeline, PostgreSQL. Fault runs end
// with nothing lost or duplicated.

let simulator: SimulatorHandle;
const ACCOUNT = "210987654321";

beforeAll(async () => {
  simulator = await startSimulatorForAws([fullEstate(ACCOUNT)]);
  // Estate dates are relative to the simulator's clock; frozen, an unchanged estate answers identically.
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "3";
});

afterAll(async () => {
  await stopQueueSender();
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

async function snapshot() {
  const [evidence, findings] = await Promise.all([
    db().evidence.findMany({
      where: { awsAccountId: accountId, isCurrent: true },
      select: { collector: true, region: true, contentHash: true, failedCalls: true },
      orderBy: [{ collector: "asc" }, { region: "asc" }],
    }),
    db().finding.findMany({
      where: { awsAccountId: accountId },
      select: { externalKey: true, status: true, contentHash: true },
      orderBy: { externalKey: "asc" },
    }),
  ]);
  return { evidence, findings };
}

describe("sync against the simulator", () => {
  it("collects evidence for every collector and region of a complete estate", async () => {
    const outcome = await syncOnce();
    expect(outcome.errors).toEqual([]);
    expect(outcome.status).toBe("SUCCEEDED");
    const collectors = new Set((await snapshot()).evidence.map((row) => row.collector));
    expect(collectors.size).toBeGreaterThanOrEqual(18);
  });

  it("ends PARTIAL with AccessDenied on one service attributed, and keeps that service's previous evidence", async () => {
    await syncOnce();
    const before = await snapshot();
    simulator.setFaults([{ kind: "accessDenied", service: "backup" }]);
    const outcome = await syncOnce();
    expect(outcome.status).toBe("PARTIAL");
    expect(outcome.errors.length).toBeGreaterThan(0);
    for (const error of outcome.errors)
      expect(error).toMatchObject({ service: "backup", code: expect.stringMatching(/AccessDenied/) });
    expect(new Set(outcome.errors.map((error) => error.region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
    expect(await snapshot()).toEqual(before);
  });

  it("survives 30% throttling: what succeeds is fresh, what is throttled out is attributed, nothing is duplicated", async () => {
    await syncOnce();
    const before = await snapshot();
    simulator.setFaults([{ kind: "throttle", rate: 0.3 }], 7);
    const outcome = await syncOnce();
    expect(["SUCCEEDED", "PARTIAL"]).toContain(outcome.status);
    for (const error of outcome.errors)
      expect(error.code).toMatch(/Throttl|RequestLimitExceeded|SlowDown|TooManyRequests/);
    simulator.clearFaults();
    const after = await snapshot();
    // The estate did not change, so every fully answered row is identical and no finding was duplicated.
    // A row whose calls were partly throttled out names exactly the calls the run reports.
    expect(after.findings).toEqual(before.findings);
    const partial = after.evidence.filter((row) => (row.failedCalls as unknown[]).length > 0);
    expect(after.evidence.filter((row) => !partial.includes(row))).toEqual(
      before.evidence.filter((row) => !partial.some((p) => p.collector === row.collector && p.region === row.region)),
    );
    for (const row of partial)
      for (const call of row.failedCalls as { operation: string; region: string }[])
        expect(outcome.errors).toContainEqual(
          expect.objectContaining({ operation: call.operation, region: call.region }),
        );
  });

  it("shares work between two workers without running any account twice", async () => {
    const estates = ["310000000001", "310000000002", "310000000003"];
    const customer = await createCustomer(db(), { externalId: "shared-workers-external-id" });
    const accountIds: string[] = [];
    for (const accountNumber of estates) {
      simulator.putEstate(
        generateEstate({
          accountId: accountNumber,
          users: 5,
          findings: 20,
          configEvaluations: 10,
          regions: ["us-east-1"],
          externalId: "shared-workers-external-id",
        }),
      );
      accountIds.push(
        (
          await createAwsAccount(db(), customer.id, {
            accountNumber,
            roleArn: auditRoleArn(accountNumber),
            regions: ["us-east-1"],
          })
        ).id,
      );
    }
    const workers = [await startWorker({ concurrency: 2 }), await startWorker({ concurrency: 2 })];
    try {
      for (const id of accountIds) {
        const first = await requestSync(db(), { awsAccountId: id, trigger: "MANUAL" });
        const again = await requestSync(db(), { awsAccountId: id, trigger: "MANUAL" });
        expect(again.runId).toBe(first.runId);
        await enqueueSyncRun(first.runId);
        await enqueueSyncRun(first.runId);
      }
      await expect
        .poll(
          async () =>
            db().syncRun.count({
              where: { awsAccountId: { in: accountIds }, status: { in: ["SUCCEEDED", "PARTIAL", "FAILED"] } },
            }),
          { timeout: 60_000, interval: 500 },
        )
        .toBe(accountIds.length);
      const runs = await db().syncRun.findMany({
        where: { awsAccountId: { in: accountIds } },
        include: { _count: { select: { steps: true } } },
      });
      expect(runs).toHaveLength(accountIds.length);
      for (const run of runs) expect(run.status).toBe("SUCCEEDED");
      const findings = await db().finding.findMany({
        where: { awsAccountId: { in: accountIds } },
        select: { awsAccountId: true, externalKey: true },
      });
      expect(findings.length).toBeGreaterThan(0);
      expect(new Set(findings.map((f) => `${f.awsAccountId}|${f.externalKey}`)).size).toBe(findings.length);
    } finally {
      for (const worker of workers) await worker.stop();
    }
  }, 90_000);

  it("keeps the previous state intact when the syncing process is killed with SIGKILL mid-sync", async () => {
    await syncOnce();
    const before = await snapshot();
    // Slow every AWS call down so the child is surely mid-collection when it dies.
    simulator.setFaults([{ kind: "latency", latencyMs: 400 }]);
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/sync.ts", "--account", ACCOUNT], {
      env: { ...process.env, DATABASE_URL: env().DATABASE_URL },
      stdio: "ignore",
    });
    await expect
      .poll(async () => db().syncRun.count({ where: { awsAccountId: accountId, status: "RUNNING" } }), {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    simulator.clearFaults();

    expect(await snapshot()).toEqual(before);
    // The interrupted run is reaped and the next sync proceeds normally.
    expect(await reapStaleRuns(db(), new Date(Date.now() + 120_000), accountId)).toBe(1);
    const outcome = await syncOnce();
    expect(outcome.status).toBe("SUCCEEDED");
    expect(await snapshot()).toEqual(before);
  }, 90_000);
});
