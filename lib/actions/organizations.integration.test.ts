import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";

// Organizations end to end through the real parts: SDK clients over HTTP to the simulator, the sync
// pipeline, the rules, the alert sources and the action client on PostgreSQL. Only the session is stubbed.

const { addOrganizationAccountsAction } = await import("./organizations");
const { defaultSyncDependencies } = await import("@/lib/collectors/default-dependencies");
const { syncAccount } = await import("@/lib/collectors/sync-account");
const { requestSync } = await import("@/lib/collectors/sync-run");
const { listCustomerOrganizations } = await import("@/lib/queries/organizations");

const MANAGEMENT = "111111111111";
const MEMBER = "210987654321";
const NEWCOMER = "210987654325";
const ORGANIZATION = {
  id: "o-abcdefghij",
  managementAccountId: MANAGEMENT,
  managementAccountEmail: "aws@bluefin.example",
};

function managementEstate(guardrailsOnWorkloads: boolean, withNewcomer: boolean) {
  return fullEstate(MANAGEMENT, {
    organization: {
      ...ORGANIZATION,
      policies: [{ id: "p-guardrails01", name: "guardrails", document: { Version: "2012-10-17", Statement: [] } }],
      root: {
        id: "r-ab12",
        accounts: [{ id: MANAGEMENT, name: "management", email: "aws@bluefin.example" }],
        organizationalUnits: [
          {
            id: "ou-ab12-workload1",
            name: "Workloads",
            policies: guardrailsOnWorkloads ? ["p-FullAWSAccess", "p-guardrails01"] : ["p-FullAWSAccess"],
            accounts: [
              { id: MEMBER, name: "prod", email: "prod@bluefin.example" },
              ...(withNewcomer
                ? [{ id: NEWCOMER, name: "Data Lake", email: "data@bluefin.example", joined: "-2d" }]
                : []),
            ],
          },
        ],
      },
    },
  });
}

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulatorForAws([
    managementEstate(true, true),
    fullEstate(MEMBER, { organization: ORGANIZATION }),
    fullEstate(NEWCOMER, { organization: ORGANIZATION }),
  ]);
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "3";
});

afterAll(async () => {
  await simulator?.close();
});

async function sync(awsAccountId: string) {
  const { runId } = await requestSync(db(), { awsAccountId, trigger: "CLI" });
  return syncAccount(db(), runId, defaultSyncDependencies());
}

async function gov3(awsAccountId: string) {
  return db().controlResult.findFirstOrThrow({
    where: { awsAccountId, controlId: "GOV-3", isCurrent: true },
    select: { status: true, reason: true },
  });
}

async function organizationAlerts(customerId: string) {
  return db().alert.findMany({
    where: { customerId, source: "ORGANIZATION" },
    select: { status: true, resource: true, title: true },
  });
}

let customerId: string;
let managementId: string;
let memberId: string;

beforeEach(async () => {
  testSession.actor = null;
  await db().awsAccount.deleteMany({ where: { accountNumber: { in: [MANAGEMENT, MEMBER, NEWCOMER] } } });
  await db().user.deleteMany({ where: { customer: { externalId: AUDIT_EXTERNAL_ID } } });
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
  simulator.putEstate(managementEstate(true, true));
  const customer = await createCustomer(db(), { externalId: AUDIT_EXTERNAL_ID });
  customerId = customer.id;
  memberId = (
    await createAwsAccount(db(), customerId, {
      accountNumber: MEMBER,
      roleArn: auditRoleArn(MEMBER),
      regions: ["eu-west-1"],
    })
  ).id;
  managementId = (
    await createAwsAccount(db(), customerId, {
      accountNumber: MANAGEMENT,
      roleArn: auditRoleArn(MANAGEMENT),
      regions: ["eu-west-1"],
    })
  ).id;
});

describe("GOV-3 with the management account connected", () => {
  it("is decided from the SCPs along the member's OU path once the management account is synced", async () => {
    await sync(memberId);
    expect((await gov3(memberId)).reason).toContain("SCPs were not checked");
    await sync(managementId);
    // The member is re-evaluated at once from the management account's tree.
    expect(await gov3(memberId)).toEqual({
      status: "PASS",
      reason: expect.stringContaining("along Root / Workloads it is governed by guardrails (on Workloads)"),
    });
    expect((await gov3(managementId)).status).toBe("NOT_APPLICABLE");

    simulator.putEstate(managementEstate(false, true));
    await sync(managementId);
    await sync(memberId);
    expect(await gov3(memberId)).toEqual({
      status: "FAIL",
      reason: expect.stringContaining("No SCP other than FullAWSAccess applies to this account along Root / Workloads"),
    });
    // Four full syncs: minutes on a busy 2-core machine.
  }, 240_000);
});

