import { DEMO_TIMELINE, type DemoTimeline, estateOnDay } from "../../simulator/estates/demo/timeline";
import type { SimulatorHandle } from "../../simulator/server";
import { COLLECTORS } from "../aws/collectors";
import { defaultSyncDependencies } from "../collectors/default-dependencies";
import type { SyncDependencies } from "../collectors/sync-account";
import { portfolioScore, type ScorableResult, type ScoreSummary, scoreResults } from "../controls/scoring";
import { DAY_MS, utcDay } from "../dates";
import type { PrismaClient } from "../db/client";
import { collectedEvidenceLookup, type InMemoryCollection } from "../evaluation/collected-evidence";
import { readControlSettings } from "../evaluation/control-settings";
import { evaluateControls, snapshotCounts, syncControlCatalogue } from "../evaluation/evaluate-account";
import {
  type CustomerRecordHistory,
  loadCustomerRecordHistory,
  recordsAsOf,
  suppressionsAsOf,
} from "../evaluation/records-as-of";
import { collectAccountInMemory } from "./collect-account";
import { type CollectedFindingSet, findingSetOf, writeFindingHistory } from "./replay-findings";
import { collectionDayFor, collectionDaysOf } from "./replay-schedule";

// The demo's score history (../shared/spec/demo-portfolio.md, "History"): the demo estates replayed
// through the real collectors and the real control rules for each of the last `days` days, on a
// simulator of the replay's own whose clock is set to each past day and whose estates follow
// simulator/estates/demo/timeline.ts.
//
// It writes history only: ControlResult rows with isCurrent = false and evaluatedAt on the replayed day,
// and DAILY ScoreSnapshot rows (ACCOUNT, CUSTOMER pooled, PORTFOLIO mean) for that day. Evidence, sync
// runs and current results are never touched: they come from today's real sync. Findings get their past
// (replay-findings.ts): the first replayed sighting as firstSeenAt, and the findings fixed within the
// window stored RESOLVED on their fix day, so the findings chart of Trends tells the same story.
// A customer-day that already has its DAILY CUSTOMER snapshot is skipped, so a restart resumes.
//
// Granularity. Collecting 7 accounts through the SDK takes 3–5 s per day on the 2-core machine, and
// Quasar's throttled EC2 region 15–30 s more, so a full daily replay of 90 days needs 5–8 minutes. The
// replay therefore collects each account weekly and on every day its estate changes (the timeline's
// change days, its onboarding day), and evaluates every day on the latest collection, with
// evaluatedAt = that day and the evidence's asOf left on the collection day, exactly as weekly syncs
// would: evidence ages are measured from asOf, record ages (attestations, alert reviews) from the day.
// `collectEveryDays: 1` replays every day in full.

const PORTFOLIO_LOCK_KEY = "rampart:portfolio-snapshot";

export interface ReplayHistoryOptions {
  client: PrismaClient;
  /** The replay's own simulator, loaded with the demo estates; its clock and estates are changed. */
  simulator: Pick<SimulatorHandle, "setClock" | "putEstate" | "estate">;
  /** Days before today to replay (today is the live sync's). */
  days: number;
  /** Collect every N days, and on every change day; evaluate every day in between (default 7). */
  collectEveryDays?: number;
  /** Today, the anchor of the replayed days (default: now). */
  now?: Date;
  timeline?: DemoTimeline;
  dependencies?: Pick<SyncDependencies, "collectors" | "openSession" | "limits">;
  /** Only these AWS account ids (default: every account whose estate the simulator serves). */
  accountNumbers?: readonly string[];
  log?: (line: string) => void;
}

export interface ReplayHistoryResult {
  /** Customer-days evaluated and written. */
  customerDays: number;
  /** Customer-days skipped because their snapshot already existed. */
  skippedCustomerDays: number;
  /** Account collections through the SDK. */
  collections: number;
  /** Live findings whose first sighting moved back to a replayed day. */
  findingsBackdated: number;
  /** Findings fixed within the window, stored RESOLVED on their fix day. */
  findingsResolved: number;
  durationMs: number;
}

interface ReplayAccount {
  id: string;
  accountNumber: string;
  alias: string;
  roleArn: string;
  regions: string[];
  customerId: string;
  externalId: string;
  /** The estate file's document (today's state), the base of every replayed day. */
  baseEstate: unknown;
  /** Collection days (days ago), oldest first; empty = not connected within the window. */
  schedule: number[];
}

