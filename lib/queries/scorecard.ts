import "server-only";
import { type Actor, withCustomerScope } from "../authz/policy";
import { CONTROL_AREAS, CONTROL_CATALOGUE, type ControlDefinition, getControl } from "../controls/catalogue";
import { type ControlCounts, countControls } from "../controls/control-counts";
import { type FixFirstItem, rankFixFirst } from "../controls/fix-first";
import { gradeFor, type ScoreSummary } from "../controls/scoring";
import type { ControlSeverity, Offender, ResultStatus } from "../controls/types";
import { addDays, isoDay } from "../dates";
import { db } from "../db/client";
import { notFound } from "../errors";
import { accountsAwaitingFirstCollection } from "../evaluation/first-collection";
import { type RegionsEvidence, unconfiguredRegionsWithResources } from "../evidence/regions";
import { FINDING_AGE_BUCKETS, type FindingAgeBucket } from "../findings/age-buckets";
import { getCustomer } from "./customers";
import { CustomerReadModelCache } from "./read-model-cache";

// The customer scorecard: pre-aggregated scores from ScoreSnapshot and the current ControlResult rows
// (one per control and account: ~60 × accounts), never a scan of history or findings.

/** A stored snapshot as pages show it: the score summary (grade derived from the score) and when it was taken. */
export type ScoreView = ScoreSummary & { takenAt: Date };

export interface AccountResultView {
  awsAccountId: string;
  accountAlias: string;
  accountNumber: string;
  status: ResultStatus;
  reason: string;
  offenders: Offender[];
  suppressed: boolean;
  needsAttestation: boolean;
  evaluatedAt: Date;
}

export interface ControlRowView {
  id: string;
  title: string;
  severity: ControlSeverity;
  source: ControlDefinition["source"];
  /** Worst across the customer's accounts (FAIL > UNKNOWN > PASS > NOT_APPLICABLE), suppressed ones aside. */
  status: ResultStatus | "SUPPRESSED";
  needsAttestation: boolean;
  accounts: AccountResultView[];
}

const STATUS_ORDER: Record<ResultStatus, number> = { FAIL: 3, UNKNOWN: 2, PASS: 1, NOT_APPLICABLE: 0 };

type SnapshotRow = {
  score: number | null;
  scoreWithoutSuppressions: number | null;
  passed: number;
  failed: number;
  unknown: number;
  notApplicable: number;
  suppressed: number;
  needsAttestation: number;
  failingCritical: number;
  failingHigh: number;
  takenAt: Date;
};

function toScoreView(row: SnapshotRow | null): ScoreView | null {
  if (!row) return null;
  return { ...row, grade: gradeFor(row.score) };
}

const SNAPSHOT_SELECT = {
  score: true,
  scoreWithoutSuppressions: true,
  passed: true,
  failed: true,
  unknown: true,
  notApplicable: true,
  suppressed: true,
  needsAttestation: true,
  failingCritical: true,
  failingHigh: true,
  takenAt: true,
} as const;

function overallStatus(accounts: AccountResultView[]): ControlRowView["status"] {
  const active = accounts.filter((account) => !account.suppressed);
  if (active.length === 0) return accounts.length > 0 ? "SUPPRESSED" : "UNKNOWN";
  return active.reduce<ResultStatus>(
    (worst, account) => (STATUS_ORDER[account.status] > STATUS_ORDER[worst] ? account.status : worst),
    "NOT_APPLICABLE",
  );
}

async function currentResults(actor: Actor, customerId: string, controlId?: string) {
  const rows = await db().controlResult.findMany({
    where: withCustomerScope(actor, {
      customerId,
      isCurrent: true,
      // A retired account's results are its history (its evidence page), not part of the scorecard.
      awsAccount: { archivedAt: null },
      ...(controlId ? { controlId } : {}),
    }),
    select: {
      controlId: true,
      awsAccountId: true,
      status: true,
      severity: true,
      reason: true,
      offenders: true,
      suppressionId: true,
      needsAttestation: true,
      evaluatedAt: true,
      awsAccount: { select: { alias: true, accountNumber: true } },
    },
    orderBy: [{ awsAccount: { alias: "asc" } }],
  });
  return rows;
}

function groupControls(rows: Awaited<ReturnType<typeof currentResults>>): ControlRowView[] {
  const byControl = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byControl.get(row.controlId);
    if (list) list.push(row);
    else byControl.set(row.controlId, [row]);
  }
  return CONTROL_CATALOGUE.filter((control) => byControl.has(control.id)).map((control) => {
    const controlRows = byControl.get(control.id) ?? [];
    const accounts: AccountResultView[] = controlRows.map((row) => ({
      awsAccountId: row.awsAccountId,
      accountAlias: row.awsAccount.alias,
      accountNumber: row.awsAccount.accountNumber,
      status: row.status,
      reason: row.reason,
      offenders: (row.offenders as unknown as Offender[]) ?? [],
      // A suppression only changes a result that counts (see lib/controls/scoring.ts).
      suppressed: row.suppressionId !== null && (row.status === "PASS" || row.status === "FAIL"),
      needsAttestation: row.needsAttestation,
      evaluatedAt: row.evaluatedAt,
    }));
    return {
      id: control.id,
      title: control.title,
      // The customer's effective severity (an admin may re-weight it); the catalogue's otherwise.
      severity: (controlRows[0]?.severity as ControlSeverity | undefined) ?? control.severity,
      source: control.source,
      status: overallStatus(accounts),
      needsAttestation: accounts.some((account) => account.needsAttestation && !account.suppressed),
      accounts,
    };
  });
}

