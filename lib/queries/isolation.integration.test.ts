import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import { createIsolationWorld, foreignMarkers } from "@/lib/auth/testing/isolation-world";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { evaluateAccount, syncControlCatalogue } from "@/lib/evaluation/evaluate-account";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { listAccessReviews } from "./access-reviews";
import { listOpenAlerts } from "./alerts";
import { listAssignments } from "./assignments";
import { getAttestationAttachment } from "./attestation-attachments";
import { getChange, getChangeEditForm, getChangeRequestForm, listChanges } from "./changes";
import { getControlExplorer } from "./control-explorer";
import { getCustomerControlParameters } from "./control-parameters";
import {
  getCustomer,
  getCustomerFilterChoice,
  getCustomerOverview,
  listCustomerChoices,
  searchCustomerChoices,
} from "./customers";
import { getChangeActivitySummary, listDetectedChanges } from "./detected-changes";
import { getAccountEvidence } from "./evidence";
import { getEvidencePackDownload, listEvidencePacks } from "./evidence-packs";
import { listCustomerFindings } from "./findings";
import { getAuditRoleTemplateInput } from "./onboarding";
import { getCaughtMail, listCaughtMail } from "./outbox";
import { listPortfolio } from "./portfolio";
import { listRetiredRecords } from "./retired";
import { getCustomerControl, getCustomerFindingSummary, getCustomerScorecard } from "./scorecard";
import { listCustomerSettings } from "./settings";
import { getCustomerSyncStatus } from "./sync-runs";
import { getTrends, listCustomerScoreHistory, listScoreChanges } from "./trends";

// Read models from the attacker's side: every function, called by a user confined to customer A with
// customer B's ids, answers NOT_FOUND (or FORBIDDEN for a missing permission), and lists never contain B.

type World = Awaited<ReturnType<typeof createIsolationWorld>>;
let world: World;
let attackers: { label: string; actor: Actor }[];

beforeAll(async () => {
  world = await createIsolationWorld(db());
  attackers = [];
  for (const attacker of world.attackers) {
    const actor = await loadActor(db(), { userId: attacker.userId, sessionVersion: attacker.sessionVersion });
    if (!actor) throw new Error(`no actor for ${attacker.label}`);
    attackers.push({ label: attacker.label, actor });
  }
});

function expectRefused(promise: Promise<unknown>) {
  return expect(promise).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) });
}

/** A CUSTOMER snapshot of each of `kinds`, taken at `takenAt` (on its UTC day), counting one passing control. */
async function customerSnapshot(
  customerId: string,
  score: number,
  takenAt: Date,
  kinds: readonly ("SYNC" | "DAILY")[],
): Promise<void> {
  const day = new Date(Date.UTC(takenAt.getUTCFullYear(), takenAt.getUTCMonth(), takenAt.getUTCDate()));
  for (const kind of kinds)
    await db().scoreSnapshot.create({
      data: {
        scope: "CUSTOMER",
        kind,
        customerId,
        day,
        takenAt,
        score,
        scoreWithoutSuppressions: score,
        passed: 1,
        failed: 0,
        unknown: 0,
        notApplicable: 0,
        needsAttestation: 0,
        suppressed: 0,
        failingCritical: 0,
        failingHigh: 0,
      },
    });
}

