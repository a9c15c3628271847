import "server-only";
import { type Actor, authorize, customerScope, withCustomerIdScope } from "../authz/policy";
import { type Grade, gradeFor, portfolioScore } from "../controls/scoring";
import { addDays, isoDay, utcDay } from "../dates";
import { db } from "../db/client";
import {
  DEFAULT_DIRECTION,
  type PortfolioQuery,
  type PortfolioSearchParams,
  type PortfolioSort,
  portfolioQuerySchema,
  type SortDirection,
} from "../portfolio/view-query";
import { CustomerReadModelCache, ScopeReadModelMemo } from "./read-model-cache";

// The portfolio: every customer in the actor's scope with its score, grade, 30-day change and trend,
// failing critical/high controls, UNKNOWN and needs-attestation counts, open findings and last sync.
//
// Scores come from the pre-aggregated ScoreSnapshot rows, never from ControlResult history; the only raw
// rows counted are open findings, for the page shown and capped per customer and severity. Every raw
// query is restricted to the customer ids a scoped Prisma query returned first. What each query reads,
// and the index that serves it, is written beside it (sized for 500 customers × 365 days of snapshots).

export const PORTFOLIO_PAGE_SIZE = 50;
/** Open findings are counted up to this many per customer and severity; more shows as "999+". */
export const OPEN_FINDINGS_CAP = 999;
/** A score drop at least this large over the window puts a customer on the "needs attention" list. */
export const SCORE_DROP_ATTENTION = 5;
/** No sync started or finished for this long puts a customer on the "needs attention" list. */
export const STALE_SYNC_HOURS = 48;
export const TREND_DAYS = 30;

/** The trend window, as UTC days YYYY-MM-DD, both ends included. */
export interface TrendWindow {
  from: string;
  to: string;
}

type Severity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
const SEVERITIES: readonly Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];

export interface TrendPoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  score: number | null;
}

export interface LastSyncView {
  status: string;
  finishedAt: Date | null;
  queuedAt: Date;
}

export type AttentionReason =
  | { kind: "no-accounts" }
  | { kind: "never-synced" }
  | { kind: "sync-gaps"; accounts: number }
  | { kind: "stale-sync"; hours: number }
  | { kind: "critical-failing"; controls: number }
  | { kind: "score-drop"; points: number };

export interface PortfolioCustomer {
  id: string;
  name: string;
  slug: string;
  accountCount: number;
  /** Latest CUSTOMER SYNC snapshot; null = "no score" (never evaluated, or nothing evaluable). */
  score: number | null;
  grade: Grade | null;
  scoredAt: Date | null;
  /** Latest DAILY score minus the earliest scored DAILY score of the window; null without two scored days. */
  delta: { change: number; since: string } | null;
  failingCritical: number;
  failingHigh: number;
  unknown: number;
  needsAttestation: number;
  lastSync: LastSyncView | null;
  /** Accounts whose latest run did not succeed completely. */
  accountsNeedingAttention: number;
  attention: AttentionReason[];
}

export interface OpenFindingCount {
  count: number;
  /** More than OPEN_FINDINGS_CAP are open: `count` is the cap. */
  capped: boolean;
}

export interface PortfolioRow extends PortfolioCustomer {
  /** The window's DAILY scores, oldest first (days without a snapshot are absent). */
  trend: TrendPoint[];
  openFindings: Record<Severity, OpenFindingCount>;
}

export interface PortfolioSummary {
  /** The plain mean of the customer scores that exist (spec, Scoring); null = "no score". */
  score: number | null;
  grade: Grade | null;
  customers: number;
  scoredCustomers: number;
  unknown: number;
  needsAttestation: number;
  failingCritical: number;
  failingHigh: number;
  needingAttention: number;
}

export interface Portfolio {
  /** Over every customer in scope, whatever the filters. */
  summary: PortfolioSummary;
  rows: PortfolioRow[];
  /** Customers matching the filters, over all pages. */
  matching: number;
  page: number;
  pageCount: number;
  pageSize: number;
  query: PortfolioQuery & { dir: SortDirection };
  trendWindow: TrendWindow;
}