export interface CustomerScorecard {
  customer: { id: string; name: string };
  score: ScoreView | null;
  accountScores: Record<string, ScoreView | null>;
  /** Accounts never collected from (controls.md: "awaiting first collection", no score, out of the means). */
  awaitingFirstCollection: string[];
  areas: { key: string; name: string; controls: ControlRowView[] }[];
  /** Evaluated controls failing, most severe first (suppressed ones excluded). */
  failing: ControlRowView[];
  /** Controls counted once each by overall status: the one definition behind every count on the page. */
  controlCounts: ControlCounts;
  /** Failing controls by score points won back when fixed (lib/controls/fix-first.ts). */
  fixFirst: FixFirstItem[];
  /** The customer's DAILY scores over the last 30 days, oldest first. */
  trend: { day: string; score: number | null }[];
  /**
   * Enabled regions not configured for an account that hold resources (controls.md, Collection notes): a
   * coverage warning, never silence. From each account's current regions evidence.
   */
  coverageWarnings: CoverageWarning[];
  evaluatedAt: Date | null;
}

export interface CoverageWarning {
  accountId: string;
  alias: string;
  region: string;
  instanceCount: number;
  vpcCount: number;
}

async function listCoverageWarnings(actor: Actor, customerId: string): Promise<CoverageWarning[]> {
  const rows = await db().evidence.findMany({
    where: withCustomerScope(actor, {
      customerId,
      collector: "regions",
      isCurrent: true,
      status: "COLLECTED",
      awsAccount: { archivedAt: null },
    }),
    select: { awsAccountId: true, data: true, awsAccount: { select: { alias: true } } },
  });
  return rows
    .flatMap((row) =>
      unconfiguredRegionsWithResources(row.data as unknown as RegionsEvidence).map((sweep) => ({
        accountId: row.awsAccountId,
        alias: row.awsAccount.alias,
        region: sweep.region,
        instanceCount: sweep.instanceIds.length,
        vpcCount: sweep.vpcIds.length,
      })),
    )
    .sort((a, b) => a.alias.localeCompare(b.alias) || a.region.localeCompare(b.region));
}

/** What the scorecard reads from the tables ReadModelVersion tracks: cached per customer (ADR 027). */
interface ScorecardCore {
  customerSnapshot: SnapshotRow | null;
  accounts: { id: string; snapshot: SnapshotRow | null }[];
  controls: ControlRowView[];
  trend: { day: string; score: number | null }[];
  evaluatedAt: Date | null;
}

/** Up to this many customers' scorecards per process (a 5-account one is ~100 KiB in memory). */
const scorecardCache = new CustomerReadModelCache<ScorecardCore>(300);

async function loadScorecardCore(actor: Actor, customerId: string, now: Date): Promise<ScorecardCore> {
  const since = addDays(now, -30);
  const [customerSnapshot, accounts, rows, trend] = await Promise.all([
    db().scoreSnapshot.findFirst({
      where: withCustomerScope(actor, { customerId, scope: "CUSTOMER", kind: "SYNC" }),
      orderBy: { takenAt: "desc" },
      select: SNAPSHOT_SELECT,
    }),
    db().awsAccount.findMany({
      where: withCustomerScope(actor, { customerId, archivedAt: null }),
      select: {
        id: true,
        scoreSnapshots: {
          where: { scope: "ACCOUNT", kind: "SYNC" },
          orderBy: { takenAt: "desc" },
          take: 1,
          select: SNAPSHOT_SELECT,
        },
      },
    }),
    currentResults(actor, customerId),
    db().scoreSnapshot.findMany({
      where: withCustomerScope(actor, { customerId, scope: "CUSTOMER", kind: "DAILY", day: { gte: since } }),
      orderBy: { day: "asc" },
      select: { day: true, score: true },
    }),
  ]);
  return {
    customerSnapshot,
    accounts: accounts.map((account) => ({ id: account.id, snapshot: account.scoreSnapshots[0] ?? null })),
    controls: groupControls(rows),
    trend: trend.map((row) => ({ day: row.day.toISOString().slice(0, 10), score: row.score })),
    evaluatedAt: rows.reduce<Date | null>(
      (latest, row) => (latest === null || row.evaluatedAt > latest ? row.evaluatedAt : latest),
      null,
    ),
  };
}

