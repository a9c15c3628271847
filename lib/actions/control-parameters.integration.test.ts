import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import type { SimulatorHandle } from "@/simulator/server";
import { testSession } from "@/test/setup/test-session";
import { AUDIT_EXTERNAL_ID, auditRoleArn, fullEstate, startSimulatorForAws } from "@/test/support/simulator-harness";

// A customer's control parameters through the real action client, PostgreSQL and a synced estate (only the
// session and Next's cache are stubbed): setting one parameter keeps every other setting (issue 12 item 7:
// ROOT-5 once passed any contact after a parameter was set), bad input is refused at its field with
// nothing written, the change is audit-logged, and the customer's accounts are judged again at once.

const { updateControlParametersAction } = await import("./control-parameters");
const { loadActor } = await import("@/lib/auth/load-actor");
const { defaultSyncDependencies } = await import("@/lib/collectors/default-dependencies");
const { syncAccount } = await import("@/lib/collectors/sync-account");
const { requestSync } = await import("@/lib/collectors/sync-run");
const { stopQueueSender } = await import("@/lib/jobs/queue");

const ACCOUNT = "510987654329";
let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulatorForAws([fullEstate(ACCOUNT)]);
  simulator.setClock(new Date(), { frozen: true });
  process.env.AWS_MAX_ATTEMPTS = "2";
});

afterAll(async () => {
  await stopQueueSender();
  await simulator.close();
});

beforeEach(() => {
  testSession.actor = null;
});

async function signIn(role: "ADMIN" | "CONSULTANT", customerId?: string): Promise<Actor> {
  const user = await createUser(db(), { role, ...(customerId ? { assignedCustomerIds: [customerId] } : {}) });
  const actor = await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion });
  if (!actor) throw new Error("test user has no actor");
  testSession.actor = actor;
  return actor;
}

/** A customer whose corporate domain is not the estate's (security@bluefin.example): ROOT-5 fails. */
async function syncedCustomer() {
  await db().customer.deleteMany({ where: { externalId: AUDIT_EXTERNAL_ID } });
  const customer = await createCustomer(db(), {
    externalId: AUDIT_EXTERNAL_ID,
    settings: { emailDomains: ["corp.example"], alertSla: { critical: 8 } },
  });
  const account = await createAwsAccount(db(), customer.id, {
    accountNumber: ACCOUNT,
    roleArn: auditRoleArn(ACCOUNT),
    regions: ["us-east-1", "eu-west-1"],
  });
  const { runId } = await requestSync(db(), { awsAccountId: account.id, trigger: "CLI" });
  await syncAccount(db(), runId, defaultSyncDependencies());
  return { customer, account };
}

async function resultOf(awsAccountId: string, controlId: string) {
  return db().controlResult.findFirstOrThrow({
    where: { awsAccountId, controlId, isCurrent: true },
    select: { status: true, reason: true },
  });
}

const fieldError = (
  result: { validationErrors?: { fieldErrors?: Record<string, string[] | undefined> } },
  field: string,
) => result.validationErrors?.fieldErrors?.[field]?.[0];

