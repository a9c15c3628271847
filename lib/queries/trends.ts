import "server-only";
import { z } from "zod";
import { type Actor, authorize, customerScope, withCustomerIdScope } from "../authz/policy";
import { DAY_MS, isoDay } from "../dates";
import { db } from "../db/client";
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
import { ScopeReadModelMemo } from "./read-model-cache";
import { type CustomerTrend, customerTrends, medianOf, weeksOf } from "./trends-cache";

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

  // The scope's ids only, and for an actor who sees every customer not even those: names come with the memoised
  // view below, whose fingerprint covers them (ADR 031).
  const scopedIds = async () =>
    (
      await db().customer.findMany({ where: withCustomerIdScope(actor, { archivedAt: null }), select: { id: true } })
    ).map((customer) => customer.id);
  const unrestricted = customerScope(actor).kind === "all";
  const variant = `${window.days}:${window.to}`;

  // Every customer in scope (the portfolio line and its steps are over all of them). Their names, per-customer
  // series (ADR 030) and everything summed, merged or sorted over all of them are memoised per scope and window
  // under the fingerprint of the scope's ids (every active customer's, for an unrestricted actor), their names and
  // their ReadModelVersion, FINDINGS and ALERTS stamps (ADR 031).
  const [view, recordedPortfolio, retired] = await Promise.all([
    unrestricted
      ? scopeMemo.getForEveryCustomer(variant, async () => scopeView(await scopedIds(), window))
      : scopedIds().then((ids) => scopeMemo.get(ids, variant, (memoIds) => scopeView(memoIds, window))),
    unrestricted ? recordedPortfolioScores(window) : null,
    retiredCustomerEvents(actor, window),
  ]);
  // Unknown and out-of-scope ids answer alike, so a customer's existence is not revealed.
  const { customers } = view;
  const selected = query.customer ? (customers.find((customer) => customer.id === query.customer) ?? null) : null;
  if (query.customer && !selected) throw notFound("Customer not found");
  const events = customers.length > 0 ? [...view.accountEvents, ...retired] : [];
  const viewed = selected ? [selected] : customers;
  // Lines per customer only for the selected one, or for all when few enough to tell apart.
  const lineCandidates = selected || customers.length <= MAX_CHARTED_CUSTOMERS ? viewed : [];
  const { trendsById } = view;
  const one = selected ? trendsById.get(selected.id) : undefined;
  const viewedTrends = selected ? (one ? [one] : []) : view.trends;
  const changes = selected ? scoreChanges(viewed, trendsById, window) : [...view.changes];
  const series = customerScoreSeries(lineCandidates, trendsById, window);
  const failingTotals = selected ? dailyTotals(viewedTrends, window) : view.totals;
  // SECURITY: a scoped actor's portfolio line is computed from its own customers only.
  const portfolioTotals = unrestricted || !selected ? null : view.totals;
  const findings = selected ? findingsPerWeek(viewedTrends, window) : view.findings;
  const sla = selected ? slaPerWeek(viewedTrends, window) : view.sla;
  const withHistory = selected
    ? new Set(changes.filter((change) => change.latest !== null).map((change) => change.customerId))
    : view.withHistory;
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
    customers: [...customers],
    selected,
    portfolio,
    steps: explainSteps(portfolio.points, view.moves, events),
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
    const pageCustomers = page.rows.map((row) => ({ id: row.customerId, name: row.name }));
    const rows = scoreChanges(
      pageCustomers,
      await customerTrends(
        pageCustomers.map((customer) => customer.id),
        window,
      ),
      window,
    );
    return { ...page, rows, total: customers.length };
  }
  const trendsById = await customerTrends(
    searched.map((customer) => customer.id),
    window,
  );
  return { ...pageScoreChanges(scoreChanges(searched, trendsById, window), query), total: customers.length };
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
  return customerScoreSeries(
    wanted,
    await customerTrends(
      wanted.map((customer) => customer.id),
      window,
    ),
    window,
  );
}