describe("read models from the attacker's side", () => {
  it("refuses every lookup by the other customer's ids", async () => {
    const victim = world.targets.victim;
    for (const { actor } of attackers) {
      await expectRefused(getCustomer(actor, victim.customerId));
      await expectRefused(getCustomerOverview(actor, victim.customerId));
      await expectRefused(getCustomerSyncStatus(actor, victim.customerId));
      await expectRefused(getAccountEvidence(actor, victim.customerId, victim.accountId));
      await expectRefused(getCustomerScorecard(actor, victim.customerId));
      await expectRefused(getCustomerControl(actor, victim.customerId, "ROOT-1"));
      await expectRefused(getControlExplorer(actor, victim.customerId));
      await expectRefused(getCustomerFindingSummary(actor, victim.customerId));
      await expectRefused(listCustomerFindings(actor, victim.customerId));
      await expectRefused(listCustomerFindings(actor, victim.customerId, { account: victim.accountId, status: "ALL" }));
      await expectRefused(getAuditRoleTemplateInput(actor, victim.customerId));
      await expectRefused(getCustomerControlParameters(actor, victim.customerId));
      await expectRefused(listEvidencePacks(actor, victim.customerId));
      await expectRefused(getEvidencePackDownload(actor, victim.customerId, victim.packId));
      await expectRefused(getEvidencePackDownload(actor, world.targets.own.customerId, victim.packId));
      await expectRefused(listDetectedChanges(actor, victim.customerId));
      await expectRefused(listDetectedChanges(actor, victim.customerId, { unmatchedOnly: true }));
      await expectRefused(getChangeActivitySummary(actor, victim.customerId));
      const noFilters = { status: null, from: null, to: null, accountId: null };
      await expectRefused(listChanges(actor, victim.customerId, noFilters));
      await expectRefused(getChange(actor, victim.customerId, victim.changeId));
      await expectRefused(getChange(actor, world.targets.own.customerId, victim.changeId));
      await expectRefused(getChangeRequestForm(actor, victim.customerId));
      await expectRefused(getChangeEditForm(actor, victim.customerId, victim.changeId));
      await expectRefused(getChangeEditForm(actor, world.targets.own.customerId, victim.changeId));
      // Own customer id with the victim's account id must not reach the victim's account either.
      await expectRefused(getAccountEvidence(actor, world.targets.own.customerId, victim.accountId));
      await expectRefused(getAttestationAttachment(actor, victim.customerId, victim.attachmentId));
      await expectRefused(getAttestationAttachment(actor, world.targets.own.customerId, victim.attachmentId));
    }
  });

  it("hands a customer's own evidence files to its users, and the demo outbox to no attacker", async () => {
    const own = world.own;
    process.env.RAMPART_MAIL_CATCHER = "1";
    resetEnvCache();
    try {
      for (const { actor } of attackers) {
        const file = await getAttestationAttachment(actor, own.customerId, own.attachmentId);
        expect(Buffer.from(file.content).toString("latin1")).toContain(own.name);
        await expectRefused(listCaughtMail(actor));
        await expectRefused(getCaughtMail(actor, world.targets.victim.mailId));
      }
    } finally {
      delete process.env.RAMPART_MAIL_CATCHER;
      resetEnvCache();
    }
  });

  it("never lists the other customer", async () => {
    for (const { label, actor } of attackers) {
      const listed = JSON.stringify(
        await Promise.all([
          listCustomerChoices(actor),
          // The header switcher's server search, by the victim's name, slug and id, and unfiltered.
          searchCustomerChoices(actor, world.victim.name),
          searchCustomerChoices(actor, world.victim.customerId),
          searchCustomerChoices(actor, ""),
          // The alert filter's customer field, asked for the victim.
          getCustomerFilterChoice(actor, world.victim.customerId),
          listPortfolio(actor).catch(() => []),
          listOpenAlerts(actor).catch(() => []),
          listAccessReviews(actor).catch(() => []),
          listCustomerScoreHistory(actor).catch(() => []),
          // The Trends score-change table, searched by the victim's name (trends:read: staff only).
          listScoreChanges(actor, { q: world.victim.name }).catch(() => []),
          listScoreChanges(actor, { sort: "name" }).catch(() => []),
          listCustomerSettings(actor).catch(() => []),
          listRetiredRecords(actor).catch(() => []),
          listDetectedChanges(actor, world.targets.own.customerId),
          listChanges(actor, world.targets.own.customerId, {
            status: null,
            from: null,
            to: null,
            accountId: world.targets.victim.accountId,
          }).catch(() => []),
          getChangeRequestForm(actor, world.targets.own.customerId).catch(() => []),
          getChangeEditForm(actor, world.targets.own.customerId, world.targets.own.changeId).catch(() => []),
          // The own findings table filtered by the victim's account: the own rows only (none of B's).
          listCustomerFindings(actor, world.targets.own.customerId, {
            account: world.targets.victim.accountId,
            status: "ALL",
            q: world.victim.name,
          })
            // The query echoed back names what was asked; the rows and choices must not hold B.
            .then(({ rows, accounts, total }) => ({ rows, accounts, total }))
            .catch(() => []),
        ]),
      );
      for (const marker of foreignMarkers(world.victim, "/"))
        expect(listed, `${label} saw ${marker}`).not.toContain(marker);
    }
  });

  it("refuses the assignments page to everyone but administrators", async () => {
    for (const { actor } of attackers) await expectRefused(listAssignments(actor));
  });

  it("never lists the other customer's retired accounts or the retired customer itself", async () => {
    const retiredAccount = await createAwsAccount(db(), world.targets.victim.customerId, { alias: "victim-retired" });
    await db().awsAccount.update({ where: { id: retiredAccount.id }, data: { archivedAt: new Date() } });
    const retiredCustomer = await createCustomer(db(), { name: "Victim Retired Holdings" });
    await db().customer.update({ where: { id: retiredCustomer.id }, data: { archivedAt: new Date() } });
    for (const { label, actor } of attackers) {
      const listed = JSON.stringify(await listRetiredRecords(actor).catch(() => ({})));
      expect(listed, label).not.toContain(retiredAccount.id);
      expect(listed, label).not.toContain("Victim Retired Holdings");
    }
  });

  it("never hands an ExternalId to a customer user", async () => {
    for (const { actor } of attackers.filter((a) => a.actor.role.startsWith("CUSTOMER"))) {
      await expectRefused(listCustomerSettings(actor));
      await expectRefused(getAuditRoleTemplateInput(actor, world.targets.own.customerId));
    }
  });
});