export async function listPortfolio(
  actor: Actor,
  searchParams: PortfolioSearchParams = {},
  options: { now?: Date; pageSize?: number } = {},
): Promise<Portfolio> {
  authorize(actor, "portfolio:read");
  const parsed = portfolioQuerySchema.parse(searchParams);
  const query = { ...parsed, dir: parsed.dir ?? DEFAULT_DIRECTION[parsed.sort] };
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? PORTFOLIO_PAGE_SIZE;
  const today = utcDay(now);
  const trendWindow = { from: isoDay(addDays(today, -TREND_DAYS)), to: isoDay(today) };

  // Scope first: the ids it returns are the only ones any raw query sees. Customer is small (one row per
  // customer); served by its primary key, or a sequential scan for an unrestricted actor.
  const scopedIds = async () =>
    (
      await db().customer.findMany({ where: withCustomerIdScope(actor, { archivedAt: null }), select: { id: true } })
    ).map((customer) => customer.id);
  // Each customer's name and slug, scores (ScoreSnapshot), accounts and latest runs, assembled for the whole
  // scope, summed and sorted, are memoised under the fingerprint of the scope's ids, their names and slugs and
  // their ReadModelVersion and SYNC_RUNS stamps (ADR 031); for an actor who sees every customer, of every active
  // customer, so a hit reads no id at all. On a miss, the scores come from the per-customer cache (ADR 027) and
  // the runs from one grouped query. Open findings and what depends on the clock (a stale sync) are read or
  // computed on every request.
  const windowKey = `${trendWindow.from}..${trendWindow.to}`;
  const build = async (ids: readonly string[]) => {
    const [customers, facts] = await Promise.all([
      db().customer.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, slug: true } }),
      customerFacts(ids, trendWindow, windowKey),
    ]);
    return scopeView(customers, facts);
  };
  const view =
    customerScope(actor).kind === "all"
      ? await scopeMemo.getForEveryCustomer(windowKey, async () => build(await scopedIds()))
      : await scopeMemo.get(await scopedIds(), windowKey, build);

  const attentionNow = (row: ScopeRow) => row.reasons.length > 0 || staleSyncHours(row, now) !== null;
  const summary = { ...view.summary, needingAttention: view.rows.filter(attentionNow).length };
  const sorted = view.sortedBy(query.sort, query.dir);
  const filtered = Boolean(query.q || query.grade || query.attention);
  const matching = filtered ? sorted.filter((row) => matches(row, query, attentionNow)) : sorted;
  const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(query.page, pageCount);
  const pageCustomers = matching
    .slice((page - 1) * pageSize, page * pageSize)
    .map(({ reasons, ...row }): PortfolioCustomer => ({ ...row, attention: attentionReasons(reasons, row, now) }));
  // The trend and the finding counts are only drawn for the page shown, so they are read for it alone.
  const pageIds = pageCustomers.map((customer) => customer.id);
  const [trends, findings] = await Promise.all([
    trendCache.getMany(
      pageIds,
      windowKey,
      (missing) => dailyTrends(missing, trendWindow),
      () => [],
    ),
    openFindingCounts(pageIds),
  ]);

  return {
    summary,
    rows: pageCustomers.map((customer) => ({
      ...customer,
      trend: trends.get(customer.id) ?? [],
      openFindings: findings.get(customer.id) ?? emptyFindings(),
    })),
    matching: matching.length,
    page,
    pageCount,
    pageSize,
    query: { ...query, page },
    trendWindow,
  };
}

/** Per customer and trend window: the score row (null without one) and the sparkline's days. */
const scoreCache = new CustomerReadModelCache<ScoreRow | null>(20_000);
const trendCache = new CustomerReadModelCache<TrendPoint[]>(20_000);
/**
 * Per scope (its exact customer ids) and trend window: every customer's facts. A few scopes per process (the
 * unrestricted one, a few consultants'); least recently used go first. 5,000 customers' facts are about 2 MiB.
 */
