// `npm run bench:evidence-pack`: an evidence pack for a 3-account customer with a quarter of history,
// into a fresh PostgreSQL database. Each account is synced once through the real SDK clients against the
// simulator (100 IAM users, 500 Inspector findings, 200 Config evaluations each); the quarter of history
// is then written as it would be by four evaluations a day for 90 days (result rows, sync runs and daily
// customer scores copied from the real ones). Prints the pack time against its target (≤ 10 s) and against
// a baseline measured in the same run: one SELECT of the customer's whole result history.

import { fixedClock } from "../../lib/clock";
import { defaultSyncDependencies } from "../../lib/collectors/default-dependencies";
import { syncAccount } from "../../lib/collectors/sync-account";
import { requestSync } from "../../lib/collectors/sync-run";
import { createPrismaClient } from "../../lib/db/client";
import { closeSqlPool } from "../../lib/db/sql";
import { generateEvidencePack } from "../../lib/evidence-packs/generate-pack";
import { lastFullQuarter } from "../../lib/evidence-packs/period";
import { createAwsAccount, createCustomer } from "../../prisma/factories";
import { generateEstate } from "../../simulator/generate";
import { simulatorAwsEnvironment } from "../../simulator/sdk-environment";
import { startSimulator } from "../../simulator/server";
import { startFreshDatabase } from "../../test/setup/test-database";

const TARGETS = { packSeconds: 10 };
const EXTERNAL_ID = "bench-evidence-external-id-012345";
const ACCOUNTS = ["555500002221", "555500002222", "555500002223"];
const EVALUATIONS_PER_DAY = 4;
const DAYS = 92;

async function main(): Promise<number> {
  process.env.LOG_LEVEL ??= "error";
  const database = await startFreshDatabase({ dataDir: ".rampart/bench", port: 54361, prefix: "rampart_bench_pack" });
  const client = createPrismaClient(database.url);
  const documents = ACCOUNTS.map((accountId, index) =>
    generateEstate({
      accountId,
      regions: ["us-east-1", "eu-west-1"],
      externalId: EXTERNAL_ID,
      users: 100,
      findings: 500,
      configEvaluations: 200,
      seed: 7 + index,
    }),
  );
  const simulator = await startSimulator({ estateDocuments: documents });
  const asOf = new Date();
  const quarter = lastFullQuarter(asOf);
  const historyStart = new Date(quarter.from.getTime() - 86_400_000);
  simulator.setClock(historyStart, { frozen: true });
  Object.assign(process.env, simulatorAwsEnvironment(simulator));

  try {
    const customer = await createCustomer(client, { externalId: EXTERNAL_ID, name: "Bench Pack Co" });
    for (const accountId of ACCOUNTS) {
      const account = await createAwsAccount(client, customer.id, {
        accountNumber: accountId,
        roleArn: `arn:aws:iam::${accountId}:role/RampartAudit`,
        regions: ["us-east-1", "eu-west-1"],
      });
      const { runId } = await requestSync(client, { awsAccountId: account.id, trigger: "CLI" });
      await syncAccount(client, runId, { ...defaultSyncDependencies(), clock: fixedClock(historyStart) });
    }
    // The quarter of history: every real result, run and daily score repeated at each later evaluation.
    await client.$executeRaw`
      INSERT INTO "ControlResult" ("id", "customerId", "awsAccountId", "controlId", "syncRunId", "status", "severity",
        "reason", "offenders", "needsAttestation", "suppressionId", "evaluatedAt", "isCurrent")
      SELECT md5(r."id" || step::text), r."customerId", r."awsAccountId", r."controlId", r."syncRunId", r."status",
        r."severity", r."reason", r."offenders", r."needsAttestation", r."suppressionId",
        r."evaluatedAt" + (step * interval '6 hours'), false
      FROM "ControlResult" r, generate_series(1, ${DAYS * EVALUATIONS_PER_DAY}) AS step
      WHERE r."customerId" = ${customer.id}`;
    await client.$executeRaw`
      INSERT INTO "SyncRun" ("id", "customerId", "awsAccountId", "status", "trigger", "counts", "queuedAt", "startedAt",
        "finishedAt", "asOf")
      SELECT md5(s."id" || step::text), s."customerId", s."awsAccountId", s."status", 'SCHEDULE', s."counts",
        s."queuedAt", s."startedAt" + (step * interval '6 hours'), s."finishedAt" + (step * interval '6 hours'),
        s."asOf" + (step * interval '6 hours')
      FROM "SyncRun" s, generate_series(1, ${DAYS * EVALUATIONS_PER_DAY}) AS step
      WHERE s."customerId" = ${customer.id}`;
    await client.$executeRaw`
      INSERT INTO "ScoreSnapshot" ("id", "scope", "kind", "customerId", "day", "takenAt", "score",
        "scoreWithoutSuppressions", "passed", "failed", "unknown", "notApplicable", "needsAttestation", "suppressed")
      SELECT md5(s."id" || step::text), 'CUSTOMER', 'DAILY', s."customerId", (s."day" + step), s."takenAt" + (step * interval '1 day'),
        s."score" + (step % 7), s."scoreWithoutSuppressions", s."passed", s."failed", s."unknown", s."notApplicable",
        s."needsAttestation", s."suppressed"
      FROM "ScoreSnapshot" s, generate_series(1, ${DAYS}) AS step
      WHERE s."customerId" = ${customer.id} AND s."scope" = 'CUSTOMER' AND s."kind" = 'DAILY'`;
    const historyRows = await client.controlResult.count({ where: { customerId: customer.id } });

    const baseline = await timed(
      () =>
        client.$queryRaw`SELECT "awsAccountId", "controlId", "status", "evaluatedAt" FROM "ControlResult" WHERE "customerId" = ${customer.id}`,
    );
    const pack = await timed(() =>
      generateEvidencePack(
        client,
        customer.id,
        { asOf, ...quarter },
        { generatedBy: "bench", generatedAt: asOf.toISOString() },
      ),
    );
    const figures = {
      packSeconds: round(pack.seconds),
      baselineSeconds: round(baseline.seconds),
      ratioToBaseline: round(pack.seconds / baseline.seconds),
      historyRows,
      zipBytes: pack.value.zip.length,
      files: pack.value.manifest.files.length,
    };
    const missed = figures.packSeconds > TARGETS.packSeconds;
    console.log(
      `Customer: ${ACCOUNTS.length} accounts, ${historyRows} stored results over ${DAYS} days (${EVALUATIONS_PER_DAY} evaluations a day)`,
    );
    console.log(
      `Evidence pack:        ${figures.packSeconds} s (target ≤ ${TARGETS.packSeconds} s), ${figures.files} files, ${figures.zipBytes} bytes`,
    );
    console.log(
      `Baseline (one SELECT of the whole result history): ${figures.baselineSeconds} s → pack is ${figures.ratioToBaseline}× it`,
    );
    console.log(
      missed ? `TARGETS MISSED: pack ${figures.packSeconds} s > ${TARGETS.packSeconds} s` : "All targets met.",
    );
    console.log(JSON.stringify(figures));
    return missed ? 1 : 0;
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

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
