import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { accessKey, iamGroup, iamUser, rootRow, userRow, withRows } from "@/lib/controls/rules/testing/iam-evidence";
import { db } from "@/lib/db/client";
import type { IamEvidence } from "@/lib/evidence/iam";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";
import { addDaysToIsoDay, DAY_MS, utcToday } from "../dates";

// The session is the only thing stubbed (and Next's cache, which needs a request): the action client,
// zod, the policy, PostgreSQL, evaluation and the read models are the real ones. IAM evidence is
// written as a sync stores it, so each campaign starts from a real current "iam" Evidence row.

const {
  decideAccessReviewItemAction,
  decideAccessReviewItemsAction,
  endAccessReviewAction,
  signOffAccessReviewAction,
  startAccessReviewAction,
} = await import("./access-reviews");
const { getAccessReview, getStartReviewForm, listAccessReviews } = await import("@/lib/queries/access-reviews");
const { verifyAccessReviewDecisions } = await import("@/lib/access-reviews/verification");
const { evaluateAccount } = await import("@/lib/evaluation/evaluate-account");
const { GET: exportCsv } = await import("@/app/api/customers/[customerId]/reviews/[reviewId]/export.csv/route");
const { GET: exportPdf } = await import("@/app/api/customers/[customerId]/reviews/[reviewId]/export.pdf/route");

const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

beforeEach(() => {
  testSession.actor = null;
});

const ago = (days: number, from = new Date()) => new Date(from.getTime() - days * DAY_MS).toISOString();

/**
 * An account's IAM estate, dated relative to now: alice (console, MFA, in a group, active), bob (no MFA,
 * AdministratorAccess attached, an old key), svc (one recent key, used today), carlos (a consultant's own
 * user, clean).
 */
function estate(accountNumber: string, options: { without?: string[]; aliceGroups?: string[] } = {}): IamEvidence {
  const arn = (name: string) => `arn:aws:iam::${accountNumber}:user/${name}`;
  const console = (name: string, mfa: boolean) =>
    userRow(name, {
      arn: arn(name),
      userCreationTime: ago(400),
      passwordEnabled: true,
      passwordLastUsed: ago(2),
      passwordLastChanged: ago(100),
      mfaActive: mfa,
    });
  const rows = [
    rootRow({ arn: `arn:aws:iam::${accountNumber}:root`, passwordLastUsed: ago(300), userCreationTime: ago(2000) }),
    console("alice", true),
    userRow("bob", {
      ...console("bob", false),
      accessKeys: [
        accessKey({
          active: true,
          lastRotated: ago(400),
          lastUsedDate: ago(3),
          lastUsedService: "s3",
          lastUsedRegion: "eu-west-1",
        }),
      ],
    }),
    userRow("svc", {
      arn: arn("svc"),
      userCreationTime: ago(50),
      accessKeys: [
        accessKey({
          active: true,
          lastRotated: ago(50),
          lastUsedDate: ago(0.1),
          lastUsedService: "sts",
          lastUsedRegion: "us-east-1",
        }),
      ],
    }),
    console("carlos", true),
  ].filter((row) => !options.without?.includes(row.user));
  const users = [
    iamUser("alice", { arn: arn("alice"), groups: options.aliceGroups ?? ["staff"], createDate: ago(400) }),
    iamUser("bob", { arn: arn("bob"), attachedManagedPolicies: [{ name: "AdministratorAccess", arn: ADMIN_ARN }] }),
    iamUser("svc", { arn: arn("svc"), groups: ["deployers"], createDate: ago(50) }),
    iamUser("carlos", { arn: arn("carlos"), groups: ["staff"] }),
  ].filter((user) => !options.without?.includes(user.name));
  return withRows(rows, {
    authorization: {
      users,
      groups: [iamGroup("staff"), iamGroup("deployers")],
      roles: [],
      customerManagedPolicies: [],
    },
  });
}

/** Stores `data` as the account's current IAM evidence, as a sync confirmed at `confirmedAt`. */
async function storeIamEvidence(
  account: { id: string; customerId: string },
  data: IamEvidence,
  confirmedAt = new Date(),
) {
  const run = await db().syncRun.create({
    data: {
      customerId: account.customerId,
      awsAccountId: account.id,
      status: "SUCCEEDED",
      trigger: "CLI",
      queuedAt: confirmedAt,
      startedAt: confirmedAt,
      finishedAt: confirmedAt,
      asOf: confirmedAt,
    },
  });
  await db().evidence.updateMany({
    where: { awsAccountId: account.id, collector: "iam", isCurrent: true },
    data: { isCurrent: false },
  });
  await db().evidence.create({
    data: {
      customerId: account.customerId,
      awsAccountId: account.id,
      syncRunId: run.id,
      collector: "iam",
      region: "global",
      data: JSON.parse(JSON.stringify(data)),
      contentHash: `iam-${run.id}`,
      collectedAt: confirmedAt,
      confirmedAt,
    },
  });
  return run;
}

