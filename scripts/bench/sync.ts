// `npm run bench:sync`: a full sync of a generated large account (1,000 IAM users, 20,000 Inspector
// findings, 5,000 Config evaluations) through the real SDK clients against the simulator, into a fresh
// PostgreSQL database. Prints the figures, their targets, and ratios against a baseline measured in the
// same run (PostgreSQL COPY of the same finding rows), and the time of each phase (assume the role,
// collect, persist, then the follow-up: evaluate, alerts, and its other steps — reviews, changes,
// members — each timed on its own). Exits non-zero when a target is missed.
import { randomUUID } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import pg from "pg";
import { COLLECTORS } from "../../lib/aws/collectors";
import type { CollectedFinding } from "../../lib/aws/types";
import { defaultSyncDependencies } from "../../lib/collectors/default-dependencies";
import { findingContentHash, persistFindings } from "../../lib/collectors/persist-findings";
import { type SyncPhase, syncAccount } from "../../lib/collectors/sync-account";
import { requestSync } from "../../lib/collectors/sync-run";
import { createPrismaClient } from "../../lib/db/client";
import { closeSqlPool, copyField, withSqlTransaction } from "../../lib/db/sql";
import { FOLLOW_UP_PHASES } from "../../lib/evaluation/after-evidence-change";
import { createAwsAccount, createCustomer } from "../../prisma/factories";
import { generateEstate } from "../../simulator/generate";
import { simulatorAwsEnvironment } from "../../simulator/sdk-environment";
import { startSimulator } from "../../simulator/server";
import { startFreshDatabase } from "../../test/setup/test-database";

const TARGETS = { fullSyncSeconds: 10, copyRatio: 0.5, unchangedRowsWritten: 0 };
const SIZE = { users: 1_000, inspectorFindings: 20_000, configEvaluations: 5_000 };