const scopeMemo = new ScopeReadModelMemo<ScopeView>(8, ["SYNC_RUNS"]);

/** What the portfolio shows of a customer that depends neither on its name nor on the clock. */
type CustomerFacts = Omit<PortfolioCustomer, "id" | "name" | "slug" | "attention">;

const NO_FACTS: CustomerFacts = factsOf(undefined, undefined);

async function customerFacts(
  ids: readonly string[],
  window: TrendWindow,
  windowKey: string,
): Promise<ReadonlyMap<string, CustomerFacts>> {
  const [scores, runs] = await Promise.all([
    scoreCache.getMany(
      ids,
      windowKey,
      (missing) => customerScores(missing, window),
      () => null,
    ),
    runSummaries(ids),
  ]);
  return new Map(ids.map((id) => [id, factsOf(scores.get(id) ?? undefined, runs.get(id))]));
}

interface ScoreRow {
  customerId: string;
  /** The latest CUSTOMER SYNC snapshot; all null when there is none. */
  score: number | null;
  unknown: number | null;
  needsAttestation: number | null;
  failingCritical: number | null;
  failingHigh: number | null;
  takenAt: Date | null;
  /** The window's earliest DAILY snapshot with a score, and its latest DAILY snapshot. */
  baselineDay: string | null;
  baselineScore: number | null;
  latestDay: string | null;
  latestScore: number | null;
}

/**
 * Per customer, three LATERAL … LIMIT 1 probes, each served by ScoreSnapshot(customerId, scope, day):
 * - the latest CUSTOMER SYNC snapshot, scanning the index backwards: it reads the latest day's rows only
 *   (a few per sync) and sorts them by takenAt (`day` is the UTC day of `takenAt`: evaluate-account.ts
 *   writes both). DISTINCT ON would read every SYNC snapshot of every customer (one per account sync,
 *   millions over a year) to keep one each;
 * - the earliest scored and the latest DAILY snapshot of the window, for the 30-day change.
 * About 20 index entries per customer, whatever the length of the history.
 */
async function customerScores(ids: string[], window: TrendWindow): Promise<Map<string, ScoreRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db().$queryRaw<ScoreRow[]>`
    SELECT c."id" AS "customerId", s."score", s."unknown", s."needsAttestation", s."failingCritical",
           s."failingHigh", s."takenAt",
           to_char(f."day", 'YYYY-MM-DD') AS "baselineDay", f."score" AS "baselineScore",
           to_char(l."day", 'YYYY-MM-DD') AS "latestDay", l."score" AS "latestScore"
    FROM unnest(${ids}::text[]) AS c("id")
    LEFT JOIN LATERAL (
      SELECT "score", "unknown", "needsAttestation", "failingCritical", "failingHigh", "takenAt"
      FROM "ScoreSnapshot"
      WHERE "customerId" = c."id" AND "scope" = 'CUSTOMER' AND "kind" = 'SYNC'
      ORDER BY "day" DESC, "takenAt" DESC
      LIMIT 1
    ) s ON true
    LEFT JOIN LATERAL (
      SELECT "day", "score"
      FROM "ScoreSnapshot"
      WHERE "customerId" = c."id" AND "scope" = 'CUSTOMER' AND "kind" = 'DAILY' AND "score" IS NOT NULL
        AND "day" BETWEEN ${window.from}::date AND ${window.to}::date
      ORDER BY "day" ASC
      LIMIT 1
    ) f ON true
    LEFT JOIN LATERAL (
      SELECT "day", "score"
      FROM "ScoreSnapshot"
      WHERE "customerId" = c."id" AND "scope" = 'CUSTOMER' AND "kind" = 'DAILY'
        AND "day" BETWEEN ${window.from}::date AND ${window.to}::date
      ORDER BY "day" DESC
      LIMIT 1
    ) l ON true`;
  return new Map(rows.map((row) => [row.customerId, row]));
}

/**
 * The window's DAILY CUSTOMER snapshots (one per day, so ≤ 31 each) of one page of customers, for the
 * sparklines. Served by ScoreSnapshot(customerId, scope, day), or by ScoreSnapshot(scope, kind, day) when
 * the planner finds that cheaper; either way bounded by the window.
 */