/** A customer with two synced and evaluated accounts, its consultant (named like the IAM user carlos) and reviewer. */
async function createTenant() {
  const customer = await createCustomer(db());
  const accounts = [];
  for (const alias of ["prod", "dev"]) {
    const account = await createAwsAccount(db(), customer.id, { alias: `${alias}-${customer.slug}` });
    const run = await storeIamEvidence(account, estate(account.accountNumber));
    await evaluateAccount(db(), { awsAccountId: account.id, syncRunId: run.id, evaluatedAt: new Date() });
    accounts.push(account);
  }
  const consultant = await createUser(db(), {
    role: "CONSULTANT",
    name: "Carlos Consultant",
    email: `carlos.consultant.${customer.slug}@rampart-test.example`,
    assignedCustomerIds: [customer.id],
  });
  const customerReviewer = await createUser(db(), {
    role: "CUSTOMER_REVIEWER",
    customerId: customer.id,
    name: "Rita Reviewer",
  });
  const customerViewer = await createUser(db(), {
    role: "CUSTOMER_VIEWER",
    customerId: customer.id,
    name: "Vic Viewer",
  });
  return {
    customer,
    prod: accounts[0]!,
    dev: accounts[1]!,
    consultant,
    customerReviewer,
    customerViewer,
  };
}

type Tenant = Awaited<ReturnType<typeof createTenant>>;

async function startReview(tenant: Tenant, overrides: Record<string, unknown> = {}) {
  testSession.actor = await actorOf(tenant.consultant);
  const result = await startAccessReviewAction({
    customerId: tenant.customer.id,
    accountIds: [],
    period: "2026-Q4",
    dueAt: addDaysToIsoDay(utcToday(), 14),
    reviewerIds: [tenant.consultant.id, tenant.customerReviewer.id],
    ...overrides,
  });
  if (!result?.data) throw new Error(`start failed: ${JSON.stringify(result)}`);
  return result.data.reviewId;
}

async function itemsOf(reviewId: string) {
  return db().accessReviewItem.findMany({
    where: { reviewId },
    orderBy: [{ awsAccountId: "asc" }, { userName: "asc" }],
    include: { decidedBy: { select: { name: true } } },
  });
}

async function item(reviewId: string, awsAccountId: string, userName: string) {
  return db().accessReviewItem.findFirstOrThrow({ where: { reviewId, awsAccountId, userName } });
}