describe("detected changes", () => {
  it("lists the own customer's changes only, and counts only them for CHG-1", async () => {
    for (const { label, actor } of attackers) {
      const { changes } = await listDetectedChanges(actor, world.own.customerId);
      expect(
        changes.map((change) => change.id),
        label,
      ).toEqual([world.own.detectedChangeId]);
      expect(await getChangeActivitySummary(actor, world.own.customerId)).toMatchObject({ detected: 1, unmatched: 1 });
    }
  });
});

describe("a consultant with several customers", () => {
  it("sees each customer's own accounts only on its page", async () => {
    const first = await createCustomer(db());
    const second = await createCustomer(db());
    const firstAccount = await createAwsAccount(db(), first.id);
    const secondAccount = await createAwsAccount(db(), second.id);
    const consultant = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [first.id, second.id] });
    const actor = (await loadActor(db(), { userId: consultant.id, sessionVersion: consultant.sessionVersion }))!;
    const overview = await getCustomerOverview(actor, first.id);
    expect(overview.accounts.map((a) => a.id)).toEqual([firstAccount.id]);
    const status = await getCustomerSyncStatus(actor, second.id);
    expect(status.accounts.map((a) => a.awsAccountId)).toEqual([secondAccount.id]);
    await expectRefused(getAccountEvidence(actor, first.id, secondAccount.id));
  });
});

