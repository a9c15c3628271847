import "server-only";
import { z } from "zod";
import { type Actor, authorize, customerScope, withCustomerIdScope } from "../authz/policy";
import { DAY_MS, isoDay } from "../dates";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError, notFound } from "../errors";
import {
  type CustomerScoreChange,
  compareScoreChanges,
  DEFAULT_TREND_RANGE,
  matchesCustomerName,
  pageScoreChanges,
  RANGE_VALUES,
  type ScoreChangePage,
  type ScoreChangesQueryInput,
  type ScorePoint,
  scoreChangesQuerySchema,
  type TrendRange,
} from "../trends/score-changes";

export {
  type CustomerScoreChange,
  DEFAULT_TREND_RANGE,
  type ScoreChangePage,
  type ScorePoint,
  TREND_RANGES,
  type TrendRange,
} from "../trends/score-changes";

import { MAX_CHARTED_CUSTOMERS } from "../trends/score-chart";

// Trends: score over time for the portfolio and per customer, failing controls over time, and findings
// opened vs resolved per ISO week, over a selectable window ending today (UTC).
//
// Tenant isolation. The PORTFOLIO snapshot is global: the mean over *every* customer. Only an actor whose
// scope is every customer may see it. Anyone narrower (a consultant with assignments) gets the mean of
// their own customers' CUSTOMER DAILY rows instead, so nothing of another tenant reaches them, not even as
// an average. Every raw query below is restricted to the ids a scoped Prisma query returned first.
//
// A day's value is each customer's latest DAILY snapshot on or before that day (carried forward), as
// the PORTFOLIO snapshot itself takes each customer's latest score: a customer that was not evaluated on
// a day keeps its last known state instead of dropping out of the sums and means for that day.

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blankToUndefined = (value: unknown) => {
  const first = firstValue(value);
  return typeof first === "string" && first.trim() === "" ? undefined : first;
};

/** The Trends page's URL search params: `range` (days) and an optional `customer` id. */
export const trendsQuerySchema = z.object({
  range: z
    .preprocess(
      // Already-parsed queries (a number) are accepted too, so the page can hand its parsed query back.
      (value) => (typeof value === "number" ? String(value) : blankToUndefined(value)),
      z.enum(RANGE_VALUES, { error: "Choose a range of 30, 90, 180 or 365 days." }).optional(),
    )
    .transform((value): TrendRange => (value ? (Number(value) as TrendRange) : DEFAULT_TREND_RANGE)),
  customer: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, "Not a customer id.")
      .optional(),
  ),
});
export type TrendsQueryInput = z.input<typeof trendsQuerySchema>;
export type TrendsQuery = z.output<typeof trendsQuerySchema>;

/**
 * Parses the page's search params. An invalid field falls back to its default and is reported, so the
 * page can say what was wrong (an unknown range) or answer 404 (a malformed customer id: no such customer).
 */
export function parseTrendsSearchParams(params: Record<string, unknown>): {
  query: TrendsQuery;
  invalid: ("range" | "customer")[];
} {
  const input = { range: params.range, customer: params.customer };
  const parsed = trendsQuerySchema.safeParse(input);
  if (parsed.success) return { query: parsed.data, invalid: [] };
  const invalid = [...new Set(parsed.error.issues.map((issue) => issue.path[0]))].filter(
    (key): key is "range" | "customer" => key === "range" || key === "customer",
  );
  const cleaned = { ...input, ...Object.fromEntries(invalid.map((key) => [key, undefined])) };
  return { query: trendsQuerySchema.parse(cleaned), invalid };
}

export interface TrendWindow {
  days: TrendRange;
  /** First and last UTC day of the window, YYYY-MM-DD (`to` is today). */
  from: string;
  to: string;
}

export interface CustomerScoreHistory {
  customerId: string;
  name: string;
  /** One point per day of the window. */
  points: ScorePoint[];
}

export interface PortfolioScoreHistory {
  /**
   * "portfolio": the recorded PORTFOLIO snapshots (the actor sees every customer).
   * "assigned": the mean of the actor's own customers' daily scores (the actor sees only some).
   */
  basis: "portfolio" | "assigned";
  /** Customers the line is the mean of (for "assigned"; every active customer for "portfolio"). */
  customers: number;
  points: ScorePoint[];
}

