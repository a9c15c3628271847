import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { createAwsAccount, createCustomer, createUser } from "@/prisma/factories";
import { DAY_MS } from "../dates";
import { type FindingsWeek, getTrends, TREND_RANGES } from "./trends";

// The findings chart reads FindingDayCount, a per-customer, per-day rollup kept by triggers on Finding
// (ADR 018). It must answer exactly what the old computation over the raw findings answered, after every
// kind of write the pipeline makes: bulk inserts, INSERT … ON CONFLICT updates, resolving, reopening,
// moving a first-seen date, and deletes (a retired account's cascade included).

const NOW = new Date("2026-03-18T10:00:00Z");

let customer: { id: string };
let other: { id: string };
let accounts: { id: string }[];
let manager: Actor;

/** The computation the rollup replaced: every finding of the customers, bucketed by ISO week in SQL. */
async function rawFindingsPerWeek(ids: string[], from: string, to: string): Promise<Map<string, FindingsWeek>> {
  const rows = await db().$queryRaw<{ week: string | null; resolved: boolean; count: number }[]>`
    SELECT to_char(coalesce(x."openedWeek", x."resolvedWeek"), 'YYYY-MM-DD') AS "week",
           grouping(x."openedWeek") = 1 AS "resolved", count(*)::int AS "count"
    FROM (
      SELECT CASE WHEN f."firstSeenAt" >= ${from}::date AND f."firstSeenAt" < ${to}::date + 1
                  THEN date_trunc('week', f."firstSeenAt") END AS "openedWeek",
             CASE WHEN f."resolvedAt" >= ${from}::date AND f."resolvedAt" < ${to}::date + 1
                  THEN date_trunc('week', f."resolvedAt") END AS "resolvedWeek"
      FROM "Finding" f
      WHERE f."customerId" = ANY(${ids}::text[])
        AND (f."firstSeenAt" >= ${from}::date OR f."resolvedAt" >= ${from}::date)
    ) x
    GROUP BY GROUPING SETS ((x."openedWeek"), (x."resolvedWeek"))`;
  const weeks = new Map<string, FindingsWeek>();
  for (const row of rows) {
    if (!row.week) continue;
    const week = weeks.get(row.week) ?? { week: row.week, opened: 0, resolved: 0, partial: false };
    week[row.resolved ? "resolved" : "opened"] = row.count;
    weeks.set(row.week, week);
  }
  return weeks;
}

async function expectRollupToMatchRawFindings() {
  for (const range of TREND_RANGES) {
    const trends = await getTrends(manager, { range: String(range), customer: customer.id }, { now: NOW });
    const raw = await rawFindingsPerWeek([customer.id], trends.findings[0]!.week, trends.window.to);
    for (const week of trends.findings) {
      const expected = raw.get(week.week) ?? { opened: 0, resolved: 0 };
      expect({ range, week: week.week, opened: week.opened, resolved: week.resolved }).toEqual({
        range,
        week: week.week,
        opened: expected.opened,
        resolved: expected.resolved,
      });
    }
  }
}

// Deterministic pseudo-random values, so a failure reproduces.
let seed = 7;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}

function findingRow(index: number, customerId: string, awsAccountId: string) {
  const firstSeenAt = new Date(NOW.getTime() - Math.floor(random() * 400 * DAY_MS));
  const resolved = random() < 0.5;
  const resolvedAt = resolved
    ? new Date(Math.min(NOW.getTime(), firstSeenAt.getTime() + Math.floor(random() * 60 * DAY_MS)))
    : null;
  return {
    customerId,
    awsAccountId,
    source: "CONFIG" as const,
    externalKey: `rollup-${customerId}-${index}`,
    title: `Rollup finding ${index}`,
    severity: "MEDIUM" as const,
    status: resolved ? ("RESOLVED" as const) : ("OPEN" as const),
    region: "eu-west-1",
    contentHash: `rollup-${index}`,
    firstSeenAt,
    lastSeenAt: resolvedAt ?? firstSeenAt,
    resolvedAt,
  };
}

