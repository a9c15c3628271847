// The demo's 90-day score history (../shared/spec/demo-portfolio.md, "History"), replayed in the
// background by `npm start` after the first sync: `tsx scripts/demo-history.ts [--days 90] [--collect-every 7]`.
//
// It runs in its own process with its own AWS simulator (same demo estates, port 0) because the SDK
// takes its endpoint from this process's environment and the live simulator must keep serving "Sync
// now" at today's clock; this one's clock is moved to each replayed day. See lib/demo/replay-history.ts
// for what it writes (history only) and why it collects weekly. Idempotent: a restart resumes.
import { setPriority } from "node:os";
import { formatScore } from "../lib/controls/scoring";
import { createPrismaClient, type PrismaClient } from "../lib/db/client";
import { replayDemoChanges } from "../lib/demo/replay-changes";
import { replayDemoHistory, summarizeHistory } from "../lib/demo/replay-history";
import { readEnv } from "../lib/env";
import { DEMO_ESTATES_DIRECTORY } from "../simulator/estates/demo";
import { DEMO_UNREQUESTED_CHANGE_ACCOUNTS } from "../simulator/estates/demo/timeline";
import { simulatorAwsEnvironment } from "../simulator/sdk-environment";
import { startSimulator } from "../simulator/server";

const FIRST_SYNC_WAIT_MS = 5 * 60_000;

function say(message: string): void {
  process.stdout.write(`[rampart] History: ${message}\n`);
}

function numberArgument(name: string, fallback: number, min: number, max: number): number {
  const position = process.argv.indexOf(name);
  if (position === -1) return fallback;
  const value = Number(process.argv[position + 1]);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} takes a whole number from ${min} to ${max}`);
  }
  return value;
}

/** The live first sync goes first: the replay only competes with it for the CPU. */
async function waitForFirstSync(client: PrismaClient): Promise<void> {
  const deadline = Date.now() + FIRST_SYNC_WAIT_MS;
  while (Date.now() < deadline) {
    const pending = await client.syncRun.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } });
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

async function main(): Promise<void> {
  const settings = readEnv();
  const days = numberArgument("--days", settings.RAMPART_DEMO_HISTORY_DAYS, 0, 365);
  // 1 = collect every day in full (slow: see lib/demo/replay-history.ts); default weekly plus change days.
  const collectEveryDays = numberArgument("--collect-every", 7, 1, 365);
  if (days === 0) return;
  if (!settings.DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it).");
  try {
    // Background work: the web server and the worker keep the CPU first.
    setPriority(10);
  } catch {
    // not permitted here; run at normal priority
  }

  const simulator = await startSimulator({ estates: DEMO_ESTATES_DIRECTORY, port: 0 });
  // The standard SDK variables, for this process only: its collectors reach the history simulator.
  Object.assign(process.env, simulatorAwsEnvironment(simulator), { AWS_MAX_ATTEMPTS: "2" });
  const client = createPrismaClient(settings.DATABASE_URL);
  try {
    await waitForFirstSync(client);
    say(`replaying the last ${days} days of the demo estates in the background (the app is usable meanwhile)…`);
    // Meridian's dev drift as changes nobody requested (issue 15), before the longer score history.
    const changes = await replayDemoChanges({
      client,
      simulator,
      accountNumbers: DEMO_UNREQUESTED_CHANGE_ACCOUNTS,
      days,
    });
    if (changes.detected > 0) say(`${changes.detected} configuration changes nobody requested, with their alerts.`);
    const result = await replayDemoHistory({ client, simulator, days, collectEveryDays, log: say });
    const seconds = (result.durationMs / 1000).toFixed(1);
    say(
      result.customerDays === 0
        ? `already replayed (${result.skippedCustomerDays} customer-days kept).`
        : `${result.customerDays} customer-days replayed in ${seconds} s (${result.collections} account collections; ${result.skippedCustomerDays} customer-days already there).`,
    );
    if (result.findingsResolved + result.findingsBackdated > 0)
      say(
        `findings over the window: ${result.findingsResolved} fixed during it, ${result.findingsBackdated} first seen on a replayed day.`,
      );
    for (const customer of await summarizeHistory(client, days)) {
      say(
        `  ${customer.name.padEnd(26)} ${customer.points.map((point) => `${formatScore(point.score)} (${point.daysAgo} d ago)`).join(" → ")}`,
      );
    }
  } finally {
    await client.$disconnect();
    await simulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[rampart] History replay failed: ${(error as Error).message}\n`);
  process.exit(1);
});