describe("starting a campaign", () => {
  it("freezes root and every IAM user of every account, with risk flags, scope and audit", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);

    const review = await db().accessReview.findUniqueOrThrow({ where: { id: reviewId }, include: { reviewers: true } });
    expect(review).toMatchObject({ status: "OPEN", period: "2026-Q4", customerId: tenant.customer.id });
    expect([...review.accountIds].sort()).toEqual([tenant.prod.id, tenant.dev.id].sort());
    expect(review.reviewers.map((reviewer) => reviewer.userId).sort()).toEqual(
      [tenant.consultant.id, tenant.customerReviewer.id].sort(),
    );
    expect(Date.now() - review.snapshotAt.getTime()).toBeLessThan(60_000);

    const items = await itemsOf(reviewId);
    expect(items).toHaveLength(10);
    const prod = Object.fromEntries(
      items.filter((row) => row.awsAccountId === tenant.prod.id).map((row) => [row.userName, row]),
    );
    expect(Object.keys(prod).sort()).toEqual(["<root_account>", "alice", "bob", "carlos", "svc"]);
    expect(prod["<root_account>"]?.userArn).toBe(`arn:aws:iam::${tenant.prod.accountNumber}:root`);
    expect(prod["<root_account>"]?.riskFlags).toEqual(["ADMIN_EQUIVALENT"]);
    expect(prod.alice?.riskFlags).toEqual([]);
    expect(prod.bob?.riskFlags).toEqual([
      "NO_MFA_CONSOLE",
      "ADMIN_EQUIVALENT",
      "KEY_OLDER_THAN_1_YEAR",
      "DIRECT_POLICIES",
    ]);
    expect(prod.svc?.riskFlags).toEqual([]);
    expect(prod.bob?.snapshot).toMatchObject({
      consoleAccess: true,
      mfaActive: false,
      adminEquivalent: true,
      accessKeys: [{ slot: 1, active: true, lastUsedService: "s3", lastUsedRegion: "eu-west-1" }],
    });

    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "access_review.started", targetId: reviewId },
    });
    expect(audit).toMatchObject({ actorId: tenant.consultant.id, customerId: tenant.customer.id });
    expect(audit.metadata).toMatchObject({ users: 10, riskyUsers: 4 });
  });

  it("covers only the accounts chosen", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant, { accountIds: [tenant.dev.id] });
    const items = await itemsOf(reviewId);
    expect(new Set(items.map((row) => row.awsAccountId))).toEqual(new Set([tenant.dev.id]));
  });

  it("asks for a sync when the IAM evidence is older than 24 h or missing", async () => {
    const tenant = await createTenant();
    await storeIamEvidence(tenant.dev, estate(tenant.dev.accountNumber), new Date(Date.now() - 25 * 3_600_000));
    testSession.actor = await actorOf(tenant.consultant);
    const input = {
      customerId: tenant.customer.id,
      period: "2026-Q4",
      dueAt: addDaysToIsoDay(utcToday(), 14),
      reviewerIds: [tenant.consultant.id],
    };
    const stale = await startAccessReviewAction(input);
    expect(stale?.serverError).toMatch(/more than 24 h ago: sync the account first/);
    expect(stale?.serverError).toContain(tenant.dev.accountNumber);

    const fresh = await createAwsAccount(db(), tenant.customer.id, { alias: "never-synced" });
    const missing = await startAccessReviewAction({ ...input, accountIds: [fresh.id] });
    expect(missing?.serverError).toMatch(/No IAM evidence for never-synced .* yet: sync the account/);
    expect(await db().accessReview.count({ where: { customerId: tenant.customer.id } })).toBe(0);
  });

  it("refuses a past or today's due date, a second campaign for the same period, and ineligible reviewers", async () => {
    const tenant = await createTenant();
    testSession.actor = await actorOf(tenant.consultant);
    const base = { customerId: tenant.customer.id, period: "2026-Q4", reviewerIds: [tenant.consultant.id] };
    for (const dueAt of [addDaysToIsoDay(utcToday(), -1), utcToday()]) {
      const result = await startAccessReviewAction({ ...base, dueAt });
      expect(result?.validationErrors?.fieldErrors?.dueAt).toEqual(["The due date must be after today"]);
    }

    const other = await createCustomer(db());
    const foreignReviewer = await createUser(db(), { role: "CUSTOMER_REVIEWER", customerId: other.id });
    for (const reviewerId of [tenant.customerViewer.id, foreignReviewer.id]) {
      const result = await startAccessReviewAction({
        ...base,
        dueAt: addDaysToIsoDay(utcToday(), 7),
        reviewerIds: [reviewerId],
      });
      expect(result?.validationErrors?.fieldErrors?.reviewerIds?.[0]).toMatch(/one of those chosen is not/);
    }

    await startReview(tenant);
    testSession.actor = await actorOf(tenant.consultant);
    const duplicate = await startAccessReviewAction({ ...base, dueAt: addDaysToIsoDay(utcToday(), 7) });
    expect(duplicate?.serverError).toMatch(/already has a 2026-Q4 review \(open\)/);
  });

  it("refuses another customer, and another customer's account under one's own customer", async () => {
    const tenant = await createTenant();
    const victim = await createTenant();
    testSession.actor = await actorOf(tenant.consultant);
    const base = { period: "2026-Q4", dueAt: addDaysToIsoDay(utcToday(), 7), reviewerIds: [tenant.consultant.id] };
    const foreign = await startAccessReviewAction({ ...base, customerId: victim.customer.id });
    expect(foreign?.serverError).toBe("Customer not found");
    const mixed = await startAccessReviewAction({
      ...base,
      customerId: tenant.customer.id,
      accountIds: [victim.prod.id],
    });
    expect(mixed?.serverError).toBe("Account not found");
    testSession.actor = await actorOf(tenant.customerReviewer);
    const customerUser = await startAccessReviewAction({ ...base, customerId: tenant.customer.id });
    expect(customerUser?.serverError).toBe("You do not have permission to do that.");
    expect(
      await db().accessReview.count({ where: { customerId: { in: [tenant.customer.id, victim.customer.id] } } }),
    ).toBe(0);
  });
});