describe("control parameters", () => {
  it("keep the corporate e-mail domains when another parameter is set, so ROOT-5 still fails a non-corporate contact", async () => {
    const { customer, account } = await syncedCustomer();
    expect((await resultOf(account.id, "ROOT-5")).status).toBe("FAIL");
    expect((await resultOf(account.id, "IAM-1")).status).toBe("PASS");
    await signIn("ADMIN");

    const saved = await updateControlParametersAction({ customerId: customer.id, minimumPasswordLength: "16" });
    expect(saved.serverError).toBeUndefined();
    expect(saved.data).toMatchObject({ changed: ["minimumPasswordLength"], reevaluatedAccounts: 1 });

    const stored = await db().customer.findUniqueOrThrow({ where: { id: customer.id }, select: { settings: true } });
    expect(stored.settings).toEqual({
      emailDomains: ["corp.example"],
      alertSla: { critical: 8 },
      controlParams: { minimumPasswordLength: 16 },
    });
    // Judged again at once: the estate's 14-character policy now fails, and ROOT-5 still fails.
    expect((await resultOf(account.id, "IAM-1")).status).toBe("FAIL");
    expect(await resultOf(account.id, "ROOT-5")).toMatchObject({ status: "FAIL" });

    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "customer.control_parameters_updated", targetId: customer.id },
    });
    expect(audit.metadata).toEqual({ changes: { minimumPasswordLength: { from: 14, to: 16 } } });
  }, 120_000);

  it("take the whole form, and an empty field goes back to the default", async () => {
    const { customer, account } = await syncedCustomer();
    await signIn("ADMIN");
    const saved = await updateControlParametersAction({
      customerId: customer.id,
      corporateEmailDomains: "bluefin.example",
      minimumPasswordLength: "",
      requiredTagKeys: "Environment, Cost Center",
      accountAliasPattern: "^integration-[a-z]+$",
      adminPorts: "22, 3389",
      inspectorResourceTypes: ["ec2"],
      maxSuppressionDays: "30",
      controlSeverities: { "ROOT-5": "LOW", "IAM-1": "" },
    });
    expect(saved.serverError).toBeUndefined();
    const stored = await db().customer.findUniqueOrThrow({ where: { id: customer.id }, select: { settings: true } });
    expect(stored.settings).toEqual({
      emailDomains: ["bluefin.example"],
      alertSla: { critical: 8 },
      controlParams: {
        requiredTagKeys: ["Environment", "Cost Center"],
        accountAliasPattern: "^integration-[a-z]+$",
        adminPorts: [22, 3389],
        inspectorResourceTypes: ["ec2"],
      },
      controlSeverities: { "ROOT-5": "LOW" },
      maxSuppressionDays: 30,
    });
    expect(await resultOf(account.id, "ROOT-5")).toMatchObject({ status: "PASS" });
    expect((await resultOf(account.id, "GOV-4")).status).toBe("PASS");
    const root5 = await db().controlResult.findFirstOrThrow({
      where: { awsAccountId: account.id, controlId: "ROOT-5", isCurrent: true },
      select: { severity: true },
    });
    expect(root5.severity).toBe("LOW");
  }, 120_000);

  it.each([
    ["a password length out of range", { minimumPasswordLength: "2" }, "minimumPasswordLength", /from 6 to 128/],
    ["a fractional number of days", { accessKeyMaxAgeDays: "7.5" }, "accessKeyMaxAgeDays", /whole number of days/],
    ["a port that is not one", { adminPorts: "22, ssh" }, "adminPorts", /"ssh" is not a port/],
    ["no Inspector resource type", { inspectorResourceTypes: [] }, "inspectorResourceTypes", /at least one/],
    ["a broken pattern", { accountAliasPattern: "acme-(" }, "accountAliasPattern", /Not a regular expression/],
    ["a domain that is not one", { corporateEmailDomains: "corp" }, "corporateEmailDomains", /is not a domain/],
    ["an unknown severity", { controlSeverities: { "ROOT-5": "URGENT" } }, "controlSeverities", /ROOT-5: choose/],
    ["too long a suppression", { maxSuppressionDays: "4000" }, "maxSuppressionDays", /from 1 to 3650/],
  ])("refuse %s at its field and write nothing", async (_label, input, field, message) => {
    const customer = await createCustomer(db(), { settings: { emailDomains: ["corp.example"] } });
    await signIn("ADMIN");
    const result = await updateControlParametersAction({ customerId: customer.id, ...input } as never);
    expect(fieldError(result, field)).toMatch(message);
    const stored = await db().customer.findUniqueOrThrow({ where: { id: customer.id }, select: { settings: true } });
    expect(stored.settings).toEqual({ emailDomains: ["corp.example"] });
    expect(
      await db().auditLog.count({ where: { action: "customer.control_parameters_updated", targetId: customer.id } }),
    ).toBe(0);
  });

  it("are an administrator's: a consultant of the customer is refused and nothing is written", async () => {
    const customer = await createCustomer(db(), { settings: { emailDomains: ["corp.example"] } });
    await signIn("CONSULTANT", customer.id);
    const result = await updateControlParametersAction({ customerId: customer.id, minimumPasswordLength: "16" });
    expect(result.data).toBeUndefined();
    expect(result.serverError).toBeDefined();
    const stored = await db().customer.findUniqueOrThrow({ where: { id: customer.id }, select: { settings: true } });
    expect(stored.settings).toEqual({ emailDomains: ["corp.example"] });
  });
});