async function dailyTrends(ids: string[], window: TrendWindow): Promise<Map<string, TrendPoint[]>> {
  const byCustomer = new Map<string, TrendPoint[]>();
  if (ids.length === 0) return byCustomer;
  const rows = await db().$queryRaw<{ customerId: string; day: string; score: number | null }[]>`
    SELECT "customerId", to_char("day", 'YYYY-MM-DD') AS "day", "score"
    FROM "ScoreSnapshot"
    WHERE "customerId" = ANY(${ids}::text[]) AND "scope" = 'CUSTOMER' AND "kind" = 'DAILY'
      AND "day" BETWEEN ${window.from}::date AND ${window.to}::date
    ORDER BY "customerId", "day"`;
  for (const row of rows) {
    const list = byCustomer.get(row.customerId);
    const point = { day: row.day, score: row.score };
    if (list) list.push(point);
    else byCustomer.set(row.customerId, [point]);
  }
  return byCustomer;
}

interface RunSummary {
  customerId: string;
  accounts: number;
  /** Accounts whose latest run is PARTIAL or FAILED. */
  needingAttention: number;
  /** The newest of the accounts' latest runs (null when no account was ever synced). */
  status: string | null;
  finishedAt: Date | null;
  queuedAt: Date | null;
}

/**
 * Per customer: its accounts, how many of them whose latest run did not succeed completely, and the newest of
 * those latest runs; one row per customer. Served by AwsAccount(customerId) and SyncRun(awsAccountId, queuedAt
 * DESC): one index entry per account, however many runs a year of syncs left behind.
 */
async function runSummaries(ids: readonly string[]): Promise<Map<string, RunSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db().$queryRaw<RunSummary[]>`
    WITH "latest" AS (
      SELECT a."customerId", r."status"::text AS "status", r."finishedAt", r."queuedAt"
      FROM "AwsAccount" a
      LEFT JOIN LATERAL (
        SELECT "status", "finishedAt", "queuedAt"
        FROM "SyncRun"
        WHERE "awsAccountId" = a."id"
        ORDER BY "queuedAt" DESC
        LIMIT 1
      ) r ON true
      WHERE a."customerId" = ANY(${[...ids]}::text[])
    )
    SELECT "customerId", count(*)::int AS "accounts",
           (count(*) FILTER (WHERE "status" IN ('PARTIAL', 'FAILED')))::int AS "needingAttention",
           (array_agg("status" ORDER BY "queuedAt" DESC, "status", "finishedAt") FILTER (WHERE "queuedAt" IS NOT NULL))[1]
             AS "status",
           (array_agg("finishedAt" ORDER BY "queuedAt" DESC, "status", "finishedAt")
             FILTER (WHERE "queuedAt" IS NOT NULL))[1] AS "finishedAt",
           max("queuedAt") AS "queuedAt"
    FROM "latest"
    GROUP BY "customerId"`;
  return new Map(rows.map((row) => [row.customerId, row]));
}

/**
 * Open findings per customer and severity for one page of customers, each count stopping at the cap:
 * an estate with 20,000 open Inspector findings costs at most OPEN_FINDINGS_CAP + 1 index entries per
 * severity. Served (index-only) by Finding(customerId, status, severity).
 */
async function openFindingCounts(ids: string[]): Promise<Map<string, Record<Severity, OpenFindingCount>>> {
  const byCustomer = new Map<string, Record<Severity, OpenFindingCount>>();
  if (ids.length === 0) return byCustomer;
  const rows = await db().$queryRaw<{ customerId: string; severity: Severity; count: number }[]>`
    SELECT c."id" AS "customerId", v."severity"::text AS "severity", (
      SELECT count(*)::int FROM (
        SELECT 1 FROM "Finding" f
        WHERE f."customerId" = c."id" AND f."status" = 'OPEN' AND f."severity" = v."severity"
        LIMIT ${OPEN_FINDINGS_CAP + 1}
      ) capped
    ) AS "count"
    FROM unnest(${ids}::text[]) AS c("id")
    CROSS JOIN unnest(ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']::"Severity"[]) AS v("severity")`;
  for (const row of rows) {
    const counts = byCustomer.get(row.customerId) ?? emptyFindings();
    counts[row.severity] = { count: Math.min(row.count, OPEN_FINDINGS_CAP), capped: row.count > OPEN_FINDINGS_CAP };
    byCustomer.set(row.customerId, counts);
  }
  return byCustomer;
}

