import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { newExternalId } from "@/lib/customers/identifiers";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { testSession } from "@/test/setup/test-session";
import { auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";

// Connection tests and ExternalId rotation through the action client: real zod, policy, PostgreSQL and
// the simulator over HTTP with real SDK clients. Only the session is stubbed.

const { testAccountConnectionAction, rotateExternalIdAction, adoptExistingExternalIdAction } = await import(
  "./connection-tests"
);
const { createAwsAccountAction } = await import("./customers");
const { loadActor } = await import("@/lib/auth/load-actor");
const { listCustomerSettings } = await import("@/lib/queries/settings");

let simulator: SimulatorHandle;
let nextAccount = 320_000_000_000 + Math.floor(Math.random() * 1_000_000) * 100;

/** A fresh simulator account whose audit role trusts `externalId` (and denies `deniedActions`). */
function estate(externalId: string, deniedActions: string[] = []): string {
  nextAccount += 1;
  const accountId = String(nextAccount);
  simulator.putEstate(
    fullEstate(accountId, { regions: ["us-east-1"], auditRole: trustingRole(externalId, deniedActions) }),
  );
  return accountId;
}

const trustingRole = (externalId: string, deniedActions: string[] = []) => ({
  name: "RampartAudit",
  trustedPrincipals: ["arn:aws:iam::999999999999:user/rampart-collector"],
  externalId,
  deniedActions,
});

async function actorFor(role: Actor["role"], extra: { customerId?: string; allCustomers?: boolean } = {}) {
  const user = await createUser(db(), { role, ...extra });
  const actor = await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion });
  if (!actor) throw new Error("no actor");
  return actor;
}

beforeAll(async () => {
  simulator = await startSimulatorForAws([fullEstate("319999999999")]);
});
afterAll(async () => {
  await simulator?.close();
});
beforeEach(() => {
  testSession.actor = null;
});

describe("testAccountConnectionAction", () => {
  it("tests, records and audits the connection, and Settings shows the last result with its time", async () => {
    const externalId = newExternalId();
    const customer = await createCustomer(db(), { externalId });
    const account = await createAwsAccount(db(), customer.id, { accountNumber: estate(externalId) });
    const admin = await actorFor("ADMIN");
    testSession.actor = admin;

    const result = await testAccountConnectionAction({ awsAccountId: account.id });
    expect(result.serverError).toBeUndefined();
    expect(result.data?.outcome).toBe("PASSED");
    expect(result.data?.checks.every((check) => check.status === "OK")).toBe(true);

    const stored = await db().connectionTest.findMany({ where: { awsAccountId: account.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ outcome: "PASSED", testedById: admin.userId });
    const audit = await db().auditLog.findMany({
      where: { targetId: account.id, action: "aws_account.connection_tested" },
    });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify([stored, audit, result])).not.toContain(externalId);

    const settings = (await listCustomerSettings(admin)).find((entry) => entry.id === customer.id);
    expect(settings?.accounts[0]?.lastConnectionTest).toMatchObject({
      outcome: "PASSED",
      testedAt: stored[0].testedAt.toISOString(),
    });
  });

  it("lets consultants test and refuses managers, customer users, and anyone out of scope (404)", async () => {
    const externalId = newExternalId();
    const customer = await createCustomer(db(), { externalId });
    const account = await createAwsAccount(db(), customer.id, { accountNumber: estate(externalId, ["backup:*"]) });
    const other = await createCustomer(db());

    testSession.actor = await actorFor("CONSULTANT", { allCustomers: true });
    const byConsultant = await testAccountConnectionAction({ awsAccountId: account.id });
    expect(byConsultant.data?.outcome).toBe("WARNINGS");
    expect(byConsultant.data?.checks.find((check) => check.status === "DENIED")).toMatchObject({
      iamAction: "backup:ListBackupPlans",
    });

    for (const [actor, message] of [
      [await actorFor("MANAGER"), "You do not have permission to do that."],
      [await actorFor("CUSTOMER_VIEWER", { customerId: customer.id }), "You do not have permission to do that."],
      [await actorFor("CUSTOMER_REVIEWER", { customerId: customer.id }), "You do not have permission to do that."],
      [await actorFor("CUSTOMER_VIEWER", { customerId: other.id }), "You do not have permission to do that."],
      [await actorFor("CONSULTANT", { allCustomers: false }), "Not found"],
    ] as const) {
      testSession.actor = actor;
      const refused = await testAccountConnectionAction({ awsAccountId: account.id });
      expect(refused.data, actor.role).toBeUndefined();
      expect(refused.serverError, actor.role).toBe(message);
    }
    expect(await db().connectionTest.count({ where: { awsAccountId: account.id } })).toBe(1);
  });
});

