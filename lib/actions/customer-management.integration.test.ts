import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";

// Editing and retiring customers and accounts through the real action client and PostgreSQL (only the
// session and Next's cache are stubbed). Bad input is refused at its field with nothing written; a retired
// account is no longer synced and leaves its customer's score; a retired customer leaves the portfolio;
// both keep their history.

const { updateCustomerAction, updateAwsAccountAction, retireAwsAccountAction, retireCustomerAction } = await import(
  "./customer-management"
);
const { createAwsAccountAction, createCustomerAction } = await import("./customers");
const { requestSyncAction } = await import("./sync");
const { loadActor } = await import("@/lib/auth/load-actor");
const { syncControlCatalogue } = await import("@/lib/evaluation/evaluate-account");
const { requestSync } = await import("@/lib/collectors/sync-run");
const { scheduledSyncJob } = await import("@/lib/jobs/definitions");
const { listPortfolio } = await import("@/lib/queries/portfolio");
const { getCustomerScorecard } = await import("@/lib/queries/scorecard");
const { getCustomer } = await import("@/lib/queries/customers");
const { getAccountEvidence } = await import("@/lib/queries/evidence");
const { listRetiredRecords } = await import("@/lib/queries/retired");
const { listCustomerSettings } = await import("@/lib/queries/settings");

vi.mock("@/lib/jobs/queue", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/queue")>()),
  enqueueSyncRun: async () => undefined,
}));

beforeEach(() => {
  testSession.actor = null;
});

async function signInAdmin(): Promise<Actor> {
  testSession.actor = await actorOf(await createUser(db(), { role: "ADMIN" }));
  return testSession.actor;
}

const fieldError = (
  result: { validationErrors?: { fieldErrors?: Record<string, string[] | undefined> } },
  field: string,
) => result.validationErrors?.fieldErrors?.[field]?.[0];

