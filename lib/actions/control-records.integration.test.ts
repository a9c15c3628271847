import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { fixedClock, useRecordsClock } from "@/lib/clock";
import { ec2Evidence, elbEvidence, instance, rdsEvidence } from "@/lib/controls/rules/testing/detection-evidence";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";
import { addDaysToIsoDay, utcToday } from "../dates";

// The session is the only thing stubbed (and Next's cache, which needs a request): the action client, zod,
// the policy, PostgreSQL, the rules and the evaluation are the real ones. Evidence is written as a sync
// would store it, then evaluated, so each test starts from real current results and snapshots.

const {
  acknowledgeEndpointAction,
  recordAlertReviewAction,
  recordAttestationAction,
  revokeSuppressionAction,
  suppressControlAction,
} = await import("./control-records");
const { evaluateAccount } = await import("@/lib/evaluation/evaluate-account");
const { getControlRecords, getCustomerRecords } = await import("@/lib/queries/control-records");

const REGION = "eu-west-1";
const PUBLIC_INSTANCE = "i-0public1";

beforeEach(() => {
  testSession.actor = null;
});

/** A customer with two synced and evaluated accounts; the first has one public EC2 instance (NET-7). */
async function createTenant(settings: object = {}) {
  const customer = await createCustomer(db(), { settings });
  const accounts = [];
  for (const [index, alias] of ["prod", "staging"].entries()) {
    const account = await createAwsAccount(db(), customer.id, {
      alias: `${alias}-${customer.slug}`,
      regions: [REGION],
    });
    const now = new Date();
    const run = await db().syncRun.create({
      data: {
        customerId: customer.id,
        awsAccountId: account.id,
        status: "SUCCEEDED",
        trigger: "CLI",
        queuedAt: now,
        startedAt: now,
        finishedAt: now,
        asOf: now,
      },
    });
    const instances =
      index === 0 ? [instance({ instanceId: PUBLIC_INSTANCE, publicIpAddress: "203.0.113.10" })] : [instance()];
    const evidence: [string, unknown][] = [
      ["ec2", ec2Evidence(REGION, { instances })],
      ["elastic-load-balancing-v2", elbEvidence(REGION)],
      ["rds", rdsEvidence(REGION)],
    ];
    await db().evidence.createMany({
      data: evidence.map(([collector, data]) => ({
        customerId: customer.id,
        awsAccountId: account.id,
        syncRunId: run.id,
        collector,
        region: REGION,
        data: JSON.parse(JSON.stringify(data)),
        contentHash: `${collector}-${account.id}`,
        collectedAt: now,
        confirmedAt: now,
      })),
    });
    await evaluateAccount(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: now });
    accounts.push(account);
  }
  return { customer, accounts: accounts as [(typeof accounts)[number], (typeof accounts)[number]] };
}

async function currentResult(awsAccountId: string, controlId: string) {
  return db().controlResult.findFirstOrThrow({
    where: { awsAccountId, controlId, isCurrent: true },
    select: { status: true, reason: true, needsAttestation: true, suppressionId: true },
  });
}

async function customerScore(customerId: string) {
  return db().scoreSnapshot.findFirstOrThrow({
    where: { customerId, scope: "CUSTOMER", kind: "SYNC" },
    orderBy: { takenAt: "desc" },
    select: { score: true, scoreWithoutSuppressions: true, suppressed: true, needsAttestation: true },
  });
}

async function consultantFor(customerId: string): Promise<Actor> {
  return actorOf(
    await createUser(db(), { role: "CONSULTANT", allCustomers: false, assignedCustomerIds: [customerId] }),
  );
}

