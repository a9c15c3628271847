import "server-only";
import { DAY_MS, isoDay } from "../dates";
import { db } from "../db/client";
import type { ScorePoint } from "../trends/score-changes";
import { CustomerReadModelCache, readModelVersionsWithFindingsAndAlerts } from "./read-model-cache";

// Trends' per-customer read model, cached per customer and window (ADR 030): each customer's DAILY snapshots
// carried forward over the window, its score change, its findings opened and resolved per week and its alerts
// resolved per week (with the times to resolve, for the median). Every figure on the page is a sum, mean or
// median over customers of these, taken in memory for the customers in the actor's scope on each request.
//
// SECURITY: an entry is one customer's data, keyed by customer id and window, never by actor, and holds no
// name (names are read live with the scope). Callers pass only ids a scoped query returned on this request.
// An entry is valid while the customer's ReadModelVersion (results, snapshots, accounts: ADR 027) and its
// FINDINGS (FindingDayCount) and ALERTS (Alert) stamps are unchanged: triggers bump them in every writing
// transaction, so any process answers from a fresh entry.

export interface TrendWindowDays {
  days: number;
  /** First and last UTC day of the window, YYYY-MM-DD. */
  from: string;
  to: string;
}

export interface CustomerTrend {
  /**
   * Slot 0 is the customer's last DAILY snapshot before the window; slot i (1…days) is day i−1 of the window,
   * carrying the latest snapshot on or before it. Slots from `firstSlot` on hold a snapshot (-1: none).
   */
  firstSlot: number;
  /** NaN: a snapshot without a score. */
  score: Float64Array;
  failed: Int32Array;
  failingCritical: Int32Array;
  failingHigh: Int32Array;
  /** Its latest snapshot on or before the window's start (else its first inside it), and its latest. */
  start: ScorePoint | null;
  latest: ScorePoint | null;
  /** Per ISO week of the window (weeksOf): findings opened and resolved. */
  opened: Int32Array;
  resolved: Int32Array;
  /** Per ISO week: alerts resolved, those by their due time, and each one's seconds to resolve, ascending. */
  alertsResolved: Int32Array;
  alertsWithinSla: Int32Array;
  secondsToResolve: Float64Array[];
}

/** Mondays (UTC) of the ISO weeks from the one holding the window's first day to the current one. */
export function weeksOf(window: TrendWindowDays): string[] {
  const first = weekStart(window.from);
  const current = weekStart(window.to);
  const weeks: string[] = [];
  for (let epoch = Date.parse(`${first}T00:00:00Z`); isoDay(epoch) <= current; epoch += 7 * DAY_MS)
    weeks.push(isoDay(epoch));
  return weeks;
}

/** Monday (UTC) of the ISO week containing `day`. */
export function weekStart(day: string): string {
  const epoch = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(epoch).getUTCDay() + 6) % 7;
  return isoDay(epoch - weekday * DAY_MS);
}

// At most two windows of 5,000 customers per process; least recently used go first.
const cache = new CustomerReadModelCache<CustomerTrend>(10_000, readModelVersionsWithFindingsAndAlerts);

/** The trend data of `customerIds` (already scoped by the caller) over `window`, from the cache where current. */
export function customerTrends(
  customerIds: readonly string[],
  window: TrendWindowDays,
): Promise<Map<string, CustomerTrend>> {
  const weeks = weeksOf(window);
  return cache.getMany(
    customerIds,
    `${window.days}:${window.to}`,
    (missing) => computeCustomerTrends(missing, window, weeks),
    () => emptyTrend(window.days, weeks.length),
  );
}

function emptyTrend(days: number, weeks: number): CustomerTrend {
  return {
    firstSlot: -1,
    score: new Float64Array(days + 1).fill(Number.NaN),
    failed: new Int32Array(days + 1),
    failingCritical: new Int32Array(days + 1),
    failingHigh: new Int32Array(days + 1),
    start: null,
    latest: null,
    opened: new Int32Array(weeks),
    resolved: new Int32Array(weeks),
    alertsResolved: new Int32Array(weeks),
    alertsWithinSla: new Int32Array(weeks),
    secondsToResolve: Array.from({ length: weeks }, () => new Float64Array(0)),
  };
}

