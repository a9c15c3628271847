import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { MAX_CHARTED_CUSTOMERS } from "../trends/score-chart";
import {
  getTrends,
  listCustomerScoreHistory,
  listScoreChanges,
  parseTrendsSearchParams,
  type ScorePoint,
  type Trends,
} from "./trends";

// The Trends read model over hand-made snapshots and findings, from each side: a manager sees the
// recorded portfolio line; a consultant confined to some customers gets the mean of their own customers
// and never the global PORTFOLIO row; findings are counted per ISO week in SQL for the customers in view.

// Wednesday. The 30-day window is 2026-02-17 (a Tuesday) .. 2026-03-18; its weeks start on 2026-02-16.
const NOW = new Date("2026-03-18T10:00:00Z");
// Global PORTFOLIO scores no customer has, so a leak of the global row is recognisable.
const GLOBAL_SCORES = [12.5, 33.25];

let alpha: { id: string; name: string };
let beta: { id: string; name: string };
let archived: { id: string; name: string };
let manager: Actor;
let alphaConsultant: Actor;
let pairConsultant: Actor;

async function actorFor(user: { id: string; sessionVersion: number }): Promise<Actor> {
  return (await loadActor(db(), { userId: user.id, sessionVersion: user.sessionVersion }))!;
}

async function snapshot(
  customerId: string | null,
  day: string,
  score: number | null,
  extra: {
    scope?: "CUSTOMER" | "PORTFOLIO" | "ACCOUNT";
    kind?: "DAILY" | "SYNC";
    failed?: number;
    failingCritical?: number;
    failingHigh?: number;
    awsAccountId?: string;
  } = {},
) {
  await db().scoreSnapshot.create({
    data: {
      scope: extra.scope ?? "CUSTOMER",
      kind: extra.kind ?? "DAILY",
      customerId,
      awsAccountId: extra.awsAccountId ?? null,
      day: new Date(`${day}T00:00:00Z`),
      takenAt: new Date(`${day}T12:00:00Z`),
      score,
      passed: 10,
      failed: extra.failed ?? 0,
      unknown: 0,
      notApplicable: 0,
      needsAttestation: 0,
      suppressed: 0,
      failingCritical: extra.failingCritical ?? 0,
      failingHigh: extra.failingHigh ?? 0,
    },
  });
}

let findingSequence = 0;
async function finding(
  customerId: string,
  awsAccountId: string,
  firstSeenAt: string,
  resolvedAt: string | null = null,
) {
  findingSequence += 1;
  await db().finding.create({
    data: {
      customerId,
      awsAccountId,
      source: "INSPECTOR",
      externalKey: `trend-finding-${findingSequence}`,
      title: `Finding ${findingSequence}`,
      severity: "HIGH",
      status: resolvedAt ? "RESOLVED" : "OPEN",
      region: "us-east-1",
      contentHash: `hash-${findingSequence}`,
      firstSeenAt: new Date(firstSeenAt),
      lastSeenAt: new Date(resolvedAt ?? firstSeenAt),
      resolvedAt: resolvedAt ? new Date(resolvedAt) : null,
    },
  });
}

function scoreOn(points: ScorePoint[], day: string): number | null | undefined {
  return points.find((point) => point.day === day)?.score;
}

