import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { CONTROL_CATALOGUE } from "@/lib/controls/catalogue";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { evaluateAccount } from "./evaluate-account";

// Sync → evaluate on the real pipeline: SDK clients over HTTP to the simulator, PostgreSQL, every rule.

let simulator: SimulatorHandle;
const ACCOUNT = "310987654321";
const AUTOMATED = CONTROL_CATALOGUE.filter((control) => control.source === "AUTOMATED").map((control) => control.id);

beforeAll(async () => {
  simulator = await startSimulatorForAws([fullEstate(ACCOUNT)]);
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "2";
});

afterAll(async () => {
  await simulator.close();
});

let customerId: string;
let accountId: string;

beforeEach(async () => {
  simulator.clearFaults();
  // startsWith: one test changes the ExternalId to make AssumeRole fail.
  await db().customer.deleteMany({ where: { externalId: { startsWith: AUDIT_EXTERNAL_ID } } });
  const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID });
  customerId = customer.id;
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
  const outcome = await syncAccount(db(), runId, defaultSyncDependencies());
  return { runId, outcome };
}

function currentResults() {
  return db().controlResult.findMany({
    where: { awsAccountId: accountId, isCurrent: true },
    select: { controlId: true, status: true, reason: true, offenders: true, suppressionId: true, syncRunId: true },
    orderBy: { controlId: "asc" },
  });
}