describe("attestations", () => {
  it("turns a needs-attestation FAIL into PASS in every account, or in the one account it names", async () => {
    const { customer, accounts } = await createTenant();
    testSession.actor = await consultantFor(customer.id);
    for (const account of accounts) {
      expect(await currentResult(account.id, "ROOT-6")).toMatchObject({ status: "FAIL", needsAttestation: true });
    }
    const before = await customerScore(customer.id);

    const result = await recordAttestationAction({
      customerId: customer.id,
      controlId: "ROOT-6",
      awsAccountId: "",
      note: "Root password and MFA seed are in the vault under the assigned consultant.",
      link: "https://vault.example/items/root-123",
      documentRef: "SEC-ROOT-2025",
      validUntil: addDaysToIsoDay(utcToday(), 180),
    });
    expect(result.serverError).toBeUndefined();
    expect(result.validationErrors).toBeUndefined();
    expect(result.data).toMatchObject({ controlId: "ROOT-6", reevaluatedAccounts: 2 });
    for (const account of accounts) {
      const row = await currentResult(account.id, "ROOT-6");
      expect(row).toMatchObject({ status: "PASS", needsAttestation: false });
      expect(row.reason).toContain("https://vault.example/items/root-123");
    }
    const after = await customerScore(customer.id);
    expect(after.needsAttestation).toBe(before.needsAttestation - 2);
    expect(after.score!).toBeGreaterThan(before.score ?? 0);
    expect(
      await db().auditLog.findFirst({
        where: { action: "attestation.recorded", customerId: customer.id, actorId: testSession.actor.userId },
      }),
    ).not.toBeNull();

    const oneAccount = await recordAttestationAction({
      customerId: customer.id,
      controlId: "DET-7",
      awsAccountId: accounts[0].id,
      note: "Runbook reviewed with the customer's on-call lead.",
      validUntil: addDaysToIsoDay(utcToday(), 30),
    });
    expect(oneAccount.data?.reevaluatedAccounts).toBe(1);
    expect((await currentResult(accounts[0].id, "DET-7")).status).toBe("PASS");
    expect(await currentResult(accounts[1].id, "DET-7")).toMatchObject({ status: "FAIL", needsAttestation: true });

    const records = await getControlRecords(testSession.actor, customer.id, "ROOT-6");
    expect(records.attestations).toEqual([
      expect.objectContaining({ controlId: "ROOT-6", status: "VALID", account: null, documentRef: "SEC-ROOT-2025" }),
    ]);
  });

  it("refuses an automated control, a non-http link and dates in the past or beyond 13 months, field by field", async () => {
    const { customer } = await createTenant();
    testSession.actor = await consultantFor(customer.id);
    const valid = {
      customerId: customer.id,
      controlId: "IAM-13",
      note: "Each partner admin has a named user.",
      validUntil: addDaysToIsoDay(utcToday(), 60),
    };
    const cases: [Partial<typeof valid> & { link?: string }, string][] = [
      [{ controlId: "ROOT-1" }, "controlId"],
      [{ link: "javascript:alert(1)" }, "link"],
      [{ link: "ftp://files.example/evidence.pdf" }, "link"],
      [{ note: "   " }, "note"],
      [{ validUntil: utcToday() }, "validUntil"],
      [{ validUntil: addDaysToIsoDay(utcToday(), -3) }, "validUntil"],
      [{ validUntil: addDaysToIsoDay(utcToday(), 430) }, "validUntil"],
      [{ validUntil: "next year" }, "validUntil"],
    ];
    for (const [override, field] of cases) {
      const result = await recordAttestationAction({ ...valid, ...override });
      expect(result.validationErrors?.fieldErrors, JSON.stringify(override)).toHaveProperty(field);
      expect(result.data).toBeUndefined();
    }
    expect(await db().attestation.count({ where: { customerId: customer.id } })).toBe(0);
    // BAK-4 is automated but falls back to an attestation, so it accepts one.
    expect((await recordAttestationAction({ ...valid, controlId: "BAK-4" })).data).toBeDefined();
  });

  it("an expired attestation FAILs as 'attestation expired' and is listed as EXPIRED", async () => {
    const { customer, accounts } = await createTenant();
    testSession.actor = await consultantFor(customer.id);
    const recorded = await recordAttestationAction({
      customerId: customer.id,
      controlId: "PATCH-1",
      awsAccountId: accounts[0].id,
      note: "Maintenance window Sunday 02:00 UTC, patches logged in the change calendar.",
      validUntil: addDaysToIsoDay(utcToday(), 1),
    });
    expect((await currentResult(accounts[0].id, "PATCH-1")).status).toBe("PASS");

    // Time passes: the attestation's last valid moment is behind us.
    await db().attestation.update({
      where: { id: recorded.data!.attestationId },
      data: { validUntil: new Date(Date.now() - 60_000) },
    });
    await evaluateAccount(db(), { awsAccountId: accounts[0].id, syncRunId: null, evaluatedAt: new Date() });
    const row = await currentResult(accounts[0].id, "PATCH-1");
    expect(row).toMatchObject({ status: "FAIL", needsAttestation: false });
    expect(row.reason).toMatch(/^Attestation expired on /);

    const records = await getCustomerRecords(testSession.actor, customer.id);
    expect(records.attestations).toEqual([
      expect.objectContaining({ id: recorded.data!.attestationId, status: "EXPIRED", renewed: false }),
    ]);
  });
});