describe("the account form refuses bad input at the field, writing nothing", () => {
  it.each([
    ["a wrong account id", { accountNumber: "12345" }, "accountNumber", /exactly 12 digits/],
    [
      "a role ARN of another account",
      { roleArn: "arn:aws:iam::999999999999:role/RampartAudit" },
      "roleArn",
      /This role is in account 999999999999, not 111122223333/,
    ],
    [
      "a region that does not exist",
      { regions: "us-east-1, mars-north-1" },
      "regions",
      /"mars-north-1" is not an AWS region/,
    ],
    ["no region", { regions: " , " }, "regions", /Choose at least one region/],
    ["an unknown environment", { environment: "PROD" }, "environment", /Choose an environment/],
  ])("%s", async (_label, override, field, message) => {
    await signInAdmin();
    const customer = await createCustomer(db());
    const result = await createAwsAccountAction({
      customerId: customer.id,
      accountNumber: "111122223333",
      alias: "prod",
      roleArn: "arn:aws:iam::111122223333:role/RampartAudit",
      regions: "us-east-1",
      environment: "PRODUCTION",
      ...override,
    } as never);
    expect(fieldError(result, field)).toMatch(message);
    expect(result.data).toBeUndefined();
    expect(await db().awsAccount.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("says at the account id field that an account already belongs to a customer", async () => {
    await signInAdmin();
    const other = await createCustomer(db());
    const taken = await createAwsAccount(db(), other.id);
    const customer = await createCustomer(db());
    const result = await createAwsAccountAction({
      customerId: customer.id,
      accountNumber: taken.accountNumber,
      alias: "prod",
      roleArn: `arn:aws:iam::${taken.accountNumber}:role/RampartAudit`,
      regions: "us-east-1",
      environment: "PRODUCTION",
    });
    expect(fieldError(result, "accountNumber")).toMatch(/already connected/);
    expect(await db().awsAccount.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("says at the name field that a customer exists, and at the domains field what a domain is", async () => {
    await signInAdmin();
    const name = `Juniper ${Date.now()} Bank`;
    expect((await createCustomerAction({ name })).data?.name).toBe(name);
    expect(fieldError(await createCustomerAction({ name: name.toUpperCase() }), "name")).toMatch(/already exists/);
    expect(
      fieldError(await createCustomerAction({ name: "Kestrel", emailDomains: "not a domain" }), "emailDomains"),
    ).toMatch(/"not", "a", "domain" are not domains\. A domain looks like example\.com/);
    expect(await db().customer.count({ where: { name: "Kestrel" } })).toBe(0);
  });
});

describe("editing", () => {
  it("edits a customer's name and e-mail domains, keeping its other settings, audit-logged", async () => {
    const admin = await signInAdmin();
    const customer = await createCustomer(db(), {
      name: `Larch ${Date.now()}`,
      settings: { emailDomains: ["larch.example"], alertSla: { critical: 4 } },
    });
    const result = await updateCustomerAction({
      customerId: customer.id,
      name: "Larch & Linden Group",
      emailDomains: "larch.example, LINDEN.example",
    });
    expect(result.serverError).toBeUndefined();
    const stored = await db().customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(stored.name).toBe("Larch & Linden Group");
    expect(stored.slug).toBe("larch-linden-group");
    expect(stored.externalId).toBe(customer.externalId);
    expect(stored.settings).toEqual({ emailDomains: ["larch.example", "linden.example"], alertSla: { critical: 4 } });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { customerId: customer.id, action: "customer.updated" },
    });
    expect(audit.actorId).toBe(admin.userId);
    expect(JSON.stringify(audit.metadata)).not.toContain(customer.externalId);

    const bad = await updateCustomerAction({ customerId: customer.id, name: "L", emailDomains: "nope" });
    expect(fieldError(bad, "name")).toMatch(/at least 2 characters/);
    expect(fieldError(bad, "emailDomains")).toMatch(/"nope" is not a domain/);
  });

  it("sets the time zone, collaborative approval and the monthly pack mail, audit-logged before and after", async () => {
    const admin = await signInAdmin();
    const customer = await createCustomer(db(), {
      name: `Rowan ${Date.now()}`,
      settings: { emailDomains: ["rowan.example"], alertSla: { critical: 4 } },
    });
    const base = { customerId: customer.id, name: customer.name, emailDomains: "rowan.example" };
    const result = await updateCustomerAction({
      ...base,
      timeZone: " europe/madrid ",
      collaborativeChanges: true,
      monthlyEvidencePackMail: true,
    });
    expect(result.serverError).toBeUndefined();
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).settings).toEqual({
      emailDomains: ["rowan.example"],
      alertSla: { critical: 4 },
      timeZone: "Europe/Madrid",
      changeManagement: { collaborative: true },
      evidencePacks: { monthlyMail: true },
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { customerId: customer.id, action: "customer.updated" },
    });
    expect(audit.actorId).toBe(admin.userId);
    expect(audit.metadata).toMatchObject({
      timeZone: { from: "UTC", to: "Europe/Madrid" },
      "changeManagement.collaborative": { from: false, to: true },
      "evidencePacks.monthlyMail": { from: false, to: true },
    });

    // Switching the monthly mail off again is its own audited change; the fields not sent keep their values.
    await updateCustomerAction({ ...base, monthlyEvidencePackMail: false });
    const [latest] = await db().auditLog.findMany({
      where: { customerId: customer.id, action: "customer.updated" },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(latest?.metadata).toMatchObject({ "evidencePacks.monthlyMail": { from: true, to: false } });
    expect(Object.keys(latest?.metadata ?? {})).not.toContain("timeZone");
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).settings).toMatchObject({
      timeZone: "Europe/Madrid",
      changeManagement: { collaborative: true },
      evidencePacks: { monthlyMail: false },
    });

    // A zone that is not IANA is refused at its field, and nothing of the edit is saved.
    const bad = await updateCustomerAction({ ...base, name: "Rowan Renamed", timeZone: "Mars/Olympus_Mons" });
    expect(fieldError(bad, "timeZone")).toBe(
      "Not an IANA time zone. Use a name from the list, such as Europe/Madrid, America/New_York or UTC.",
    );
    expect(fieldError(await updateCustomerAction({ ...base, timeZone: "+02:00" }), "timeZone")).toMatch(
      /^Not an IANA time zone/,
    );
    const stored = await db().customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(stored.name).toBe(customer.name);
    expect(stored.settings).toMatchObject({ timeZone: "Europe/Madrid" });
  });

  it("edits an account's role, regions, environment and name; the role must stay in the same account", async () => {
    await signInAdmin();
    const customer = await createCustomer(db());
    const account = await createAwsAccount(db(), customer.id, { alias: "old-name" });
    const refused = await updateAwsAccountAction({
      awsAccountId: account.id,
      alias: "prod",
      roleArn: "arn:aws:iam::999999999999:role/Other",
      regions: ["eu-west-1"],
      environment: "PRODUCTION",
    });
    expect(fieldError(refused, "roleArn")).toMatch(new RegExp(`not ${account.accountNumber}`));
    const unknownRegion = await updateAwsAccountAction({
      awsAccountId: account.id,
      alias: "prod",
      roleArn: `arn:aws:iam::${account.accountNumber}:role/Other`,
      regions: "eu-west-1 moon-1",
      environment: "PRODUCTION",
    });
    expect(fieldError(unknownRegion, "regions")).toMatch(/"moon-1" is not an AWS region/);
    expect(await db().awsAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ alias: "old-name" });

    const saved = await updateAwsAccountAction({
      awsAccountId: account.id,
      alias: "prod",
      roleArn: `arn:aws:iam::${account.accountNumber}:role/audit/RampartAudit2`,
      regions: "eu-west-1, eu-central-1",
      environment: "STAGING",
    });
    expect(saved.serverError).toBeUndefined();
    expect(await db().awsAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      alias: "prod",
      roleArn: `arn:aws:iam::${account.accountNumber}:role/audit/RampartAudit2`,
      regions: ["eu-west-1", "eu-central-1"],
      environment: "STAGING",
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { targetId: account.id, action: "aws_account.updated" },
    });
    expect(audit.metadata).toMatchObject({
      changes: { alias: { from: "old-name", to: "prod" }, environment: { from: "PRODUCTION", to: "STAGING" } },
    });
  });
});

