import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import {
  checkDatabaseReachable,
  type EmbeddedDatabase,
  embeddedUrl,
  isEmbeddedRunning,
  startEmbeddedPostgres,
} from "../../lib/db/embedded";
import { resetEnvCache } from "../../lib/env";
import { runPrisma } from "../../scripts/prisma-cli";

// Test databases: migrate once into a template named after the migrations' hash, then every test file
// (Vitest) or run (Playwright) clones it with CREATE DATABASE … TEMPLATE, which takes milliseconds.

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export interface TestServer {
  /** URL of the maintenance database on the server, for CREATE/DROP DATABASE. */
  adminUrl: string;
  embedded?: EmbeddedDatabase;
}

/**
 * The server for tests and benchmarks: DATABASE_URL's if set, else an embedded one. `durable: false` (the
 * test suites) runs a cluster this process starts without fsync; benchmarks keep the product's settings.
 */
export async function startTestServer(options: { durable?: boolean } = {}): Promise<TestServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const url = new URL(external);
    if (!LOCAL_HOSTS.has(url.hostname)) {
      throw new Error(
        `Refusing to run tests against non-local DATABASE_URL host ${url.hostname}: tests create and drop databases.`,
      );
    }
    await checkDatabaseReachable(external);
    url.pathname = "/postgres";
    return { adminUrl: url.toString() };
  }
  const dataDir = path.resolve(process.env.RAMPART_TEST_DATA_DIR ?? ".rampart/test");
  const port = Number(process.env.TEST_PG_PORT ?? 54339);
  if (isEmbeddedRunning(dataDir)) {
    // Another test run owns the server: share it (each file has its own database anyway) and leave
    // stopping it to its owner.
    return { adminUrl: embeddedUrl(port, "postgres") };
  }
  const embedded = await startEmbeddedPostgres({ dataDir, port, database: "postgres", durable: options.durable });
  return { adminUrl: embedded.url, embedded };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function migrationsHash(): string {
  const dir = path.resolve("prisma/migrations");
  const hash = createHash("sha256");
  for (const entry of readdirSync(dir).sort()) {
    if (entry.endsWith(".toml")) continue;
    hash.update(entry);
    hash.update(readFileSync(path.join(dir, entry, "migration.sql")));
  }
  return hash.digest("hex").slice(0, 12);
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Ensures the migrated template exists and returns its name. */
export async function ensureTemplate(adminUrl: string): Promise<string> {
  const template = `rampart_template_${migrationsHash()}`;
  const exists = await withAdmin(adminUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
    return Boolean(rowCount);
  });
  if (exists) return template;
  // Built under a name of its own and renamed, so concurrent runs never see a half-migrated template.
  const building = `${template}_building_${process.pid}`;
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${building}"`);
  });
  await runPrisma(["migrate", "deploy"], databaseUrl(adminUrl, building), { quiet: true });
  await withAdmin(adminUrl, async (client) => {
    try {
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } catch (error) {
      if ((error as { code?: string }).code !== "42P04") throw error; // another run finished first
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    }
  });
  return template;
}

export async function cloneTemplate(adminUrl: string, template: string, prefix = "rampart_test"): Promise<string> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return name;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export interface FreshDatabase {
  url: string;
  /** Drops the database and stops the server if this process started it. */
  dispose(): Promise<void>;
}

/**
 * A fresh migrated database on the test server (embedded in dataDir/port unless DATABASE_URL is set),
 * made this process's DATABASE_URL. For the Playwright setup and the benchmarks.
 */
export async function startFreshDatabase(options: {
  dataDir: string;
  port: number;
  prefix: string;
  durable?: boolean;
}): Promise<FreshDatabase> {
  process.env.RAMPART_TEST_DATA_DIR ??= options.dataDir;
  process.env.TEST_PG_PORT ??= String(options.port);
  const server = await startTestServer({ durable: options.durable });
  const template = await ensureTemplate(server.adminUrl);
  const database = await cloneTemplate(server.adminUrl, template, options.prefix);
  const url = databaseUrl(server.adminUrl, database);
  process.env.DATABASE_URL = url;
  resetEnvCache();
  return {
    url,
    async dispose() {
      await dropDatabase(server.adminUrl, database).catch(() => undefined);
      await server.embedded?.stop();
    },
  };
}