describe("suppressions", () => {
  it("changes the score but not the score without suppressions, and revoking restores it", async () => {
    const { customer, accounts } = await createTenant();
    testSession.actor = await consultantFor(customer.id);
    const before = await customerScore(customer.id);
    expect(before.suppressed).toBe(0);

    const suppressed = await suppressControlAction({
      customerId: customer.id,
      controlId: "ROOT-6",
      reason: "The customer keeps root credentials in its own HSM-backed vault; audited yearly by their auditor.",
      expiresAt: addDaysToIsoDay(utcToday(), 30),
    });
    expect(suppressed.serverError).toBeUndefined();
    expect(suppressed.data?.reevaluatedAccounts).toBe(2);
    const during = await customerScore(customer.id);
    expect(during.suppressed).toBe(2);
    expect(during.score).not.toBe(before.score);
    expect(during.score!).toBeGreaterThan(before.score ?? 0);
    expect(during.scoreWithoutSuppressions).toBe(before.scoreWithoutSuppressions);
    for (const account of accounts) {
      expect((await currentResult(account.id, "ROOT-6")).suppressionId).toBe(suppressed.data!.suppressionId);
    }
    const stored = await db().suppression.findUniqueOrThrow({ where: { id: suppressed.data!.suppressionId } });
    expect(stored.approvedById).toBe(testSession.actor.userId);
    expect(stored.expiresAt.toISOString()).toBe(`${addDaysToIsoDay(utcToday(), 30)}T23:59:59.999Z`);
    expect((await getCustomerRecords(testSession.actor, customer.id)).suppressions).toEqual([
      expect.objectContaining({ id: stored.id, controlId: "ROOT-6", account: null }),
    ]);

    const again = await suppressControlAction({
      customerId: customer.id,
      controlId: "ROOT-6",
      reason: "A second suppression of the same control and scope.",
      expiresAt: addDaysToIsoDay(utcToday(), 10),
    });
    expect(again.serverError).toMatch(/already suppressed/);

    const revoked = await revokeSuppressionAction({ suppressionId: stored.id });
    expect(revoked.data?.reevaluatedAccounts).toBe(2);
    const after = await customerScore(customer.id);
    expect(after).toMatchObject({ suppressed: 0, score: before.score });
    expect((await revokeSuppressionAction({ suppressionId: stored.id })).serverError).toMatch(/already been revoked/);
    expect(
      await db().auditLog.count({
        where: { customerId: customer.id, action: { in: ["suppression.created", "suppression.revoked"] } },
      }),
    ).toBe(2);
  });

  it("refuses a missing or short reason, a missing or past expiry, and one beyond the customer's maximum", async () => {
    const { customer, accounts } = await createTenant();
    testSession.actor = await consultantFor(customer.id);
    const valid = {
      customerId: customer.id,
      controlId: "NET-7",
      awsAccountId: accounts[0].id,
      reason: "Public instance is the customer's bastion, reviewed.",
      expiresAt: addDaysToIsoDay(utcToday(), 30),
    };
    const { reason: _reason, ...withoutReason } = valid;
    const { expiresAt: _expiresAt, ...withoutExpiry } = valid;
    const refused: [unknown, string, RegExp][] = [
      [withoutReason, "reason", /reason/],
      [{ ...valid, reason: "because" }, "reason", /at least 10/],
      [withoutExpiry, "expiresAt", /expires/],
      [{ ...valid, expiresAt: "" }, "expiresAt", /expires/],
      [{ ...valid, expiresAt: addDaysToIsoDay(utcToday(), -1) }, "expiresAt", /after today/],
      [{ ...valid, expiresAt: addDaysToIsoDay(utcToday(), 181) }, "expiresAt", /at most 180 days/],
    ];
    for (const [input, field, message] of refused) {
      const result = await suppressControlAction(input as Parameters<typeof suppressControlAction>[0]);
      const errors = result.validationErrors?.fieldErrors as Record<string, string[]> | undefined;
      expect(errors?.[field]?.[0], JSON.stringify(input)).toMatch(message);
      expect(result.data).toBeUndefined();
    }
    expect(await db().suppression.count({ where: { customerId: customer.id } })).toBe(0);
    expect((await suppressControlAction({ ...valid, expiresAt: addDaysToIsoDay(utcToday(), 180) })).data).toBeDefined();

    const lenient = await createTenant({ maxSuppressionDays: 365 });
    testSession.actor = await consultantFor(lenient.customer.id);
    const longer = { ...valid, customerId: lenient.customer.id, awsAccountId: "" };
    const tooLong = await suppressControlAction({ ...longer, expiresAt: addDaysToIsoDay(utcToday(), 366) });
    expect(tooLong.validationErrors?.fieldErrors).toHaveProperty("expiresAt");
    expect(
      (await suppressControlAction({ ...longer, expiresAt: addDaysToIsoDay(utcToday(), 300) })).data,
    ).toBeDefined();
  });
});

