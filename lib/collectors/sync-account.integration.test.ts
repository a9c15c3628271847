import { beforeEach, describe, expect, it } from "vitest";
import { createAwsAccount, createCustomer } from "../../prisma/factories";
import type { AccountSession, CollectedFinding, CollectorDefinition } from "../aws/types";
import { db } from "../db/client";
import { type SyncDependencies, syncAccount } from "./sync-account";
import { reapStaleRuns, requestSync } from "./sync-run";

// Pipeline semantics on a real PostgreSQL, with collectors replaced at the pipeline seam (the AWS side
// is covered against the simulator in sync-with-simulator.integration.test.ts).

const session: AccountSession = {
  accountNumber: "111111111111",
  credentials: async () => ({ accessKeyId: "x", secretAccessKey: "y" }),
  regions: ["us-east-1"],
};

function finding(key: string, overrides: Partial<CollectedFinding> = {}): CollectedFinding {
  return {
    source: "INSPECTOR",
    externalKey: key,
    title: `CVE in ${key}`,
    severity: "HIGH",
    status: "OPEN",
    region: "us-east-1",
    details: { key },
    ...overrides,
  };
}

interface World {
  iam: { users: string[] } | Error;
  findings: CollectedFinding[] | Error;
}

function collectorsFor(world: World): CollectorDefinition[] {
  return [
    {
      key: "iam",
      service: "iam",
      scope: "global",
      collect: async () => {
        if (world.iam instanceof Error) throw world.iam;
        return { evidence: world.iam, itemCount: world.iam.users.length };
      },
    },
    {
      key: "inspector2",
      service: "inspector2",
      scope: "regional",
      collect: async () => {
        if (world.findings instanceof Error) throw world.findings;
        return {
          evidence: { count: world.findings.length },
          findings: world.findings,
          itemCount: world.findings.length,
        };
      },
    },
  ];
}

function deps(world: World, extra: Partial<SyncDependencies> = {}): SyncDependencies {
  return { collectors: collectorsFor(world), openSession: async () => session, heartbeatMs: 50, ...extra };
}

function awsError(code: string, service: string, operation: string) {
  return Object.assign(new Error(`${service}:${operation} in us-east-1 failed: ${code}`), {
    service,
    operation,
    region: "us-east-1",
    awsErrorCode: code,
  });
}

let accountId: string;
let customerId: string;

beforeEach(async () => {
  const customer = await createCustomer(db());
  customerId = customer.id;
  accountId = (await createAwsAccount(db(), customer.id, { regions: ["us-east-1"] })).id;
});

async function run(world: World, extra: Partial<SyncDependencies> = {}) {
  const { runId } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
  return syncAccount(db(), runId, deps(world, extra));
}

