import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { raiseSignals } from "@/lib/alerts/raise-alerts";
import { defaultSyncDependencies } from "@/lib/collectors/default-dependencies";
import { syncAccount } from "@/lib/collectors/sync-account";
import { requestSync } from "@/lib/collectors/sync-run";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";
import { detectAndMatchChanges } from "./detect-and-match";

// The whole loop on the real parts: sync an estate (the baseline), change it in the simulator, sync
// again → the change is detected with before and after and, without an approved change request
// covering it, raises "change without an approved change request"; with one, it is matched and
// nothing is raised; a request approved afterwards resolves the alert at the next evaluation.

let simulator: SimulatorHandle;
const ACCOUNT = "410987650015";

type Group = { id: string; ingress: unknown[] } & Record<string, unknown>;
type User = { name: string } & Record<string, unknown>;

/** The full estate with RDP on sg-0e1 open from `rdpFrom`, plus the extra IAM users given. */
function estate(rdpFrom: string, extraUsers: string[] = []) {
  const document = fullEstate(ACCOUNT) as {
    ec2: { securityGroups: Group[] };
    iam: { users: User[] };
  } & Record<string, unknown>;
  document.ec2.securityGroups = document.ec2.securityGroups.map((group) =>
    group.id === "sg-0e1"
      ? { ...group, ingress: [{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrs: [rdpFrom] }] }
      : group,
  );
  document.iam.users = [
    ...document.iam.users,
    ...extraUsers.map((name) => ({ name, createdAt: "-1d", password: { lastUsed: null }, mfa: "virtual" })),
  ];
  return document;
}

beforeAll(async () => {
  simulator = await startSimulatorForAws([estate("10.0.0.0/8")]);
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "2";
});

afterAll(async () => {
  await simulator.close();
});

let customerId: string;
let accountId: string;

beforeEach(async () => {
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
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

async function syncEstate(document: unknown) {
  simulator.putEstate(document);
  const { runId } = await requestSync(db(), { awsAccountId: accountId, trigger: "CLI" });
  const outcome = await syncAccount(db(), runId, defaultSyncDependencies());
  expect(outcome.status).not.toBe("FAILED");
  return runId;
}

async function detectedChanges() {
  return db().detectedChange.findMany({
    where: { awsAccountId: accountId },
    orderBy: [{ kind: "asc" }, { resourceId: "asc" }],
    select: {
      id: true,
      kind: true,
      resourceKind: true,
      resourceId: true,
      region: true,
      action: true,
      before: true,
      after: true,
      controlId: true,
      firstSeenAt: true,
      previousSeenAt: true,
      changeRequestId: true,
    },
  });
}

async function changeAlerts() {
  return db().alert.findMany({
    where: { awsAccountId: accountId, source: "CHANGE" },
    select: { status: true, severity: true, rule: true, title: true, resource: true },
    orderBy: { rule: "asc" },
  });
}

let requestNumber = 0;
async function insertChangeRequest(input: {
  status: "APPROVED" | "DRAFT";
  windowStart: Date;
  windowEnd: Date;
  component: { region?: string; resourceKind?: string; resourceId?: string };
}) {
  requestNumber += 1;
  return db().changeRequest.create({
    data: {
      customerId,
      number: requestNumber,
      title: "Open RDP for the vendor",
      description: "The vendor needs RDP to the build agent",
      justification: "Vendor support contract",
      preliminaryImpact: "Exposes RDP",
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      windowTimeZone: "Europe/Madrid",
      responsibleRole: "Consultant",
      responsibleName: "Carla",
      status: input.status,
      rollbackPlan: "Remove the rule",
      components: { create: [{ awsAccountId: accountId, ...input.component }] },
    },
  });
}

describe("changes nobody requested, after each sync", () => {
  it("a first collection is the baseline; a change without a request is detected once and alerted", async () => {
    await syncEstate(estate("10.0.0.0/8"));
    expect(await detectedChanges()).toEqual([]);

    const runId = await syncEstate(estate("0.0.0.0/0", ["vendor"]));
    const changes = await detectedChanges();
    expect(changes.map((change) => [change.kind, change.resourceId, change.action, change.controlId])).toEqual([
      ["iam-user", "vendor", "ADDED", "IAM-12"],
      ["security-group-rule", "sg-0e1", "MODIFIED", "NET-1"],
    ]);
    const rdp = changes[1]!;
    expect(rdp).toMatchObject({
      region: "eu-west-1",
      resourceKind: "security-group",
      before: { rules: ["ingress tcp 3389 from 10.0.0.0/8"] },
      after: { rules: ["ingress tcp 3389 from 0.0.0.0/0"] },
      changeRequestId: null,
    });
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: runId }, select: { asOf: true } });
    expect(rdp.firstSeenAt).toEqual(run.asOf);
    expect(rdp.previousSeenAt!.getTime()).toBeLessThan(rdp.firstSeenAt.getTime());

    const alerts = await changeAlerts();
    expect(alerts.map((alert) => [alert.rule, alert.severity, alert.status])).toEqual([
      ["IAM-12", "HIGH", "NEW"],
      ["NET-1", "CRITICAL", "NEW"],
    ]);
    expect(alerts[1]?.title).toContain("Change without an approved change request");

    // Re-running the same evaluation and syncing the unchanged estate add nothing.
    await detectAndMatchChanges(db(), { awsAccountId: accountId, syncRunId: runId, now: new Date() }, { raiseSignals });
    await syncEstate(estate("0.0.0.0/0", ["vendor"]));
    expect(await detectedChanges()).toHaveLength(2);
    expect(await changeAlerts()).toHaveLength(2);
  });

  it("a change covered by an approved request (window and component) raises nothing", async () => {
    await syncEstate(estate("10.0.0.0/8"));
    const request = await insertChangeRequest({
      status: "APPROVED",
      windowStart: new Date(Date.now() - 60_000),
      windowEnd: new Date(Date.now() + 3_600_000),
      component: { region: "eu-west-1", resourceKind: "security-group", resourceId: "sg-0e1" },
    });
    await syncEstate(estate("0.0.0.0/0"));
    const changes = await detectedChanges();
    expect(changes.map((change) => [change.resourceId, change.changeRequestId])).toEqual([["sg-0e1", request.id]]);
    expect(await changeAlerts()).toEqual([]);
  });

  it("a draft, or a request for another resource, does not cover it; an approval afterwards resolves the alert", async () => {
    await syncEstate(estate("10.0.0.0/8"));
    const window = { windowStart: new Date(Date.now() - 60_000), windowEnd: new Date(Date.now() + 3_600_000) };
    await insertChangeRequest({ status: "DRAFT", ...window, component: { resourceId: "sg-0e1" } });
    await insertChangeRequest({
      status: "APPROVED",
      ...window,
      component: { resourceKind: "security-group", resourceId: "sg-0d1" },
    });
    const runId = await syncEstate(estate("0.0.0.0/0"));
    expect((await detectedChanges())[0]?.changeRequestId).toBeNull();
    expect((await changeAlerts()).map((alert) => alert.status)).toEqual(["NEW"]);

    const approved = await insertChangeRequest({ status: "APPROVED", ...window, component: {} });
    await detectAndMatchChanges(db(), { awsAccountId: accountId, syncRunId: runId, now: new Date() }, { raiseSignals });
    expect((await detectedChanges())[0]?.changeRequestId).toBe(approved.id);
    expect((await changeAlerts()).map((alert) => alert.status)).toEqual(["RESOLVED"]);
  });
});