function emptyFindings(): Record<Severity, OpenFindingCount> {
  return Object.fromEntries(SEVERITIES.map((severity) => [severity, { count: 0, capped: false }])) as Record<
    Severity,
    OpenFindingCount
  >;
}

function factsOf(scores: ScoreRow | undefined, runs: RunSummary | undefined): CustomerFacts {
  const lastSync =
    runs && runs.status !== null && runs.queuedAt !== null
      ? { status: runs.status, finishedAt: runs.finishedAt, queuedAt: runs.queuedAt }
      : null;
  const score = scores?.score ?? null;
  return {
    accountCount: runs?.accounts ?? 0,
    score,
    grade: gradeFor(score),
    scoredAt: scores?.takenAt ?? null,
    delta: deltaOf(scores),
    failingCritical: scores?.failingCritical ?? 0,
    failingHigh: scores?.failingHigh ?? 0,
    unknown: scores?.unknown ?? 0,
    needsAttestation: scores?.needsAttestation ?? 0,
    lastSync,
    accountsNeedingAttention: runs?.needingAttention ?? 0,
  };
}

/** The window's latest DAILY score against its earliest scored one (~30 days apart with full history). */
function deltaOf(scores: ScoreRow | undefined): PortfolioCustomer["delta"] {
  if (!scores) return null;
  const { baselineDay, baselineScore, latestDay, latestScore } = scores;
  if (baselineDay === null || baselineScore === null || latestDay === null || latestScore === null) return null;
  if (baselineDay >= latestDay) return null;
  return { change: latestScore - baselineScore, since: baselineDay };
}

/** A customer as the scope memo holds it: its attention reasons save a stale sync, which depends on the clock. */
type ScopeRow = Omit<PortfolioCustomer, "attention"> & { reasons: readonly AttentionReason[] };

interface ScopeView {
  rows: readonly ScopeRow[];
  /** Everything but `needingAttention`, which a stale sync changes as time passes. */
  summary: Omit<PortfolioSummary, "needingAttention">;
  /** The rows in a column's order; computed once per column and direction, then held with the view. */
  sortedBy(sort: PortfolioSort, dir: SortDirection): readonly ScopeRow[];
}

function scopeView(
  customers: readonly { id: string; name: string; slug: string }[],
  facts: ReadonlyMap<string, CustomerFacts>,
): ScopeView {
  const rows = customers.map((customer): ScopeRow => {
    const row = { id: customer.id, name: customer.name, slug: customer.slug, ...(facts.get(customer.id) ?? NO_FACTS) };
    return { ...row, reasons: lastingReasons(row) };
  });
  const orders = new Map<string, readonly ScopeRow[]>();
  return {
    rows,
    summary: summarise(rows),
    sortedBy(sort, dir) {
      const key = `${sort}:${dir}`;
      let order = orders.get(key);
      if (!order) {
        order = [...rows].sort(comparator(sort, dir));
        orders.set(key, order);
      }
      return order;
    },
  };
}

/** The reasons that hold until the customer's data changes: all but a stale sync. */
function lastingReasons(row: Omit<PortfolioCustomer, "attention">): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (row.accountCount === 0) reasons.push({ kind: "no-accounts" });
  else if (!row.lastSync) reasons.push({ kind: "never-synced" });
  if (row.accountsNeedingAttention > 0) reasons.push({ kind: "sync-gaps", accounts: row.accountsNeedingAttention });
  if (row.failingCritical > 0) reasons.push({ kind: "critical-failing", controls: row.failingCritical });
  if (row.delta && row.delta.change <= -SCORE_DROP_ATTENTION)
    reasons.push({ kind: "score-drop", points: -row.delta.change });
  return reasons;
}