describe("ExternalId rotation", () => {
  it("keeps the old ExternalId in use until the new one passes in every account, then promotes it", async () => {
    const externalId = newExternalId();
    const customer = await createCustomer(db(), { externalId });
    const first = await createAwsAccount(db(), customer.id, { accountNumber: estate(externalId) });
    const second = await createAwsAccount(db(), customer.id, { accountNumber: estate(externalId) });
    const admin = await actorFor("ADMIN");
    testSession.actor = admin;

    const rotated = await rotateExternalIdAction({ customerId: customer.id });
    expect(rotated.data).toEqual({ promoted: false, warnings: [] });
    const pending = (await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).pendingExternalId;
    expect(pending).toMatch(/^rampart-[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(rotated)).not.toContain(pending);
    const settings = (await listCustomerSettings(admin)).find((entry) => entry.id === customer.id);
    expect(settings?.pendingExternalId).toBe(pending);

    // The roles still trust only the old id: the test falls back to it and says so; nothing changes.
    const beforeUpdate = await testAccountConnectionAction({ awsAccountId: first.id });
    expect(beforeUpdate.data).toMatchObject({ outcome: "WARNINGS", promoted: false });
    expect(beforeUpdate.data?.checks[0]).toMatchObject({ id: "assume-role", status: "DENIED" });
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).externalId).toBe(externalId);

    // The first account's role now trusts the new id: accepted, but the second has not passed yet.
    simulator.patchEstate(first.accountNumber, { auditRole: { externalId: pending } });
    const firstPassed = await testAccountConnectionAction({ awsAccountId: first.id });
    expect(firstPassed.data).toMatchObject({ outcome: "PASSED", promoted: false });
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).externalId).toBe(externalId);
    // Syncs use the current (old) id meanwhile: the second account still works with it.
    const secondStillOld = await testAccountConnectionAction({ awsAccountId: second.id });
    expect(secondStillOld.data?.checks[0]).toMatchObject({ status: "DENIED" });
    expect(secondStillOld.data?.checks.slice(1).every((check) => check.status === "OK")).toBe(true);

    simulator.patchEstate(second.accountNumber, { auditRole: { externalId: pending } });
    const secondPassed = await testAccountConnectionAction({ awsAccountId: second.id });
    expect(secondPassed.data).toMatchObject({ outcome: "PASSED", promoted: true });
    const after = await db().customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after).toMatchObject({ externalId: pending, pendingExternalId: null, pendingExternalIdSetAt: null });
    const promotions = await db().auditLog.findMany({
      where: { customerId: customer.id, action: "customer.external_id_promoted" },
    });
    expect(promotions).toHaveLength(1);
    const everyAuditRow = JSON.stringify(await db().auditLog.findMany({ where: { customerId: customer.id } }));
    expect(everyAuditRow).not.toContain(pending);
    expect(everyAuditRow).not.toContain(externalId);
  });

  it("takes an existing ExternalId once: validated, warned when weak, unique to the customer", async () => {
    const customer = await createCustomer(db());
    const other = await createCustomer(db(), { externalId: "someone-elses-external-id-0123456789" });
    testSession.actor = await actorFor("ADMIN");

    const invalid = await adoptExistingExternalIdAction({ customerId: customer.id, externalId: "has spaces!" });
    expect(invalid.validationErrors?.fieldErrors?.externalId?.[0]).toContain("2 to 1224 characters");

    const taken = await adoptExistingExternalIdAction({ customerId: customer.id, externalId: other.externalId });
    expect(taken.serverError).toContain("Another customer already uses this ExternalId");

    const weak = await adoptExistingExternalIdAction({ customerId: customer.id, externalId: "acme-1234" });
    expect(weak.data?.promoted).toBe(true);
    expect(weak.data?.warnings.join(" ")).toMatch(/short/);
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).externalId).toBe("acme-1234");
    const audit = await db().auditLog.findMany({ where: { customerId: customer.id } });
    expect(audit.map((row) => row.action).sort()).toEqual([
      "customer.external_id_promoted",
      "customer.external_id_rotation_started",
    ]);
    expect(JSON.stringify(audit)).not.toContain("acme-1234");
  });

  it("refuses rotation to consultants, managers and customer users", async () => {
    const customer = await createCustomer(db());
    for (const actor of [
      await actorFor("CONSULTANT", { allCustomers: true }),
      await actorFor("MANAGER"),
      await actorFor("CUSTOMER_VIEWER", { customerId: customer.id }),
    ]) {
      testSession.actor = actor;
      expect((await rotateExternalIdAction({ customerId: customer.id })).serverError).toBe(
        "You do not have permission to do that.",
      );
      expect(
        (await adoptExistingExternalIdAction({ customerId: customer.id, externalId: "another-id-0123456789abcdef" }))
          .serverError,
      ).toBe("You do not have permission to do that.");
    }
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).pendingExternalId).toBeNull();
  });
});

describe("createAwsAccountAction tests the connection before saving", () => {
  it("refuses an account whose role cannot be assumed, with the checklist, and writes no account", async () => {
    const customer = await createCustomer(db());
    const accountNumber = estate(newExternalId());
    testSession.actor = await actorFor("ADMIN");
    const result = await createAwsAccountAction({
      customerId: customer.id,
      accountNumber,
      alias: "prod",
      roleArn: auditRoleArn(accountNumber),
      regions: "us-east-1",
      environment: "PRODUCTION",
    });
    expect(result.data?.saved).toBe(false);
    expect(result.data?.test.checks).toEqual([expect.objectContaining({ id: "assume-role", status: "DENIED" })]);
    expect(await db().awsAccount.count({ where: { accountNumber } })).toBe(0);
  });

  it("saves an account with missing permissions, warns, and records the test", async () => {
    const externalId = newExternalId();
    const customer = await createCustomer(db(), { externalId });
    const accountNumber = estate(externalId, ["backup:*"]);
    testSession.actor = await actorFor("ADMIN");
    const result = await createAwsAccountAction({
      customerId: customer.id,
      accountNumber,
      alias: "prod",
      roleArn: auditRoleArn(accountNumber),
      regions: "us-east-1",
      environment: "PRODUCTION",
    });
    expect(result.data?.saved).toBe(true);
    expect(result.data?.test.outcome).toBe("WARNINGS");
    const account = await db().awsAccount.findUniqueOrThrow({ where: { accountNumber } });
    expect(await db().connectionTest.count({ where: { awsAccountId: account.id, outcome: "WARNINGS" } })).toBe(1);
    expect(
      (await db().auditLog.findMany({ where: { customerId: customer.id } })).map((row) => row.action).sort(),
    ).toEqual(["aws_account.connection_tested", "aws_account.created"]);
  });
});