describe("endpoint inventory (NET-7)", () => {
  it("acknowledges a current public endpoint, which makes NET-7 pass; refuses one that is not current", async () => {
    const { customer, accounts } = await createTenant();
    testSession.actor = await consultantFor(customer.id);
    expect((await currentResult(accounts[0].id, "NET-7")).status).toBe("FAIL");
    const inventory = (await getCustomerRecords(testSession.actor, customer.id)).endpointInventory;
    expect(inventory.find((row) => row.awsAccountId === accounts[0].id)?.endpoints).toEqual([
      expect.objectContaining({ key: `instance:${PUBLIC_INSTANCE}`, region: REGION, acknowledgement: null }),
    ]);
    expect(inventory.find((row) => row.awsAccountId === accounts[1].id)?.endpoints).toEqual([]);

    for (const [awsAccountId, endpointKey] of [
      [accounts[0].id, "instance:i-0vanished"],
      // The endpoint exists, but in the other account.
      [accounts[1].id, `instance:${PUBLIC_INSTANCE}`],
    ] as const) {
      const refused = await acknowledgeEndpointAction({ awsAccountId, endpointKey });
      expect(refused.validationErrors?.fieldErrors).toHaveProperty("endpointKey");
    }
    expect(
      (await acknowledgeEndpointAction({ awsAccountId: accounts[0].id, endpointKey: "s3:bucket" })).validationErrors,
    ).toBeDefined();
    expect(await db().endpointAcknowledgement.count({ where: { customerId: customer.id } })).toBe(0);

    const acknowledged = await acknowledgeEndpointAction({
      awsAccountId: accounts[0].id,
      endpointKey: `instance:${PUBLIC_INSTANCE}`,
      note: "Customer's bastion host",
    });
    expect(acknowledged.serverError).toBeUndefined();
    expect(acknowledged.data?.reevaluatedAccounts).toBe(1);
    expect((await currentResult(accounts[0].id, "NET-7")).status).toBe("PASS");
    const endpoint = (await getCustomerRecords(testSession.actor, customer.id)).endpointInventory[0]!.endpoints[0]!;
    expect(endpoint.acknowledgement).toMatchObject({ by: testSession.actor.name, note: "Customer's bastion host" });
    const twice = await acknowledgeEndpointAction({
      awsAccountId: accounts[0].id,
      endpointKey: `instance:${PUBLIC_INSTANCE}`,
    });
    expect(twice.serverError).toMatch(/already acknowledged/);
  });
});