interface ReplayCustomer {
  id: string;
  settings: ReturnType<typeof readControlSettings>;
  records: CustomerRecordHistory;
  accounts: ReplayAccount[];
}

export async function replayDemoHistory(options: ReplayHistoryOptions): Promise<ReplayHistoryResult> {
  const started = Date.now();
  const { client, simulator } = options;
  const now = options.now ?? new Date();
  const timeline = options.timeline ?? DEMO_TIMELINE;
  const every = options.collectEveryDays ?? 7;
  const dependencies = options.dependencies ?? { ...defaultSyncDependencies(), collectors: COLLECTORS };
  const log = options.log ?? (() => undefined);
  const instantOf = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);

  // Results reference the Control rows (the seed writes them; this covers a database seeded otherwise).
  await syncControlCatalogue(client);
  const customers = await loadReplayCustomers(client, simulator, options, (accountNumber) =>
    collectionDaysOf({ days: options.days, every, accountNumber, timeline }),
  );
  const result: ReplayHistoryResult = {
    customerDays: 0,
    skippedCustomerDays: 0,
    collections: 0,
    findingsBackdated: 0,
    findingsResolved: 0,
    durationMs: 0,
  };
  const collections = new Map<string, { daysAgo: number; collection: InMemoryCollection }>();
  const findingSets = new Map<string, CollectedFindingSet[]>();

  for (let daysAgo = options.days; daysAgo >= 1; daysAgo -= 1) {
    const at = instantOf(daysAgo);
    const day = utcDay(at);
    const active = (account: ReplayAccount) => account.schedule.length > 0 && account.schedule[0]! >= daysAgo;
    const done = new Set(
      (
        await client.scoreSnapshot.findMany({
          where: {
            scope: "CUSTOMER",
            kind: "DAILY",
            day,
            customerId: { in: customers.map((customer) => customer.id) },
          },
          select: { customerId: true },
        })
      ).map((row) => row.customerId),
    );
    const due = customers.filter((customer) => customer.accounts.some(active) && !done.has(customer.id));
    result.skippedCustomerDays += customers.filter((customer) => customer.accounts.some(active)).length - due.length;

    // Collect what the day's evaluation needs and memory does not hold, one simulator clock at a time.
    const missing = new Map<number, ReplayAccount[]>();
    for (const account of due.flatMap((customer) => customer.accounts.filter(active))) {
      const collectionDay = collectionDayFor(account.schedule, daysAgo);
      if (collections.get(account.id)?.daysAgo === collectionDay) continue;
      missing.set(collectionDay, [...(missing.get(collectionDay) ?? []), account]);
    }
    for (const [collectionDay, accounts] of [...missing].sort(([a], [b]) => b - a)) {
      const collectedAt = instantOf(collectionDay);
      simulator.setClock(collectedAt, { frozen: true });
      for (const account of accounts) {
        simulator.putEstate(estateOnDay(account.baseEstate, account.accountNumber, collectionDay, timeline));
      }
      const collected = await Promise.all(
        accounts.map((account) =>
          collectAccountInMemory(
            {
              accountNumber: account.accountNumber,
              roleArn: account.roleArn,
              externalId: account.externalId,
              regions: account.regions,
            },
            dependencies,
            collectedAt,
          ),
        ),
      );
      for (const [position, account] of accounts.entries()) {
        collections.set(account.id, { daysAgo: collectionDay, collection: collected[position]! });
        findingSets.set(account.id, [
          ...(findingSets.get(account.id) ?? []),
          findingSetOf(collected[position]!, dependencies.collectors),
        ]);
      }
      result.collections += accounts.length;
    }

    let wrote = false;
    for (const customer of due) {
      const written = await writeCustomerDay(client, customer, customer.accounts.filter(active), at, (account) => {
        const held = collections.get(account.id);
        if (!held) throw new Error(`no collection held for ${account.alias}`);
        return held.collection;
      });
      if (written) result.customerDays += 1;
      wrote ||= written;
    }
    await writePortfolioDay(client, day, at, wrote);
    if (result.customerDays > 0 && (daysAgo % 15 === 0 || daysAgo === 1)) {
      log(`replayed up to ${daysAgo} days ago (${secondsSince(started)} s)`);
    }
  }
  // The findings as the replayed syncs met them, written once their whole sequence is known.
  for (const account of customers.flatMap((customer) => customer.accounts)) {
    const sets = findingSets.get(account.id);
    if (!sets) continue;
    const written = await writeFindingHistory(client, account, sets, now);
    result.findingsBackdated += written.backdated;
    result.findingsResolved += written.resolved;
  }
  result.durationMs = Date.now() - started;
  return result;
}