beforeAll(async () => {
  alpha = await createCustomer(db(), { name: "Alpha Trends" });
  beta = await createCustomer(db(), { name: "Beta Trends" });
  archived = await createCustomer(db(), { name: "Archived Trends" });
  await db().customer.update({ where: { id: archived.id }, data: { archivedAt: new Date("2026-03-01T00:00:00Z") } });
  const alphaAccount = await createAwsAccount(db(), alpha.id);
  const betaAccount = await createAwsAccount(db(), beta.id);
  const archivedAccount = await createAwsAccount(db(), archived.id);

  // Alpha: one snapshot before the window (carried into it), then three inside it.
  await snapshot(alpha.id, "2026-02-01", 50, { failed: 6, failingCritical: 2, failingHigh: 1 });
  await snapshot(alpha.id, "2026-03-01", 60, { failed: 5, failingCritical: 1, failingHigh: 1 });
  await snapshot(alpha.id, "2026-03-10", 70, { failed: 4, failingCritical: 1, failingHigh: 0 });
  await snapshot(alpha.id, "2026-03-18", 80, { failed: 2, failingCritical: 0, failingHigh: 0 });
  // Rows the trends must not read: a per-sync snapshot and an account-level one.
  await snapshot(alpha.id, "2026-03-18", 5, { kind: "SYNC" });
  await snapshot(alpha.id, "2026-03-18", 6, { scope: "ACCOUNT", awsAccountId: alphaAccount.id });
  // Beta starts inside the window.
  await snapshot(beta.id, "2026-03-05", 90, { failed: 1, failingCritical: 0, failingHigh: 1 });
  await snapshot(beta.id, "2026-03-18", 40, { failed: 9, failingCritical: 3, failingHigh: 2 });
  await snapshot(archived.id, "2026-02-20", 99, { failed: 50 });
  // The global portfolio line, as evaluate-account.ts records it.
  await snapshot(null, "2026-03-01", GLOBAL_SCORES[0]!, { scope: "PORTFOLIO" });
  await snapshot(null, "2026-03-18", GLOBAL_SCORES[1]!, { scope: "PORTFOLIO" });

  await finding(alpha.id, alphaAccount.id, "2026-02-18T08:00:00Z"); // opened, week of 02-16
  await finding(alpha.id, alphaAccount.id, "2026-02-16T00:00:00Z"); // Monday 00:00: week of 02-16
  await finding(alpha.id, alphaAccount.id, "2026-02-15T23:59:59Z"); // Sunday before: outside
  await finding(alpha.id, alphaAccount.id, "2026-01-10T08:00:00Z", "2026-03-17T09:00:00Z"); // resolved this week
  await finding(alpha.id, alphaAccount.id, "2026-03-03T08:00:00Z", "2026-03-04T08:00:00Z"); // both, week of 03-02
  await finding(beta.id, betaAccount.id, "2026-03-03T08:00:00Z"); // Beta's: never in Alpha's counts
  await finding(archived.id, archivedAccount.id, "2026-03-03T08:00:00Z");

  manager = await actorFor(await createUser(db(), { role: "MANAGER" }));
  alphaConsultant = await actorFor(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [alpha.id] }));
  pairConsultant = await actorFor(
    await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [alpha.id, beta.id] }),
  );
});