describe("syncAccount", () => {
  it("persists evidence and findings and succeeds", async () => {
    const outcome = await run({ iam: { users: ["alice"] }, findings: [finding("a"), finding("b")] });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(outcome.counts.findings.opened).toBe(2);
    const evidence = await db().evidence.findMany({ where: { awsAccountId: accountId, isCurrent: true } });
    expect(evidence.map((e) => `${e.collector}@${e.region}`).sort()).toEqual(["iam@global", "inspector2@us-east-1"]);
    expect(await db().finding.count({ where: { awsAccountId: accountId, status: "OPEN" } })).toBe(2);
  });

  it("writes no finding row and no evidence row on an unchanged re-sync", async () => {
    const world = { iam: { users: ["alice"] }, findings: [finding("a"), finding("b")] };
    await run(world);
    const before = await db().finding.findMany({ where: { awsAccountId: accountId }, orderBy: { externalKey: "asc" } });
    const outcome = await run(world);
    expect(outcome.counts.findings).toEqual({ opened: 0, updated: 0, reopened: 0, resolved: 0, unchanged: 2 });
    expect(outcome.counts.evidenceInserted).toBe(0);
    const after = await db().finding.findMany({ where: { awsAccountId: accountId }, orderBy: { externalKey: "asc" } });
    expect(after).toEqual(before);
    expect(await db().evidence.count({ where: { awsAccountId: accountId } })).toBe(2);
  });

  it("updates changed findings, resolves absent ones and reopens returning ones, never duplicating", async () => {
    await run({ iam: { users: [] }, findings: [finding("a"), finding("b")] });
    const second = await run({ iam: { users: [] }, findings: [finding("a", { severity: "CRITICAL" })] });
    expect(second.counts.findings).toMatchObject({ updated: 1, resolved: 1, opened: 0 });
    const resolved = await db().finding.findFirstOrThrow({ where: { awsAccountId: accountId, externalKey: "b" } });
    expect(resolved.status).toBe("RESOLVED");
    expect(resolved.resolvedAt).not.toBeNull();
    const third = await run({ iam: { users: [] }, findings: [finding("a", { severity: "CRITICAL" }), finding("b")] });
    expect(third.counts.findings).toMatchObject({ reopened: 1, unchanged: 1 });
    const reopened = await db().finding.findFirstOrThrow({ where: { awsAccountId: accountId, externalKey: "b" } });
    expect(reopened.status).toBe("OPEN");
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.firstSeenAt).toEqual(resolved.firstSeenAt);
    expect(await db().finding.count({ where: { awsAccountId: accountId } })).toBe(2);
  });

  it("keeps the previous evidence and findings of a failed collector and ends PARTIAL with the error attributed", async () => {
    await run({ iam: { users: ["alice"] }, findings: [finding("a")] });
    const outcome = await run({
      iam: { users: ["alice", "bob"] },
      findings: awsError("AccessDeniedException", "inspector2", "ListFindings"),
    });
    expect(outcome.status).toBe("PARTIAL");
    expect(outcome.errors).toEqual([
      expect.objectContaining({
        service: "inspector2",
        operation: "ListFindings",
        region: "us-east-1",
        code: "AccessDeniedException",
      }),
    ]);
    // The failed collection was not complete: its findings are not resolved, its evidence stays current.
    expect(await db().finding.count({ where: { awsAccountId: accountId, status: "OPEN" } })).toBe(1);
    const inspector = await db().evidence.findFirstOrThrow({
      where: { awsAccountId: accountId, collector: "inspector2", isCurrent: true },
    });
    expect(inspector.data).toEqual({ count: 1 });
    const iam = await db().evidence.findFirstOrThrow({
      where: { awsAccountId: accountId, collector: "iam", isCurrent: true },
    });
    expect(iam.data).toEqual({ users: ["alice", "bob"] });
    const run2 = await db().syncRun.findUniqueOrThrow({ where: { id: outcome.runId }, include: { steps: true } });
    expect(run2.errorSummary).toContain("inspector2 ListFindings in us-east-1: AccessDeniedException");
    expect(run2.steps.find((s) => s.collector === "inspector2")).toMatchObject({
      status: "FAILED",
      errorCode: "AccessDeniedException",
      errorOperation: "ListFindings",
    });
  });

  it("fails the run with an actionable message when the role cannot be assumed, touching nothing", async () => {
    await run({ iam: { users: ["alice"] }, findings: [finding("a")] });
    const assumeFailure = Object.assign(
      new Error("Account 111111111111: could not assume the audit role — check the ExternalId"),
      {
        service: "sts",
        operation: "AssumeRole",
        region: "us-east-1",
        awsErrorCode: "AccessDenied",
      },
    );
    const outcome = await run(
      { iam: { users: [] }, findings: [] },
      { openSession: async () => Promise.reject(assumeFailure) },
    );
    expect(outcome.status).toBe("FAILED");
    const saved = await db().syncRun.findUniqueOrThrow({ where: { id: outcome.runId } });
    expect(saved.errorSummary).toContain("check the ExternalId");
    expect(await db().finding.count({ where: { awsAccountId: accountId, status: "OPEN" } })).toBe(1);
    expect(
      (await db().evidence.findFirstOrThrow({ where: { awsAccountId: accountId, collector: "iam", isCurrent: true } }))
        .data,
    ).toEqual({ users: ["alice"] });
  });

  it("leaves the previous state fully visible after a crash between collection and persistence", async () => {
    await run({ iam: { users: ["alice"] }, findings: [finding("a")] });
    const { runId } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
    await expect(
      syncAccount(
        db(),
        runId,
        deps(
          { iam: { users: [] }, findings: [] },
          { beforePersist: async () => Promise.reject(new Error("process killed")) },
        ),
      ),
    ).rejects.toThrow("process killed");
    expect(
      (await db().evidence.findFirstOrThrow({ where: { awsAccountId: accountId, collector: "iam", isCurrent: true } }))
        .data,
    ).toEqual({ users: ["alice"] });
    expect(await db().finding.count({ where: { awsAccountId: accountId, status: "OPEN" } })).toBe(1);
    // The orphaned run blocks nothing once its heartbeat is stale.
    expect(await reapStaleRuns(db(), new Date(Date.now() + 120_000))).toBe(1);
    expect((await db().syncRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("FAILED");
  });

  it("does not create or run a second sync while one is queued, and a claimed run cannot be claimed twice", async () => {
    const first = await requestSync(db(), { awsAccountId: accountId, trigger: "MANUAL" });
    const second = await requestSync(db(), { awsAccountId: accountId, trigger: "MANUAL" });
    expect(second).toEqual({ runId: first.runId, created: false });
    const world = { iam: { users: [] }, findings: [] };
    const [a, b] = await Promise.all([
      syncAccount(db(), first.runId, deps(world)),
      syncAccount(db(), first.runId, deps(world)),
    ]);
    expect([a.status, b.status].sort()).toEqual(["SKIPPED", "SUCCEEDED"]);
    expect(await db().syncStep.count({ where: { syncRunId: first.runId } })).toBe(2);
  });

  it("scopes findings by customer on every row it writes", async () => {
    await run({ iam: { users: [] }, findings: [finding("a")] });
    const row = await db().finding.findFirstOrThrow({ where: { awsAccountId: accountId } });
    expect(row.customerId).toBe(customerId);
  });
});
