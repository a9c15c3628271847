// The built app for the page benchmark: `next build` when .next is missing or older than the sources
// (the same fingerprint as `npm start`), `next start` on a free port against the bench database, and
// next-auth credential sign-ins over plain HTTP, as a browser does them.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { withFreshTotpCode } from "../../lib/auth/testing/fresh-totp";
import { isPortFree } from "../../lib/db/embedded";
import { FINGERPRINT_FILE, isBuildCurrent, sourceFingerprint } from "../build-fingerprint";

const NEXT_BIN = path.resolve("node_modules", ".bin", "next");

/** Builds the app unless the build in .next is current; returns whether it built. */
export async function ensureBuild(env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<boolean> {
  if (isBuildCurrent()) return false;
  say("Building the web app (.next is missing or older than the sources)…");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(NEXT_BIN, ["build"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...env, NODE_ENV: "production" },
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}`))));
  });
  writeFileSync(FINGERPRINT_FILE, sourceFingerprint());
  return true;
}

export async function findFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port += 1) if (await isPortFree(port, "0.0.0.0")) return port;
  throw new Error(`No free port between ${from} and ${from + 99}`);
}

export interface AppServer {
  url: string;
  /** SIGTERM to the server's process group, then SIGKILL after 10 s; resolves when it has exited. */
  stop(): Promise<void>;
  /** SIGKILL to the process group at once, for a process that is exiting. */
  kill(): void;
}

/** `next start` on `port`, in a process group of its own so that stopping it stops all of it. */
export async function startAppServer(port: number, env: NodeJS.ProcessEnv): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  // BENCH_CPU_PROFILE_DIR=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome's
  // DevTools, or `npx tsx scripts/bench/profile-summary.ts <file>`), to see where a page's time goes.
  const profileDir = env.BENCH_CPU_PROFILE_DIR;
  const [command, args] = profileDir
    ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, NEXT_BIN]]
    : [NEXT_BIN, []];
  const child = spawn(command, [...args, "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, NODE_ENV: "production", PORT: String(port), NEXTAUTH_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const remember = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on("data", remember);
  child.stderr?.on("data", remember);
  const server = { url, stop: () => stopProcessGroup(child), kill: () => signalGroup(child, "SIGKILL") };
  try {
    await waitForHealthy(url, child, 120_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${output.join("").slice(-2000)}`);
  }
  return server;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode} before it was healthy`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}

/** The Set-Cookie headers of a response as name=value pairs (attributes dropped). */
function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const index = pair!.indexOf("=");
    if (index > 0) cookies.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
  }
  return cookies;
}

/**
 * Signs in through next-auth's credentials provider (lib/auth/options.ts: fields `email` and `password`)
 * as the sign-in page does: GET /api/auth/csrf for the token and its cookie, then POST the form to
 * /api/auth/callback/credentials with that cookie. Returns the Cookie header of the session.
 */
export async function signIn(url: string, email: string, password: string, mfaSecret?: string): Promise<string> {
  if (!mfaSecret) return signInOnce(url, email, password);
  // The code of a 30 s step is accepted once (ADR 015): on a refusal, try again with the next step's code.
  const cookie = await withFreshTotpCode(mfaSecret, (code) => signInOnce(url, email, password, code).catch(() => null));
  if (!cookie) throw new Error(`Sign-in as ${email} with a TOTP code failed`);
  return cookie;
}

async function signInOnce(url: string, email: string, password: string, code?: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
    },
    body: new URLSearchParams({
      csrfToken,
      email,
      password,
      ...(code ? { code } : {}),
      callbackUrl: `${url}/portfolio`,
      json: "true",
    }),
  });
  const session = cookiesOf(response).get("next-auth.session-token");
  if (!session) throw new Error(`Sign-in as ${email} failed (status ${response.status}, no session cookie)`);
  return `next-auth.session-token=${session}`;
}