/**
 * What getTrends shows over every customer of a scope, for one window: it depends only on the customers' ids,
 * names and stamped rows, never on who asks (ADR 031).
 */
interface TrendsScopeView {
  /** By name, then id (the order of the customer filter and of the steps' reasons). */
  customers: readonly { id: string; name: string }[];
  trendsById: ReadonlyMap<string, CustomerTrend>;
  /** In the order of the scope's customers (by name). */
  trends: readonly CustomerTrend[];
  totals: Map<string, DayTotals>;
  findings: FindingsWeek[];
  sla: SlaWeek[];
  moves: DayEvents;
  /** Sorted as the page shows them first (compareScoreChanges' default). */
  changes: readonly CustomerScoreChange[];
  withHistory: ReadonlySet<string>;
  /** Accounts of these customers connected or retired in the window. */
  accountEvents: readonly ScoreEvent[];
}

/** A few scopes per process (the unrestricted one, some consultants'); least recently used go first. */
const scopeMemo = new ScopeReadModelMemo<TrendsScopeView>(8, ["FINDINGS", "ALERTS"]);

async function scopeView(ids: readonly string[], window: TrendWindow): Promise<TrendsScopeView> {
  const [customers, trendsById, accountEvents] = await Promise.all([
    db().customer.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    customerTrends(ids, window),
    accountEventsOf(ids, window),
  ]);
  const trends = customers.map((customer) => trendsById.get(customer.id)).filter((trend) => trend !== undefined);
  const changes = scoreChanges(customers, trendsById, window).sort((a, b) => compareScoreChanges(a, b));
  return {
    customers,
    trendsById,
    trends,
    totals: dailyTotals(trends, window),
    findings: findingsPerWeek(trends, window),
    sla: slaPerWeek(trends, window),
    moves: scoreMoves(customers, trendsById, window),
    changes,
    withHistory: new Set(changes.filter((change) => change.latest !== null).map((change) => change.customerId)),
    accountEvents,
  };
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

interface DayTotals {
  /** Mean of the scores that exist that day; null when none does. */
  score: number | null;
  customers: number;
  failed: number;
  failingCritical: number;
  failingHigh: number;
}

/** Per day of the window: the mean score and summed failing counts over the customers' trends, carried forward. */
function dailyTotals(trends: readonly CustomerTrend[], window: TrendWindow): Map<string, DayTotals> {
  const totals = new Map<string, DayTotals>();
  denseDays(window).forEach((day, index) => {
    const slot = index + 1;
    let customers = 0;
    let scored = 0;
    let scoreSum = 0;
    let failed = 0;
    let failingCritical = 0;
    let failingHigh = 0;
    for (const trend of trends) {
      if (trend.firstSlot < 0 || trend.firstSlot > slot) continue;
      customers += 1;
      const score = trend.score[slot]!;
      if (!Number.isNaN(score)) {
        scored += 1;
        scoreSum += score;
      }
      failed += trend.failed[slot]!;
      failingCritical += trend.failingCritical[slot]!;
      failingHigh += trend.failingHigh[slot]!;
    }
    if (customers > 0)
      totals.set(day, {
        score: scored > 0 ? scoreSum / scored : null,
        customers,
        failed,
        failingCritical,
        failingHigh,
      });
  });
  return totals;
}

/** A customer's score on slot `slot` of its trend (null: no snapshot yet, or one without a score). */
function scoreAt(trend: CustomerTrend | undefined, slot: number): number | null {
  if (!trend || trend.firstSlot < 0 || trend.firstSlot > slot) return null;
  const score = trend.score[slot]!;
  return Number.isNaN(score) ? null : score;
}

/** One line per customer: its daily score over the window, carried forward. */
function customerScoreSeries(
  customers: readonly { id: string; name: string }[],
  trendsById: ReadonlyMap<string, CustomerTrend>,
  window: TrendWindow,
): CustomerScoreHistory[] {
  const days = denseDays(window);
  return customers.map((customer) => {
    const trend = trendsById.get(customer.id);
    return {
      customerId: customer.id,
      name: customer.name,
      points: days.map((day, index) => ({ day, score: scoreAt(trend, index + 1) })),
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

/** Per customer: its state when the window starts (or its first snapshot inside it), its latest, the change. */
function scoreChanges(
  customers: readonly { id: string; name: string }[],
  trendsById: ReadonlyMap<string, CustomerTrend>,
  window: TrendWindow,
): CustomerScoreChange[] {
  return customers.map((customer) => {
    const trend = trendsById.get(customer.id);
    const start = trend?.start ?? null;
    const latest = trend?.latest ?? null;
    // One snapshot inside the window is a starting point, not a change.
    const baseline = start && latest && !(start.day === latest.day && start.day >= window.from);
    const change = baseline && start.score !== null && latest.score !== null ? latest.score - start.score : null;
    return { customerId: customer.id, name: customer.name, start, latest, change };
  });
}

/**
 * Findings opened (firstSeenAt) and resolved (resolvedAt) per ISO week (Monday, UTC) from the week holding
 * the window's first day to this week, summed over the customers' trends (read from FindingDayCount, the
 * per-customer, per-day rollup that triggers on Finding keep in step with every write, ADR 018).
 */
function findingsPerWeek(trends: readonly CustomerTrend[], window: TrendWindow): FindingsWeek[] {
  const weeks = weeksOf(window);
  const current = weeks.at(-1);
  return weeks.map((week, index) => {
    let opened = 0;
    let resolved = 0;
    for (const trend of trends) {
      opened += trend.opened[index]!;
      resolved += trend.resolved[index]!;
    }
    return { week, opened, resolved, partial: week === current };
  });
}

interface ScoreEvent {
  day: string;
  customer: string;
  /** Worded only for the reasons shown: a manager's window holds tens of thousands of score moves. */
  text: () => string;
  /** How much it moved its customer's score (0 for account events): the order of the reasons. */
  weight: number;
}

const formatOneDecimal = (value: number) => value.toFixed(1);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** How much a customer's trend moved on a slot (100: its first snapshot), or null when it did not. */
function moveWeightAt(trend: CustomerTrend, slot: number): number | null {
  if (trend.firstSlot < 0 || slot < trend.firstSlot || slot < 1) return null;
  if (slot === trend.firstSlot) return 100;
  const score = scoreAt(trend, slot);
  const previous = scoreAt(trend, slot - 1);
  const failedChange = trend.failed[slot]! - trend.failed[slot - 1]!;
  if (score === previous && failedChange === 0) return null;
  return Math.abs((score ?? 0) - (previous ?? 0)) || Math.abs(failedChange) / 100;
}

/** A customer's score move on one slot of its trend, or null when it did not move that day. */
function scoreMoveAt(customer: { name: string }, trend: CustomerTrend, slot: number, day: string): ScoreEvent | null {
  const weight = moveWeightAt(trend, slot);
  if (weight === null) return null;
  const score = scoreAt(trend, slot);
  if (slot === trend.firstSlot)
    return {
      day,
      customer: customer.name,
      text: () =>
        `joined the portfolio${score === null ? " (no score yet)" : ` with a first score of ${formatOneDecimal(score)}`}`,
      weight,
    };
  const previous = scoreAt(trend, slot - 1);
  const failedChange = trend.failed[slot]! - trend.failed[slot - 1]!;
  const text = () => {
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
    return `${cause}: ${scores}`;
  };
  return { day, customer: customer.name, text, weight };
}

/**
 * Each customer's first score in the window (it joined the portfolio) and each change of its daily score or
 * failing results, from its carried-forward trend: a day whose value differs from the day before is a new
 * snapshot that moved it. Counted per day for every day; listed only for the days a step is explained on.
 */
function scoreMoves(
  customers: readonly { id: string; name: string }[],
  trendsById: ReadonlyMap<string, CustomerTrend>,
  window: TrendWindow,
): DayEvents {
  const days = denseDays(window);
  const count = new Map<string, number>();
  const structural = new Set<string>();
  const lists = new Map<string, readonly ScoreEvent[]>();
  const listed = customers.flatMap((customer) => {
    const trend = trendsById.get(customer.id);
    return trend ? [{ customer, trend }] : [];
  });
  days.forEach((day, index) => {
    let moves = 0;
    for (const { trend } of listed) {
      const weight = moveWeightAt(trend, index + 1);
      if (weight === null) continue;
      moves += 1;
      if (weight >= 50) structural.add(day);
    }
    if (moves > 0) count.set(day, moves);
  });
  return {
    count: (day) => count.get(day) ?? 0,
    structural: (day) => structural.has(day),
    list: (day) => {
      // Held with the scope's view (ADR 031): a manager's day lists thousands of moves.
      let moved = lists.get(day);
      if (!moved) {
        const index = days.indexOf(day);
        moved =
          index < 0
            ? []
            : listed
                .flatMap(({ customer, trend }) => scoreMoveAt(customer, trend, index + 1, day) ?? [])
                .sort((a, b) => b.weight - a.weight);
        lists.set(day, moved);
      }
      return moved;
    },
  };
}

interface DayEvents {
  count(day: string): number;
  structural(day: string): boolean;
  /** Heaviest first; of equal weight, in the order the customers are listed (do not modify). */
  list(day: string): readonly ScoreEvent[];
}

/**
 * Accounts of the customers `ids` (all active customers in the actor's scope) connected or retired in the
 * window. AwsAccount is stamped by ReadModelVersion (ADR 027), so these are memoised with the scope's view.
 */
async function accountEventsOf(ids: readonly string[], window: TrendWindow): Promise<ScoreEvent[]> {
  if (ids.length === 0) return [];
  const from = new Date(`${window.from}T00:00:00Z`);
  // One array parameter rather than Prisma's `in` (a bound parameter per customer: 5,000 for a manager).
  const accounts = await db().$queryRaw<
    { alias: string; createdAt: Date; archivedAt: Date | null; customerName: string }[]
  >`
    SELECT a."alias", a."createdAt", a."archivedAt", c."name" AS "customerName"
    FROM "AwsAccount" a
    JOIN "Customer" c ON c."id" = a."customerId"
    WHERE a."customerId" = ANY(${[...ids]}::text[])
      AND (a."createdAt" >= ${window.from}::date OR a."archivedAt" >= ${window.from}::date)
    ORDER BY a."createdAt", a."id"`;
  const events: ScoreEvent[] = [];
  for (const account of accounts) {
    if (account.createdAt >= from)
      events.push({
        day: dayOf(account.createdAt),
        customer: account.customerName,
        text: () => `account ${account.alias} connected`,
        weight: 50,
      });
    if (account.archivedAt && account.archivedAt >= from)
      events.push({
        day: dayOf(account.archivedAt),
        customer: account.customerName,
        text: () => `account ${account.alias} retired (its history kept, out of the score)`,
        weight: 50,
      });
  }
  return events.filter((event) => event.day >= window.from && event.day <= window.to);
}

/** Customers in the actor's scope retired in the window (they left the portfolio). Read live: a small table. */
async function retiredCustomerEvents(actor: Actor, window: TrendWindow): Promise<ScoreEvent[]> {
  const from = new Date(`${window.from}T00:00:00Z`);
  const retired = await db().customer.findMany({
    where: withCustomerIdScope(actor, { archivedAt: { gte: from } }),
    select: { name: true, archivedAt: true },
  });
  const events: ScoreEvent[] = [];
  for (const customer of retired) {
    if (customer.archivedAt)
      events.push({
        day: dayOf(customer.archivedAt),
        customer: customer.name,
        text: () => "left the portfolio",
        weight: 100,
      });
  }
  return events.filter((event) => event.day >= window.from && event.day <= window.to);
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The days the portfolio line moved (by a tenth of a point or more, or from or to no score), or a customer
 * joined or left, with their reasons; the MAX_EXPLAINED_STEPS largest, in day order.
 */
function explainSteps(points: readonly ScorePoint[], moves: DayEvents, events: readonly ScoreEvent[]): ScoreStep[] {
  const byDay = new Map<string, ScoreEvent[]>();
  for (const event of events) {
    const day = byDay.get(event.day);
    if (day) day.push(event);
    else byDay.set(event.day, [event]);
  }
  const steps: (Omit<ScoreStep, "reasons" | "more"> & { size: number })[] = [];
  points.forEach((point, index) => {
    const before = index > 0 ? points[index - 1]!.score : null;
    const moved =
      index > 0 &&
      (before === null || point.score === null ? before !== point.score : Math.abs(point.score - before) >= 0.05);
    const others = byDay.get(point.day) ?? [];
    const count = moves.count(point.day) + others.length;
    const structural = moves.structural(point.day) || others.some((event) => event.weight >= 50);
    if (!moved && !structural) return;
    if (count === 0 && index === 0) return;
    const size = before === null || point.score === null ? 100 : Math.abs(point.score - before) + (structural ? 50 : 0);
    steps.push({ day: point.day, from: index > 0 ? before : null, to: point.score, size });
  });
  return steps
    .sort((a, b) => b.size - a.size || a.day.localeCompare(b.day))
    .slice(0, MAX_EXPLAINED_STEPS)
    .sort((a, b) => a.day.localeCompare(b.day))
    .map(({ size: _size, ...step }) => {
      const moved = moves.list(step.day);
      const others = byDay.get(step.day) ?? [];
      return {
        ...step,
        reasons: heaviest(moved, others, MAX_REASONS_PER_STEP).map((event) => ({
          customer: event.customer,
          text: event.text(),
        })),
        more: Math.max(0, moved.length + others.length - MAX_REASONS_PER_STEP),
      };
    });
}

/**
 * The `count` heaviest of a day's score moves (already heaviest first) and its other events: score moves first,
 * then accounts and customers, among equal weights (what a stable sort of the two lists joined gives), without
 * copying or sorting a manager's thousands of moves for each step.
 */
function heaviest(moved: readonly ScoreEvent[], others: readonly ScoreEvent[], count: number): ScoreEvent[] {
  const rest = [...others].sort((a, b) => b.weight - a.weight);
  const picked: ScoreEvent[] = [];
  let m = 0;
  let r = 0;
  while (picked.length < count && (m < moved.length || r < rest.length)) {
    if (r >= rest.length || (m < moved.length && moved[m]!.weight >= rest[r]!.weight)) picked.push(moved[m++]!);
    else picked.push(rest[r++]!);
  }
  return picked;
}

/**
 * Alerts resolved per ISO week of the window, over the customers' trends: how many, how many by their due
 * time (the SLA, lib/alerts/sla.ts: met when resolvedAt ≤ dueAt), and the median hours from first sighting to
 * resolution (the median of all of them, as percentile_cont(0.5) over the rows would give).
 */
function slaPerWeek(trends: readonly CustomerTrend[], window: TrendWindow): SlaWeek[] {
  const weeks = weeksOf(window);
  const current = weeks.at(-1);
  return weeks.map((week, index) => {
    let resolved = 0;
    let withinSla = 0;
    for (const trend of trends) {
      resolved += trend.alertsResolved[index]!;
      withinSla += trend.alertsWithinSla[index]!;
    }
    const median = resolved > 0 ? medianOf(trends.map((trend) => trend.secondsToResolve[index]!)) : null;
    return {
      week,
      resolved,
      withinSla,
      share: resolved > 0 ? withinSla / resolved : null,
      medianHours: median === null ? null : median / 3600,
      partial: week === current,
    };
  });
}