async function loadReplayCustomers(
  client: PrismaClient,
  simulator: ReplayHistoryOptions["simulator"],
  options: Pick<ReplayHistoryOptions, "accountNumbers">,
  scheduleOf: (accountNumber: string) => number[],
): Promise<ReplayCustomer[]> {
  const rows = await client.awsAccount.findMany({
    where: {
      customer: { archivedAt: null },
      ...(options.accountNumbers ? { accountNumber: { in: [...options.accountNumbers] } } : {}),
    },
    select: {
      id: true,
      accountNumber: true,
      alias: true,
      roleArn: true,
      regions: true,
      customerId: true,
      customer: { select: { externalId: true, settings: true } },
    },
    orderBy: [{ customerId: "asc" }, { accountNumber: "asc" }],
  });
  const customers = new Map<string, ReplayCustomer>();
  for (const row of rows) {
    // Only accounts the replay's simulator serves (the demo's): never a customer's real account.
    const estate = simulator.estate(row.accountNumber);
    if (!estate) continue;
    let customer = customers.get(row.customerId);
    if (!customer) {
      customer = {
        id: row.customerId,
        settings: readControlSettings(row.customer.settings, row.customerId),
        records: await loadCustomerRecordHistory(client, row.customerId),
        accounts: [],
      };
      customers.set(row.customerId, customer);
    }
    customer.accounts.push({
      id: row.id,
      accountNumber: row.accountNumber,
      alias: row.alias,
      roleArn: row.roleArn,
      regions: row.regions,
      customerId: row.customerId,
      externalId: row.customer.externalId,
      baseEstate: structuredClone(estate.raw),
      schedule: scheduleOf(row.accountNumber),
    });
  }
  return [...customers.values()];
}

function toScorable(row: ReturnType<typeof evaluateControls>[number], awsAccountId: string): ScorableResult {
  return {
    controlId: row.controlId,
    severity: row.severity,
    status: row.status,
    suppressed: row.suppressionId !== null,
    needsAttestation: row.needsAttestation,
    awsAccountId,
  };
}