describe("alert reviews (GOV-5)", () => {
  it("records a review with a note, which makes GOV-5 pass in every account", async () => {
    const { customer, accounts } = await createTenant();
    testSession.actor = await consultantFor(customer.id);
    expect((await currentResult(accounts[0].id, "GOV-5")).status).toBe("FAIL");
    expect((await getCustomerRecords(testSession.actor, customer.id)).alertReviews).toMatchObject({
      lastReviewedAt: null,
      overdue: true,
      cadenceDays: 92,
    });
    const empty = await recordAlertReviewAction({ customerId: customer.id, note: "  " });
    expect(empty.validationErrors?.fieldErrors).toHaveProperty("note");

    const recorded = await recordAlertReviewAction({
      customerId: customer.id,
      note: "Reviewed GuardDuty and CloudTrail alerts for Q3; nothing open past SLA.",
    });
    expect(recorded.data?.reevaluatedAccounts).toBe(2);
    for (const account of accounts) expect((await currentResult(account.id, "GOV-5")).status).toBe("PASS");
    const reviews = (await getCustomerRecords(testSession.actor, customer.id)).alertReviews;
    expect(reviews.overdue).toBe(false);
    expect(reviews.recent).toEqual([expect.objectContaining({ reviewedBy: testSession.actor.name })]);
  });
});

describe("tenant isolation", () => {
  it("a consultant restricted to customer A cannot act on, or read the records of, customer B", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const admin = await actorOf(await createUser(db(), { role: "ADMIN" }));
    testSession.actor = admin;
    const victimSuppression = await suppressControlAction({
      customerId: b.customer.id,
      controlId: "NET-7",
      reason: "Set up by an administrator of customer B.",
      expiresAt: addDaysToIsoDay(utcToday(), 20),
    });
    expect(victimSuppression.data).toBeDefined();
    const fingerprint = async () =>
      JSON.stringify(
        await Promise.all([
          db().attestation.findMany({ where: { customerId: b.customer.id } }),
          db().suppression.findMany({ where: { customerId: b.customer.id } }),
          db().endpointAcknowledgement.findMany({ where: { customerId: b.customer.id } }),
          db().alertReview.findMany({ where: { customerId: b.customer.id } }),
          db().auditLog.count({ where: { customerId: b.customer.id } }),
        ]),
      );
    const before = await fingerprint();

    testSession.actor = await consultantFor(a.customer.id);
    const validUntil = addDaysToIsoDay(utcToday(), 30);
    const attempts: [Promise<{ serverError?: string; data?: unknown }>, string][] = [
      [
        recordAttestationAction({
          customerId: b.customer.id,
          controlId: "ROOT-6",
          note: "Forged attestation note",
          validUntil,
        }),
        "Customer not found",
      ],
      // Own customer, foreign account: never attaches to B's account.
      [
        recordAttestationAction({
          customerId: a.customer.id,
          controlId: "ROOT-6",
          awsAccountId: b.accounts[0].id,
          note: "Forged attestation note",
          validUntil,
        }),
        "Account not found",
      ],
      [
        suppressControlAction({
          customerId: b.customer.id,
          controlId: "ROOT-1",
          reason: "Forged by the consultant of A.",
          expiresAt: validUntil,
        }),
        "Customer not found",
      ],
      [
        suppressControlAction({
          customerId: a.customer.id,
          awsAccountId: b.accounts[0].id,
          controlId: "ROOT-1",
          reason: "Forged by the consultant of A.",
          expiresAt: validUntil,
        }),
        "Account not found",
      ],
      [revokeSuppressionAction({ suppressionId: victimSuppression.data!.suppressionId }), "Suppression not found"],
      [
        acknowledgeEndpointAction({ awsAccountId: b.accounts[0].id, endpointKey: `instance:${PUBLIC_INSTANCE}` }),
        "Account not found",
      ],
      [recordAlertReviewAction({ customerId: b.customer.id, note: "Forged review" }), "Customer not found"],
    ];
    for (const [attempt, message] of attempts) {
      const result = await attempt;
      expect(result.data).toBeUndefined();
      expect(result.serverError).toBe(message);
      expect(JSON.stringify(result)).not.toContain(b.customer.name);
    }
    await expect(getCustomerRecords(testSession.actor, b.customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getControlRecords(testSession.actor, b.customer.id, "ROOT-6")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await fingerprint()).toBe(before);
    // Nothing the consultant did touched A either (every attempt was refused).
    expect(await db().attestation.count({ where: { customerId: a.customer.id } })).toBe(0);

    // A customer user reads its own records but cannot write any; a manager may suppress, not attest.
    const viewer = await actorOf(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: a.customer.id }));
    testSession.actor = viewer;
    expect((await getCustomerRecords(viewer, a.customer.id)).customer.id).toBe(a.customer.id);
    expect(
      (
        await recordAttestationAction({
          customerId: a.customer.id,
          controlId: "ROOT-6",
          note: "Vault checked by the consultant",
          validUntil,
        })
      ).serverError,
    ).toBe("You do not have permission to do that.");
    expect((await recordAlertReviewAction({ customerId: a.customer.id, note: "x" })).serverError).toBe(
      "You do not have permission to do that.",
    );
    testSession.actor = await actorOf(await createUser(db(), { role: "MANAGER" }));
    expect(
      (
        await acknowledgeEndpointAction({
          awsAccountId: a.accounts[0].id,
          endpointKey: `instance:${PUBLIC_INSTANCE}`,
        })
      ).serverError,
    ).toBe("You do not have permission to do that.");
  });
});