beforeAll(async () => {
  customer = await createCustomer(db(), { name: "Rollup Customer" });
  other = await createCustomer(db(), { name: "Rollup Other" });
  accounts = [await createAwsAccount(db(), customer.id), await createAwsAccount(db(), customer.id)];
  const otherAccount = await createAwsAccount(db(), other.id);
  await db().finding.createMany({
    data: [
      ...Array.from({ length: 400 }, (_, index) => findingRow(index, customer.id, accounts[index % 2]!.id)),
      ...Array.from({ length: 100 }, (_, index) => findingRow(1_000 + index, other.id, otherAccount.id)),
    ],
  });
  manager = (await loadActor(db(), { userId: (await createUser(db(), { role: "MANAGER" })).id, sessionVersion: 1 }))!;
});

describe("FindingDayCount", () => {
  it("matches the raw findings after bulk inserts", async () => {
    await expectRollupToMatchRawFindings();
  });

  it("matches after findings are resolved, reopened and re-dated", async () => {
    const findings = await db().finding.findMany({
      where: { customerId: customer.id },
      select: { id: true, resolvedAt: true, firstSeenAt: true },
      orderBy: { externalKey: "asc" },
    });
    const open = findings.filter((finding) => !finding.resolvedAt).slice(0, 60);
    const resolved = findings.filter((finding) => finding.resolvedAt).slice(0, 40);
    // Resolve several in one statement, as persistFindings does for a collection that no longer reports them.
    await db().finding.updateMany({
      where: { id: { in: open.map((finding) => finding.id) } },
      data: { status: "RESOLVED", resolvedAt: new Date("2026-03-16T12:00:00Z") },
    });
    // Reopen: the resolution is gone.
    await db().finding.updateMany({
      where: { id: { in: resolved.map((finding) => finding.id) } },
      data: { status: "OPEN", resolvedAt: null },
    });
    // A first-seen date moved within the same day and across days; a resolution moved to another day.
    await db().$executeRaw`
      UPDATE "Finding" SET "firstSeenAt" = "firstSeenAt" - interval '1 minute' WHERE "id" = ${findings[100]!.id}`;
    await db().$executeRaw`
      UPDATE "Finding" SET "firstSeenAt" = "firstSeenAt" - interval '9 days' WHERE "id" = ${findings[101]!.id}`;
    await db().$executeRaw`
      UPDATE "Finding" SET "resolvedAt" = "resolvedAt" + interval '3 days'
      WHERE "id" = ${open[0]!.id}`;
    await expectRollupToMatchRawFindings();
  });

  it("matches after INSERT … ON CONFLICT DO UPDATE and deletes", async () => {
    await db().$executeRaw`
      INSERT INTO "Finding" ("id", "customerId", "awsAccountId", "source", "externalKey", "title", "severity", "status",
                             "region", "contentHash", "firstSeenAt", "lastSeenAt", "resolvedAt")
      SELECT 'rollup-upsert-' || n, ${customer.id}, ${accounts[0]!.id}, 'CONFIG', 'rollup-' || ${customer.id} || '-' || n,
             'upserted', 'LOW', 'RESOLVED', 'eu-west-1', 'h', timestamp '2026-03-09 10:00', timestamp '2026-03-10 10:00',
             timestamp '2026-03-10 10:00'
      FROM generate_series(0, 9) AS n
      ON CONFLICT ("awsAccountId", "source", "externalKey") DO UPDATE
        SET "status" = 'RESOLVED', "resolvedAt" = EXCLUDED."resolvedAt"`;
    await db().finding.deleteMany({ where: { customerId: customer.id, externalKey: { endsWith: "7" } } });
    // A retired (deleted) account takes its findings with it.
    await db().awsAccount.delete({ where: { id: accounts[1]!.id } });
    await expectRollupToMatchRawFindings();
  });

  it("never counts another customer's findings", async () => {
    const trends = await getTrends(manager, { range: "365", customer: customer.id }, { now: NOW });
    const raw = await rawFindingsPerWeek([customer.id, other.id], trends.findings[0]!.week, trends.window.to);
    const rawTotal = [...raw.values()].reduce((sum, week) => sum + week.opened, 0);
    const shownTotal = trends.findings.reduce((sum, week) => sum + week.opened, 0);
    expect(shownTotal).toBeLessThan(rawTotal);
  });
});
