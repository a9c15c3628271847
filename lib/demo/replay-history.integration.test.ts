import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { utcDay } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { syncControlCatalogue } from "@/lib/evaluation/evaluate-account";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import type { DemoTimeline } from "@/simulator/estates/demo/timeline";
import type { SimulatorHandle } from "@/simulator/server";
import { startSimulatorForAws } from "@/test/support/simulator-harness";
import { DAY_MS } from "../dates";
import { replayDemoHistory } from "./replay-history";

// Three days of history for one demo estate (Bluefin staging) through the real collectors over HTTP
// to the simulator and the real rules, after a live sync: history rows appear for each day, the live
// state is untouched, a timeline change moves the score on its days only, and a rerun adds nothing.

const STAGING = "314159265359";
const ESTATE = path.resolve(__dirname, "../../simulator/estates/demo/bluefin-staging.yaml");

// SSH open to the internet on the web servers until 2 days ago: days 3 fails NET-1, days 2 and 1 pass.
const timeline: DemoTimeline = {
  onboardedDaysAgo: {},
  changes: [
    {
      accountId: STAGING,
      story: "SSH open to the internet",
      untilDaysAgo: 2,
      edits: [
        {
          list: "ec2.securityGroups",
          match: { id: "sg-0b1f0b0000000102" },
          merge: { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }] },
        },
        // A finding patched in the same change: the findings chart must show it opened and resolved.
        {
          list: "inspector.findings",
          add: {
            id: "replaytest000000000000000000000001",
            title: "CVE-2023-38545 - curl",
            severity: "CRITICAL",
            region: "us-east-1",
            firstObservedAt: "-5d",
            vulnerabilityId: "CVE-2023-38545",
            resource: { id: "i-0b1f0b00000000a01" },
          },
        },
      ],
    },
  ],
};

let simulator: SimulatorHandle;
let customerId: string;
let accountId: string;
const now = new Date();
const dayOf = (daysAgo: number) => utcDay(new Date(now.getTime() - daysAgo * DAY_MS));