/** A result as a real sync leaves it: evidence collected (so the account is past its first collection) and judged. */
async function results(customerId: string, awsAccountId: string, status: "PASS" | "FAIL") {
  const run = await db().syncRun.create({ data: { customerId, awsAccountId, trigger: "CLI", status: "SUCCEEDED" } });
  await db().evidence.create({
    data: {
      customerId,
      awsAccountId,
      syncRunId: run.id,
      collector: "iam",
      region: "global",
      data: {},
      contentHash: `evidence-${awsAccountId}`,
      collectedAt: new Date(),
      confirmedAt: new Date(),
    },
  });
  await db().controlResult.create({
    data: {
      customerId,
      awsAccountId,
      controlId: "ROOT-1",
      status,
      severity: "CRITICAL",
      reason: `ROOT-1 ${status}`,
      evaluatedAt: new Date(),
    },
  });
}

describe("retiring an account", () => {
  it("stops its syncs, takes it out of the customer's score, keeps its history readable, audit-logged", async () => {
    const admin = await signInAdmin();
    await syncControlCatalogue(db());
    const customer = await createCustomer(db());
    const kept = await createAwsAccount(db(), customer.id, { alias: "kept" });
    const retired = await createAwsAccount(db(), customer.id, { alias: "to-retire" });
    await results(customer.id, kept.id, "PASS");
    await results(customer.id, retired.id, "FAIL");
    const queued = await requestSync(db(), { awsAccountId: retired.id, trigger: "MANUAL" });
    const alert = await db().alert.create({
      data: {
        customerId: customer.id,
        awsAccountId: retired.id,
        source: "CONTROL",
        dedupKey: `retire-${retired.id}`,
        rule: "ROOT-1",
        severity: "CRITICAL",
        title: "Root has access keys",
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });

    const result = await retireAwsAccountAction({ awsAccountId: retired.id });
    expect(result.serverError).toBeUndefined();
    expect(result.data).toMatchObject({ alias: "to-retire" });

    expect((await db().awsAccount.findUniqueOrThrow({ where: { id: retired.id } })).archivedAt).not.toBeNull();
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: queued.runId } })).toMatchObject({ status: "FAILED" });
    expect(await db().alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ status: "RESOLVED" });
    // Not synced any more: the schedule, Sync now and the sync bookkeeping all refuse it.
    await scheduledSyncJob.handler({});
    expect(await db().syncRun.count({ where: { awsAccountId: retired.id, status: "QUEUED" } })).toBe(0);
    expect(await db().syncRun.count({ where: { awsAccountId: kept.id, status: "QUEUED" } })).toBe(1);
    expect((await requestSyncAction({ awsAccountId: retired.id })).serverError).toBe("Not found");
    await expect(requestSync(db(), { awsAccountId: retired.id, trigger: "MANUAL" })).rejects.toThrow(/retired/);

    // The customer's score now counts the kept account only (its one PASS), and the scorecard lists it alone.
    const scorecard = await getCustomerScorecard(admin, customer.id);
    expect(scorecard.score?.score).toBe(100);
    expect(Object.keys(scorecard.accountScores)).toEqual([kept.id]);
    expect(JSON.stringify(scorecard.areas)).not.toContain("to-retire");
    // History: results, the alert and the evidence page remain; Settings lists it as retired.
    expect(await db().controlResult.count({ where: { awsAccountId: retired.id } })).toBe(1);
    await expect(getAccountEvidence(admin, customer.id, retired.id)).resolves.toMatchObject({
      account: { alias: "to-retire" },
    });
    const settings = await listCustomerSettings(admin);
    expect(settings.find((row) => row.id === customer.id)?.accounts.map((a) => a.id)).toEqual([kept.id]);
    expect((await listRetiredRecords(admin)).accounts.map((a) => a.id)).toContain(retired.id);

    const audit = await db().auditLog.findFirstOrThrow({
      where: { targetId: retired.id, action: "aws_account.retired" },
    });
    expect(audit).toMatchObject({ actorId: admin.userId, customerId: customer.id });
    expect(audit.metadata).toMatchObject({ cancelledSyncs: 1, resolvedAlerts: 1, customerScoreAfter: 100 });

    // Retired is final for edits: editing or retiring again answers "Account not found".
    expect((await retireAwsAccountAction({ awsAccountId: retired.id })).serverError).toBe("Account not found");
    expect(
      (
        await updateAwsAccountAction({
          awsAccountId: retired.id,
          alias: "x",
          roleArn: `arn:aws:iam::${retired.accountNumber}:role/R`,
          regions: ["us-east-1"],
          environment: "PRODUCTION",
        })
      ).serverError,
    ).toBe("Account not found");
  });

  it("is refused to consultants (no account:manage), changing nothing", async () => {
    const customer = await createCustomer(db());
    const account = await createAwsAccount(db(), customer.id);
    testSession.actor = await actorOf(
      await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [customer.id] }),
    );
    expect((await retireAwsAccountAction({ awsAccountId: account.id })).serverError).toBe(
      "You do not have permission to do that.",
    );
    expect((await db().awsAccount.findUniqueOrThrow({ where: { id: account.id } })).archivedAt).toBeNull();
  });
});