describe("control evaluation after a sync", () => {
  it("evaluates every control of the catalogue, stores the run's results and snapshots for account, customer and portfolio", async () => {
    const { runId, outcome } = await syncOnce();
    expect(outcome.status).toBe("SUCCEEDED");
    const results = await currentResults();
    expect(results.map((row) => row.controlId).sort()).toEqual(CONTROL_CATALOGUE.map((control) => control.id).sort());
    for (const row of results) {
      expect(row.syncRunId).toBe(runId);
      expect(row.reason.length, row.controlId).toBeGreaterThan(10);
      // A complete estate that answered every call leaves no automated control UNKNOWN.
      if (AUTOMATED.includes(row.controlId)) expect(row.status, `${row.controlId}: ${row.reason}`).not.toBe("UNKNOWN");
    }
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.evaluatedAt).not.toBeNull();
    expect(run.evaluationError).toBeNull();

    const snapshots = await db().scoreSnapshot.findMany({ where: { OR: [{ customerId }, { scope: "PORTFOLIO" }] } });
    const kinds = snapshots.map((row) => `${row.scope}/${row.kind}`).sort();
    expect(kinds).toEqual(
      expect.arrayContaining(["ACCOUNT/DAILY", "ACCOUNT/SYNC", "CUSTOMER/DAILY", "CUSTOMER/SYNC", "PORTFOLIO/DAILY"]),
    );
    const account = snapshots.find((row) => row.scope === "ACCOUNT" && row.kind === "SYNC")!;
    expect(account.passed + account.failed + account.unknown + account.notApplicable + account.suppressed).toBe(
      CONTROL_CATALOGUE.length,
    );
  });

  it("keeps history and replaces the day's snapshot instead of adding a second one", async () => {
    await syncOnce();
    await syncOnce();
    const all = await db().controlResult.count({ where: { awsAccountId: accountId } });
    const current = await db().controlResult.count({ where: { awsAccountId: accountId, isCurrent: true } });
    expect(current).toBe(CONTROL_CATALOGUE.length);
    expect(all).toBe(2 * CONTROL_CATALOGUE.length);
    const daily = await db().scoreSnapshot.count({ where: { awsAccountId: accountId, kind: "DAILY" } });
    const perSync = await db().scoreSnapshot.count({ where: { awsAccountId: accountId, kind: "SYNC" } });
    expect(daily).toBe(1);
    expect(perSync).toBe(2);
  });

  it("turns the controls of a service that answered AccessDenied UNKNOWN, naming service, region and code — never PASS", async () => {
    await syncOnce();
    simulator.setFaults([{ kind: "accessDenied", service: "backup" }]);
    const { outcome } = await syncOnce();
    expect(outcome.status).toBe("PARTIAL");
    const byId = new Map((await currentResults()).map((row) => [row.controlId, row]));
    for (const id of ["BAK-1", "BAK-2", "BAK-3"]) {
      expect(byId.get(id)?.status, id).toBe("UNKNOWN");
      expect(byId.get(id)?.reason, id).toMatch(/backup/i);
      expect(byId.get(id)?.reason, id).toMatch(/AccessDenied/);
    }
    // Controls fed by other services are still decided.
    expect(byId.get("ROOT-1")?.status).not.toBe("UNKNOWN");
  });

  it("makes every evidence-based control UNKNOWN when the role cannot be assumed, and none passes", async () => {
    await syncOnce();
    await db().customer.update({ where: { id: customerId }, data: { externalId: `${AUDIT_EXTERNAL_ID}-wrong` } });
    const { outcome, runId } = await syncOnce();
    expect(outcome.status).toBe("FAILED");
    const results = await currentResults();
    for (const row of results.filter(
      (result) => AUTOMATED.includes(result.controlId) && result.controlId !== "IAM-12",
    )) {
      expect(row.status, row.controlId).toMatch(/UNKNOWN|NOT_APPLICABLE|FAIL/);
      if (row.status === "UNKNOWN") expect(row.reason, row.controlId).toMatch(/AssumeRole|could not be read/);
    }
    expect(results.filter((row) => row.status === "PASS" && AUTOMATED.includes(row.controlId))).toEqual([]);
    const snapshot = await db().scoreSnapshot.findFirstOrThrow({
      where: { awsAccountId: accountId, kind: "SYNC", syncRunId: runId },
    });
    expect(snapshot.unknown).toBeGreaterThan(30);
  });

  it("an account never reached is awaiting first collection: no score, left out of the customer's and portfolio's means", async () => {
    // A second account of the same customer whose role cannot be assumed (its number has no estate).
    const unreachable = await createAwsAccount(db(), customerId, {
      accountNumber: "310987654399",
      roleArn: auditRoleArn("310987654399"),
      regions: ["us-east-1"],
    });
    const { outcome } = await syncOnce();
    expect(outcome.status).not.toBe("FAILED");
    const reachedCustomer = await db().scoreSnapshot.findFirstOrThrow({
      where: { customerId, scope: "CUSTOMER", kind: "SYNC" },
      orderBy: { takenAt: "desc" },
    });
    expect(reachedCustomer.score).not.toBeNull();

    const { runId } = await requestSync(db(), { awsAccountId: unreachable.id, trigger: "CLI" });
    const failed = await syncAccount(db(), runId, defaultSyncDependencies());
    expect(failed.status).toBe("FAILED");
    const accountSnapshot = await db().scoreSnapshot.findFirstOrThrow({
      where: { awsAccountId: unreachable.id, kind: "SYNC", syncRunId: runId },
    });
    // Its attested controls fail as "needs attestation", yet it has no score at all (not "F 0.0").
    expect(accountSnapshot.needsAttestation).toBeGreaterThan(0);
    expect(accountSnapshot.score).toBeNull();
    expect(accountSnapshot.scoreWithoutSuppressions).toBeNull();
    const customerAfter = await db().scoreSnapshot.findFirstOrThrow({
      where: { customerId, scope: "CUSTOMER", kind: "SYNC", syncRunId: runId },
    });
    expect(customerAfter.score).toBeCloseTo(reachedCustomer.score ?? Number.NaN, 6);
    const portfolio = await db().scoreSnapshot.findFirstOrThrow({
      where: { scope: "PORTFOLIO" },
      orderBy: { takenAt: "desc" },
    });
    expect(portfolio.score).not.toBeNull();
  });

  it("re-evaluates with a suppression: the score changes, the score without suppressions does not", async () => {
    const { runId } = await syncOnce();
    const failing = (await currentResults()).find((row) => row.status === "FAIL");
    expect(failing, "the full estate has at least one failing control").toBeDefined();
    const approver = await createUser(db(), { role: "CONSULTANT" });
    await db().suppression.create({
      data: {
        customerId,
        awsAccountId: accountId,
        controlId: failing!.controlId,
        reason: "Accepted risk until the migration",
        approvedById: approver.id,
        expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
      },
    });
    const before = await db().scoreSnapshot.findFirstOrThrow({
      where: { awsAccountId: accountId, syncRunId: runId, kind: "SYNC" },
    });
    const evaluation = await evaluateAccount(db(), {
      awsAccountId: accountId,
      syncRunId: null,
      evaluatedAt: new Date(),
    });
    expect(evaluation.account.suppressed).toBe(1);
    expect(evaluation.account.scoreWithoutSuppressions).toBeCloseTo(before.scoreWithoutSuppressions ?? Number.NaN, 6);
    expect(evaluation.account.score).toBeGreaterThan(before.score ?? 0);
    const suppressed = (await currentResults()).find((row) => row.controlId === failing!.controlId);
    expect(suppressed?.suppressionId).not.toBeNull();
  });
});