async function computeCustomerTrends(
  ids: string[],
  window: TrendWindowDays,
  weeks: string[],
): Promise<Map<string, CustomerTrend>> {
  const firstWeek = weeks[0]!;
  const [snapshots, findings, alerts] = await Promise.all([
    // The window's DAILY snapshots (ScoreSnapshot(customerId, scope, kind, day), index-only) and one probe per
    // customer for its last snapshot before the window.
    db().$queryRaw<
      {
        customerId: string;
        days: string[];
        scores: (number | null)[];
        failed: number[];
        failingCritical: number[];
        failingHigh: number[];
      }[]
    >`
      WITH "snapshots" AS (
        SELECT "customerId", "day", "score", "failed", "failingCritical", "failingHigh"
        FROM "ScoreSnapshot"
        WHERE "customerId" = ANY(${ids}::text[]) AND "scope" = 'CUSTOMER' AND "kind" = 'DAILY'
          AND "day" BETWEEN ${window.from}::date AND ${window.to}::date
        UNION ALL
        SELECT c."id", s."day", s."score", s."failed", s."failingCritical", s."failingHigh"
        FROM unnest(${ids}::text[]) AS c("id")
        CROSS JOIN LATERAL (
          SELECT "day", "score", "failed", "failingCritical", "failingHigh"
          FROM "ScoreSnapshot"
          WHERE "customerId" = c."id" AND "scope" = 'CUSTOMER' AND "kind" = 'DAILY' AND "day" < ${window.from}::date
          ORDER BY "day" DESC
          LIMIT 1
        ) s
      )
      SELECT "customerId", array_agg(to_char("day", 'YYYY-MM-DD') ORDER BY "day") AS "days",
             array_agg("score" ORDER BY "day") AS "scores", array_agg("failed" ORDER BY "day") AS "failed",
             array_agg("failingCritical" ORDER BY "day") AS "failingCritical",
             array_agg("failingHigh" ORDER BY "day") AS "failingHigh"
      FROM "snapshots"
      GROUP BY "customerId"`,
    // FindingDayCount, the per-customer, per-day rollup triggers on Finding keep (ADR 018).
    db().$queryRaw<{ customerId: string; week: string; opened: number; resolved: number }[]>`
      SELECT "customerId", to_char(date_trunc('week', "day"), 'YYYY-MM-DD') AS "week",
             sum("opened")::int AS "opened", sum("resolved")::int AS "resolved"
      FROM "FindingDayCount"
      WHERE "customerId" = ANY(${ids}::text[]) AND "day" BETWEEN ${firstWeek}::date AND ${window.to}::date
      GROUP BY 1, 2`,
    // Resolved alerts by resolution time (the partial index Alert_resolved_customerId_resolvedAt_idx, index-only).
    db().$queryRaw<{ customerId: string; week: string; resolved: number; withinSla: number; seconds: number[] }[]>`
      SELECT "customerId", to_char(date_trunc('week', "resolvedAt"), 'YYYY-MM-DD') AS "week",
             count(*)::int AS "resolved", (count(*) FILTER (WHERE "resolvedAt" <= "dueAt"))::int AS "withinSla",
             array_agg(extract(epoch FROM "resolvedAt" - "firstSeenAt")::float8
                       ORDER BY extract(epoch FROM "resolvedAt" - "firstSeenAt")::float8) AS "seconds"
      FROM "Alert"
      WHERE "customerId" = ANY(${ids}::text[]) AND "status" = 'RESOLVED'
        AND "resolvedAt" >= ${firstWeek}::date AND "resolvedAt" < ${window.to}::date + 1
      GROUP BY 1, 2`,
  ]);

  const result = new Map<string, CustomerTrend>(ids.map((id) => [id, emptyTrend(window.days, weeks.length)]));
  const fromEpoch = Date.parse(`${window.from}T00:00:00Z`);
  const slotOf = (day: string) => Math.max(0, Math.round((Date.parse(`${day}T00:00:00Z`) - fromEpoch) / DAY_MS) + 1);
  for (const row of snapshots) {
    const trend = result.get(row.customerId);
    if (!trend || row.days.length === 0) continue;
    trend.firstSlot = slotOf(row.days[0]!);
    for (let index = 0; index < row.days.length; index += 1) {
      const slot = slotOf(row.days[index]!);
      const end = index + 1 < row.days.length ? slotOf(row.days[index + 1]!) : window.days + 1;
      const score = row.scores[index];
      for (let day = slot; day < end; day += 1) {
        trend.score[day] = score === null || score === undefined ? Number.NaN : Number(score);
        trend.failed[day] = row.failed[index]!;
        trend.failingCritical[day] = row.failingCritical[index]!;
        trend.failingHigh[day] = row.failingHigh[index]!;
      }
    }
    const point = (index: number): ScorePoint => ({
      day: row.days[index]!,
      score: row.scores[index] === null ? null : Number(row.scores[index]),
    });
    trend.latest = point(row.days.length - 1);
    // Its latest snapshot on or before the window's first day, else its first inside the window.
    let start = -1;
    for (let index = 0; index < row.days.length && row.days[index]! <= window.from; index += 1) start = index;
    trend.start = point(Math.max(start, 0));
  }
  const weekIndex = new Map(weeks.map((week, index) => [week, index]));
  for (const row of findings) {
    const trend = result.get(row.customerId);
    const index = weekIndex.get(row.week);
    if (!trend || index === undefined) continue;
    trend.opened[index] = row.opened;
    trend.resolved[index] = row.resolved;
  }
  for (const row of alerts) {
    const trend = result.get(row.customerId);
    const index = weekIndex.get(row.week);
    if (!trend || index === undefined) continue;
    trend.alertsResolved[index] = row.resolved;
    trend.alertsWithinSla[index] = row.withinSla;
    trend.secondsToResolve[index] = Float64Array.from(row.seconds.map(Number));
  }
  return result;
}

/** The median of several ascending lists, as PostgreSQL's percentile_cont(0.5) computes it; null when empty. */
export function medianOf(lists: readonly Float64Array[]): number | null {
  const length = lists.reduce((sum, list) => sum + list.length, 0);
  if (length === 0) return null;
  const all = new Float64Array(length);
  let offset = 0;
  for (const list of lists) {
    all.set(list, offset);
    offset += list.length;
  }
  all.sort();
  const position = 0.5 * (length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const first = all[lower]!;
  return lower === upper ? first : first + (all[upper]! - first) * (position - lower);
}