describe("the per-customer read-model cache (ADR 027)", () => {
  async function staffActor(customerIds?: string[]): Promise<Actor> {
    const user = await createUser(db(), {
      role: "CONSULTANT",
      ...(customerIds ? { assignedCustomerIds: customerIds } : { allCustomers: true }),
    });
    return (await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion }))!;
  }

  async function result(
    customerId: string,
    awsAccountId: string,
    controlId: string,
    status: "PASS" | "FAIL",
    reason: string,
  ) {
    await db().controlResult.create({
      data: { customerId, awsAccountId, controlId, status, severity: "CRITICAL", reason, evaluatedAt: new Date() },
    });
  }

  it("never answers an actor scoped to A from B's cached scorecard or portfolio row", async () => {
    await syncControlCatalogue(db());
    const victim = world.targets.victim;
    const marker = `cached-victim-reason-${victim.customerId}`;
    await result(victim.customerId, victim.accountId, "ROOT-1", "FAIL", marker);
    await customerSnapshot(victim.customerId, 42.5, new Date(), ["SYNC"]);
    // Someone who may see B fills the cache with B's scorecard and portfolio row first.
    const staff = await staffActor();
    expect(JSON.stringify(await getCustomerScorecard(staff, victim.customerId))).toContain(marker);
    expect(JSON.stringify(await getControlExplorer(staff, victim.customerId))).toContain(marker);
    const warm = await listPortfolio(staff, { q: world.victim.name });
    expect(warm.rows.map((row) => row.id)).toContain(victim.customerId);
    for (const { label, actor } of attackers) {
      await expectRefused(getCustomerScorecard(actor, victim.customerId));
      await expectRefused(getControlExplorer(actor, victim.customerId));
      expect(
        JSON.stringify(await getControlExplorer(actor, world.targets.own.customerId).catch(() => ({}))),
        label,
      ).not.toContain(marker);
      const own = JSON.stringify(await getCustomerScorecard(actor, world.targets.own.customerId).catch(() => ({})));
      expect(own, label).not.toContain(marker);
      const portfolio = JSON.stringify(await listPortfolio(actor).catch(() => []));
      for (const foreign of foreignMarkers(world.victim, "/"))
        expect(portfolio, `${label} saw ${foreign}`).not.toContain(foreign);
      expect(portfolio, label).not.toContain(victim.customerId);
    }
  });

  it("answers with what an evaluation, a result change or a new snapshot wrote, never the cached copy", async () => {
    await syncControlCatalogue(db());
    const customer = await createCustomer(db(), { name: "Cache Invalidation Co" });
    const account = await createAwsAccount(db(), customer.id, { alias: "cache-prod" });
    const actor = await staffActor([customer.id]);
    await result(customer.id, account.id, "ROOT-1", "PASS", "first evaluation");
    await customerSnapshot(customer.id, 40, new Date(Date.now() - 60_000), ["SYNC"]);

    const rootOf = async () =>
      (await getCustomerScorecard(actor, customer.id)).areas
        .flatMap((area) => area.controls)
        .find((control) => control.id === "ROOT-1");
    const scoreOf = async () => (await listPortfolio(actor)).rows.find((row) => row.id === customer.id)?.score;
    expect((await rootOf())?.status).toBe("PASS");
    expect(await rootOf()).toBeDefined(); // a second read, answered from the cache
    expect(await scoreOf()).toBe(40);
    expect(await scoreOf()).toBe(40);

    // A result changed in place (as a suppression's re-evaluation does): the scorecard follows.
    await db().controlResult.updateMany({
      where: { awsAccountId: account.id, controlId: "ROOT-1" },
      data: { status: "FAIL", reason: "changed by a re-evaluation" },
    });
    expect(await rootOf()).toMatchObject({ status: "FAIL", accounts: [{ reason: "changed by a re-evaluation" }] });

    // A new snapshot: the portfolio follows.
    await customerSnapshot(customer.id, 75, new Date(), ["SYNC"]);
    expect(await scoreOf()).toBe(75);

    // The evaluation itself (nothing collected: every automated control is UNKNOWN) replaces the results.
    await evaluateAccount(db(), { awsAccountId: account.id, syncRunId: null, evaluatedAt: new Date() });
    const evaluated = await rootOf();
    expect(evaluated?.accounts[0]?.reason).not.toBe("changed by a re-evaluation");
    expect((await listPortfolio(actor)).rows.find((row) => row.id === customer.id)?.score).not.toBe(75);

    // Retiring the account takes its results off the scorecard at once.
    await db().awsAccount.update({ where: { id: account.id }, data: { archivedAt: new Date() } });
    expect(await rootOf()).toBeUndefined();
  });
});