export interface FailingControlsPoint {
  day: string;
  /** Failing results (control × account) by effective severity; `failed` is all of them. */
  critical: number;
  high: number;
  failed: number;
  /** Customers with a snapshot on or before this day. */
  customers: number;
}

export interface FindingsWeek {
  /** Monday (UTC) starting the ISO week, YYYY-MM-DD. */
  week: string;
  opened: number;
  resolved: number;
  /** The current week: counted so far. */
  partial: boolean;
}

/** Why the portfolio line moved on a day: one line per customer or account event (issue 19 §10). */
export interface ScoreStepReason {
  customer: string;
  /** "joined the portfolio (first score 62.0)", "3 new failures: 71.2 → 66.0", "account prod connected". */
  text: string;
}

export interface ScoreStep {
  day: string;
  /** The portfolio line before and on the day (null: no score). */
  from: number | null;
  to: number | null;
  reasons: ScoreStepReason[];
  /** Further customers that moved that day, not listed. */
  more: number;
}

export interface SlaWeek {
  /** Monday (UTC) starting the ISO week, YYYY-MM-DD. */
  week: string;
  /** Alerts resolved in the week (suppressed ones aside). */
  resolved: number;
  /** Of those, resolved by their due time (the SLA in force when they opened). */
  withinSla: number;
  /** withinSla / resolved, 0–1; null when none was resolved. */
  share: number | null;
  /** Median hours from an alert's first sighting to its resolution; null when none was resolved. */
  medianHours: number | null;
  partial: boolean;
}

export interface Trends {
  window: TrendWindow;
  /** Every active customer in scope, by name: the customer filter's choices. */
  customers: { id: string; name: string }[];
  selected: { id: string; name: string } | null;
  portfolio: PortfolioScoreHistory;
  /** The customers drawn as lines: the selected one, or all of them when there are few enough. */
  charted: CustomerScoreHistory[];
  /** Score change over the window per customer (the selected one only, when one is selected). */
  changes: CustomerScoreChange[];
  /** For the selected customer, or summed over every customer in scope. */
  failing: FailingControlsPoint[];
  findings: FindingsWeek[];
  /** The days the portfolio line moved, each with what moved it, chronological (the largest steps). */
  steps: ScoreStep[];
  /** Alerts resolved per week: the share within SLA and the median time to resolve. */
  sla: SlaWeek[];
  /** Whether any customer in view has a score snapshot on or before the window's last day. */
  hasScoreHistory: boolean;
}

/** At most this many steps are explained (the largest moves), and this many customers per step. */
const MAX_EXPLAINED_STEPS = 12;
const MAX_REASONS_PER_STEP = 5;

export async function getTrends(
  actor: Actor,
  input: TrendsQueryInput = {},
  options: { now?: Date } = {},
): Promise<Trends> {
  authorize(actor, "trends:read");
  const parsed = trendsQuerySchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_INPUT", parsed.error.issues[0]?.message ?? "Invalid trends query.");
  const query = parsed.data;
  const window = windowOf(query.range, options.now ?? new Date());

  const customers = await scopedCustomers(actor);
  let selected: { id: string; name: string } | null = null;
  if (query.customer) {
    selected = customers.find((customer) => customer.id === query.customer) ?? null;
    // Unknown and out-of-scope ids answer alike, so a customer's existence is not revealed.
    if (!selected) throw notFound("Customer not found");
  }
  const allIds = customers.map((customer) => customer.id);
  const viewed = selected ? [selected] : customers;
  const viewedIds = viewed.map((customer) => customer.id);
  const unrestricted = customerScope(actor).kind === "all";

  // Lines per customer only for the selected one, or for all when few enough to tell apart.
  const lineCandidates = selected || customers.length <= MAX_CHARTED_CUSTOMERS ? viewed : [];

  const [changes, series, failingTotals, portfolioTotals, recordedPortfolio, findings, events, sla] = await Promise.all(
    [
      scoreChanges(viewed, window),
      customerScoreSeries(lineCandidates, window),
      dailyTotals(viewedIds, window),
      // SECURITY: a scoped actor's portfolio line is computed from its own customers only.
      unrestricted || !selected ? null : dailyTotals(allIds, window),
      unrestricted ? recordedPortfolioScores(window) : null,
      findingsPerWeek(viewedIds, window),
      // The portfolio line's steps are explained by the customers it is the mean of.
      scoreEvents(actor, allIds, window),
      slaPerWeek(viewedIds, window),
    ],
  );

  changes.sort((a, b) => compareScoreChanges(a, b));
  const withHistory = new Set(changes.filter((change) => change.latest !== null).map((change) => change.customerId));
  const charted = series.filter((line) => withHistory.has(line.customerId));

  const assignedTotals = portfolioTotals ?? failingTotals;
  const portfolio: PortfolioScoreHistory = recordedPortfolio
    ? { basis: "portfolio", customers: customers.length, points: recordedPortfolio }
    : {
        basis: "assigned",
        customers: customers.length,
        points: denseDays(window).map((day) => ({ day, score: assignedTotals.get(day)?.score ?? null })),
      };

  return {
    window,
    customers,
    selected,
    portfolio,
    steps: explainSteps(portfolio.points, events),
    charted,
    changes,
    failing: denseDays(window).map((day) => {
      const totals = failingTotals.get(day);
      return {
        day,
        critical: totals?.failingCritical ?? 0,
        high: totals?.failingHigh ?? 0,
        failed: totals?.failed ?? 0,
        customers: totals?.customers ?? 0,
      };
    }),
    findings,
    sla,
    hasScoreHistory: withHistory.size > 0,
  };
}