describe("decisions", () => {
  it("a risky user needs a justification; who decided and when are recorded; the version moves on", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    const bob = await item(reviewId, tenant.prod.id, "bob");
    testSession.actor = await actorOf(tenant.consultant);

    const bare = await decideAccessReviewItemAction({
      reviewId,
      itemId: bob.id,
      version: bob.version,
      decision: "KEEP",
    });
    expect(bare?.validationErrors?.fieldErrors?.justification?.[0]).toMatch(/bob has risk flags: justify the decision/);

    const modifyWithoutWhat = await decideAccessReviewItemAction({
      reviewId,
      itemId: bob.id,
      version: bob.version,
      decision: "MODIFY",
      justification: "Needs admin for the migration",
    });
    expect(modifyWithoutWhat?.validationErrors?.fieldErrors?.modification).toEqual(["Say what to change"]);

    const result = await decideAccessReviewItemAction({
      reviewId,
      itemId: bob.id,
      version: bob.version,
      decision: "MODIFY",
      modification: "Detach AdministratorAccess; add to group staff; enable MFA",
      justification: "Bob still runs the billing exports but no longer administers the account.",
    });
    expect(result?.data).toMatchObject({ decided: 1, status: "OPEN" });
    const saved = await item(reviewId, tenant.prod.id, "bob");
    expect(saved).toMatchObject({
      decision: "MODIFY",
      modification: "Detach AdministratorAccess; add to group staff; enable MFA",
      decidedById: tenant.consultant.id,
      version: bob.version + 1,
    });
    expect(saved.decidedAt).not.toBeNull();
    expect(await db().auditLog.count({ where: { action: "access_review.decided", targetId: bob.id } })).toBe(1);

    // A user without flags needs no justification.
    const alice = await item(reviewId, tenant.prod.id, "alice");
    const keep = await decideAccessReviewItemAction({
      reviewId,
      itemId: alice.id,
      version: alice.version,
      decision: "KEEP",
    });
    expect(keep?.data?.decided).toBe(1);
  });

  it("a stale version is a conflict naming who decided last; concurrent decisions never lose one silently", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    const svc = await item(reviewId, tenant.prod.id, "svc");

    testSession.actor = await actorOf(tenant.customerReviewer);
    const first = await decideAccessReviewItemAction({
      reviewId,
      itemId: svc.id,
      version: svc.version,
      decision: "REVOKE",
    });
    expect(first?.data?.decided).toBe(1);

    testSession.actor = await actorOf(tenant.consultant);
    const stale = await decideAccessReviewItemAction({
      reviewId,
      itemId: svc.id,
      version: svc.version,
      decision: "KEEP",
    });
    expect(stale?.serverError).toMatch(
      /^Rita Reviewer decided on svc \(REVOKE\) at .* UTC after you loaded the page; nothing was saved/,
    );
    expect(await item(reviewId, tenant.prod.id, "svc")).toMatchObject({ decision: "REVOKE", version: svc.version + 1 });

    // Two reviewers submit at once from the same page state: exactly one wins, the other hears who.
    const alice = await item(reviewId, tenant.dev.id, "alice");
    const results = await Promise.all(
      (["KEEP", "REVOKE"] as const).map((decision) =>
        decideAccessReviewItemAction({ reviewId, itemId: alice.id, version: alice.version, decision }),
      ),
    );
    expect(results.filter((result) => result?.data).length).toBe(1);
    expect(
      results.filter((result) => /Carlos Consultant decided on alice/.test(result?.serverError ?? "")).length,
    ).toBe(1);
    expect((await item(reviewId, tenant.dev.id, "alice")).version).toBe(alice.version + 1);

    // In bulk, one stale item rolls back the whole batch.
    const carlos = await item(reviewId, tenant.dev.id, "carlos");
    const bulk = await decideAccessReviewItemsAction({
      reviewId,
      items: [
        { itemId: carlos.id, version: carlos.version },
        { itemId: alice.id, version: alice.version },
      ],
      decision: "REVOKE",
    });
    expect(bulk?.serverError).toMatch(/decided on alice/);
    expect((await item(reviewId, tenant.dev.id, "carlos")).decision).toBeNull();
  });

  it("a bulk decision never replaces a different decision unless confirmed, and names whose (issue 19 §1)", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    testSession.actor = await actorOf(tenant.customerReviewer);
    const alice = await item(reviewId, tenant.prod.id, "alice");
    const revoke = await decideAccessReviewItemAction({
      reviewId,
      itemId: alice.id,
      version: alice.version,
      decision: "REVOKE",
    });
    expect(revoke?.data?.decided).toBe(1);

    const all = await itemsOf(reviewId);
    const request = {
      reviewId,
      items: all.map((row) => ({ itemId: row.id, version: row.version })),
      decision: "KEEP" as const,
      justification: "Reviewed with the team lead on the quarterly call; all still needed.",
    };
    const refused = await decideAccessReviewItemsAction(request);
    expect(refused?.validationErrors?.fieldErrors?.items?.[0]).toMatch(
      /^Nothing was saved: alice \(Revoke\) already has a decision\. Confirm to replace it/,
    );
    expect((await itemsOf(reviewId)).filter((row) => row.decision !== null)).toHaveLength(1);
    expect((await item(reviewId, tenant.prod.id, "alice")).decision).toBe("REVOKE");

    const others = all.filter((row) => row.id !== alice.id);
    const skipped = await decideAccessReviewItemsAction({
      ...request,
      items: others.map((row) => ({ itemId: row.id, version: row.version })),
    });
    expect(skipped?.data?.decided).toBe(others.length);
    expect((await item(reviewId, tenant.prod.id, "alice")).decision).toBe("REVOKE");

    const latest = await item(reviewId, tenant.prod.id, "alice");
    const replaced = await decideAccessReviewItemsAction({
      ...request,
      items: [{ itemId: latest.id, version: latest.version }],
      replaceDecided: true,
    });
    expect(replaced?.data?.decided).toBe(1);
    expect((await item(reviewId, tenant.prod.id, "alice")).decision).toBe("KEEP");
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "access_review.decided_in_bulk", targetId: reviewId },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.metadata).toMatchObject({ replaced: ["alice: REVOKE"] });
  });

  it("a reviewer's own IAM user needs a stated reason to be kept, not to be revoked", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    const own = await item(reviewId, tenant.prod.id, "carlos");
    testSession.actor = await actorOf(tenant.consultant);

    const keep = await decideAccessReviewItemAction({
      reviewId,
      itemId: own.id,
      version: own.version,
      decision: "KEEP",
    });
    expect(keep?.validationErrors?.fieldErrors?.justification?.[0]).toMatch(/carlos looks like your own IAM user/);
    const bulk = await decideAccessReviewItemsAction({
      reviewId,
      items: [{ itemId: own.id, version: own.version }],
      decision: "KEEP",
    });
    expect(bulk?.validationErrors?.fieldErrors?.justification?.[0]).toMatch(/your own IAM user/);

    const revoke = await decideAccessReviewItemAction({
      reviewId,
      itemId: own.id,
      version: own.version,
      decision: "REVOKE",
    });
    expect(revoke?.data?.decided).toBe(1);
    // The customer reviewer is not called carlos: the same user is an ordinary one to them.
    testSession.actor = await actorOf(tenant.customerReviewer);
    const latest = await item(reviewId, tenant.prod.id, "carlos");
    const byOther = await decideAccessReviewItemAction({
      reviewId,
      itemId: latest.id,
      version: latest.version,
      decision: "KEEP",
    });
    expect(byOther?.data?.decided).toBe(1);

    testSession.actor = await actorOf(tenant.consultant);
    const dev = await item(reviewId, tenant.dev.id, "carlos");
    const stated = await decideAccessReviewItemAction({
      reviewId,
      itemId: dev.id,
      version: dev.version,
      decision: "KEEP",
      justification: "My break-glass user for the dev account; approved by the manager in ticket SEC-88.",
    });
    expect(stated?.data?.decided).toBe(1);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "access_review.decided", targetId: dev.id },
    });
    expect(audit.metadata).toMatchObject({ ownAccess: true });
  });

  it("refuses non-reviewers, customer viewers, items of another campaign and another customer's campaign", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    const alice = await item(reviewId, tenant.prod.id, "alice");
    const decide = { reviewId, itemId: alice.id, version: alice.version, decision: "KEEP" as const };

    testSession.actor = await actorOf(
      await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [tenant.customer.id] }),
    );
    expect((await decideAccessReviewItemAction(decide))?.serverError).toMatch(
      /You are not a reviewer of this access review/,
    );
    testSession.actor = await actorOf(tenant.customerViewer);
    expect((await decideAccessReviewItemAction(decide))?.serverError).toBe("You do not have permission to do that.");

    const victim = await createTenant();
    const victimReviewId = await startReview(victim);
    const victimItem = await item(victimReviewId, victim.prod.id, "alice");
    testSession.actor = await actorOf(tenant.consultant);
    // Another customer's campaign, and its item under one's own campaign (the mixed pair).
    const foreign = await decideAccessReviewItemAction({ ...decide, reviewId: victimReviewId, itemId: victimItem.id });
    expect(foreign?.serverError).toBe("Access review not found");
    const mixed = await decideAccessReviewItemAction({ ...decide, itemId: victimItem.id });
    expect(mixed?.serverError).toBe("One of the users is not part of this access review.");
    testSession.actor = await actorOf(tenant.customerReviewer);
    expect(
      (await decideAccessReviewItemAction({ ...decide, reviewId: victimReviewId, itemId: victimItem.id }))?.serverError,
    ).toBe("Access review not found");
    expect((await itemsOf(victimReviewId)).every((row) => row.decision === null)).toBe(true);
  });
});