describe("getTrends", () => {
  it("draws the recorded portfolio line and every customer for a manager", async () => {
    const trends = await getTrends(manager, { range: "30" }, { now: NOW });
    expect(trends.window).toEqual({ days: 30, from: "2026-02-17", to: "2026-03-18" });
    expect(trends.portfolio.basis).toBe("portfolio");
    expect(trends.portfolio.points).toHaveLength(30);
    expect(scoreOn(trends.portfolio.points, "2026-02-28")).toBeNull(); // nothing recorded yet
    expect(scoreOn(trends.portfolio.points, "2026-03-01")).toBe(12.5);
    expect(scoreOn(trends.portfolio.points, "2026-03-17")).toBe(12.5); // carried forward
    expect(scoreOn(trends.portfolio.points, "2026-03-18")).toBe(33.25);
    expect(trends.customers.map((customer) => customer.name)).toEqual(["Alpha Trends", "Beta Trends"]);
    expect(trends.charted.map((series) => series.name)).toEqual(["Alpha Trends", "Beta Trends"]);
    expect(trends.hasScoreHistory).toBe(true);
  });

  it("carries each customer's latest daily snapshot forward and ignores sync and account rows", async () => {
    const trends = await getTrends(manager, { range: "30", customer: alpha.id }, { now: NOW });
    expect(trends.selected).toEqual({ id: alpha.id, name: "Alpha Trends" });
    const [line] = trends.charted;
    expect(line?.points).toHaveLength(30);
    expect(scoreOn(line!.points, "2026-02-17")).toBe(50);
    expect(scoreOn(line!.points, "2026-03-09")).toBe(60);
    expect(scoreOn(line!.points, "2026-03-10")).toBe(70);
    expect(scoreOn(line!.points, "2026-03-18")).toBe(80);
    expect(trends.changes).toEqual([
      {
        customerId: alpha.id,
        name: "Alpha Trends",
        start: { day: "2026-02-01", score: 50 },
        latest: { day: "2026-03-18", score: 80 },
        change: 30,
      },
    ]);
    // Failing controls of the selected customer only; the portfolio line stays the recorded one.
    expect(trends.failing.find((point) => point.day === "2026-02-17")).toMatchObject({
      critical: 2,
      high: 1,
      failed: 6,
    });
    expect(trends.failing.at(-1)).toMatchObject({ day: "2026-03-18", critical: 0, high: 0, failed: 2, customers: 1 });
    expect(scoreOn(trends.portfolio.points, "2026-03-18")).toBe(33.25);
  });

  it("gives a consultant confined to some customers their mean, never the global portfolio row", async () => {
    const trends = await getTrends(alphaConsultant, { range: "30" }, { now: NOW });
    expect(trends.portfolio).toMatchObject({ basis: "assigned", customers: 1 });
    expect(scoreOn(trends.portfolio.points, "2026-02-17")).toBe(50);
    expect(scoreOn(trends.portfolio.points, "2026-03-18")).toBe(80);
    const serialised = JSON.stringify(trends);
    for (const leak of [beta.id, beta.name, archived.id, ...GLOBAL_SCORES.map(String)])
      expect(serialised).not.toContain(leak);

    const pair = await getTrends(pairConsultant, { range: "30" }, { now: NOW });
    expect(pair.portfolio).toMatchObject({ basis: "assigned", customers: 2 });
    expect(scoreOn(pair.portfolio.points, "2026-03-04")).toBe(60); // Beta has no history yet
    expect(scoreOn(pair.portfolio.points, "2026-03-05")).toBe(75);
    expect(scoreOn(pair.portfolio.points, "2026-03-10")).toBe(80);
    expect(scoreOn(pair.portfolio.points, "2026-03-18")).toBe(60);
    expect(pair.failing.at(-1)).toMatchObject({ critical: 3, high: 2, failed: 11, customers: 2 });
    expect(pair.failing.find((point) => point.day === "2026-03-07")).toMatchObject({
      critical: 1,
      high: 2,
      failed: 6,
    });
    expect(JSON.stringify(pair)).not.toContain(archived.id);
  });

  it("keeps a scoped consultant's portfolio line their own when they pick one customer", async () => {
    const trends = await getTrends(pairConsultant, { range: "30", customer: beta.id }, { now: NOW });
    expect(trends.portfolio.basis).toBe("assigned");
    expect(scoreOn(trends.portfolio.points, "2026-03-18")).toBe(60);
    expect(trends.charted.map((series) => series.customerId)).toEqual([beta.id]);
    expect(trends.changes[0]).toMatchObject({ start: { day: "2026-03-05", score: 90 }, change: -50 });
  });

  it("counts findings opened and resolved per ISO week for the customers in view only", async () => {
    const expected = [
      { week: "2026-02-16", opened: 2, resolved: 0, partial: false },
      { week: "2026-02-23", opened: 0, resolved: 0, partial: false },
      { week: "2026-03-02", opened: 1, resolved: 1, partial: false },
      { week: "2026-03-09", opened: 0, resolved: 0, partial: false },
      { week: "2026-03-16", opened: 0, resolved: 1, partial: true },
    ];
    expect((await getTrends(alphaConsultant, { range: "30" }, { now: NOW })).findings).toEqual(expected);
    expect((await getTrends(manager, { range: "30", customer: alpha.id }, { now: NOW })).findings).toEqual(expected);
    // The manager's whole portfolio adds Beta's finding, never the archived customer's.
    const all = await getTrends(manager, { range: "30" }, { now: NOW });
    expect(all.findings.find((week) => week.week === "2026-03-02")).toMatchObject({ opened: 2, resolved: 1 });
  });

  it("refuses a customer outside the actor's scope as not found", async () => {
    await expect(getTrends(alphaConsultant, { customer: beta.id }, { now: NOW })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getTrends(manager, { customer: archived.id }, { now: NOW })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getTrends(manager, { customer: "no-such-customer" }, { now: NOW })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(listCustomerScoreHistory(alphaConsultant, { customerIds: [beta.id] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses customer users, who have no trends:read", async () => {
    const viewer = await actorFor(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: alpha.id }));
    await expect(getTrends(viewer, {}, { now: NOW })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listCustomerScoreHistory(viewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("defaults to 90 days and refuses a range it does not offer", async () => {
    const trends = await getTrends(alphaConsultant, {}, { now: NOW });
    expect(trends.window).toEqual({ days: 90, from: "2025-12-19", to: "2026-03-18" });
    expect(trends.portfolio.points).toHaveLength(90);
    await expect(getTrends(alphaConsultant, { range: "7" }, { now: NOW })).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
  });

  it("has nothing to draw for customers without history", async () => {
    const fresh = await createCustomer(db(), { name: "Fresh Trends" });
    const consultant = await actorFor(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [fresh.id] }));
    const trends: Trends = await getTrends(consultant, { range: "30" }, { now: NOW });
    expect(trends.hasScoreHistory).toBe(false);
    expect(trends.charted).toEqual([]);
    expect(trends.portfolio.points.every((point) => point.score === null)).toBe(true);
    expect(trends.failing.every((point) => point.failed === 0 && point.customers === 0)).toBe(true);
    expect(trends.findings.every((week) => week.opened === 0 && week.resolved === 0)).toBe(true);
    expect(trends.changes).toEqual([
      { customerId: fresh.id, name: "Fresh Trends", start: null, latest: null, change: null },
    ]);

    const nobody = await actorFor(await createUser(db(), { role: "CONSULTANT" }));
    const empty = await getTrends(nobody, {}, { now: NOW });
    expect(empty.customers).toEqual([]);
    expect(empty.hasScoreHistory).toBe(false);
  });

  it("draws no customer lines unasked when there are too many to read", async () => {
    const many = [];
    for (let index = 0; index <= MAX_CHARTED_CUSTOMERS; index += 1) {
      const customer = await createCustomer(db(), { name: `Many ${index}` });
      await snapshot(customer.id, "2026-03-18", 70 + index);
      many.push(customer.id);
    }
    const consultant = await actorFor(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: many }));
    const trends = await getTrends(consultant, { range: "30" }, { now: NOW });
    expect(trends.charted).toEqual([]);
    expect(trends.changes).toHaveLength(MAX_CHARTED_CUSTOMERS + 1);
    expect(scoreOn(trends.portfolio.points, "2026-03-18")).toBe(70 + MAX_CHARTED_CUSTOMERS / 2);
    const one = await getTrends(consultant, { range: "30", customer: many[0] }, { now: NOW });
    expect(one.charted.map((series) => series.customerId)).toEqual([many[0]]);
  });
});

describe("parseTrendsSearchParams", () => {
  it("accepts the offered ranges and a customer id", () => {
    expect(parseTrendsSearchParams({ range: "365", customer: "ckabc123" })).toEqual({
      query: { range: 365, customer: "ckabc123" },
      invalid: [],
    });
    expect(parseTrendsSearchParams({})).toEqual({ query: { range: 90, customer: undefined }, invalid: [] });
    expect(parseTrendsSearchParams({ range: ["30", "90"], customer: "" }).query).toEqual({
      range: 30,
      customer: undefined,
    });
  });

  it("reports what is invalid and falls back to the default", () => {
    expect(parseTrendsSearchParams({ range: "7" })).toEqual({
      query: { range: 90, customer: undefined },
      invalid: ["range"],
    });
    expect(parseTrendsSearchParams({ range: "30", customer: "x' OR '1'='1" })).toEqual({
      query: { range: 30, customer: undefined },
      invalid: ["customer"],
    });
  });
});

describe("getTrends: what moved the score, and the alert SLA per week (issue 19 §10)", () => {
  let alertSequence = 0;
  async function alert(customerId: string, firstSeenAt: string, hoursToResolve: number | null, slaHours: number) {
    alertSequence += 1;
    const opened = new Date(firstSeenAt);
    await db().alert.create({
      data: {
        customerId,
        source: "CONTROL",
        dedupKey: `trend-alert-${alertSequence}`,
        rule: "NET-1",
        severity: "HIGH",
        status: hoursToResolve === null ? "NEW" : "RESOLVED",
        title: `Trend alert ${alertSequence}`,
        firstSeenAt: opened,
        lastSeenAt: opened,
        dueAt: new Date(opened.getTime() + slaHours * 3_600_000),
        resolvedAt: hoursToResolve === null ? null : new Date(opened.getTime() + hoursToResolve * 3_600_000),
      },
    });
  }

  it("explains each step of a consultant's line with their own customers' syncs only", async () => {
    const trends = await getTrends(alphaConsultant, { range: "30" }, { now: NOW });
    expect(trends.steps).toEqual([
      {
        day: "2026-03-01",
        from: 50,
        to: 60,
        reasons: [{ customer: "Alpha Trends", text: "a sync with 1 failure fixed: 50.0 → 60.0" }],
        more: 0,
      },
      {
        day: "2026-03-10",
        from: 60,
        to: 70,
        reasons: [{ customer: "Alpha Trends", text: "a sync with 1 failure fixed: 60.0 → 70.0" }],
        more: 0,
      },
      {
        day: "2026-03-18",
        from: 70,
        to: 80,
        reasons: [{ customer: "Alpha Trends", text: "a sync with 2 failures fixed: 70.0 → 80.0" }],
        more: 0,
      },
    ]);
    expect(JSON.stringify(trends.steps)).not.toMatch(/Beta Trends|Archived Trends/);
  });

  it("names the customers that joined or left the portfolio on the manager's line", async () => {
    const trends = await getTrends(manager, { range: "30" }, { now: NOW });
    const step = (day: string) => trends.steps.find((candidate) => candidate.day === day);
    expect(step("2026-03-01")?.reasons).toEqual(
      expect.arrayContaining([
        { customer: "Archived Trends", text: "left the portfolio" },
        { customer: "Alpha Trends", text: "a sync with 1 failure fixed: 50.0 → 60.0" },
      ]),
    );
    expect(step("2026-03-01")).toMatchObject({ from: null, to: GLOBAL_SCORES[0] });
    // The recorded line does not move on 03-05, but a customer joining is a step of its own.
    expect(step("2026-03-05")?.reasons).toEqual([
      { customer: "Beta Trends", text: "joined the portfolio with a first score of 90.0" },
    ]);
    // Many customers moved on 03-18: the five that moved it most are named, the rest counted.
    expect(step("2026-03-18")?.reasons).toHaveLength(5);
    expect(step("2026-03-18")?.more).toBeGreaterThan(0);
  });

  it("counts alerts resolved per week within SLA, with the median time to resolve, per customer in view", async () => {
    // Week of 03-16 for Alpha: resolved in 2 h and 10 h (SLA 4 h: one met), one still open.
    await alert(alpha.id, "2026-03-16T08:00:00Z", 2, 4);
    await alert(alpha.id, "2026-03-16T09:00:00Z", 10, 4);
    await alert(alpha.id, "2026-03-17T09:00:00Z", null, 4);
    // Week of 03-02: one resolved in 30 h, SLA 72 h.
    await alert(alpha.id, "2026-03-02T09:00:00Z", 30, 72);
    // Beta's alerts never count for Alpha's consultant.
    await alert(beta.id, "2026-03-16T08:00:00Z", 30, 4);
    const trends = await getTrends(alphaConsultant, { range: "30" }, { now: NOW });
    const week = (day: string) => trends.sla.find((candidate) => candidate.week === day);
    expect(trends.sla.map((candidate) => candidate.week)).toEqual(trends.findings.map((candidate) => candidate.week));
    expect(week("2026-03-16")).toEqual({
      week: "2026-03-16",
      resolved: 2,
      withinSla: 1,
      share: 0.5,
      medianHours: 6,
      partial: true,
    });
    expect(week("2026-03-02")).toMatchObject({ resolved: 1, withinSla: 1, share: 1, medianHours: 30 });
    expect(week("2026-02-23")).toMatchObject({ resolved: 0, share: null, medianHours: null });
    const all = await getTrends(manager, { range: "30" }, { now: NOW });
    expect(all.sla.find((candidate) => candidate.week === "2026-03-16")).toMatchObject({ resolved: 3, withinSla: 1 });
  });
});

describe("listScoreChanges: the score-change table a page at a time", () => {
  it("pages, searches and sorts every customer in scope, and the first page is getTrends' own order", async () => {
    // 25 customers (more than a page), scores falling by 0..24 points over the window; one without history.
    const ids: string[] = [];
    for (let index = 0; index < 25; index += 1) {
      const customer = await createCustomer(db(), { name: `Paged ${String(index).padStart(2, "0")} Ltd` });
      await snapshot(customer.id, "2026-02-10", 90);
      await snapshot(customer.id, "2026-03-18", 90 - index);
      ids.push(customer.id);
    }
    const quiet = await createCustomer(db(), { name: "Paged Quiet Ltd" });
    ids.push(quiet.id);
    const consultant = await actorFor(await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: ids }));
    const names = (page: { rows: { name: string }[] }) => page.rows.map((row) => row.name);

    const first = await listScoreChanges(consultant, { range: "30" }, { now: NOW });
    expect(first).toMatchObject({ matching: 26, total: 26, page: 1, pageCount: 2, pageSize: 20 });
    expect(names(first).slice(0, 2)).toEqual(["Paged 24 Ltd", "Paged 23 Ltd"]); // biggest drop first
    expect(first.rows[0]).toMatchObject({ start: { day: "2026-02-10", score: 90 }, change: -24 });
    const trends = await getTrends(consultant, { range: "30" }, { now: NOW });
    expect(names(first)).toEqual(trends.changes.slice(0, 20).map((change) => change.name));

    const second = await listScoreChanges(consultant, { range: "30", page: "2" }, { now: NOW });
    expect(second.page).toBe(2);
    expect(names(second)).toEqual([...trends.changes.slice(20).map((change) => change.name)]);
    expect(names(second).at(-1)).toBe("Paged Quiet Ltd"); // no change: last
    // A page past the end shows the last one.
    expect((await listScoreChanges(consultant, { range: "30", page: "9" }, { now: NOW })).page).toBe(2);

    const rises = await listScoreChanges(consultant, { range: "30", dir: "desc" }, { now: NOW });
    expect(names(rises).slice(0, 2)).toEqual(["Paged 00 Ltd", "Paged 01 Ltd"]);

    const byName = await listScoreChanges(consultant, { range: "30", sort: "name", dir: "desc" }, { now: NOW });
    expect(names(byName).slice(0, 2)).toEqual(["Paged Quiet Ltd", "Paged 24 Ltd"]);
    expect(byName.rows[1]).toMatchObject({ latest: { day: "2026-03-18", score: 66 }, change: -24 });

    const searched = await listScoreChanges(consultant, { range: "30", q: " paged 1" }, { now: NOW });
    expect(searched).toMatchObject({ matching: 10, total: 26, pageCount: 1 });
    expect(names(searched)[0]).toBe("Paged 19 Ltd");
  });

  it("lists only the actor's customers, whatever is searched, and refuses customer users", async () => {
    const own = await listScoreChanges(alphaConsultant, { range: "30", q: "Trends" }, { now: NOW });
    expect(own.rows.map((row) => row.customerId)).toEqual([alpha.id]);
    expect(own.total).toBe(1);
    const foreign = await listScoreChanges(alphaConsultant, { range: "30", q: "Beta" }, { now: NOW });
    expect(foreign).toMatchObject({ rows: [], matching: 0 });
    const viewer = await actorFor(await createUser(db(), { role: "CUSTOMER_VIEWER", customerId: alpha.id }));
    await expect(listScoreChanges(viewer, { range: "30" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a view it does not offer", async () => {
    await expect(listScoreChanges(manager, { range: "7" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(listScoreChanges(manager, { sort: "score" as "name" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(listScoreChanges(manager, { page: "0" })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
