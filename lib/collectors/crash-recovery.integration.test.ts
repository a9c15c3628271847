import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { stopQueueSender } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { getCustomerSyncStatus } from "@/lib/queries/sync-runs";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { actorOf } from "@/test/support/actors";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { defaultSyncDependencies } from "./default-dependencies";
import { recoverAfterCrash, syncAccount } from "./sync-account";
import { listUnevaluatedRuns, requestSync, STALE_QUEUED_AFTER_MS } from "./sync-run";

// Issue 12 item 6: the syncing process is killed with SIGKILL at each step; the next worker start
// recovers: the previous evidence is intact, no run blocks its account, and no result poses as fresh.

const ACCOUNT = "210987654341";
let simulator: SimulatorHandle;
let accountId: string;

beforeAll(async () => {
  simulator = await startSimulatorForAws([fullEstate(ACCOUNT)]);
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "2";
});

afterAll(async () => {
  await stopQueueSender();
  await simulator.close();
});

beforeEach(async () => {
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
  const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID });
  accountId = (
    await createAwsAccount(db(), customer.id, {
      accountNumber: ACCOUNT,
      roleArn: auditRoleArn(ACCOUNT),
      regions: ["us-east-1", "eu-west-1"],
    })
  ).id;
  // A first, complete sync: the evidence and results a crash must not lose.
  const { runId } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
  await syncAccount(db(), runId, defaultSyncDependencies());
});

/** A consultant of the customer and one of its own viewers. */
async function readers(): Promise<Actor[]> {
  const { customerId } = await db().awsAccount.findUniqueOrThrow({ where: { id: accountId } });
  return Promise.all([
    actorOf(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [customerId] })),
    actorOf(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId })),
  ]);
}

/** What the scorecard's evidence-collection panel says of the account's latest run. */
async function evaluationShown(actor: Actor) {
  const { customerId } = await db().awsAccount.findUniqueOrThrow({ where: { id: accountId } });
  const status = await getCustomerSyncStatus(actor, customerId);
  return status.accounts.find((account) => account.awsAccountId === accountId)?.run?.evaluation;
}

/** Runs the crash fixture until it reaches `step`, then kills it with SIGKILL. */
async function killAt(step: "queued" | "collect" | "persisted"): Promise<void> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["test/fixtures/crash-at-step.ts", accountId, step], {
    env: { ...process.env, DATABASE_URL: env().DATABASE_URL },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`reached ${step}`)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the fixture exited (${code}) before ${step}: ${output}`)));
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
}

async function state() {
  const [evidence, results] = await Promise.all([
    db().evidence.findMany({
      where: { awsAccountId: accountId, isCurrent: true },
      select: { collector: true, region: true, contentHash: true },
      orderBy: [{ collector: "asc" }, { region: "asc" }],
    }),
    db().controlResult.findMany({
      where: { awsAccountId: accountId, isCurrent: true },
      select: { controlId: true, status: true, reason: true, syncRunId: true, evaluatedAt: true },
      orderBy: { controlId: "asc" },
    }),
  ]);
  return { evidence, results };
}

const later = (ms: number) => new Date(Date.now() + ms);

describe("recovery after a crash", () => {
  it("after QUEUED: the run that never started does not block the account, and a worker start runs it", async () => {
    const before = await state();
    await killAt("queued");
    const stuck = await db().syncRun.findFirstOrThrow({ where: { awsAccountId: accountId, status: "QUEUED" } });
    expect(await state()).toEqual(before);

    const worker = await startWorker({ concurrency: 1 });
    try {
      await expect
        .poll(async () => (await db().syncRun.findUniqueOrThrow({ where: { id: stuck.id } })).status, {
          timeout: 60_000,
          interval: 500,
        })
        .toBe("SUCCEEDED");
    } finally {
      await worker.stop();
    }
  }, 120_000);

  it("after QUEUED and past the job's life: the run is failed as never started and a new sync proceeds", async () => {
    await killAt("queued");
    const stuck = await db().syncRun.findFirstOrThrow({ where: { awsAccountId: accountId, status: "QUEUED" } });
    await recoverAfterCrash(db(), later(STALE_QUEUED_AFTER_MS + 60_000));
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({
      status: "FAILED",
      errorSummary: expect.stringContaining("Never started"),
    });
    const next = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
    expect(next.created).toBe(true);
  }, 120_000);

  it("mid-collect: the previous evidence and results are intact and the stale run is recovered", async () => {
    const before = await state();
    await killAt("collect");
    expect(await state()).toEqual(before);
    const recovered = await recoverAfterCrash(db(), later(120_000));
    expect(recovered).toMatchObject({ reaped: 1, reevaluated: 0 });
    expect(await state()).toEqual(before);
    const { runId, created } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
    expect(created).toBe(true);
    expect((await syncAccount(db(), runId, defaultSyncDependencies())).status).toBe("SUCCEEDED");
  }, 120_000);

  it("after persist, before evaluate: the stored evidence is evaluated at the next worker start, as of its collection", async () => {
    const before = await state();
    await killAt("persisted");
    const run = await db().syncRun.findFirstOrThrow({
      where: { awsAccountId: accountId },
      orderBy: { queuedAt: "desc" },
    });
    expect(run).toMatchObject({ status: "SUCCEEDED", evaluatedAt: null });
    // Until recovery, the results are the previous run's, and the run says it awaits evaluation.
    expect((await state()).results).toEqual(before.results);
    expect((await listUnevaluatedRuns(db(), accountId)).map((row) => row.id)).toEqual([run.id]);
    // …and the scorecard says so, to staff and to the customer alike: its results are older than its evidence.
    for (const reader of await readers()) expect(await evaluationShown(reader)).toBe("pending");

    // What `npm run worker` does first (scripts/worker.ts).
    expect(await recoverAfterCrash(db())).toMatchObject({ reaped: 0, reevaluated: 1 });
    const after = await state();
    expect(new Set(after.results.map((row) => row.syncRunId))).toEqual(new Set([run.id]));
    for (const row of after.results) expect(row.evaluatedAt).toEqual(run.asOf);
    expect((await db().syncRun.findUniqueOrThrow({ where: { id: run.id } })).evaluatedAt).toEqual(run.asOf);
    expect(await listUnevaluatedRuns(db(), accountId)).toEqual([]);
    for (const reader of await readers()) expect(await evaluationShown(reader)).toBe("evaluated");
  }, 120_000);
});
