import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/authz/policy";
import { formatScore } from "@/lib/controls/scoring";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { DAY_MS } from "../dates";
import { portfolioQuerySchema } from "../portfolio/view-query";
import { listPortfolio, OPEN_FINDINGS_CAP } from "./portfolio";

// The portfolio read model on a real PostgreSQL: scope, the snapshots it reads (latest CUSTOMER SYNC for the
// score, DAILY CUSTOMER for the 30-day change and trend), sort, filter, search and param validation.
// Every test builds its own customers and reads them through a consultant assigned to exactly those.

const now = new Date();
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const daysAgo = (days: number) => new Date(today.getTime() - days * DAY_MS);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

let sequence = 0;
async function customer(name?: string) {
  sequence += 1;
  return createCustomer(db(), { name: name ?? `Portfolio test ${sequence} ${Math.random().toString(36).slice(2, 8)}` });
}

async function actorFor(role: "CONSULTANT" | "ADMIN" | "CUSTOMER_VIEWER", customerIds: string[]): Promise<Actor> {
  const user = await createUser(db(), {
    role,
    allCustomers: role === "ADMIN",
    assignedCustomerIds: role === "CONSULTANT" ? customerIds : undefined,
    customerId: role === "CUSTOMER_VIEWER" ? customerIds[0] : null,
  });
  const actor = await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion });
  if (!actor) throw new Error("no actor");
  return actor;
}

async function snapshot(
  customerId: string,
  values: {
    kind: "SYNC" | "DAILY";
    daysAgo: number;
    score: number | null;
    /** Within the day; later means newer. */
    hour?: number;
    scope?: "CUSTOMER" | "ACCOUNT";
    awsAccountId?: string;
    unknown?: number;
    needsAttestation?: number;
    failingCritical?: number;
    failingHigh?: number;
  },
) {
  const day = daysAgo(values.daysAgo);
  await db().scoreSnapshot.create({
    data: {
      scope: values.scope ?? "CUSTOMER",
      kind: values.kind,
      customerId,
      awsAccountId: values.awsAccountId ?? null,
      day,
      takenAt: new Date(day.getTime() + (values.hour ?? 1) * 3_600_000),
      score: values.score,
      scoreWithoutSuppressions: values.score,
      passed: 10,
      failed: 2,
      unknown: values.unknown ?? 0,
      notApplicable: 0,
      needsAttestation: values.needsAttestation ?? 0,
      suppressed: 0,
      failingCritical: values.failingCritical ?? 0,
      failingHigh: values.failingHigh ?? 0,
    },
  });
}

/** A customer scored `score` now (SYNC and today's DAILY snapshot), as an evaluation leaves it. */
type Counts = Pick<Parameters<typeof snapshot>[1], "unknown" | "needsAttestation" | "failingCritical" | "failingHigh">;

async function scored(score: number | null, name?: string, counts: Counts = {}) {
  const created = await customer(name);
  await snapshot(created.id, { kind: "SYNC", daysAgo: 0, score, ...counts });
  await snapshot(created.id, { kind: "DAILY", daysAgo: 0, score, ...counts });
  return created;
}

async function syncRun(
  customerId: string,
  awsAccountId: string,
  status: "SUCCEEDED" | "PARTIAL" | "FAILED" | "RUNNING",
  hoursAgo: number,
) {
  const queuedAt = new Date(now.getTime() - hoursAgo * 3_600_000);
  await db().syncRun.create({
    data: {
      customerId,
      awsAccountId,
      status,
      trigger: "SCHEDULE",
      queuedAt,
      finishedAt: status === "RUNNING" ? null : new Date(queuedAt.getTime() + 60_000),
    },
  });
}

const names = (rows: { name: string }[]) => rows.map((row) => row.name);

