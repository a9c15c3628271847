import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/authz/policy";
import { CONTROL_CATALOGUE } from "@/lib/controls/catalogue";
import { db } from "@/lib/db/client";
import { syncControlCatalogue } from "@/lib/evaluation/evaluate-account";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { DAY_MS } from "../dates";
import { getCustomerControl, getCustomerFindingSummary, getCustomerScorecard } from "./scorecard";

// The scorecard read model over hand-made results: worst-of across accounts, suppressed results set
// aside, attestation failures flagged, findings bucketed by age in SQL.

let actor: Actor;
let customerId: string;
let prodId: string;
let devId: string;

async function result(
  awsAccountId: string,
  controlId: string,
  status: "PASS" | "FAIL" | "UNKNOWN" | "NOT_APPLICABLE",
  extra = {},
) {
  const control = CONTROL_CATALOGUE.find((candidate) => candidate.id === controlId)!;
  await db().controlResult.create({
    data: {
      customerId,
      awsAccountId,
      controlId,
      status,
      severity: control.severity,
      reason: `${controlId} ${status} in ${awsAccountId === prodId ? "prod" : "dev"}`,
      evaluatedAt: new Date(),
      ...extra,
    },
  });
}

beforeAll(async () => {
  await syncControlCatalogue(db());
  const customer = await createCustomer(db(), { name: "Scorecard Co" });
  customerId = customer.id;
  prodId = (await createAwsAccount(db(), customerId, { alias: "sc-prod" })).id;
  devId = (await createAwsAccount(db(), customerId, { alias: "sc-dev" })).id;
  const user = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [customerId] });
  actor = (await loadActor(db(), { userId: user.id, sessionVersion: 1 }))!;

  await result(prodId, "ROOT-1", "PASS");
  await result(devId, "ROOT-1", "FAIL");
  await result(prodId, "NET-1", "PASS");
  await result(devId, "NET-1", "UNKNOWN");
  await result(prodId, "IAM-13", "FAIL", { needsAttestation: true });
  const approver = await createUser(db(), { role: "MANAGER" });
  const suppression = await db().suppression.create({
    data: {
      customerId,
      controlId: "KMS-1",
      reason: "Legacy key retired next month",
      approvedById: approver.id,
      expiresAt: new Date(Date.now() + 10 * DAY_MS),
    },
  });
  await result(prodId, "KMS-1", "FAIL", { suppressionId: suppression.id });
  // A stale result from an earlier evaluation is history, not current.
  await result(prodId, "GOV-1", "FAIL", { isCurrent: false });

  const finding = (
    awsAccountId: string,
    key: string,
    severity: "CRITICAL" | "HIGH",
    ageDays: number,
    status = "OPEN",
  ) => ({
    customerId,
    awsAccountId,
    source: "INSPECTOR" as const,
    externalKey: key,
    title: key,
    severity,
    status: status as "OPEN" | "RESOLVED",
    region: "us-east-1",
    contentHash: key,
    firstSeenAt: new Date(Date.now() - ageDays * DAY_MS),
    lastSeenAt: new Date(),
    observedAt: new Date(Date.now() - ageDays * DAY_MS),
  });
  await db().finding.createMany({
    data: [
      finding(prodId, "f1", "CRITICAL", 3),
      finding(prodId, "f2", "CRITICAL", 20),
      finding(devId, "f3", "HIGH", 45),
      finding(devId, "f4", "HIGH", 200),
      finding(devId, "f5", "HIGH", 200, "RESOLVED"),
      {
        ...finding(devId, "c1", "HIGH", 1),
        source: "CONFIG" as const,
        severity: "MEDIUM" as const,
        details: { configRuleName: "rds-instance-public-access-check" },
      },
    ],
  });
});

describe("customer scorecard", () => {
  it("takes each control's worst result across accounts and keeps only current results", async () => {
    const scorecard = await getCustomerScorecard(actor, customerId);
    const controls = new Map(scorecard.areas.flatMap((area) => area.controls).map((control) => [control.id, control]));
    expect(controls.get("ROOT-1")?.status).toBe("FAIL");
    expect(controls.get("NET-1")?.status).toBe("UNKNOWN");
    expect(controls.get("KMS-1")?.status).toBe("SUPPRESSED");
    expect(controls.get("IAM-13")?.needsAttestation).toBe(true);
    expect(controls.has("GOV-1")).toBe(false);
    expect(scorecard.failing.map((control) => control.id)).toEqual(["ROOT-1", "IAM-13"]);
    expect(scorecard.areas.map((area) => area.key)).toEqual(["root", "iam", "network", "kms"]);
  });

  it("drills down to one control with every account's result", async () => {
    const detail = await getCustomerControl(actor, customerId, "ROOT-1");
    expect(detail.control.title).toMatch(/MFA/);
    expect(detail.row?.accounts.map((account) => [account.accountAlias, account.status])).toEqual([
      ["sc-dev", "FAIL"],
      ["sc-prod", "PASS"],
    ]);
    await expect(getCustomerControl(actor, customerId, "NOPE-1")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("buckets open Inspector findings by severity and age and lists non-compliant Config rules", async () => {
    const summary = await getCustomerFindingSummary(actor, customerId);
    const critical = summary.inspector.find((row) => row.severity === "CRITICAL");
    const high = summary.inspector.find((row) => row.severity === "HIGH");
    expect(critical?.buckets).toEqual({ "0–15 days": 1, "16–30 days": 1, "31–90 days": 0, "over 90 days": 0 });
    expect(high?.buckets).toEqual({ "0–15 days": 0, "16–30 days": 0, "31–90 days": 1, "over 90 days": 1 });
    expect(summary.configRules).toEqual([
      { rule: "rds-instance-public-access-check", accountAlias: "sc-dev", region: "us-east-1", resources: 1 },
    ]);
  });
});

describe("coverage warnings", () => {
  it("names the enabled, unconfigured regions that hold resources, per account, and only for the actor's scope", async () => {
    const run = await db().syncRun.create({
      data: { customerId, awsAccountId: prodId, trigger: "CLI", status: "SUCCEEDED" },
    });
    const regions = {
      readFrom: "us-east-1",
      regions: [
        { name: "us-east-1", optInStatus: "opt-in-not-required" },
        { name: "eu-west-2", optInStatus: "opt-in-not-required" },
        { name: "sa-east-1", optInStatus: "opt-in-not-required" },
      ],
      sweeps: [
        { region: "eu-west-2", instanceIds: ["i-0a", "i-0b"], vpcIds: ["vpc-1"] },
        // Swept and empty: nothing to warn about.
        { region: "sa-east-1", instanceIds: [], vpcIds: [] },
      ],
    };
    await db().evidence.create({
      data: {
        customerId,
        awsAccountId: prodId,
        syncRunId: run.id,
        collector: "regions",
        region: "global",
        data: regions,
        contentHash: "coverage-test",
        collectedAt: new Date(),
        confirmedAt: new Date(),
      },
    });

    const scorecard = await getCustomerScorecard(actor, customerId);
    expect(scorecard.coverageWarnings).toEqual([
      { accountId: prodId, alias: "sc-prod", region: "eu-west-2", instanceCount: 2, vpcCount: 1 },
    ]);

    const stranger = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [] });
    const strangerActor = (await loadActor(db(), { userId: stranger.id, sessionVersion: 1 }))!;
    await expect(getCustomerScorecard(strangerActor, customerId)).rejects.toThrow();
  });
});