describe("sign-off and ending early", () => {
  async function decideAll(tenant: Tenant, reviewId: string) {
    testSession.actor = await actorOf(tenant.customerReviewer);
    const items = await itemsOf(reviewId);
    const result = await decideAccessReviewItemsAction({
      reviewId,
      items: items.map((row) => ({ itemId: row.id, version: row.version })),
      decision: "KEEP",
      justification: "Reviewed with the team lead on the quarterly call; all still needed.",
    });
    expect(result?.data).toMatchObject({ decided: items.length, status: "COMPLETED", undecided: 0 });
  }

  it("bulk decisions complete the campaign; a manager signs it off, IAM-12 passes, and it becomes read-only", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    const iam12 = () =>
      db().controlResult.findFirstOrThrow({
        where: { awsAccountId: tenant.prod.id, controlId: "IAM-12", isCurrent: true },
        select: { status: true },
      });
    expect((await iam12()).status).toBe("FAIL");

    const manager = await createUser(db(), { role: "MANAGER", name: "Maya Manager" });
    testSession.actor = await actorOf(manager);
    expect((await signOffAccessReviewAction({ reviewId }))?.serverError).toMatch(/10 users are still undecided/);

    testSession.actor = await actorOf(tenant.consultant);
    expect((await signOffAccessReviewAction({ reviewId }))?.serverError).toBe("You do not have permission to do that.");

    await decideAll(tenant, reviewId);
    testSession.actor = await actorOf(manager);
    const signed = await signOffAccessReviewAction({ reviewId });
    expect(signed?.data?.reevaluatedAccounts).toBe(2);
    expect(await db().accessReview.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({
      status: "SIGNED_OFF",
      signedOffById: manager.id,
    });
    expect((await iam12()).status).toBe("PASS");
    expect((await signOffAccessReviewAction({ reviewId }))?.serverError).toBe(
      "This review is already signed off by Maya Manager.",
    );

    testSession.actor = await actorOf(tenant.customerReviewer);
    const alice = await item(reviewId, tenant.prod.id, "alice");
    const late = await decideAccessReviewItemAction({
      reviewId,
      itemId: alice.id,
      version: alice.version,
      decision: "REVOKE",
    });
    expect(late?.serverError).toMatch(
      /^This review was signed off by Maya Manager on \d{4}-\d{2}-\d{2} and is read-only\.$/,
    );
    testSession.actor = await actorOf(tenant.consultant);
    const end = await endAccessReviewAction({ reviewId, undecided: "KEEP", reason: "Trying to end a closed one" });
    expect(end?.serverError).toMatch(/signed off/);
  });

  it("ending early needs a reason and a choice for undecided users; kept or revoked users can be signed off", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    testSession.actor = await actorOf(tenant.consultant);
    const bob = await item(reviewId, tenant.prod.id, "bob");
    await decideAccessReviewItemAction({
      reviewId,
      itemId: bob.id,
      version: bob.version,
      decision: "REVOKE",
      justification: "Left the company in October.",
    });

    const noChoice = await endAccessReviewAction({ reviewId, reason: "short" } as never);
    expect(noChoice?.validationErrors?.fieldErrors?.undecided).toBeDefined();
    expect(noChoice?.validationErrors?.fieldErrors?.reason).toBeDefined();

    const ended = await endAccessReviewAction({
      reviewId,
      undecided: "KEEP",
      reason: "Customer is migrating accounts; the rest is reviewed in the next quarter.",
    });
    expect(ended?.data).toMatchObject({ applied: 9, undecided: 0 });
    const review = await db().accessReview.findUniqueOrThrow({ where: { id: reviewId } });
    expect(review).toMatchObject({ status: "ENDED" });
    expect(review.endedReason).toMatch(/migrating accounts.*\(undecided users: keep their access\)/);
    const alice = await item(reviewId, tenant.prod.id, "alice");
    expect(alice).toMatchObject({ decision: "KEEP", decidedById: tenant.consultant.id });
    expect(alice.justification).toMatch(/^Review ended early by Carlos Consultant: Customer is migrating/);
    expect(await item(reviewId, tenant.prod.id, "bob")).toMatchObject({ decision: "REVOKE" });

    const decide = await decideAccessReviewItemAction({
      reviewId,
      itemId: alice.id,
      version: alice.version,
      decision: "REVOKE",
    });
    expect(decide?.serverError).toBe("This review was ended early and is read-only.");

    testSession.actor = await actorOf(await createUser(db(), { role: "MANAGER" }));
    expect((await signOffAccessReviewAction({ reviewId }))?.data).toBeDefined();
  });

  it("a campaign ended with users left undecided cannot be signed off", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    testSession.actor = await actorOf(tenant.consultant);
    const ended = await endAccessReviewAction({
      reviewId,
      undecided: "LEAVE_UNDECIDED",
      reason: "Started against the wrong accounts by mistake.",
    });
    expect(ended?.data).toMatchObject({ applied: 0, undecided: 10 });
    testSession.actor = await actorOf(await createUser(db(), { role: "MANAGER" }));
    expect((await signOffAccessReviewAction({ reviewId }))?.serverError).toMatch(
      /ended early with 10 undecided users; it cannot be signed off/,
    );
  });
});