/**
 * One page of the score change per customer over a range, over every active customer in scope: searched by
 * name, sorted, paged (the Trends table's further pages; its first is cut from getTrends' changes).
 */
export async function listScoreChanges(
  actor: Actor,
  input: ScoreChangesQueryInput = {},
  options: { now?: Date } = {},
): Promise<ScoreChangePage> {
  authorize(actor, "trends:read");
  const parsed = scoreChangesQuerySchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_INPUT", parsed.error.issues[0]?.message ?? "Invalid query.");
  const query = parsed.data;
  const window = windowOf(query.range, options.now ?? new Date());
  const customers = await scopedCustomers(actor);
  const searched = customers.filter((customer) => matchesCustomerName(customer.name, query.q));
  if (query.sort === "name") {
    // By name, only the page's customers need their snapshots read.
    const named = searched.map((customer) => ({
      customerId: customer.id,
      name: customer.name,
      start: null,
      latest: null,
      change: null,
    }));
    const page = pageScoreChanges(named, query);
    const rows = await scoreChanges(
      page.rows.map((row) => ({ id: row.customerId, name: row.name })),
      window,
    );
    return { ...page, rows, total: customers.length };
  }
  return { ...pageScoreChanges(await scoreChanges(searched, window), query), total: customers.length };
}

/**
 * Each customer's daily score over the window (carried forward), for the customers in scope or the
 * `customerIds` asked for; an id out of scope answers NOT_FOUND.
 */
export async function listCustomerScoreHistory(
  actor: Actor,
  options: { range?: TrendRange; customerIds?: readonly string[]; now?: Date } = {},
): Promise<CustomerScoreHistory[]> {
  authorize(actor, "trends:read");
  const window = windowOf(options.range ?? DEFAULT_TREND_RANGE, options.now ?? new Date());
  const customers = await scopedCustomers(actor);
  const wanted = options.customerIds
    ? options.customerIds.map((id) => {
        const customer = customers.find((candidate) => candidate.id === id);
        if (!customer) throw notFound("Customer not found");
        return customer;
      })
    : customers;
  return customerScoreSeries(wanted, window);
}