describe("listPortfolio: scope", () => {
  it("shows a consultant assigned to two customers those two only, in the rows and in the portfolio score", async () => {
    const first = await scored(80);
    const second = await scored(60);
    const third = await scored(10);
    const consultant = await actorFor("CONSULTANT", [first.id, second.id]);

    const portfolio = await listPortfolio(consultant, {}, { now });
    expect(portfolio.rows.map((row) => row.id).sort()).toEqual([first.id, second.id].sort());
    expect(portfolio.summary).toMatchObject({ score: 70, grade: "C", customers: 2, scoredCustomers: 2 });
    expect(JSON.stringify(portfolio)).not.toContain(third.id);
    expect(JSON.stringify(portfolio)).not.toContain(third.name);

    // No search, filter or sort reaches the third customer either.
    for (const params of [{ q: third.name }, { q: third.slug }, { grade: "F" }, { sort: "score", dir: "asc" }]) {
      const filtered = await listPortfolio(consultant, params, { now });
      expect(filtered.rows.map((row) => row.id)).not.toContain(third.id);
    }
    expect((await listPortfolio(consultant, { q: third.name }, { now })).rows).toEqual([]);

    const admin = await actorFor("ADMIN", []);
    expect((await listPortfolio(admin, { q: third.name }, { now })).rows.map((row) => row.id)).toEqual([third.id]);
  });

  it("refuses customer users, who have no portfolio", async () => {
    const own = await scored(50);
    const viewer = await actorFor("CUSTOMER_VIEWER", [own.id]);
    await expect(listPortfolio(viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("leaves archived customers out", async () => {
    const kept = await scored(90);
    const archived = await scored(20);
    await db().customer.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const consultant = await actorFor("CONSULTANT", [kept.id, archived.id]);
    const portfolio = await listPortfolio(consultant, {}, { now });
    expect(portfolio.rows.map((row) => row.id)).toEqual([kept.id]);
    expect(portfolio.summary.score).toBe(90);
  });
});

describe("listPortfolio: scores", () => {
  it("reads the latest CUSTOMER SYNC snapshot, not older syncs, account snapshots or DAILY rows", async () => {
    const subject = await customer();
    const account = await createAwsAccount(db(), subject.id);
    await snapshot(subject.id, { kind: "SYNC", daysAgo: 1, hour: 23, score: 40 });
    await snapshot(subject.id, { kind: "SYNC", daysAgo: 0, hour: 2, score: 70 });
    await snapshot(subject.id, {
      kind: "SYNC",
      daysAgo: 0,
      hour: 5,
      score: 85.25,
      unknown: 3,
      needsAttestation: 2,
      failingCritical: 1,
      failingHigh: 4,
    });
    await snapshot(subject.id, {
      kind: "SYNC",
      daysAgo: 0,
      hour: 9,
      score: 5,
      scope: "ACCOUNT",
      awsAccountId: account.id,
    });
    await snapshot(subject.id, { kind: "DAILY", daysAgo: 0, hour: 1, score: 12 });
    const consultant = await actorFor("CONSULTANT", [subject.id]);

    const [row] = (await listPortfolio(consultant, {}, { now })).rows;
    expect(row).toMatchObject({
      score: 85.25,
      grade: "B",
      unknown: 3,
      needsAttestation: 2,
      failingCritical: 1,
      failingHigh: 4,
    });
    expect(row?.attention).toContainEqual({ kind: "critical-failing", controls: 1 });
  });

  it("computes the 30-day change from DAILY customer snapshots about 30 days apart, and keeps the window's days as the trend", async () => {
    const subject = await customer();
    await snapshot(subject.id, { kind: "DAILY", daysAgo: 45, score: 10 }); // before the window: ignored
    await snapshot(subject.id, { kind: "DAILY", daysAgo: 30, score: 60 });
    await snapshot(subject.id, { kind: "DAILY", daysAgo: 12, score: null });
    await snapshot(subject.id, { kind: "DAILY", daysAgo: 5, score: 70 });
    await snapshot(subject.id, { kind: "DAILY", daysAgo: 0, score: 75 });
    await snapshot(subject.id, { kind: "SYNC", daysAgo: 29, score: 1 }); // SYNC rows are not the trend
    await snapshot(subject.id, { kind: "SYNC", daysAgo: 0, score: 75 });
    const flat = await scored(50);
    const dropped = await customer();
    await snapshot(dropped.id, { kind: "DAILY", daysAgo: 30, score: 88 });
    await snapshot(dropped.id, { kind: "DAILY", daysAgo: 0, score: 80 });
    await snapshot(dropped.id, { kind: "SYNC", daysAgo: 0, score: 80 });
    const consultant = await actorFor("CONSULTANT", [subject.id, flat.id, dropped.id]);

    const portfolio = await listPortfolio(consultant, {}, { now });
    expect(portfolio.trendWindow).toEqual({ from: isoDay(daysAgo(30)), to: isoDay(today) });
    const row = portfolio.rows.find((candidate) => candidate.id === subject.id)!;
    expect(row.delta).toEqual({ change: 15, since: isoDay(daysAgo(30)) });
    expect(row.trend).toEqual([
      { day: isoDay(daysAgo(30)), score: 60 },
      { day: isoDay(daysAgo(12)), score: null },
      { day: isoDay(daysAgo(5)), score: 70 },
      { day: isoDay(today), score: 75 },
    ]);
    expect(row.attention).toEqual([{ kind: "no-accounts" }]);

    // One day of history: a trend of one point and no change to show.
    const flatRow = portfolio.rows.find((candidate) => candidate.id === flat.id)!;
    expect(flatRow.delta).toBeNull();
    expect(flatRow.trend).toHaveLength(1);

    const droppedRow = portfolio.rows.find((candidate) => candidate.id === dropped.id)!;
    expect(droppedRow.delta?.change).toBe(-8);
    expect(droppedRow.attention).toContainEqual({ kind: "score-drop", points: 8 });

    const bySteepestDrop = await listPortfolio(consultant, { sort: "delta" }, { now });
    expect(bySteepestDrop.rows.map((candidate) => candidate.id)).toEqual([dropped.id, subject.id, flat.id]);
  });

  it("shows customers without snapshots as no score, with no grade, change or trend, last in any score order", async () => {
    const scoredCustomer = await scored(72);
    const unscored = await customer();
    const nothingEvaluable = await scored(null);
    const consultant = await actorFor("CONSULTANT", [scoredCustomer.id, unscored.id, nothingEvaluable.id]);

    const portfolio = await listPortfolio(consultant, { sort: "score" }, { now });
    const row = portfolio.rows.find((candidate) => candidate.id === unscored.id)!;
    expect(row).toMatchObject({ score: null, grade: null, delta: null, trend: [], scoredAt: null });
    expect(formatScore(row.score)).toBe("no score");
    expect(portfolio.rows.find((candidate) => candidate.id === nothingEvaluable.id)).toMatchObject({
      score: null,
      grade: null,
    });
    // The portfolio score is the mean of the scores that exist: a customer without one is left out, not 0.
    expect(portfolio.summary).toMatchObject({ score: 72, grade: "C", customers: 3, scoredCustomers: 1 });

    for (const dir of ["asc", "desc"]) {
      const sorted = await listPortfolio(consultant, { sort: "score", dir }, { now });
      expect(sorted.rows[0]?.id).toBe(scoredCustomer.id);
    }
    const noScore = await listPortfolio(consultant, { grade: "none" }, { now });
    expect(noScore.rows.map((candidate) => candidate.id).sort()).toEqual([unscored.id, nothingEvaluable.id].sort());
  });

  it("shows 'no score' for the portfolio when no customer has one", async () => {
    const unscored = await customer();
    const consultant = await actorFor("CONSULTANT", [unscored.id]);
    const { summary } = await listPortfolio(consultant, {}, { now });
    expect(summary).toMatchObject({ score: null, grade: null, customers: 1, scoredCustomers: 0 });
    expect(formatScore(summary.score)).toBe("no score");
  });
});

describe("listPortfolio: sort, filter, search", () => {
  it("sorts by each column in its default direction, the other on request, name breaking ties", async () => {
    const marker = Math.random().toString(36).slice(2, 8);
    const alpha = await scored(90, `Alpha ${marker}`, { failingHigh: 1, unknown: 0 });
    const bravo = await scored(50, `Bravo ${marker}`, { failingCritical: 2, failingHigh: 0, unknown: 7 });
    const charlie = await scored(70, `charlie ${marker}`, { failingCritical: 1, failingHigh: 9, unknown: 2 });
    const delta = await scored(70, `Delta ${marker}`, { failingCritical: 1, failingHigh: 9, unknown: 2 });
    const consultant = await actorFor("CONSULTANT", [delta.id, charlie.id, bravo.id, alpha.id]);
    const order = async (params: Record<string, string>) =>
      names((await listPortfolio(consultant, params, { now })).rows);

    expect(await order({})).toEqual([alpha.name, bravo.name, charlie.name, delta.name]);
    expect(await order({ sort: "name", dir: "desc" })).toEqual([delta.name, charlie.name, bravo.name, alpha.name]);
    expect(await order({ sort: "score" })).toEqual([bravo.name, charlie.name, delta.name, alpha.name]);
    expect(await order({ sort: "score", dir: "desc" })).toEqual([alpha.name, charlie.name, delta.name, bravo.name]);
    // Failing: critical first, then high; most first by default.
    expect(await order({ sort: "failing" })).toEqual([bravo.name, charlie.name, delta.name, alpha.name]);
    expect(await order({ sort: "unknown" })).toEqual([bravo.name, charlie.name, delta.name, alpha.name]);
    expect(await order({ sort: "unknown", dir: "asc" })).toEqual([alpha.name, charlie.name, delta.name, bravo.name]);

    const portfolio = await listPortfolio(consultant, { sort: "failing" }, { now });
    expect(portfolio.query).toMatchObject({ sort: "failing", dir: "desc" });
  });

  it("searches name and slug case-insensitively, and filters by grade and by needs attention", async () => {
    const marker = Math.random().toString(36).slice(2, 8);
    const harbour = await scored(95, `Harbour Freight ${marker}`);
    const hill = await scored(65, `Hillside Clinics ${marker}`, { failingCritical: 1 });
    const orchard = await scored(62, `Orchard Foods ${marker}`);
    const consultant = await actorFor("CONSULTANT", [harbour.id, hill.id, orchard.id]);
    const find = async (params: Record<string, string>) =>
      names((await listPortfolio(consultant, params, { now })).rows).sort();

    expect(await find({ q: "HARBOUR" })).toEqual([harbour.name]);
    expect(await find({ q: `  hill` })).toEqual([hill.name]);
    expect(await find({ q: orchard.slug.toUpperCase() })).toEqual([orchard.name]);
    expect(await find({ q: "no such customer" })).toEqual([]);
    expect(await find({ grade: "D" })).toEqual([hill.name, orchard.name].sort());
    expect(await find({ grade: "A" })).toEqual([harbour.name]);
    // Every customer here has no account: all need attention; a critical failure is listed as a reason.
    const attention = await listPortfolio(consultant, { attention: "1", grade: "D", q: "hill" }, { now });
    expect(names(attention.rows)).toEqual([hill.name]);
    expect(attention.rows[0]?.attention).toEqual([{ kind: "no-accounts" }, { kind: "critical-failing", controls: 1 }]);
    // The summary is the whole portfolio, whatever the filters.
    expect(attention.summary.customers).toBe(3);
    expect(attention.matching).toBe(1);
  });

  it("pages the sorted rows", async () => {
    const customers = [await scored(10), await scored(20), await scored(30)];
    const consultant = await actorFor(
      "CONSULTANT",
      customers.map((c) => c.id),
    );
    const second = await listPortfolio(consultant, { sort: "score", page: "2" }, { now, pageSize: 2 });
    expect(second).toMatchObject({ page: 2, pageCount: 2, matching: 3 });
    expect(second.rows.map((row) => row.id)).toEqual([customers[2]!.id]);
    // Past the last page: the last page.
    const past = await listPortfolio(consultant, { sort: "score", page: "99" }, { now, pageSize: 2 });
    expect(past.page).toBe(2);
  });

  it("falls back to the defaults for invalid search params instead of failing", async () => {
    expect(
      portfolioQuerySchema.parse({
        q: "x".repeat(500),
        sort: "score; DROP TABLE",
        dir: "sideways",
        grade: "Z",
        attention: "maybe",
        page: "-4",
      }),
    ).toEqual({ q: undefined, sort: "name", dir: undefined, grade: undefined, attention: false, page: 1 });
    expect(portfolioQuerySchema.parse({ sort: ["score", "name"], dir: ["desc"], page: "2.5" })).toMatchObject({
      sort: "score",
      dir: "desc",
      page: 1,
    });
    expect(portfolioQuerySchema.parse({ q: "   ", page: "3", grade: "none", attention: "1" })).toEqual({
      q: undefined,
      sort: "name",
      dir: undefined,
      grade: "none",
      attention: true,
      page: 3,
    });

    const subject = await scored(80);
    const consultant = await actorFor("CONSULTANT", [subject.id]);
    const portfolio = await listPortfolio(consultant, { sort: "nope", dir: "up", grade: "Q", page: "x" }, { now });
    expect(portfolio.rows.map((row) => row.id)).toEqual([subject.id]);
    expect(portfolio.query).toMatchObject({ sort: "name", dir: "asc", page: 1 });
  });
});

describe("listPortfolio: sync status and findings", () => {
  it("takes last sync and accounts with gaps from each account's latest run", async () => {
    const subject = await scored(88);
    const production = await createAwsAccount(db(), subject.id);
    const staging = await createAwsAccount(db(), subject.id);
    await syncRun(subject.id, production.id, "SUCCEEDED", 30);
    await syncRun(subject.id, production.id, "PARTIAL", 6); // production's latest: a gap
    await syncRun(subject.id, staging.id, "FAILED", 20);
    await syncRun(subject.id, staging.id, "SUCCEEDED", 2); // staging recovered

    const stale = await scored(91);
    const staleAccount = await createAwsAccount(db(), stale.id);
    await syncRun(stale.id, staleAccount.id, "SUCCEEDED", 72);

    const neverSynced = await scored(null);
    await createAwsAccount(db(), neverSynced.id);

    const consultant = await actorFor("CONSULTANT", [subject.id, stale.id, neverSynced.id]);
    const portfolio = await listPortfolio(consultant, { sort: "sync" }, { now });
    const row = portfolio.rows.find((candidate) => candidate.id === subject.id)!;
    expect(row.accountCount).toBe(2);
    expect(row.lastSync?.status).toBe("SUCCEEDED");
    expect(row.lastSync?.queuedAt.getTime()).toBe(now.getTime() - 2 * 3_600_000);
    expect(row.accountsNeedingAttention).toBe(1);
    expect(row.attention).toEqual([{ kind: "sync-gaps", accounts: 1 }]);

    const staleRow = portfolio.rows.find((candidate) => candidate.id === stale.id)!;
    expect(staleRow.attention).toEqual([{ kind: "stale-sync", hours: 71 }]);
    const neverRow = portfolio.rows.find((candidate) => candidate.id === neverSynced.id)!;
    expect(neverRow).toMatchObject({ lastSync: null, accountCount: 1, attention: [{ kind: "never-synced" }] });

    // Stalest first; never synced last.
    expect(portfolio.rows.map((candidate) => candidate.id)).toEqual([stale.id, subject.id, neverSynced.id]);
    const attention = await listPortfolio(consultant, { attention: "1" }, { now });
    expect(attention.rows).toHaveLength(3);
  });

  it("counts open findings by severity, stopping at the cap", async () => {
    const subject = await scored(40);
    const account = await createAwsAccount(db(), subject.id);
    const finding = (severity: "CRITICAL" | "HIGH" | "LOW", status: "OPEN" | "RESOLVED", index: number) => ({
      customerId: subject.id,
      awsAccountId: account.id,
      source: "INSPECTOR" as const,
      externalKey: `${severity}-${status}-${index}`,
      title: "CVE",
      severity,
      status,
      region: "us-east-1",
      contentHash: "hash",
      firstSeenAt: now,
      lastSeenAt: now,
    });
    await db().finding.createMany({
      data: [
        ...Array.from({ length: OPEN_FINDINGS_CAP + 5 }, (_, index) => finding("CRITICAL", "OPEN", index)),
        finding("HIGH", "OPEN", 1),
        finding("HIGH", "OPEN", 2),
        finding("HIGH", "RESOLVED", 3),
        finding("LOW", "RESOLVED", 4),
      ],
    });
    const other = await scored(40);
    const consultant = await actorFor("CONSULTANT", [subject.id, other.id]);

    const portfolio = await listPortfolio(consultant, {}, { now });
    expect(portfolio.rows.find((row) => row.id === subject.id)?.openFindings).toEqual({
      CRITICAL: { count: OPEN_FINDINGS_CAP, capped: true },
      HIGH: { count: 2, capped: false },
      MEDIUM: { count: 0, capped: false },
      LOW: { count: 0, capped: false },
    });
    expect(portfolio.rows.find((row) => row.id === other.id)?.openFindings.CRITICAL).toEqual({
      count: 0,
      capped: false,
    });
  });
});
