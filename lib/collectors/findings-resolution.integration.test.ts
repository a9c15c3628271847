import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { stopQueueSender } from "@/lib/jobs/queue";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { defaultSyncDependencies } from "./default-dependencies";
import { syncAccount } from "./sync-account";
import { requestSync } from "./sync-run";

// Issue 12 item 5: a complete collection of a region that returns no Inspector finding and no
// non-compliant Config evaluation resolves that region's open findings, and their alerts.

const ACCOUNT = "210987654351";
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
  simulator.putEstate(fullEstate(ACCOUNT));
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

const openFindings = () =>
  db().finding.findMany({
    where: { awsAccountId: accountId, status: { not: "RESOLVED" } },
    select: { source: true, externalKey: true },
  });

describe("findings resolve when their region empties", () => {
  it("resolves the last open Inspector and Config findings of a region, and their alerts", async () => {
    await syncOnce();
    const open = await openFindings();
    expect(new Set(open.map((finding) => finding.source))).toEqual(new Set(["INSPECTOR", "CONFIG"]));
    const findingAlerts = await db().alert.findMany({
      where: { awsAccountId: accountId, source: { in: ["INSPECTOR", "CONFIG"] }, status: { not: "RESOLVED" } },
      select: { id: true },
    });
    expect(findingAlerts.length).toBeGreaterThan(0);

    // The region empties: no Inspector finding, every Config evaluation compliant.
    const estate = fullEstate(ACCOUNT) as { inspector: Record<string, unknown>; config: { rules: unknown[] } };
    simulator.putEstate({
      ...estate,
      inspector: { ...estate.inspector, findings: [] },
      config: {
        ...estate.config,
        rules: [
          {
            name: "restricted-rdp",
            region: "eu-west-1",
            sourceIdentifier: "RESTRICTED_INCOMING_TRAFFIC",
            evaluations: [
              { resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0d1", complianceType: "COMPLIANT" },
            ],
          },
        ],
      },
    });
    expect((await syncOnce()).status).toBe("SUCCEEDED");
    expect(await openFindings()).toEqual([]);
    const stillOpen = await db().alert.count({
      where: { id: { in: findingAlerts.map((alert) => alert.id) }, status: { not: "RESOLVED" } },
    });
    expect(stillOpen).toBe(0);
  });

  it("keeps a region's findings open when a call that feeds them failed", async () => {
    await syncOnce();
    const before = await openFindings();
    const estate = fullEstate(ACCOUNT) as { inspector: Record<string, unknown> };
    simulator.putEstate({ ...estate, inspector: { ...estate.inspector, findings: [] } });
    simulator.setFaults([
      { kind: "serverError", service: "config-service", operation: "GetComplianceDetailsByConfigRule" },
    ]);
    await syncOnce();
    simulator.clearFaults();
    // Inspector answered completely (resolved); Config could not list evaluations (kept open).
    expect(await openFindings()).toEqual(before.filter((finding) => finding.source === "CONFIG"));
  });
});
