import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import { DEMO_UNREQUESTED_CHANGE_ACCOUNTS } from "@/simulator/estates/demo/timeline";
import type { SimulatorHandle } from "@/simulator/server";
import { startSimulatorForAws } from "@/test/support/simulator-harness";
import { DAY_MS } from "../dates";
import { replayDemoChanges } from "./replay-changes";

// Meridian's dev drift 21 days ago (the real demo timeline) replayed through the real collectors over
// HTTP to the simulator: the changes nobody requested are stored dated that day with their alerts, the
// simulator is left as it was, and a rerun adds nothing.

const MERIDIAN_DEV = "271828182846";
const ESTATE = path.resolve(__dirname, "../../simulator/estates/demo/meridian-dev.yaml");

let simulator: SimulatorHandle;
let accountId: string;
const now = new Date();

beforeAll(async () => {
  simulator = await startSimulatorForAws({ estates: ESTATE });
  simulator.setClock(now, { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "2";
  const customer = await createCustomer(db(), { externalId: "meridian-5f8a3c2e91" });
  accountId = (
    await createAwsAccount(db(), customer.id, {
      accountNumber: MERIDIAN_DEV,
      alias: "meridian-dev",
      roleArn: `arn:aws:iam::${MERIDIAN_DEV}:role/RampartAudit`,
      regions: ["us-east-1"],
    })
  ).id;
});

afterAll(async () => {
  await simulator?.close();
});

describe("the demo's changes nobody requested", () => {
  it("replays Meridian's dev drift as detected changes with alerts, once", async () => {
    expect(DEMO_UNREQUESTED_CHANGE_ACCOUNTS).toContain(MERIDIAN_DEV);
    const rawBefore = JSON.stringify(simulator.estate(MERIDIAN_DEV)?.raw);
    const result = await replayDemoChanges({ client: db(), simulator, accountNumbers: [MERIDIAN_DEV], days: 90, now });
    expect(result.detected).toBe(2);

    const changes = await db().detectedChange.findMany({
      where: { awsAccountId: accountId },
      orderBy: { kind: "asc" },
      select: { kind: true, resourceId: true, controlId: true, firstSeenAt: true, previousSeenAt: true, after: true },
    });
    expect(changes.map((change) => [change.kind, change.resourceId, change.controlId])).toEqual([
      ["rds-public-access", "meridian-ehr-dev", "NET-6"],
      ["security-group-rule", "sg-0e1d0b0000000102", "NET-1"],
    ]);
    for (const change of changes) {
      expect(change.firstSeenAt).toEqual(new Date(now.getTime() - 21 * DAY_MS));
      expect(change.previousSeenAt).toEqual(new Date(now.getTime() - 22 * DAY_MS));
    }
    expect(JSON.stringify(changes[1]?.after)).toContain("ingress tcp 3389 from 0.0.0.0/0");

    const alerts = await db().alert.findMany({
      where: { awsAccountId: accountId, source: "CHANGE" },
      select: { severity: true, status: true, title: true },
      orderBy: { severity: "asc" },
    });
    expect(alerts.map((alert) => [alert.severity, alert.status])).toEqual([
      ["CRITICAL", "NEW"],
      ["HIGH", "NEW"],
    ]);
    expect(alerts[0]?.title).toMatch(/^Change without an approved change request in meridian-dev/);

    // The simulator serves today's estate at today's clock again.
    expect(JSON.stringify(simulator.estate(MERIDIAN_DEV)?.raw)).toBe(rawBefore);
    expect(simulator.now()).toEqual(now);

    expect(
      (await replayDemoChanges({ client: db(), simulator, accountNumbers: [MERIDIAN_DEV], days: 90, now })).detected,
    ).toBe(0);
    expect(await db().detectedChange.count({ where: { awsAccountId: accountId } })).toBe(2);
  });
});