describe("retiring a customer", () => {
  it("needs its name typed, then leaves the portfolio and the syncs, keeps its scorecard readable", async () => {
    const admin = await signInAdmin();
    const customer = await createCustomer(db(), { name: `Magnolia ${Date.now()} plc` });
    const account = await createAwsAccount(db(), customer.id);
    const viewer = await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: customer.id });

    const wrong = await retireCustomerAction({ customerId: customer.id, confirmName: "Magnolia" });
    expect(fieldError(wrong, "confirmName")).toMatch(/Type the customer's name exactly as shown/);
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).archivedAt).toBeNull();

    const result = await retireCustomerAction({ customerId: customer.id, confirmName: customer.name.toLowerCase() });
    expect(result.serverError).toBeUndefined();
    expect((await listPortfolio(admin)).rows.map((row) => row.id)).not.toContain(customer.id);
    await scheduledSyncJob.handler({});
    expect(await db().syncRun.count({ where: { awsAccountId: account.id } })).toBe(0);
    expect(await loadActor(db(), { userId: viewer.id, sessionVersion: viewer.sessionVersion })).toBeNull();
    // History stays readable by those who may see it.
    await expect(getCustomer(admin, customer.id)).resolves.toMatchObject({ name: customer.name });
    expect((await listRetiredRecords(admin)).customers.map((c) => c.id)).toContain(customer.id);
    expect(await db().auditLog.count({ where: { customerId: customer.id, action: "customer.retired" } })).toBe(1);
    // Read-only: no edit, no new account.
    expect((await updateCustomerAction({ customerId: customer.id, name: "Renamed" })).serverError).toBe(
      "Customer not found",
    );
    const added = await createAwsAccountAction({
      customerId: customer.id,
      accountNumber: "444455556666",
      alias: "late",
      roleArn: "arn:aws:iam::444455556666:role/RampartAudit",
      regions: "us-east-1",
      environment: "PRODUCTION",
    });
    expect(added.serverError).toBe("Customer not found");
  });
});