// Per-call evidence (issue 12 item 1): the management account's tree read in part is not a tree. Its
// members' GOV-3 names the failed call, the not-monitored alerts neither clear nor open, and the
// settings page offers no members from it.
describe("the management account's tree read in part", () => {
  it("names the failed call in the members' GOV-3, keeps the alerts, and offers no members", async () => {
    await sync(managementId);
    expect((await organizationAlerts(customerId)).map((alert) => alert.status)).toEqual(["NEW"]);
    simulator.setFaults([
      { kind: "serverError", status: 503, service: "organizations", operation: "ListAccounts", accountId: MANAGEMENT },
    ]);
    try {
      expect((await sync(managementId)).status).toBe("PARTIAL");
      await sync(memberId);
    } finally {
      simulator.clearFaults();
    }
    expect(await gov3(memberId)).toEqual({
      status: "UNKNOWN",
      reason: expect.stringMatching(
        new RegExp(
          `^The organization's SCPs could not be read from account ${MANAGEMENT}: .*organizations:ListAccounts`,
        ),
      ),
    });
    expect((await organizationAlerts(customerId)).map((alert) => alert.status)).toEqual(["NEW"]);
    const admin = await actorOf(await createUser(db(), { role: "ADMIN" }));
    expect(await listCustomerOrganizations(admin, customerId)).toEqual([]);
  }, 240_000);
});

describe("account in the organization not monitored", () => {
  it("raises an alert for a member Rampart does not monitor, and resolves it when the member leaves", async () => {
    await sync(managementId);
    expect(await organizationAlerts(customerId)).toEqual([
      {
        status: "NEW",
        resource: NEWCOMER,
        title: `Account in the organization not monitored: Data Lake (${NEWCOMER})`,
      },
    ]);
    simulator.putEstate(managementEstate(true, false));
    await sync(managementId);
    expect((await organizationAlerts(customerId)).map((alert) => alert.status)).toEqual(["RESOLVED"]);
  });

  it("an admin adds the member in one step: account created, audited, alert resolved, then synced", async () => {
    await sync(managementId);
    const admin = await actorOf(await createUser(db(), { role: "ADMIN" }));
    testSession.actor = admin;
    const [organization] = await listCustomerOrganizations(admin, customerId);
    expect(organization?.members.find((member) => member.accountId === NEWCOMER)).toMatchObject({
      path: "Root / Workloads",
      status: "ACTIVE",
      connected: false,
    });
    expect(organization?.members.find((member) => member.accountId === MEMBER)?.connected).toBe(true);
    expect(organization?.suggestedRegions).toEqual(["eu-west-1"]);

    const result = await addOrganizationAccountsAction({
      customerId,
      readerAccountId: managementId,
      accountNumbers: [NEWCOMER],
      regions: ["eu-west-1"],
    });
    expect(result?.serverError).toBeUndefined();
    expect(result?.data?.added).toEqual([expect.objectContaining({ alias: "data-lake", accountNumber: NEWCOMER })]);
    const added = await db().awsAccount.findUniqueOrThrow({ where: { accountNumber: NEWCOMER } });
    expect(added).toMatchObject({
      customerId,
      roleArn: `arn:aws:iam::${NEWCOMER}:role/RampartAudit`,
      regions: ["eu-west-1"],
    });
    expect(
      await db().auditLog.count({
        where: { action: "aws_account.created", targetId: added.id, actorId: admin.userId },
      }),
    ).toBe(1);
    expect((await organizationAlerts(customerId)).map((alert) => alert.status)).toEqual(["RESOLVED"]);

    const outcome = await sync(added.id);
    expect(outcome.status).toBe("SUCCEEDED");
    expect((await gov3(added.id)).status).toBe("PASS");
  });

  it("refuses, with nothing written, an account outside the organization or already connected", async () => {
    await sync(managementId);
    testSession.actor = await actorOf(await createUser(db(), { role: "ADMIN" }));
    const before = await db().awsAccount.count();
    const result = await addOrganizationAccountsAction({
      customerId,
      readerAccountId: managementId,
      accountNumbers: [NEWCOMER, "999999999990", MEMBER],
      regions: ["eu-west-1"],
    });
    expect(result?.validationErrors?.fieldErrors?.accountNumbers?.[0] ?? result?.serverError).toMatch(
      /Nothing was added: 999999999990 is not in organization o-abcdefghij; 210987654321 is already connected/,
    );
    expect(await db().awsAccount.count()).toBe(before);
  });

  it("refuses a region that does not exist at its field", async () => {
    await sync(managementId);
    testSession.actor = await actorOf(await createUser(db(), { role: "ADMIN" }));
    const result = await addOrganizationAccountsAction({
      customerId,
      readerAccountId: managementId,
      accountNumbers: [NEWCOMER],
      regions: ["eu-west-9"],
    });
    expect(result?.validationErrors?.fieldErrors?.regions).toEqual([
      '"eu-west-9" is not an AWS region. Expected region codes such as us-east-1 or eu-west-1 (one of 34 regions of the AWS commercial partition).',
    ]);
  });

  it.each(["CUSTOMER_VIEWER", "CUSTOMER_REVIEWER", "MANAGER", "CONSULTANT"] as const)(
    "refuses a %s, with nothing written",
    async (role) => {
      await sync(managementId);
      const customerUser = role.startsWith("CUSTOMER_");
      testSession.actor = await actorOf(
        await createUser(db(), {
          role,
          ...(customerUser ? { customerId } : { allCustomers: false, assignedCustomerIds: [customerId] }),
        }),
      );
      const result = await addOrganizationAccountsAction({
        customerId,
        readerAccountId: managementId,
        accountNumbers: [NEWCOMER],
        regions: ["eu-west-1"],
      });
      expect(result?.data).toBeUndefined();
      expect(result?.serverError).toBeTruthy();
      expect(await db().awsAccount.count({ where: { accountNumber: NEWCOMER } })).toBe(0);
    },
  );
});
