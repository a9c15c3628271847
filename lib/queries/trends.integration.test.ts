import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import {
  getTrends,
  listCustomerScoreHistory,
  MAX_CHARTED_CUSTOMERS,
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