describe("verifyAccessReviewDecisions", () => {
  it("marks REVOKE and MODIFY of signed-off campaigns verified once AWS shows the change, 'not yet' before", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    testSession.actor = await actorOf(tenant.consultant);
    const decide = async (userName: string, decision: "REVOKE" | "MODIFY" | "KEEP") => {
      const row = await item(reviewId, tenant.prod.id, userName);
      const result = await decideAccessReviewItemAction({
        reviewId,
        itemId: row.id,
        version: row.version,
        decision,
        modification: decision === "MODIFY" ? "Move alice from staff to readers" : undefined,
        justification: "Agreed with the customer's IT lead on the review call.",
      });
      expect(result?.data, userName).toBeDefined();
    };
    await decide("bob", "REVOKE");
    await decide("alice", "MODIFY");
    await decide("svc", "REVOKE");
    await db().accessReviewItem.updateMany({
      where: { reviewId, decision: null },
      data: { decision: "KEEP", decidedById: tenant.consultant.id, decidedAt: new Date() },
    });
    await db().accessReview.update({ where: { id: reviewId }, data: { status: "COMPLETED" } });

    // Before sign-off nothing is checked.
    const early = await verifyAccessReviewDecisions(db(), { awsAccountId: tenant.prod.id, evaluatedAt: new Date() });
    expect(early).toMatchObject({ checked: 0, evidenceAvailable: true });

    testSession.actor = await actorOf(await createUser(db(), { role: "MANAGER" }));
    expect((await signOffAccessReviewAction({ reviewId }))?.data).toBeDefined();

    const unchanged = await verifyAccessReviewDecisions(db(), {
      awsAccountId: tenant.prod.id,
      evaluatedAt: new Date(),
    });
    expect(unchanged).toMatchObject({ checked: 3, verified: 0, notYet: 3, evidenceAvailable: true });
    expect(unchanged.outcomes.map((outcome) => outcome.detail).sort()).toEqual([
      "access unchanged since the snapshot",
      "user still exists with credentials",
      "user still exists with credentials",
    ]);
    expect(await item(reviewId, tenant.prod.id, "bob")).toMatchObject({
      verificationStatus: "not yet",
      verifiedAt: null,
    });

    // The next sync: bob deleted, alice moved to another group, svc untouched.
    await storeIamEvidence(
      tenant.prod,
      estate(tenant.prod.accountNumber, { without: ["bob"], aliceGroups: ["readers"] }),
    );
    const evaluatedAt = new Date();
    const after = await verifyAccessReviewDecisions(db(), { awsAccountId: tenant.prod.id, evaluatedAt });
    expect(after).toMatchObject({ checked: 3, verified: 2, notYet: 1, evidenceAvailable: true });
    expect(await item(reviewId, tenant.prod.id, "bob")).toMatchObject({
      verificationStatus: "verified",
      verifiedAt: evaluatedAt,
    });
    expect(await item(reviewId, tenant.prod.id, "alice")).toMatchObject({ verificationStatus: "verified" });
    expect(await item(reviewId, tenant.prod.id, "svc")).toMatchObject({
      verificationStatus: "not yet",
      verifiedAt: null,
    });
    expect((await item(reviewId, tenant.prod.id, "carlos")).verificationStatus).toBeNull();

    // Verified items are not checked again; the other account's decisions are its own.
    const again = await verifyAccessReviewDecisions(db(), { awsAccountId: tenant.prod.id, evaluatedAt: new Date() });
    expect(again).toMatchObject({ checked: 1, verified: 0, notYet: 1 });
    const dev = await verifyAccessReviewDecisions(db(), { awsAccountId: tenant.dev.id, evaluatedAt: new Date() });
    expect(dev).toMatchObject({ checked: 0 });
  });
});

