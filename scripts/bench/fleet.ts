// `npm run bench:fleet`: how many accounts one sync worker keeps current. 100 generated accounts in the AWS
// simulator, which answers like AWS (50–150 ms per call, AWS's documented request rates per account, region
// and API: simulator/core/aws-pacing.ts), are synced through the real pg-boss queue by real worker processes
// (`scripts/worker.ts`), first by one worker and then, into a second fresh database, by two. Prints accounts
// per hour per worker, the scaling from one to two workers, each worker's peak RSS, the throttled calls and
// the runs that did not succeed. Targets: ≥ 1,000 accounts per hour per worker, RSS < 1 GiB, no run FAILED or
// PARTIAL. Exits non-zero on a miss; the last line is the figures as JSON.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { requestSync } from "../../lib/collectors/sync-run";
import { createPrismaClient, type PrismaClient } from "../../lib/db/client";
import { resetEnvCache } from "../../lib/env";
import { enqueueSyncRun, stopQueueSender } from "../../lib/jobs/queue";
import { createAwsAccount, createCustomer } from "../../prisma/factories";
import { generateEstate } from "../../simulator/generate";
import { simulatorAwsEnvironment } from "../../simulator/sdk-environment";
import { type SimulatorHandle, startSimulator } from "../../simulator/server";
import {
  cloneTemplate,
  databaseUrl,
  dropDatabase,
  ensureTemplate,
  startTestServer,
} from "../../test/setup/test-database";

const TARGETS = { accountsPerHourPerWorker: 1_000, peakRssMiB: 1_024, unsuccessfulRuns: 0 };
const ACCOUNTS = Number(process.env.BENCH_FLEET_ACCOUNTS ?? 100);
const ACCOUNTS_PER_CUSTOMER = 4;
const REGIONS = ["us-east-1", "eu-west-1"];
// A mid-sized account: enough users, findings and evaluations that every collector pages at least once.
const ESTATE_SIZE = { users: 60, findings: 400, configEvaluations: 150 };
const RUN_TIMEOUT_MS = Number(process.env.BENCH_FLEET_TIMEOUT_SECONDS ?? 1_800) * 1000;

interface Phase {
  workers: number;
  seconds: number;
  accountsPerHourPerWorker: number;
  peakRssMiB: number[];
  statuses: Record<string, number>;
  throttledCalls: number;
  calls: number;
}

async function main(): Promise<number> {
  process.env.LOG_LEVEL ??= "error";
  process.env.RAMPART_TEST_DATA_DIR ??= ".rampart/bench";
  process.env.TEST_PG_PORT ??= "54359";
  console.log("Starting PostgreSQL and migrating the template database…");
  const server = await startTestServer();
  const template = await ensureTemplate(server.adminUrl);

  const estates = Array.from({ length: ACCOUNTS }, (_, position) => {
    const accountId = String(720_000_000_000 + position);
    // The ExternalId belongs to the customer: the accounts of one customer trust the same one.
    const customer = Math.floor(position / ACCOUNTS_PER_CUSTOMER);
    const externalId = `fleet-external-id-${String(customer).padStart(4, "0")}-0123456789`;
    return {
      accountId,
      externalId,
      document: generateEstate({ accountId, regions: REGIONS, externalId, seed: position + 1, ...ESTATE_SIZE }),
    };
  });
  const simulator = await startSimulator({
    estateDocuments: estates.map((estate) => estate.document),
    pacing: { latencyMs: [50, 150], rateLimits: true },
  });
  simulator.setClock(new Date(), { frozen: true });
  const awsEnvironment = simulatorAwsEnvironment(simulator);
  Object.assign(process.env, awsEnvironment);

  const phases: Phase[] = [];
  try {
    for (const workers of [1, 2]) {
      const database = await cloneTemplate(server.adminUrl, template, `rampart_fleet_${workers}`);
      const url = databaseUrl(server.adminUrl, database);
      try {
        phases.push(await runPhase({ workers, url, estates, simulator, awsEnvironment }));
      } finally {
        await dropDatabase(server.adminUrl, database).catch(() => undefined);
      }
    }
  } finally {
    await simulator.close();
    await server.embedded?.stop();
  }

  const [one, two] = phases;
  const figures = {
    accounts: ACCOUNTS,
    concurrencyPerWorker: Number(process.env.SYNC_WORKER_CONCURRENCY ?? 2),
    oneWorker: one,
    twoWorkers: two,
    /** Total throughput of two workers over one worker's (2.0 is linear). */
    scaling: round((two.accountsPerHourPerWorker * 2) / one.accountsPerHourPerWorker),
  };
  const misses = phases.flatMap((phase) => [
    phase.accountsPerHourPerWorker < TARGETS.accountsPerHourPerWorker
      ? `${phase.workers} worker(s): ${phase.accountsPerHourPerWorker} accounts/h/worker < ${TARGETS.accountsPerHourPerWorker}`
      : null,
    ...phase.peakRssMiB.map((rss, index) =>
      rss >= TARGETS.peakRssMiB ? `worker ${index + 1} of ${phase.workers}: peak RSS ${rss} MiB` : null,
    ),
    unsuccessful(phase) > TARGETS.unsuccessfulRuns
      ? `${phase.workers} worker(s): ${unsuccessful(phase)} runs not SUCCEEDED (${JSON.stringify(phase.statuses)})`
      : null,
  ]);
  const failed = misses.filter(Boolean);
  console.log(`Fleet: ${ACCOUNTS} accounts × ${REGIONS.length} regions, ${JSON.stringify(ESTATE_SIZE)} each`);
  console.log("AWS-like simulator: 50–150 ms per call, AWS's documented request rates per account/region/API");
  for (const phase of phases) {
    console.log(
      `${phase.workers} worker(s): ${phase.seconds} s → ${phase.accountsPerHourPerWorker} accounts/h/worker ` +
        `(target ≥ ${TARGETS.accountsPerHourPerWorker}); peak RSS ${phase.peakRssMiB.join(", ")} MiB ` +
        `(target < ${TARGETS.peakRssMiB}); runs ${JSON.stringify(phase.statuses)}; ` +
        `${phase.throttledCalls} of ${phase.calls} calls throttled`,
    );
  }
  console.log(`Scaling from one to two workers: ×${figures.scaling} (2.0 is linear)`);
  console.log(failed.length ? `TARGETS MISSED: ${failed.join("; ")}` : "All targets met.");
  console.log(JSON.stringify(figures));
  return failed.length ? 1 : 0;
}