export async function getCustomerScorecard(
  actor: Actor,
  customerId: string,
  options: { now?: Date } = {},
): Promise<CustomerScorecard> {
  // SECURITY: the actor's scope decides the customer on every request, before the cache is read.
  const customer = await getCustomer(actor, customerId);
  const now = options.now ?? new Date();
  // Results, snapshots and accounts come from the per-customer cache while the customer's ReadModelVersion
  // is unchanged; the trend's window moves with the UTC day. Evidence-based parts are read every time.
  const core = await scorecardCache.get(customer.id, isoDay(now), () => loadScorecardCore(actor, customer.id, now));
  const { controls } = core;
  const severityRank: Record<ControlSeverity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
  const [awaiting, coverageWarnings] = await Promise.all([
    accountsAwaitingFirstCollection(
      db(),
      core.accounts.map((account) => account.id),
    ),
    listCoverageWarnings(actor, customer.id),
  ]);
  return {
    customer: { id: customer.id, name: customer.name },
    score: toScoreView(core.customerSnapshot),
    accountScores: Object.fromEntries(
      core.accounts.map((account) => {
        const view = toScoreView(account.snapshot);
        // An older snapshot may carry a score taken before this rule: an awaiting account has none.
        return [account.id, view && awaiting.has(account.id) ? { ...view, score: null, grade: null } : view];
      }),
    ),
    awaitingFirstCollection: [...awaiting],
    controlCounts: countControls(controls),
    fixFirst: rankFixFirst(controls, awaiting),
    trend: core.trend,
    coverageWarnings,
    areas: CONTROL_AREAS.map((area) => ({
      key: area.key,
      name: area.name,
      controls: controls.filter((control) => getControl(control.id).area.key === area.key),
    })).filter((area) => area.controls.length > 0),
    failing: controls
      .filter((control) => control.status === "FAIL")
      .sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.id.localeCompare(b.id)),
    evaluatedAt: core.evaluatedAt,
  };
}

export interface ControlDetail {
  customer: { id: string; name: string };
  control: ControlDefinition;
  row: ControlRowView | null;
}

/** One control for one customer: its definition, and the result in each of the customer's accounts. */
export async function getCustomerControl(actor: Actor, customerId: string, controlId: string): Promise<ControlDetail> {
  const customer = await getCustomer(actor, customerId);
  const control = CONTROL_CATALOGUE.find((candidate) => candidate.id === controlId);
  if (!control) throw notFound("Control not found");
  const rows = await currentResults(actor, customer.id, control.id);
  return { customer: { id: customer.id, name: customer.name }, control, row: groupControls(rows)[0] ?? null };
}

export interface FindingSummary {
  /** Open Inspector findings: severity → age bucket → count (age from Inspector's firstObservedAt). */
  inspector: { severity: string; buckets: Record<FindingAgeBucket, number>; total: number }[];
  /** Non-compliant AWS Config rules: rule → account, region and how many resources. */
  configRules: { rule: string; accountAlias: string; region: string; resources: number }[];
}

/** Aggregates in SQL over the customer's open findings (never loads them): the scorecard's findings panels. */
export async function getCustomerFindingSummary(actor: Actor, customerId: string): Promise<FindingSummary> {
  const customer = await getCustomer(actor, customerId);
  // Scope: getCustomer above resolved the id against the actor's scope; both queries are pinned to it.
  const [inspector, config] = await Promise.all([
    db().$queryRaw<{ severity: string; bucket: number; count: bigint }[]>`
      SELECT f."severity"::text AS severity,
             CASE WHEN age < 16 THEN 0 WHEN age < 31 THEN 1 WHEN age < 91 THEN 2 ELSE 3 END AS bucket,
             count(*) AS count
      FROM (
        SELECT "severity", EXTRACT(DAY FROM (now() - COALESCE("observedAt", "firstSeenAt"))) AS age
        FROM "Finding"
        WHERE "customerId" = ${customer.id} AND "source" = 'INSPECTOR' AND "status" = 'OPEN'
      ) f
      GROUP BY 1, 2`,
    db().$queryRaw<{ rule: string; alias: string; region: string; count: bigint }[]>`
      SELECT f."details"->>'configRuleName' AS rule, a."alias" AS alias, f."region" AS region, count(*) AS count
      FROM "Finding" f JOIN "AwsAccount" a ON a."id" = f."awsAccountId"
      WHERE f."customerId" = ${customer.id} AND f."source" = 'CONFIG' AND f."status" = 'OPEN'
      GROUP BY 1, 2, 3
      ORDER BY 4 DESC, 1
      LIMIT 100`,
  ]);
  const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"];
  return {
    inspector: severities
      .map((severity) => {
        const buckets = Object.fromEntries(FINDING_AGE_BUCKETS.map((bucket) => [bucket, 0])) as Record<
          FindingAgeBucket,
          number
        >;
        for (const row of inspector.filter((candidate) => candidate.severity === severity)) {
          buckets[FINDING_AGE_BUCKETS[Number(row.bucket)]!] += Number(row.count);
        }
        return { severity, buckets, total: Object.values(buckets).reduce((sum, count) => sum + count, 0) };
      })
      .filter((row) => row.total > 0),
    configRules: config.map((row) => ({
      rule: row.rule ?? "(unnamed rule)",
      accountAlias: row.alias,
      region: row.region,
      resources: Number(row.count),
    })),
  };
}