/** Active customers in the actor's scope; the only ids any raw query in this module is given. */
async function scopedCustomers(actor: Actor): Promise<{ id: string; name: string }[]> {
  return db().customer.findMany({
    where: withCustomerIdScope(actor, { archivedAt: null }),
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

function windowOf(days: TrendRange, now: Date): TrendWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { days, from: isoDay(today - (days - 1) * DAY_MS), to: isoDay(today) };
}

function denseDays(window: TrendWindow): string[] {
  const start = Date.parse(`${window.from}T00:00:00Z`);
  return Array.from({ length: window.days }, (_, index) => isoDay(start + index * DAY_MS));
}

/** Monday (UTC) of the ISO week containing `day`. */
function weekStart(day: string): string {
  const epoch = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(epoch).getUTCDay() + 6) % 7;
  return isoDay(epoch - weekday * DAY_MS);
}

/**
 * The CUSTOMER DAILY snapshots of `ids` as one row per customer and day of the window, each day carrying
 * the customer's latest snapshot on or before it. Reads the window's rows (ScoreSnapshot(scope, kind, day)
 * or, for a few ids, ScoreSnapshot(customerId, scope, day)) plus one index probe per customer for the
 * last snapshot before the window; each snapshot is expanded over the days until the next one.
 */
function carriedForwardDaily(ids: readonly string[], window: TrendWindow): Prisma.Sql {
  return Prisma.sql`
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
    ),
    "spans" AS (
      SELECT *, lead("day") OVER (PARTITION BY "customerId" ORDER BY "day") AS "nextDay"
      FROM "snapshots"
    ),
    "daily" AS (
      SELECT sp."customerId", d."day"::date AS "day", sp."score", sp."failed", sp."failingCritical", sp."failingHigh"
      FROM "spans" sp
      CROSS JOIN LATERAL generate_series(
        greatest(sp."day", ${window.from}::date)::timestamp,
        coalesce(sp."nextDay" - 1, ${window.to}::date)::timestamp,
        interval '1 day'
      ) AS d("day")
    )`;
}

interface DayTotals {
  /** Mean of the scores that exist that day; null when none does. */
  score: number | null;
  customers: number;
  failed: number;
  failingCritical: number;
  failingHigh: number;
}

/** Per day of the window: the mean score and summed failing counts over `ids`, carried forward. */
async function dailyTotals(ids: readonly string[], window: TrendWindow): Promise<Map<string, DayTotals>> {
  if (ids.length === 0) return new Map();
  const rows = await db().$queryRaw<(DayTotals & { day: string })[]>(Prisma.sql`
    ${carriedForwardDaily(ids, window)}
    SELECT to_char("day", 'YYYY-MM-DD') AS "day", avg("score") AS "score", count(*)::int AS "customers",
           sum("failed")::int AS "failed", sum("failingCritical")::int AS "failingCritical",
           sum("failingHigh")::int AS "failingHigh"
    FROM "daily"
    GROUP BY "day"`);
  return new Map(rows.map((row) => [row.day, { ...row, score: row.score === null ? null : Number(row.score) }]));
}

/** One line per customer: its daily score over the window, carried forward. */
async function customerScoreSeries(
  customers: readonly { id: string; name: string }[],
  window: TrendWindow,
): Promise<CustomerScoreHistory[]> {
  if (customers.length === 0) return [];
  const rows = await db().$queryRaw<{ customerId: string; days: string[]; scores: (number | null)[] }[]>(Prisma.sql`
    ${carriedForwardDaily(
      customers.map((customer) => customer.id),
      window,
    )}
    SELECT "customerId", array_agg(to_char("day", 'YYYY-MM-DD') ORDER BY "day") AS "days",
           array_agg("score" ORDER BY "day") AS "scores"
    FROM "daily"
    GROUP BY "customerId"`);
  const byCustomer = new Map(
    rows.map((row) => [row.customerId, new Map(row.days.map((day, index) => [day, row.scores[index] ?? null]))]),
  );
  const days = denseDays(window);
  return customers.map((customer) => {
    const scores = byCustomer.get(customer.id);
    return {
      customerId: customer.id,
      name: customer.name,
      points: days.map((day) => ({ day, score: scores?.get(day) ?? null })),
    };
  });
}

/**
 * The recorded PORTFOLIO DAILY snapshots over the window, carried forward. Global rows: only for an
 * actor who sees every customer. One probe of ScoreSnapshot(scope, kind, day) per day.
 */
async function recordedPortfolioScores(window: TrendWindow): Promise<ScorePoint[]> {
  const rows = await db().$queryRaw<{ day: string; score: number | null }[]>`
    SELECT to_char(d."day", 'YYYY-MM-DD') AS "day", p."score"
    FROM generate_series(${window.from}::date::timestamp, ${window.to}::date::timestamp, interval '1 day') AS d("day")
    LEFT JOIN LATERAL (
      SELECT "score" FROM "ScoreSnapshot"
      WHERE "scope" = 'PORTFOLIO' AND "kind" = 'DAILY' AND "day" <= d."day"::date
      ORDER BY "day" DESC
      LIMIT 1
    ) p ON true
    ORDER BY d."day"`;
  return rows.map((row) => ({ day: row.day, score: row.score === null ? null : Number(row.score) }));
}

/**
 * Per customer: its state when the window starts (its latest snapshot on or before `from`, else its first
 * inside the window) and its latest. Three probes of ScoreSnapshot(customerId, scope, day) per customer.
 */
async function scoreChanges(
  customers: readonly { id: string; name: string }[],
  window: TrendWindow,
): Promise<CustomerScoreChange[]> {
  if (customers.length === 0) return [];
  const ids = customers.map((customer) => customer.id);
  const rows = await db().$queryRaw<
    {
      customerId: string;
      startDay: string | null;
      startScore: number | null;
      latestDay: string | null;
      latestScore: number | null;
    }[]
  >`
    SELECT c."id" AS "customerId",
           to_char(s."day", 'YYYY-MM-DD') AS "startDay", s."score" AS "startScore",
           to_char(l."day", 'YYYY-MM-DD') AS "latestDay", l."score" AS "latestScore"
    FROM unnest(${ids}::text[]) AS c("id")
    LEFT JOIN LATERAL (
      SELECT "day", "score" FROM "ScoreSnapshot"
      WHERE "customerId" = c."id" AND "scope" = 'CUSTOMER' AND "kind" = 'DAILY' AND "day" <= ${window.to}::date
      ORDER BY "day" DESC
      LIMIT 1
    ) l ON true
    LEFT JOIN LATERAL (
      SELECT "day", "score" FROM (
        (SELECT 0 AS "rank", "day", "score" FROM "ScoreSnapshot"
         WHERE "customerId" = c."id" AND "scope" = 'CUSTOMER' AND "kind" = 'DAILY' AND "day" <= ${window.from}::date
         ORDER BY "day" DESC
         LIMIT 1)
        UNION ALL
        (SELECT 1 AS "rank", "day", "score" FROM "ScoreSnapshot"
         WHERE "customerId" = c."id" AND "scope" = 'CUSTOMER' AND "kind" = 'DAILY'
           AND "day" > ${window.from}::date AND "day" <= ${window.to}::date
         ORDER BY "day" ASC
         LIMIT 1)
      ) candidates
      ORDER BY "rank"
      LIMIT 1
    ) s ON true`;
  const byId = new Map(rows.map((row) => [row.customerId, row]));
  return customers.map((customer) => {
    const row = byId.get(customer.id);
    const start = row?.startDay ? { day: row.startDay, score: numberOrNull(row.startScore) } : null;
    const latest = row?.latestDay ? { day: row.latestDay, score: numberOrNull(row.latestScore) } : null;
    // One snapshot inside the window is a starting point, not a change.
    const baseline = start && latest && !(start.day === latest.day && start.day >= window.from);
    const change = baseline && start.score !== null && latest.score !== null ? latest.score - start.score : null;
    return { customerId: customer.id, name: customer.name, start, latest, change };
  });
}

/**
 * Findings opened (firstSeenAt) and resolved (resolvedAt) per ISO week (Monday, UTC) from the week holding
 * the window's first day to this week, over the customers `ids` only. Read from FindingDayCount, the
 * per-customer, per-day rollup that triggers on Finding keep in step with every write (ADR 018): at most
 * one row per customer and day of the window, by its primary key, instead of every finding touched in it.
 */
async function findingsPerWeek(ids: readonly string[], window: TrendWindow): Promise<FindingsWeek[]> {
  const first = weekStart(window.from);
  const current = weekStart(window.to);
  const weeks: string[] = [];
  for (let epoch = Date.parse(`${first}T00:00:00Z`); isoDay(epoch) <= current; epoch += 7 * DAY_MS)
    weeks.push(isoDay(epoch));
  const counts = new Map(weeks.map((week) => [week, { opened: 0, resolved: 0 }]));
  if (ids.length > 0) {
    const rows = await db().$queryRaw<{ week: string; opened: number; resolved: number }[]>`
      SELECT to_char(date_trunc('week', "day"), 'YYYY-MM-DD') AS "week",
             sum("opened")::int AS "opened", sum("resolved")::int AS "resolved"
      FROM "FindingDayCount"
      WHERE "customerId" = ANY(${ids}::text[]) AND "day" BETWEEN ${first}::date AND ${window.to}::date
      GROUP BY 1`;
    for (const row of rows) {
      const week = counts.get(row.week);
      if (week) Object.assign(week, { opened: row.opened, resolved: row.resolved });
    }
  }
  return weeks.map((week) => ({ week, ...counts.get(week)!, partial: week === current }));
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}

interface ScoreEvent {
  day: string;
  customer: string;
  text: string;
  /** How much it moved its customer's score (0 for account events): the order of the reasons. */
  weight: number;
}

const formatOneDecimal = (value: number) => value.toFixed(1);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * What happened to the customers `ids` (all active customers in the actor's scope) on each day of the
 * window: a customer's first score (it joined the portfolio), each change of a customer's daily score with
 * the change in its failing results, accounts connected or retired; and customers in scope retired in
 * the window (they left the portfolio).
 */
async function scoreEvents(actor: Actor, ids: readonly string[], window: TrendWindow): Promise<ScoreEvent[]> {
  if (ids.length === 0) return [];
  const from = new Date(`${window.from}T00:00:00Z`);
  const [moves, accounts, retired] = await Promise.all([
    db().$queryRaw<
      {
        day: string;
        name: string;
        score: number | null;
        previousScore: number | null;
        failed: number;
        previousFailed: number | null;
        first: boolean;
      }[]
    >(Prisma.sql`
      ${carriedForwardDaily(ids, window)},
      "moves" AS (
        SELECT "customerId", "day", "score", "failed",
               lag("score") OVER w AS "previousScore", lag("failed") OVER w AS "previousFailed",
               row_number() OVER w = 1 AS "first"
        FROM "snapshots"
        WINDOW w AS (PARTITION BY "customerId" ORDER BY "day")
      )
      SELECT to_char(m."day", 'YYYY-MM-DD') AS "day", c."name", m."score", m."previousScore", m."failed",
             m."previousFailed", m."first"
      FROM "moves" m JOIN "Customer" c ON c."id" = m."customerId"
      WHERE m."day" >= ${window.from}::date
        AND (m."first" OR m."score" IS DISTINCT FROM m."previousScore" OR m."failed" IS DISTINCT FROM m."previousFailed")`),
    db().awsAccount.findMany({
      where: {
        customerId: { in: [...ids] },
        OR: [{ createdAt: { gte: from } }, { archivedAt: { gte: from } }],
      },
      select: { alias: true, createdAt: true, archivedAt: true, customer: { select: { name: true } } },
    }),
    db().customer.findMany({
      where: withCustomerIdScope(actor, { archivedAt: { gte: from } }),
      select: { name: true, archivedAt: true },
    }),
  ]);
  const events: ScoreEvent[] = [];
  for (const move of moves) {
    const score = numberOrNull(move.score);
    const previous = numberOrNull(move.previousScore);
    if (move.first) {
      events.push({
        day: move.day,
        customer: move.name,
        text: `joined the portfolio${score === null ? " (no score yet)" : ` with a first score of ${formatOneDecimal(score)}`}`,
        weight: 100,
      });
      continue;
    }
    const failedChange = move.failed - (move.previousFailed ?? move.failed);
    const cause =
      failedChange > 0
        ? `a sync with ${plural(failedChange, "new failure")}`
        : failedChange < 0
          ? `a sync with ${plural(-failedChange, "failure")} fixed`
          : "a re-evaluation";
    const scores =
      score === null || previous === null
        ? score === null
          ? "no score"
          : `score ${formatOneDecimal(score)}`
        : `${formatOneDecimal(previous)} → ${formatOneDecimal(score)}`;
    events.push({
      day: move.day,
      customer: move.name,
      text: `${cause}: ${scores}`,
      weight: Math.abs((score ?? 0) - (previous ?? 0)) || Math.abs(failedChange) / 100,
    });
  }
  const dayOf = (date: Date) => date.toISOString().slice(0, 10);
  for (const account of accounts) {
    if (account.createdAt >= from)
      events.push({
        day: dayOf(account.createdAt),
        customer: account.customer.name,
        text: `account ${account.alias} connected`,
        weight: 50,
      });
    if (account.archivedAt && account.archivedAt >= from)
      events.push({
        day: dayOf(account.archivedAt),
        customer: account.customer.name,
        text: `account ${account.alias} retired (its history kept, out of the score)`,
        weight: 50,
      });
  }
  for (const customer of retired) {
    if (customer.archivedAt)
      events.push({
        day: dayOf(customer.archivedAt),
        customer: customer.name,
        text: "left the portfolio",
        weight: 100,
      });
  }
  return events.filter((event) => event.day >= window.from && event.day <= window.to);
}

/**
 * The days the portfolio line moved (by a tenth of a point or more, or from or to no score), or a customer
 * joined or left, with their reasons; the MAX_EXPLAINED_STEPS largest, in day order.
 */
function explainSteps(points: readonly ScorePoint[], events: readonly ScoreEvent[]): ScoreStep[] {
  const byDay = new Map<string, ScoreEvent[]>();
  for (const event of events) byDay.set(event.day, [...(byDay.get(event.day) ?? []), event]);
  const steps: (ScoreStep & { size: number })[] = [];
  points.forEach((point, index) => {
    const before = index > 0 ? points[index - 1]!.score : null;
    const moved =
      index > 0 &&
      (before === null || point.score === null ? before !== point.score : Math.abs(point.score - before) >= 0.05);
    const dayEvents = (byDay.get(point.day) ?? []).sort((a, b) => b.weight - a.weight);
    const structural = dayEvents.some((event) => event.weight >= 50);
    if (!moved && !structural) return;
    if (dayEvents.length === 0 && index === 0) return;
    const size = before === null || point.score === null ? 100 : Math.abs(point.score - before) + (structural ? 50 : 0);
    steps.push({
      day: point.day,
      from: index > 0 ? before : null,
      to: point.score,
      reasons: dayEvents
        .slice(0, MAX_REASONS_PER_STEP)
        .map((event) => ({ customer: event.customer, text: event.text })),
      more: Math.max(0, dayEvents.length - MAX_REASONS_PER_STEP),
      size,
    });
  });
  return steps
    .sort((a, b) => b.size - a.size || a.day.localeCompare(b.day))
    .slice(0, MAX_EXPLAINED_STEPS)
    .sort((a, b) => a.day.localeCompare(b.day))
    .map(({ size: _size, ...step }) => step);
}

/**
 * Alerts of `ids` resolved per ISO week of the window: how many, how many by their due time (the SLA,
 * lib/alerts/sla.ts: met when resolvedAt ≤ dueAt), and the median hours from first sighting to resolution.
 */
async function slaPerWeek(ids: readonly string[], window: TrendWindow): Promise<SlaWeek[]> {
  const first = weekStart(window.from);
  const current = weekStart(window.to);
  const weeks: string[] = [];
  for (let epoch = Date.parse(`${first}T00:00:00Z`); isoDay(epoch) <= current; epoch += 7 * DAY_MS)
    weeks.push(isoDay(epoch));
  const rows =
    ids.length === 0
      ? []
      : await db().$queryRaw<{ week: string; resolved: number; withinSla: number; medianHours: number | null }[]>`
          SELECT to_char(date_trunc('week', "resolvedAt"), 'YYYY-MM-DD') AS "week", count(*)::int AS "resolved",
                 (count(*) FILTER (WHERE "resolvedAt" <= "dueAt"))::int AS "withinSla",
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "resolvedAt" - "firstSeenAt")) / 3600
                   AS "medianHours"
          FROM "Alert"
          WHERE "customerId" = ANY(${ids}::text[]) AND "status" = 'RESOLVED'
            AND "resolvedAt" >= ${first}::date AND "resolvedAt" < ${window.to}::date + 1
          GROUP BY 1`;
  const byWeek = new Map(rows.map((row) => [row.week, row]));
  return weeks.map((week) => {
    const row = byWeek.get(week);
    const resolved = row?.resolved ?? 0;
    return {
      week,
      resolved,
      withinSla: row?.withinSla ?? 0,
      share: resolved > 0 ? (row?.withinSla ?? 0) / resolved : null,
      medianHours: row?.medianHours == null ? null : Number(row.medianHours),
      partial: week === current,
    };
  });
}