async function main(): Promise<number> {
  process.env.LOG_LEVEL ??= "error";
  const database = await startFreshDatabase({ dataDir: ".rampart/bench", port: 54359, prefix: "rampart_bench" });
  const url = database.url;
  const client = createPrismaClient(url);

  const estate = {
    accountId: "555500001111",
    regions: ["us-east-1", "eu-west-1"],
    externalId: "bench-external-id-0123456789",
    roleArn: "arn:aws:iam::555500001111:role/RampartAudit",
  };
  const document = generateEstate({
    accountId: estate.accountId,
    regions: estate.regions,
    externalId: estate.externalId,
    users: SIZE.users,
    findings: SIZE.inspectorFindings,
    configEvaluations: SIZE.configEvaluations,
    seed: 42,
  });
  const simulator = await startSimulator({ estateDocuments: [document] });
  // Relative estate dates resolve against the simulator clock: frozen, an unchanged account stays unchanged.
  simulator.setClock(new Date(), { frozen: true });
  Object.assign(process.env, simulatorAwsEnvironment(simulator));

  try {
    const customer = await createCustomer(client, { externalId: estate.externalId });
    const account = await createAwsAccount(client, customer.id, {
      accountNumber: estate.accountId,
      roleArn: estate.roleArn,
      regions: estate.regions,
    });
    // Each phase of the sync and of what follows it, timed by the pipeline itself, so a regression names
    // its phase. `phases` is reset before each timed sync.
    let phases: Partial<Record<SyncPhase, number>> = {};
    const record = (phase: SyncPhase, ms: number) => {
      phases[phase] = (phases[phase] ?? 0) + ms;
    };
    const deps = {
      ...defaultSyncDependencies(),
      onPhase: record,
    };

    // 1. Full sync into an empty database.
    const first = await timed(async () => {
      const { runId } = await requestSync(client, { awsAccountId: account.id, trigger: "CLI" });
      return syncAccount(client, runId, deps);
    });
    const fullSyncPhases = seconds(phases);
    if (first.value.status !== "SUCCEEDED")
      throw new Error(`The full sync ended ${first.value.status}: ${JSON.stringify(first.value.errors)}`);
    const persistedFindings = await client.finding.count({ where: { awsAccountId: account.id } });

    // 2. Findings persisted per second vs COPY of the same rows, on fresh accounts in the same database.
    const findings = await collectFindings(deps, {
      accountNumber: estate.accountId,
      roleArn: estate.roleArn,
      externalId: estate.externalId,
      regions: estate.regions,
    });
    const rampartRate = await measurePersistRate(client, customer.id, findings);
    const copyRate = await measureCopyRate(client, customer.id, findings);

    // 3. Unchanged re-sync: how long, and how many finding rows it wrote (xmin changes, exact).
    const before = await findingVersions(url, account.id);
    phases = {};
    const second = await timed(async () => {
      const { runId } = await requestSync(client, { awsAccountId: account.id, trigger: "CLI" });
      return syncAccount(client, runId, deps);
    });
    const after = await findingVersions(url, account.id);
    const resyncPhases = seconds(phases);
    let rowsWritten = 0;
    for (const [id, version] of after) if (before.get(id) !== version) rowsWritten += 1;

    const figures = {
      fullSyncSeconds: round(first.seconds),
      fullSyncPhases,
      findingsPersisted: persistedFindings,
      findingsPerSecond: Math.round(rampartRate),
      copyRowsPerSecond: Math.round(copyRate),
      copyRatio: round(rampartRate / copyRate),
      unchangedResyncSeconds: round(second.seconds),
      unchangedResyncPhases: resyncPhases,
      unchangedRowsWritten: rowsWritten,
    };
    const misses = [
      figures.fullSyncSeconds > TARGETS.fullSyncSeconds
        ? `full sync ${figures.fullSyncSeconds}s > ${TARGETS.fullSyncSeconds}s`
        : null,
      figures.copyRatio < TARGETS.copyRatio ? `COPY ratio ${figures.copyRatio} < ${TARGETS.copyRatio}` : null,
      figures.unchangedRowsWritten > TARGETS.unchangedRowsWritten
        ? `unchanged re-sync wrote ${figures.unchangedRowsWritten} finding rows`
        : null,
    ].filter(Boolean);
    console.log(
      `Account: ${SIZE.users} users, ${SIZE.inspectorFindings} Inspector findings, ${SIZE.configEvaluations} Config evaluations`,
    );
    console.log(
      `Full sync:            ${figures.fullSyncSeconds} s (target ≤ ${TARGETS.fullSyncSeconds} s), ${persistedFindings} findings persisted`,
    );
    console.log(`  phases (s):         ${formatPhases(fullSyncPhases)}`);
    console.log(
      `Findings persisted/s: ${figures.findingsPerSecond} vs COPY ${figures.copyRowsPerSecond}/s → ratio ${figures.copyRatio} (target ≥ ${TARGETS.copyRatio})`,
    );
    console.log(
      `Unchanged re-sync:    ${figures.unchangedResyncSeconds} s, ${rowsWritten} finding rows written (target ${TARGETS.unchangedRowsWritten})`,
    );
    console.log(`  phases (s):         ${formatPhases(resyncPhases)}`);
    console.log(`1-minute load average: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs`);
    console.log(misses.length ? `TARGETS MISSED: ${misses.join("; ")}` : "All targets met.");
    console.log(JSON.stringify(figures));
    return misses.length ? 1 : 0;
  } finally {
    await client.$disconnect();
    await closeSqlPool();
    await simulator.close();
    await database.dispose();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/** The five phases first (issue 13 item 5), then the follow-up's other steps. */
const MAIN_PHASES: readonly SyncPhase[] = ["assume", "collect", "persist", "evaluate", "alerts"];
const OTHER_FOLLOW_UPS: readonly SyncPhase[] = FOLLOW_UP_PHASES.filter((phase) => !MAIN_PHASES.includes(phase));
const PHASE_ORDER: readonly SyncPhase[] = [...MAIN_PHASES, ...OTHER_FOLLOW_UPS];

function seconds(phases: Partial<Record<SyncPhase, number>>): Record<SyncPhase, number> {
  return Object.fromEntries(PHASE_ORDER.map((phase) => [phase, round((phases[phase] ?? 0) / 1000)])) as Record<
    SyncPhase,
    number
  >;
}

function formatPhases(phases: Record<SyncPhase, number>): string {
  const list = (names: readonly SyncPhase[]) => names.map((phase) => `${phase} ${phases[phase]}`).join(", ");
  return `${list(MAIN_PHASES)}; other follow-ups: ${list(OTHER_FOLLOW_UPS)}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The findings the collectors return for the account (collected once, outside the timed persistence). */
async function collectFindings(
  deps: ReturnType<typeof defaultSyncDependencies>,
  target: { accountNumber: string; roleArn: string; externalId: string; regions: string[] },
): Promise<CollectedFinding[]> {
  const session = await deps.openSession(target);
  const findings: CollectedFinding[] = [];
  for (const collector of COLLECTORS.filter((c) => c.key === "inspector2" || c.key === "config-service")) {
    for (const region of target.regions) findings.push(...((await collector.collect(session, region)).findings ?? []));
  }
  return findings;
}

async function measurePersistRate(
  client: ReturnType<typeof createPrismaClient>,
  customerId: string,
  findings: CollectedFinding[],
) {
  const account = await createAwsAccount(client, customerId);
  const runId = (await requestSync(client, { awsAccountId: account.id, trigger: "CLI" })).runId;
  const bySourceAndRegion = new Map<string, CollectedFinding[]>();
  for (const finding of findings) {
    const key = `${finding.source}|${finding.region}`;
    bySourceAndRegion.set(key, [...(bySourceAndRegion.get(key) ?? []), finding]);
  }
  const { seconds } = await timed(() =>
    withSqlTransaction(async (sql) => {
      for (const [key, group] of bySourceAndRegion) {
        const [source, region] = key.split("|") as [CollectedFinding["source"], string];
        await persistFindings(sql, {
          customerId,
          awsAccountId: account.id,
          source,
          region,
          syncRunId: runId,
          findings: group,
          now: new Date(),
        });
      }
    }),
  );
  return findings.length / seconds;
}

/** The baseline: COPY of the very same rows (same columns and values, prepared beforehand) into Finding. */
async function measureCopyRate(
  client: ReturnType<typeof createPrismaClient>,
  customerId: string,
  findings: CollectedFinding[],
) {
  const account = await createAwsAccount(client, customerId);
  const now = new Date().toISOString();
  const lines = findings.map(
    (finding) =>
      `${[
        randomUUID(),
        customerId,
        account.id,
        finding.source,
        finding.externalKey,
        finding.title,
        finding.severity,
        finding.status,
        finding.region,
        finding.resourceType,
        finding.resourceId,
        JSON.stringify(finding.details),
        findingContentHash(finding),
        now,
        now,
        finding.observedAt?.toISOString(),
      ]
        .map(copyField)
        .join("\t")}\n`,
  );
  const { seconds } = await timed(() =>
    withSqlTransaction((sql) =>
      sql.copyFrom(
        `COPY "Finding" ("id","customerId","awsAccountId","source","externalKey","title","severity","status","region",
          "resourceType","resourceId","details","contentHash","firstSeenAt","lastSeenAt","observedAt") FROM STDIN`,
        lines,
      ),
    ),
  );
  return findings.length / seconds;
}

async function findingVersions(url: string, awsAccountId: string): Promise<Map<string, string>> {
  const pgClient = new pg.Client({ connectionString: url });
  await pgClient.connect();
  try {
    const { rows } = await pgClient.query<{ id: string; version: string }>(
      `SELECT id, xmin::text AS version FROM "Finding" WHERE "awsAccountId" = $1`,
      [awsAccountId],
    );
    return new Map(rows.map((row) => [row.id, row.version]));
  } finally {
    await pgClient.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