/** Evaluates one customer's accounts for one day and writes the results and DAILY snapshots together. */
async function writeCustomerDay(
  client: PrismaClient,
  customer: ReplayCustomer,
  accounts: ReplayAccount[],
  at: Date,
  collectionOf: (account: ReplayAccount) => InMemoryCollection,
): Promise<boolean> {
  const day = utcDay(at);
  const evaluated = accounts.map((account) => {
    const results = evaluateControls(
      {
        account: { accountNumber: account.accountNumber, alias: account.alias, regions: account.regions },
        evaluatedAt: at,
        params: customer.settings.params,
        evidence: collectedEvidenceLookup(collectionOf(account)),
        records: recordsAsOf(customer.records, account.id, at),
      },
      customer.settings,
      suppressionsAsOf(customer.records, account.id, at),
    );
    return { account, results, summary: scoreResults(results.map((row) => toScorable(row, account.id))) };
  });
  const customerSummary = scoreResults(
    evaluated.flatMap(({ account, results }) => results.map((row) => toScorable(row, account.id))),
  );
  const snapshot = (scope: "ACCOUNT" | "CUSTOMER", awsAccountId: string | null, summary: ScoreSummary) => ({
    scope,
    kind: "DAILY" as const,
    customerId: customer.id,
    awsAccountId,
    day,
    takenAt: at,
    syncRunId: null,
    ...snapshotCounts(summary),
  });
  return client.$transaction(
    async (tx) => {
      // The live evaluation's lock for this customer's snapshots; then re-check, so two replays never double a day.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`rampart:customer-snapshot:${customer.id}`}))`;
      const existing = await tx.scoreSnapshot.count({
        where: { scope: "CUSTOMER", kind: "DAILY", customerId: customer.id, day },
      });
      if (existing > 0) return false;
      await tx.controlResult.createMany({
        data: evaluated.flatMap(({ account, results }) =>
          results.map((row) => ({
            ...row,
            customerId: customer.id,
            awsAccountId: account.id,
            syncRunId: null,
            evaluatedAt: at,
            isCurrent: false,
          })),
        ),
      });
      await tx.scoreSnapshot.createMany({
        data: [
          ...evaluated.map(({ account, summary }) => snapshot("ACCOUNT", account.id, summary)),
          snapshot("CUSTOMER", null, customerSummary),
        ],
      });
      return true;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/**
 * The portfolio's DAILY snapshot of a replayed day: the plain mean of that day's customer scores (spec,
 * Scoring), rewritten when a customer-day was added and written when missing.
 */
async function writePortfolioDay(client: PrismaClient, day: Date, at: Date, changed: boolean): Promise<void> {
  await client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${PORTFOLIO_LOCK_KEY}))`;
      const existing = await tx.scoreSnapshot.count({ where: { scope: "PORTFOLIO", kind: "DAILY", day } });
      if (existing > 0 && !changed) return;
      const rows = await tx.scoreSnapshot.findMany({
        where: { scope: "CUSTOMER", kind: "DAILY", day, customer: { archivedAt: null } },
        orderBy: { takenAt: "desc" },
        distinct: ["customerId"],
        select: { score: true, failingCritical: true, failingHigh: true, unknown: true, needsAttestation: true },
      });
      if (rows.length === 0) return;
      const sum = (key: "failingCritical" | "failingHigh" | "unknown" | "needsAttestation") =>
        rows.reduce((total, row) => total + row[key], 0);
      await tx.scoreSnapshot.deleteMany({ where: { scope: "PORTFOLIO", kind: "DAILY", day } });
      await tx.scoreSnapshot.create({
        data: {
          scope: "PORTFOLIO",
          kind: "DAILY",
          customerId: null,
          awsAccountId: null,
          day,
          takenAt: at,
          syncRunId: null,
          score: portfolioScore(rows.map((row) => row.score)),
          scoreWithoutSuppressions: null,
          passed: 0,
          failed: 0,
          notApplicable: 0,
          suppressed: 0,
          unknown: sum("unknown"),
          needsAttestation: sum("needsAttestation"),
          failingCritical: sum("failingCritical"),
          failingHigh: sum("failingHigh"),
        },
      });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

function secondsSince(started: number): string {
  return ((Date.now() - started) / 1000).toFixed(1);
}

export interface CustomerHistorySummary {
  name: string;
  /** DAILY scores on the customer's first day in the window, the window's middle and its last day (null = no score). */
  points: { daysAgo: number; score: number | null }[];
}

/** Each customer's score curve over the replayed window in three points (for the start log and the README). */
export async function summarizeHistory(
  client: PrismaClient,
  days: number,
  now: Date = new Date(),
): Promise<CustomerHistorySummary[]> {
  const first = utcDay(new Date(now.getTime() - days * DAY_MS));
  const last = utcDay(new Date(now.getTime() - DAY_MS));
  const rows = await client.scoreSnapshot.findMany({
    where: { scope: "CUSTOMER", kind: "DAILY", day: { gte: first, lte: last }, customer: { archivedAt: null } },
    select: { day: true, score: true, customer: { select: { name: true } } },
    orderBy: { day: "asc" },
  });
  const daysAgoOf = (day: Date) => Math.round((utcDay(now).getTime() - day.getTime()) / DAY_MS);
  const byCustomer = new Map<string, { daysAgo: number; score: number | null }[]>();
  for (const row of rows) {
    const name = row.customer?.name ?? "?";
    byCustomer.set(name, [...(byCustomer.get(name) ?? []), { daysAgo: daysAgoOf(row.day), score: row.score }]);
  }
  const middle = Math.ceil(days / 2);
  return [...byCustomer]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, points]) => {
      const picked = [points[0]!, points.find((point) => point.daysAgo <= middle) ?? points.at(-1)!, points.at(-1)!];
      return { name, points: picked.filter((point, position) => picked.indexOf(point) === position) };
    });
}