describe("the per-customer trends cache (ADR 030)", () => {
  const today = () => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  };
  let sequence = 0;

  async function dailySnapshot(customerId: string, score: number, failed: number, day = today()) {
    await db().scoreSnapshot.create({
      data: {
        scope: "CUSTOMER",
        kind: "DAILY",
        customerId,
        day,
        takenAt: day,
        score,
        scoreWithoutSuppressions: score,
        passed: 1,
        failed,
        unknown: 0,
        notApplicable: 0,
        needsAttestation: 0,
        suppressed: 0,
        failingCritical: 0,
        failingHigh: failed,
      },
    });
  }

  async function finding(customerId: string, awsAccountId: string) {
    sequence += 1;
    await db().finding.create({
      data: {
        customerId,
        awsAccountId,
        source: "INSPECTOR",
        externalKey: `trends-cache-${sequence}`,
        title: `Trends cache finding ${sequence}`,
        severity: "HIGH",
        status: "OPEN",
        region: "us-east-1",
        contentHash: `trends-cache-${sequence}`,
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
      },
    });
  }

  async function alert(customerId: string, awsAccountId: string, status: "NEW" | "RESOLVED") {
    sequence += 1;
    const firstSeenAt = new Date(Date.now() - 3_600_000);
    return db().alert.create({
      data: {
        customerId,
        awsAccountId,
        source: "CONTROL",
        dedupKey: `CONTROL|trends-cache-${sequence}`,
        rule: `T-${sequence}`,
        severity: "HIGH",
        status,
        title: `Trends cache alert ${sequence}`,
        firstSeenAt,
        lastSeenAt: firstSeenAt,
        dueAt: new Date(Date.now() + 3_600_000),
        resolvedAt: status === "RESOLVED" ? new Date() : null,
      },
    });
  }

  async function staff(customerIds: string[]): Promise<Actor> {
    const user = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: customerIds });
    return (await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion }))!;
  }

  const last = <T>(items: readonly T[]) => items[items.length - 1]!;
  const sums = (trends: Awaited<ReturnType<typeof getTrends>>) => ({
    score: last(trends.portfolio.points).score,
    failed: last(trends.failing).failed,
    opened: trends.findings.reduce((sum, week) => sum + week.opened, 0),
    alertsResolved: trends.sla.reduce((sum, week) => sum + week.resolved, 0),
    changes: trends.changes.map((change) => change.name),
  });

  it("never answers an actor scoped to A, nor A's viewer, from entries another scope filled with B", async () => {
    const a = await createCustomer(db(), { name: `Trends Cache A ${Date.now()}` });
    const b = await createCustomer(db(), { name: `Trends Cache B ${Date.now()}` });
    const accountA = await createAwsAccount(db(), a.id);
    const accountB = await createAwsAccount(db(), b.id);
    await dailySnapshot(a.id, 30, 1);
    await dailySnapshot(b.id, 90, 7);
    await finding(a.id, accountA.id);
    for (let index = 0; index < 3; index += 1) await finding(b.id, accountB.id);
    await alert(b.id, accountB.id, "RESOLVED");

    // A consultant of A and B fills the cache with both customers' entries first.
    const both = await staff([a.id, b.id]);
    for (let read = 0; read < 2; read += 1)
      expect(sums(await getTrends(both, { range: "30" }))).toEqual({
        score: 60,
        failed: 8,
        opened: 4,
        alertsResolved: 1,
        changes: [a.name, b.name],
      });

    // A consultant of A only: A's figures alone, nothing of B, though B's entry is in the cache.
    const onlyA = await staff([a.id]);
    const trendsA = await getTrends(onlyA, { range: "30" });
    expect(sums(trendsA)).toEqual({ score: 30, failed: 1, opened: 1, alertsResolved: 0, changes: [a.name] });
    const text = JSON.stringify(trendsA);
    expect(text).not.toContain(b.id);
    expect(text).not.toContain(b.name);
    await expectRefused(getTrends(onlyA, { range: "30", customer: b.id }));
    expect((await listScoreChanges(onlyA, { range: "30" })).rows.map((row) => row.customerId)).toEqual([a.id]);
    await expectRefused(listCustomerScoreHistory(onlyA, { range: 30, customerIds: [b.id] }));

    // A's customer viewer holds no trends:read at all.
    const viewerUser = await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: a.id });
    const viewer = (await loadActor(db(), { userId: viewerUser.id, sessionVersion: viewerUser.sessionVersion }))!;
    await expectRefused(getTrends(viewer, { range: "30" }));

    // And the isolation world's attackers never see the victim through the warmed cache.
    const victimReader = await staff([world.targets.victim.customerId]);
    await getTrends(victimReader, { range: "30" });
    for (const { label, actor } of attackers) {
      const seen = JSON.stringify(await getTrends(actor, { range: "30" }).catch(() => ({})));
      expect(seen, label).not.toContain(world.targets.victim.customerId);
      for (const foreign of foreignMarkers(world.victim, "/"))
        expect(seen, `${label} saw ${foreign}`).not.toContain(foreign);
    }
  });

  it("answers with what a new snapshot, a finding and an alert's resolution wrote, never the cached copy", async () => {
    const customer = await createCustomer(db(), { name: `Trends Cache Writes ${Date.now()}` });
    const account = await createAwsAccount(db(), customer.id);
    const yesterday = new Date(today().getTime() - 86_400_000);
    await dailySnapshot(customer.id, 40, 2, yesterday);
    const actor = await staff([customer.id]);
    const read = async () => sums(await getTrends(actor, { range: "30" }));
    expect(await read()).toMatchObject({ score: 40, failed: 2, opened: 0, alertsResolved: 0 });
    expect(await read()).toMatchObject({ score: 40 }); // answered from the cache

    await dailySnapshot(customer.id, 55, 1);
    expect(await read()).toMatchObject({ score: 55, failed: 1 });
    const steps = (await getTrends(actor, { range: "30" })).steps;
    expect(JSON.stringify(steps)).toContain("40.0 → 55.0");

    await finding(customer.id, account.id);
    expect(await read()).toMatchObject({ opened: 1 });

    const open = await alert(customer.id, account.id, "NEW");
    expect(await read()).toMatchObject({ alertsResolved: 0 });
    await db().alert.update({ where: { id: open.id }, data: { status: "RESOLVED", resolvedAt: new Date() } });
    expect(await read()).toMatchObject({ alertsResolved: 1 });
  });
});