describe("one clock for records (issue 12 item 8)", () => {
  it("stamps attestations, suppressions and alert reviews, and their re-evaluation,, from the records' clock", async () => {
    const { customer, accounts } = await createTenant();
    testSession.actor = await consultantFor(customer.id);
    // Later than the tenant's evaluation (results are history in time order), whole milliseconds, not the wall.
    const at = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 1000) * 1000 + 123);
    const restore = useRecordsClock(fixedClock(at));
    try {
      const attested = await recordAttestationAction({
        customerId: customer.id,
        controlId: "ROOT-6",
        awsAccountId: accounts[0].id,
        note: "Root password and MFA seed are in the vault.",
        link: "",
        documentRef: "",
        validUntil: addDaysToIsoDay(utcToday(at), 90),
      });
      expect(attested.serverError).toBeUndefined();
      const attestation = await db().attestation.findUniqueOrThrow({
        where: { id: attested.data!.attestationId },
        select: { attestedAt: true },
      });
      expect(attestation.attestedAt).toEqual(at);
      const result = await db().controlResult.findFirstOrThrow({
        where: { awsAccountId: accounts[0].id, controlId: "ROOT-6", isCurrent: true },
        select: { evaluatedAt: true, status: true },
      });
      expect(result).toEqual({ evaluatedAt: at, status: "PASS" });

      const suppressed = await suppressControlAction({
        customerId: customer.id,
        controlId: "NET-7",
        awsAccountId: accounts[0].id,
        reason: "A public demo instance the customer keeps on purpose until the end of the quarter.",
        expiresAt: addDaysToIsoDay(utcToday(at), 30),
      });
      expect(suppressed.serverError).toBeUndefined();
      const suppression = await db().suppression.findUniqueOrThrow({
        where: { id: suppressed.data!.suppressionId },
        select: { createdAt: true },
      });
      expect(suppression.createdAt).toEqual(at);
      const revoked = await revokeSuppressionAction({ suppressionId: suppressed.data!.suppressionId });
      expect(revoked.serverError).toBeUndefined();
      expect(
        (await db().suppression.findUniqueOrThrow({ where: { id: suppressed.data!.suppressionId } })).revokedAt,
      ).toEqual(at);

      const reviewed = await recordAlertReviewAction({ customerId: customer.id, note: "Weekly alert review done." });
      expect(reviewed.serverError).toBeUndefined();
      expect(
        (await db().alertReview.findUniqueOrThrow({ where: { id: reviewed.data!.alertReviewId } })).reviewedAt,
      ).toEqual(at);
    } finally {
      restore();
    }
  });
});