function unsuccessful(phase: Phase): number {
  return Object.entries(phase.statuses)
    .filter(([status]) => status !== "SUCCEEDED")
    .reduce((sum, [, count]) => sum + count, 0);
}

async function runPhase(input: {
  workers: number;
  url: string;
  estates: { accountId: string; externalId: string }[];
  simulator: SimulatorHandle;
  awsEnvironment: Record<string, string>;
}): Promise<Phase> {
  process.env.DATABASE_URL = input.url;
  resetEnvCache();
  const client = createPrismaClient(input.url);
  const children: ChildProcess[] = [];
  try {
    const accountIds: string[] = [];
    for (let start = 0; start < input.estates.length; start += ACCOUNTS_PER_CUSTOMER) {
      const group = input.estates.slice(start, start + ACCOUNTS_PER_CUSTOMER);
      const customer = await createCustomer(client, { externalId: group[0].externalId });
      for (const estate of group) {
        const account = await createAwsAccount(client, customer.id, {
          accountNumber: estate.accountId,
          roleArn: `arn:aws:iam::${estate.accountId}:role/RampartAudit`,
          regions: REGIONS,
        });
        accountIds.push(account.id);
      }
    }

    console.log(`${input.workers} worker(s): ${accountIds.length} accounts created; starting the worker process(es)…`);
    for (let index = 0; index < input.workers; index += 1) children.push(startWorkerProcess(input));
    await Promise.all(children.map(waitUntilStarted));

    input.simulator.clearRequests();
    const started = performance.now();
    for (const awsAccountId of accountIds) {
      const { runId } = await requestSync(client, { awsAccountId, trigger: "CLI" });
      await enqueueSyncRun(runId);
    }
    console.log(`${input.workers} worker(s): ${accountIds.length} syncs queued…`);
    await waitForRuns(client, accountIds.length);
    const seconds = (performance.now() - started) / 1000;

    const peakRssMiB = children.map((child) => peakRss(child.pid));
    const grouped = await client.syncRun.groupBy({ by: ["status"], _count: { _all: true } });
    const requests = input.simulator.requests();
    return {
      workers: input.workers,
      seconds: round(seconds),
      accountsPerHourPerWorker: Math.round(((accountIds.length / seconds) * 3600) / input.workers),
      peakRssMiB,
      statuses: Object.fromEntries(grouped.map((row) => [row.status, row._count._all])),
      throttledCalls: requests.filter((request) => request.fault === "rate").length,
      calls: requests.length,
    };
  } finally {
    await stopQueueSender();
    await Promise.all(children.map(stopChild));
    await client.$disconnect();
  }
}

function startWorkerProcess(input: { url: string; awsEnvironment: Record<string, string> }): ChildProcess {
  // One node process per worker (tsx as a loader, not its CLI wrapper), so its RSS is the worker's own.
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/worker.ts")], {
    env: {
      ...process.env,
      ...input.awsEnvironment,
      DATABASE_URL: input.url,
      LOG_LEVEL: "info",
      // No scheduled sync during the bench: only the runs it queues.
      SYNC_SCHEDULE: "0 0 1 1 *",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return child;
}

function waitUntilStarted(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes("sync worker started")) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`A worker exited (${code}) before it started. Its output:\n${buffered.slice(-4000)}`)),
    );
  });
}

async function waitForRuns(client: PrismaClient, expected: number): Promise<void> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const finished = await client.syncRun.count({ where: { status: { in: ["SUCCEEDED", "PARTIAL", "FAILED"] } } });
    if (finished >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The fleet's runs did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
}

/** Peak resident set (VmHWM) of a live process, in MiB. */
function peakRss(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return Math.round(kib / 1024);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