beforeAll(async () => {
  simulator = await startSimulatorForAws({ estates: ESTATE });
  simulator.setClock(now, { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "2";
  const customer = await createCustomer(db(), { externalId: "bluefin-7c1e2a9d4b" });
  customerId = customer.id;
  accountId = (
    await createAwsAccount(db(), customerId, {
      accountNumber: STAGING,
      alias: "bluefin-staging",
      roleArn: `arn:aws:iam::${STAGING}:role/RampartAudit`,
      regions: ["us-east-1", "eu-west-1"],
    })
  ).id;
  const consultant = await createUser(db(), { role: "CONSULTANT" });
  await syncControlCatalogue(db());
  // Recorded a day and a half ago: the replay must not let it pass ROOT-6 on the days before.
  await db().attestation.create({
    data: {
      customerId,
      controlId: "ROOT-6",
      note: "Root credentials checked in the vault.",
      attestedById: consultant.id,
      attestedAt: new Date(now.getTime() - 1.5 * DAY_MS),
      validUntil: new Date(now.getTime() + 300 * DAY_MS),
    },
  });
  const { runId } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
  await syncAccount(db(), runId, defaultSyncDependencies());
});

afterAll(async () => {
  await simulator?.close();
});

function liveState() {
  return Promise.all([
    db().evidence.findMany({ where: { customerId }, orderBy: { id: "asc" } }),
    db().controlResult.findMany({ where: { customerId, isCurrent: true }, orderBy: { id: "asc" } }),
    db().scoreSnapshot.findMany({ where: { customerId, day: dayOf(0) }, orderBy: { id: "asc" } }),
    db().syncRun.findMany({ where: { customerId }, orderBy: { id: "asc" } }),
  ]);
}

describe("replayDemoHistory", () => {
  it("writes three days of results and DAILY snapshots, leaves the live state alone, and follows the timeline", async () => {
    const before = await liveState();
    expect(before[1]).toHaveLength(59);

    const result = await replayDemoHistory({
      client: db(),
      simulator,
      days: 3,
      now,
      timeline,
      accountNumbers: [STAGING],
    });
    // Collected 3 days ago, on the change day (2), and day 1 evaluated on day 2's collection.
    expect(result).toMatchObject({
      customerDays: 3,
      skippedCustomerDays: 0,
      collections: 2,
      findingsBackdated: 1,
      findingsResolved: 1,
    });

    expect(await liveState()).toEqual(before);

    // Findings as the replayed syncs met them: the live zlib finding was first seen 3 days ago, and the
    // curl finding, patched 2 days ago, is stored RESOLVED that day; the rollup counts both.
    const findings = await db().finding.findMany({
      where: { customerId },
      select: { title: true, status: true, firstSeenAt: true, resolvedAt: true },
      orderBy: { title: "asc" },
    });
    expect(findings).toEqual([
      {
        title: "CVE-2023-38545 - curl",
        status: "RESOLVED",
        firstSeenAt: new Date(now.getTime() - 3 * DAY_MS),
        resolvedAt: new Date(now.getTime() - 2 * DAY_MS),
      },
      {
        title: "CVE-2023-45853 - zlib",
        status: "OPEN",
        firstSeenAt: new Date(now.getTime() - 3 * DAY_MS),
        resolvedAt: null,
      },
    ]);
    const rollup = await db().findingDayCount.findMany({
      where: { customerId },
      select: { day: true, opened: true, resolved: true },
      orderBy: { day: "asc" },
    });
    expect(rollup.filter((row) => row.opened > 0 || row.resolved > 0)).toEqual([
      { day: dayOf(3), opened: 2, resolved: 0 },
      { day: dayOf(2), opened: 0, resolved: 1 },
    ]);

    for (const daysAgo of [3, 2, 1]) {
      const snapshots = await db().scoreSnapshot.findMany({
        where: { day: dayOf(daysAgo), kind: "DAILY", OR: [{ customerId }, { scope: "PORTFOLIO" }] },
        select: { scope: true, awsAccountId: true, takenAt: true, score: true },
      });
      expect(snapshots.map((row) => row.scope).sort(), `${daysAgo} days ago`).toEqual([
        "ACCOUNT",
        "CUSTOMER",
        "PORTFOLIO",
      ]);
      expect(snapshots.find((row) => row.scope === "ACCOUNT")?.awsAccountId).toBe(accountId);
      const results = await db().controlResult.findMany({
        where: { awsAccountId: accountId, evaluatedAt: new Date(now.getTime() - daysAgo * DAY_MS) },
        select: { isCurrent: true, syncRunId: true },
      });
      expect(results).toHaveLength(59);
      expect(results.every((row) => !row.isCurrent && row.syncRunId === null)).toBe(true);
    }

    const statusOn = async (controlId: string, daysAgo: number) =>
      (
        await db().controlResult.findFirstOrThrow({
          where: { awsAccountId: accountId, controlId, evaluatedAt: new Date(now.getTime() - daysAgo * DAY_MS) },
        })
      ).status;
    expect(await statusOn("NET-1", 3)).toBe("FAIL");
    expect(await statusOn("NET-1", 2)).toBe("PASS");
    expect(await statusOn("NET-1", 1)).toBe("PASS");
    expect(await statusOn("ROOT-6", 2)).toBe("FAIL");
    expect(await statusOn("ROOT-6", 1)).toBe("PASS");

    const score = async (daysAgo: number) =>
      (
        await db().scoreSnapshot.findFirstOrThrow({
          where: { customerId, scope: "CUSTOMER", kind: "DAILY", day: dayOf(daysAgo) },
        })
      ).score!;
    expect(await score(3)).toBeLessThan(await score(2));
    expect(await score(2)).toBeLessThan(await score(1));
    // Yesterday replayed equals today's live score: same estate, same records (ROOT-6 attested in both).
    expect(await score(1)).toBeCloseTo(await score(0), 6);
  });

  it("skips the days it already wrote, so a restart resumes instead of doubling history", async () => {
    const count = () =>
      Promise.all([
        db().controlResult.count({ where: { customerId, isCurrent: false } }),
        db().finding.findMany({ where: { customerId }, orderBy: { id: "asc" } }),
      ]);
    const before = await count();
    const result = await replayDemoHistory({
      client: db(),
      simulator,
      days: 3,
      now,
      timeline,
      accountNumbers: [STAGING],
    });
    expect(result).toMatchObject({ customerDays: 0, skippedCustomerDays: 3, collections: 0, findingsResolved: 0 });
    expect(await count()).toEqual(before);
  });
});