describe("read models and the CSV export", () => {
  it("lists and shows campaigns within scope only; customer users read, their reviewer decides", async () => {
    const tenant = await createTenant();
    const victim = await createTenant();
    const reviewId = await startReview(tenant);
    const victimReviewId = await startReview(victim);

    const viewer = await actorOf(tenant.customerViewer);
    expect((await listAccessReviews(viewer)).map((row) => row.id)).toEqual([reviewId]);
    const asViewer = await getAccessReview(viewer, reviewId);
    expect(asViewer.viewer).toMatchObject({ canDecide: false, canSignOff: false, canEnd: false });
    expect(asViewer.items[0]?.userName).toBe("bob");
    await expect(getAccessReview(viewer, victimReviewId)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const reviewer = await getAccessReview(await actorOf(tenant.customerReviewer), reviewId);
    expect(reviewer.viewer).toMatchObject({ isReviewer: true, canDecide: true });

    const consultant = await actorOf(tenant.consultant);
    await expect(getAccessReview(consultant, victimReviewId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAccessReview(consultant, reviewId, { customerId: victim.customer.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const filtered = await getAccessReview(consultant, reviewId, {
      filters: { flag: "NO_MFA_CONSOLE", account: tenant.dev.id },
    });
    expect(filtered.items.map((row) => `${row.account}:${row.userName}`)).toEqual([
      `dev-${tenant.customer.slug} (${tenant.dev.accountNumber}):bob`,
    ]);
    expect(filtered.counts.users).toBe(10);
    const own = filtered.items.find((row) => row.userName === "carlos");
    expect(own).toBeUndefined();
    expect(
      (await getAccessReview(consultant, reviewId, { filters: { q: "CARL" } })).items.every((row) => row.isOwnUser),
    ).toBe(true);

    const form = await getStartReviewForm(consultant, tenant.customer.id);
    expect(form.selected?.accounts.map((account) => account.needsSync)).toEqual([false, false]);
    expect(form.selected?.existingPeriods).toEqual(["2026-Q4"]);
    expect(form.selected?.reviewers.map((user) => user.id)).toEqual(
      expect.arrayContaining([tenant.consultant.id, tenant.customerReviewer.id]),
    );
    expect(form.selected?.reviewers.map((user) => user.id)).not.toContain(victim.customerReviewer.id);
    await expect(getStartReviewForm(consultant, victim.customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getStartReviewForm(viewer, null)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("exports every user (CSV and PDF) with flags, decision, decider, sign-off and verification; 404 across customers", async () => {
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    testSession.actor = await actorOf(tenant.consultant);
    const bob = await item(reviewId, tenant.prod.id, "bob");
    await decideAccessReviewItemAction({
      reviewId,
      itemId: bob.id,
      version: bob.version,
      decision: "REVOKE",
      justification: '=HYPERLINK("http://evil") left in October',
    });

    const get = (customerId: string, id: string) =>
      exportCsv(new NextRequest(`http://localhost/api/customers/${customerId}/reviews/${id}/export.csv`), {
        params: Promise.resolve({ customerId, reviewId: id }),
      });
    const response = await get(tenant.customer.id, reviewId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="access-review-.*-2026-q4\.csv"/);
    const rows = parse(await response.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(10);
    const bobRow = rows.find((row) => row.user === "bob" && row.account.includes(tenant.prod.accountNumber))!;
    expect(bobRow).toMatchObject({
      customer: tenant.customer.name,
      period: "2026-Q4",
      "campaign status": "OPEN",
      "console access": "yes",
      "MFA active": "no",
      "key 1 status": "active",
      "key 1 age (days)": "400",
      "key 1 last used service": "s3",
      "admin-equivalent": "yes",
      "risk flags": "No MFA; Admin-equivalent; Key older than 1 year; Policies attached directly",
      decision: "REVOKE",
      "decided by": "Carlos Consultant",
      "signed off by": "",
    });
    // A formula in a free-text cell is neutralised for spreadsheets.
    expect(bobRow.justification.startsWith("'=")).toBe(true);
    expect(rows.find((row) => row.user === "alice")?.decision).toBe("undecided");

    const victim = await createTenant();
    const victimReviewId = await startReview(victim);
    testSession.actor = await actorOf(tenant.customerReviewer);
    expect((await get(victim.customer.id, victimReviewId)).status).toBe(404);
    expect((await get(tenant.customer.id, victimReviewId)).status).toBe(404);
    const ownRows = await (await get(tenant.customer.id, reviewId)).text();
    expect(ownRows).not.toContain(victim.customer.name);
    const pdf = await exportPdf(
      new NextRequest(`http://localhost/api/customers/${tenant.customer.id}/reviews/${reviewId}/export.pdf`),
      { params: Promise.resolve({ customerId: tenant.customer.id, reviewId }) },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const foreignPdf = await exportPdf(
      new NextRequest(`http://localhost/api/customers/${tenant.customer.id}/reviews/${victimReviewId}/export.pdf`),
      { params: Promise.resolve({ customerId: tenant.customer.id, reviewId: victimReviewId }) },
    );
    expect(foreignPdf.status).toBe(404);
    testSession.actor = null;
    expect((await get(tenant.customer.id, reviewId)).status).toBe(401);
  });
});

describe("reminders", () => {
  it("mails every active reviewer once per slot while users are undecided, and records it in the audit log", async () => {
    const { sendAccessReviewReminders, REMINDED_ACTION } = await import("@/lib/access-reviews/reminders");
    const tenant = await createTenant();
    const reviewId = await startReview(tenant);
    const startedAt = new Date("2026-10-01T09:00:00.000Z");
    await db().accessReview.update({
      where: { id: reviewId },
      data: { createdAt: startedAt, dueAt: new Date("2026-10-31T23:59:59.999Z") },
    });
    const mails: { to: string; subject: string; text: string }[] = [];
    const sweep = (now: string) =>
      sendAccessReviewReminders(db(), {
        now: new Date(now),
        appUrl: "https://rampart.example/",
        send: async (mail) => {
          mails.push(mail);
          return { delivered: true };
        },
      });
    const reminders = () => db().auditLog.count({ where: { action: REMINDED_ACTION, targetId: reviewId } });

    expect((await sweep("2026-10-05T10:00:00Z")).mails).toBe(0);
    const first = await sweep("2026-10-08T10:00:00Z");
    expect(first.mails).toBe(2);
    expect(mails.map((mail) => mail.to).sort()).toEqual(
      [tenant.consultant.email, tenant.customerReviewer.email].sort(),
    );
    expect(mails[0]?.subject).toMatch(/^access review 2026-Q4 of .*: 10 users to decide$/);
    expect(mails[0]?.text).toContain(`https://rampart.example/reviews/${reviewId}`);
    expect(mails[0]?.text).toContain("4 of them with risk flags");
    expect((await sweep("2026-10-09T10:00:00Z")).mails).toBe(0);
    expect(await reminders()).toBe(1);

    // Overdue: one a day, with the overdue wording.
    mails.length = 0;
    await sweep("2026-11-02T10:00:00Z");
    expect(mails[0]?.subject).toMatch(/^Overdue: /);
    expect(mails[0]?.text).toContain("was due on 2026-10-31 (1 days ago)");
    expect((await sweep("2026-11-02T11:00:00Z")).mails).toBe(0);
    expect(await reminders()).toBe(2);

    // Signed-off, ended or fully decided campaigns are not reminded.
    await db().accessReview.update({ where: { id: reviewId }, data: { status: "ENDED" } });
    expect((await sweep("2026-11-05T10:00:00Z")).reminded).toBe(0);
  });
});