describe("the per-scope memo of the portfolio and trends (ADR 031)", () => {
  async function staffOf(customerIds?: string[]) {
    const user = await createUser(db(), {
      role: "CONSULTANT",
      ...(customerIds ? { assignedCustomerIds: customerIds } : { allCustomers: true }),
    });
    const load = async () => (await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion }))!;
    return { user, load };
  }

  async function manager(): Promise<Actor> {
    const user = await createUser(db(), { role: "MANAGER" });
    return (await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion }))!;
  }

  /** The customer's SYNC snapshot and the day's DAILY one, both now. */
  async function syncSnapshot(customerId: string, score: number) {
    await customerSnapshot(customerId, score, new Date(), ["SYNC", "DAILY"]);
  }

  async function syncRun(customerId: string, awsAccountId: string, status: "SUCCEEDED" | "RUNNING", queuedAt: Date) {
    return db().syncRun.create({
      data: {
        customerId,
        awsAccountId,
        trigger: "CLI",
        status,
        queuedAt,
        startedAt: queuedAt,
        finishedAt: status === "SUCCEEDED" ? queuedAt : null,
      },
    });
  }

  async function syncRunsStamp(customerId: string): Promise<bigint | null> {
    const row = await db().readModelSourceVersion.findUnique({
      where: { customerId_source: { customerId, source: "SYNC_RUNS" } },
      select: { version: true },
    });
    return row?.version ?? null;
  }

  it("never answers a narrower scope from the memo a wider one filled, nor the other way round", async () => {
    const a = await createCustomer(db(), { name: `Scope Memo A ${Date.now()}` });
    const b = await createCustomer(db(), { name: `Scope Memo B ${Date.now()}` });
    const c = await createCustomer(db(), { name: `Scope Memo C ${Date.now()}` });
    for (const [customer, score] of [
      [a, 31],
      [b, 62],
      [c, 93],
    ] as const) {
      await createAwsAccount(db(), customer.id);
      await syncSnapshot(customer.id, score);
    }
    const victim = world.targets.victim;

    // A manager (every customer) fills both memos first, twice (the second read is a hit).
    const everyone = await manager();
    for (let read = 0; read < 2; read += 1) {
      const all = await listPortfolio(everyone, { q: "Scope Memo" });
      expect(all.rows.map((row) => row.id).sort()).toEqual([a.id, b.id, c.id].sort());
      expect(JSON.stringify((await getTrends(everyone, { range: "30" })).changes)).toContain(victim.customerId);
    }

    // A consultant of A and B: their two rows only, their own summary, nothing of C or of the victim.
    const two = await (await staffOf([a.id, b.id])).load();
    const portfolio = await listPortfolio(two);
    expect(portfolio.rows.map((row) => row.id).sort()).toEqual([a.id, b.id].sort());
    expect(portfolio.summary).toMatchObject({ customers: 2, scoredCustomers: 2, score: (31 + 62) / 2 });
    const trends = await getTrends(two, { range: "30" });
    expect(trends.changes.map((change) => change.customerId).sort()).toEqual([a.id, b.id].sort());
    expect(trends.portfolio).toMatchObject({ basis: "assigned", customers: 2 });
    for (const text of [JSON.stringify(portfolio), JSON.stringify(trends)]) {
      expect(text).not.toContain(c.id);
      expect(text).not.toContain(victim.customerId);
    }

    // And the manager, read again after the narrower scope, still gets every customer.
    const again = await listPortfolio(everyone, { q: "Scope Memo" });
    expect(again.rows.map((row) => row.id).sort()).toEqual([a.id, b.id, c.id].sort());

    // The every-customer entry follows customers joining and leaving, and renames.
    const d = await createCustomer(db(), { name: `Scope Memo D ${Date.now()}` });
    const withD = await listPortfolio(everyone, { q: "Scope Memo" });
    expect(withD.rows.map((row) => row.id).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
    expect((await getTrends(everyone, { range: "30" })).customers.map((customer) => customer.id)).toContain(d.id);
    await db().customer.update({ where: { id: c.id }, data: { archivedAt: new Date() } });
    await db().customer.update({ where: { id: d.id }, data: { name: `Scope Memo D renamed ${Date.now()}` } });
    const after = await listPortfolio(everyone, { q: "Scope Memo" });
    expect(after.rows.map((row) => row.id).sort()).toEqual([a.id, b.id, d.id].sort());
    expect(after.rows.find((row) => row.id === d.id)?.name).toContain("renamed");
    const trendsAfter = await getTrends(everyone, { range: "30" });
    expect(trendsAfter.customers.map((customer) => customer.id)).not.toContain(c.id);
    expect(trendsAfter.customers.find((customer) => customer.id === d.id)?.name).toContain("renamed");

    // The isolation world's attackers, with every memo warm, never see the victim.
    for (const { label, actor } of attackers) {
      const seen = JSON.stringify([
        await listPortfolio(actor).catch(() => []),
        await getTrends(actor, { range: "30" }).catch(() => ({})),
      ]);
      expect(seen, label).not.toContain(victim.customerId);
      for (const foreign of foreignMarkers(world.victim, "/"))
        expect(seen, `${label} saw ${foreign}`).not.toContain(foreign);
    }
  });

  it("follows a consultant's assignments as they change between requests", async () => {
    const a = await createCustomer(db(), { name: `Reassigned A ${Date.now()}` });
    const b = await createCustomer(db(), { name: `Reassigned B ${Date.now()}` });
    await syncSnapshot(a.id, 20);
    await syncSnapshot(b.id, 80);
    const consultant = await staffOf([a.id]);
    const ids = async () => {
      const actor = await consultant.load();
      const portfolio = (await listPortfolio(actor)).rows.map((row) => row.id).sort();
      const trends = (await getTrends(actor, { range: "30" })).changes.map((change) => change.customerId).sort();
      expect(trends).toEqual(portfolio);
      return portfolio;
    };
    expect(await ids()).toEqual([a.id]);
    expect(await ids()).toEqual([a.id]);

    await db().customerAssignment.create({ data: { userId: consultant.user.id, customerId: b.id } });
    expect(await ids()).toEqual([a.id, b.id].sort());

    await db().customerAssignment.delete({
      where: { userId_customerId: { userId: consultant.user.id, customerId: a.id } },
    });
    expect(await ids()).toEqual([b.id]);
    const text = JSON.stringify(await listPortfolio(await consultant.load()));
    expect(text).not.toContain(a.id);
    expect(text).not.toContain(a.name);
  });

  it("answers with what a sync run, a new account, a new score and a rename wrote, never the memoised copy", async () => {
    const customer = await createCustomer(db(), { name: `Memo Writes ${Date.now()}` });
    const account = await createAwsAccount(db(), customer.id);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const run = await syncRun(customer.id, account.id, "SUCCEEDED", hourAgo);
    await syncSnapshot(customer.id, 50);
    const actor = await (await staffOf([customer.id])).load();
    const row = async () => (await listPortfolio(actor)).rows.find((candidate) => candidate.id === customer.id)!;
    expect(await row()).toMatchObject({ accountCount: 1, score: 50, lastSync: { status: "SUCCEEDED" } });
    expect((await row()).accountsNeedingAttention).toBe(0); // answered from the memo

    // The run's status changes (a retried sync that failed): the row follows.
    await db().syncRun.update({ where: { id: run.id }, data: { status: "FAILED" } });
    expect(await row()).toMatchObject({
      lastSync: { status: "FAILED" },
      accountsNeedingAttention: 1,
      attention: expect.arrayContaining([{ kind: "sync-gaps", accounts: 1 }]),
    });

    // A new run queued: the newest run is shown.
    const queued = await syncRun(customer.id, account.id, "RUNNING", new Date());
    expect(await row()).toMatchObject({ lastSync: { status: "RUNNING" }, accountsNeedingAttention: 0 });
    await db().syncRun.delete({ where: { id: queued.id } });
    expect(await row()).toMatchObject({ lastSync: { status: "FAILED" } });

    // A new account and a new score.
    await createAwsAccount(db(), customer.id);
    expect(await row()).toMatchObject({ accountCount: 2 });
    await syncSnapshot(customer.id, 70);
    expect(await row()).toMatchObject({ score: 70 });

    // A rename (names are read live; the memo holds them only while they are unchanged).
    await db().customer.update({ where: { id: customer.id }, data: { name: `${customer.name} renamed` } });
    expect((await row()).name).toBe(`${customer.name} renamed`);
    expect((await getTrends(actor, { range: "30" })).changes[0]?.name).toBe(`${customer.name} renamed`);
  });

  it("bumps the SYNC_RUNS stamp for a run's status, time or account, never for a heartbeat", async () => {
    const customer = await createCustomer(db(), { name: `Sync Stamp ${Date.now()}` });
    const account = await createAwsAccount(db(), customer.id);
    expect(await syncRunsStamp(customer.id)).toBeNull();
    const run = await syncRun(customer.id, account.id, "RUNNING", new Date());
    const created = await syncRunsStamp(customer.id);
    expect(created).not.toBeNull();

    // Heartbeats, counts and the evaluation time are not read by the portfolio: no bump.
    await db().syncRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date() } });
    await db().syncRun.update({ where: { id: run.id }, data: { counts: { calls: 3 }, evaluatedAt: new Date() } });
    // Setting a column to the value it holds is no change either.
    await db().syncRun.update({ where: { id: run.id }, data: { status: "RUNNING" } });
    expect(await syncRunsStamp(customer.id)).toBe(created);

    await db().syncRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
    const finished = await syncRunsStamp(customer.id);
    expect(finished! > created!).toBe(true);
    await db().syncRun.update({ where: { id: run.id }, data: { queuedAt: new Date(Date.now() - 60_000) } });
    const requeued = await syncRunsStamp(customer.id);
    expect(requeued! > finished!).toBe(true);
    await db().syncRun.delete({ where: { id: run.id } });
    expect((await syncRunsStamp(customer.id))! > requeued!).toBe(true);
  });
});