/** Hours since the customer's last sync when at least STALE_SYNC_HOURS, else null. */
function staleSyncHours(row: Pick<PortfolioCustomer, "lastSync">, now: Date): number | null {
  if (!row.lastSync) return null;
  const hours = Math.floor((now.getTime() - syncTime(row.lastSync).getTime()) / 3_600_000);
  return hours >= STALE_SYNC_HOURS ? hours : null;
}

/** Every reason, in the order shown: the lasting ones with a stale sync after the sync problems. */
function attentionReasons(
  lasting: readonly AttentionReason[],
  row: Pick<PortfolioCustomer, "lastSync">,
  now: Date,
): AttentionReason[] {
  const hours = staleSyncHours(row, now);
  if (hours === null) return [...lasting];
  const at = lasting.findIndex((reason) => reason.kind === "critical-failing" || reason.kind === "score-drop");
  const split = at < 0 ? lasting.length : at;
  return [...lasting.slice(0, split), { kind: "stale-sync", hours }, ...lasting.slice(split)];
}

function syncTime(run: LastSyncView): Date {
  return run.finishedAt ?? run.queuedAt;
}

function summarise(customers: readonly Omit<PortfolioCustomer, "attention">[]): ScopeView["summary"] {
  const score = portfolioScore(customers.map((customer) => customer.score));
  const sum = (key: "unknown" | "needsAttestation" | "failingCritical" | "failingHigh") =>
    customers.reduce((total, customer) => total + customer[key], 0);
  return {
    score,
    grade: gradeFor(score),
    customers: customers.length,
    scoredCustomers: customers.filter((customer) => customer.score !== null).length,
    unknown: sum("unknown"),
    needsAttestation: sum("needsAttestation"),
    failingCritical: sum("failingCritical"),
    failingHigh: sum("failingHigh"),
  };
}

function matches(customer: ScopeRow, query: PortfolioQuery, needsAttention: (row: ScopeRow) => boolean): boolean {
  if (query.q) {
    const needle = query.q.toLowerCase();
    if (!customer.name.toLowerCase().includes(needle) && !customer.slug.toLowerCase().includes(needle)) return false;
  }
  if (query.grade) {
    if (query.grade === "none" ? customer.grade !== null : customer.grade !== query.grade) return false;
  }
  if (query.attention && !needsAttention(customer)) return false;
  return true;
}

type Sortable = Omit<PortfolioCustomer, "attention">;

const SORT_VALUE: Record<Exclude<PortfolioSort, "name">, (customer: Sortable) => number | null> = {
  score: (customer) => customer.score,
  delta: (customer) => customer.delta?.change ?? null,
  // Critical first: any failing critical control outranks any number of failing high ones.
  failing: (customer) => (customer.scoredAt ? customer.failingCritical * 10_000 + customer.failingHigh : null),
  unknown: (customer) => (customer.scoredAt ? customer.unknown : null),
  sync: (customer) => (customer.lastSync ? syncTime(customer.lastSync).getTime() : null),
};

// One collator for every comparison: localeCompare with options builds a new one per call (~10 µs each).
const NAME_COLLATOR = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const byName = (a: Sortable, b: Sortable) =>
  NAME_COLLATOR.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sorts by the column, customers without a value ("no score", never synced) last in either direction, then by name. */
function comparator(sort: PortfolioSort, dir: SortDirection) {
  const sign = dir === "asc" ? 1 : -1;
  if (sort === "name") return (a: Sortable, b: Sortable) => sign * byName(a, b);
  const value = SORT_VALUE[sort];
  return (a: Sortable, b: Sortable) => {
    const left = value(a);
    const right = value(b);
    if (left === null || right === null) {
      if (left !== right) return left === null ? 1 : -1;
      return byName(a, b);
    }
    return sign * (left - right) || byName(a, b);
  };
}
